"""How the program's own text layouts mark prose, so that a clerk's line that looks like
a heading, a sub-heading, a table row or a signature is read back as prose.

The txt layout (templates/report.txt.j2) indents every prose paragraph by two
ideographic spaces (首行缩进两字) and never indents a heading or a table row; the
Markdown layout writes headings as `#` lines and tables as `|` lines, and escapes every
prose text, so a prose line never starts with `#`, `|` or `*`. A text is taken to be in
one of these layouts when all six section headings stand exactly as it writes them; a
published text (no such marks) is read as before. Stdlib only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..report.data import SECTION_TITLES
from ..report.layout import PROSE_INDENT

_MD_ESCAPED = re.compile(r"\\([\\`*_\[\]<>#|~!+=\-.)0-9])")


@dataclass(frozen=True)
class ProseMarks:
    """The prose marking of a text: "txt", "md", or "" for a published text."""

    kind: str = ""

    def is_prose(self, line: str) -> bool:
        """Whether a line is marked as prose (never a heading, table row or signature)."""
        if self.kind == "txt":
            return _indented(line)
        if self.kind == "md":
            stripped = line.strip()
            return bool(stripped) and not stripped.startswith(("#", "|", "*"))
        return False

    def structure(self, lines: Sequence[str]) -> list[str]:
        """The lines with prose blanked: what headings are looked for in."""
        return ["" if self.is_prose(line) else line for line in lines]

    def text(self, paragraphs: str) -> str:
        """Prose as the clerk wrote it: Markdown escapes (`\\|`, `\\[`, `&amp;`) undone."""
        if self.kind != "md":
            return paragraphs
        return _MD_ESCAPED.sub(r"\1", paragraphs.replace("&amp;", "&"))


def _indented(line: str) -> bool:
    """Exactly two ideographic spaces, then text: a paragraph's first-line indent (a
    right-aligned date or signature is pushed by many more)."""
    return line.startswith(PROSE_INDENT) and line[2:3] not in ("", " ", "\u3000", "\t")


def prose_marks(lines: Sequence[str]) -> ProseMarks:
    """The marking a text uses, from how its six section headings and its paragraphs
    stand."""
    present = set(lines)
    if all(title in present for title in SECTION_TITLES) and any(map(_indented, lines)):
        return ProseMarks("txt")
    if all(f"## {title}" in present for title in SECTION_TITLES):
        return ProseMarks("md")
    return ProseMarks()


PUBLISHED = ProseMarks()  # a text with no prose marks: every line may be structure

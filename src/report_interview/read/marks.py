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

from ..report.data import OVERVIEW_PARTS, SECTION_TITLES
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
    """The marking a text uses: the program's own layouts are known by all six section
    headings and all five sub-headings of 一 standing exactly as they write them (so a
    published text whose sub-headings are indented like its paragraphs is not taken for
    one), and, for the txt layout (and Word files and web pages laid out as it), paragraphs
    indented by two ideographic spaces."""
    present = set(lines)
    headings = all(title in present for title in SECTION_TITLES)
    # the txt layout writes "（一）主动公开：", a Word file or web page "（一）主动公开"
    parts = all(label in present or f"{label}：" in present for _, label in OVERVIEW_PARTS)
    if headings and parts and any(map(_indented, lines)):
        return ProseMarks("txt")
    md = [*(f"## {title}" for title in SECTION_TITLES),
          *(f"### {label}" for _, label in OVERVIEW_PARTS)]  # fmt: skip
    if all(line in present for line in md):
        return ProseMarks("md")
    return ProseMarks()


PUBLISHED = ProseMarks()  # a text with no prose marks: every line may be structure

"""Prose lines → paragraphs, as they were written: the lines of a text that a PDF viewer,
`pdftotext -layout` or a web page's `<br>` wrapped at a fixed width are joined again.

Such a text is known by its lines: most long ones end at about the same column (the
wrap width). A paragraph then starts at a first-line indent (公文 paragraphs have one) or
a heading, and ends at a line ending short of the wrap width; a blank line after a full
line is a page break inside the paragraph. A full line ending in 。 ends its paragraph
only in a text without first-line indents (where nothing else can tell). A text that
is not wrapped (a Word or web copy: one paragraph per line) is read line by line as
before: a blank line or a final stop ends a paragraph, a long line without one was
wrapped by a converter. Stdlib only.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import median

_SENTENCE_END = ("。", "！", "？", "；", "：", "!", "?", ";", ":", "…")
_WRAPPED = 15  # a line at least this long without a final stop was wrapped by a converter
_LONG = 20  # display columns: a line this wide may be a full line of a wrapped text
_NEAR = 4  # columns: full lines of a wrapped text end this close to the wrap width
_SHORT = 6  # columns (three Chinese characters) short of the wrap width ends a paragraph
_TABLE_GAP = re.compile(r"\S {3,}\S|\t|\|")
_HEADING = re.compile(
    r"\s*(?:[一二三四五六七八九十]\s*[、.．]|[(（]\s*[一二三四五六七八九十]\s*[)）])"
)


def width(text: str) -> int:
    """Display columns of a text: a Chinese (wide) character takes two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _indent(line: str) -> int:
    """Columns of leading whitespace (an ideographic space is two)."""
    return width(line) - width(line.lstrip())


@dataclass(frozen=True)
class Wrap:
    """How a text's prose was wrapped: the display width full lines end at (0 when the
    text is not wrapped at a fixed width), the column its lines start at, and whether
    its paragraphs have a first-line indent."""

    width: int = 0
    margin: int = 0
    indented: bool = False

    def full(self, line: str) -> bool:
        """Whether a line runs to the wrap width (its paragraph goes on)."""
        return width(line.rstrip()) >= self.width - _SHORT

    def indents(self, line: str) -> bool:
        """Whether a line starts with a first-line indent."""
        return self.indented and _indent(line) >= self.margin + 2


NOT_WRAPPED = Wrap()


def wrap_of(lines: Iterable[str]) -> Wrap:
    """The text's wrap, from its prose lines (table rows left out): wrapped when at least
    four long lines, and half of them, end within a few columns of their median."""
    prose = [line.rstrip() for line in lines if line.strip() and not _TABLE_GAP.search(line)]
    long = [line for line in prose if width(line) >= _LONG]
    if len(long) < 4:
        return NOT_WRAPPED
    edge = round(median(width(line) for line in long))
    full = [line for line in long if abs(width(line) - edge) <= _NEAR]
    if 2 * len(full) < len(long):
        return NOT_WRAPPED
    margin = min(_indent(line) for line in full)
    indented = sum(_indent(line) >= margin + 2 for line in prose) >= 2
    return Wrap(edge, margin, indented)


def _starts(line: str, wrap: Wrap) -> bool:
    """Whether a line of a wrapped text starts a paragraph by itself: indented, or a
    heading (一、… （一）…) standing at the margin."""
    return wrap.indents(line) or (
        _HEADING.match(line) is not None
        and _indent(line) <= wrap.margin + 2
        and not wrap.full(line)
    )


def _wrapped(lines: Iterable[str], wrap: Wrap) -> list[list[str]]:
    """The paragraphs of a wrapped text (see the module's docstring); blank lines do not
    matter (a page break may fall inside a paragraph)."""
    paragraphs: list[list[str]] = []
    going_on = False
    for raw in lines:
        text = raw.strip()
        if not text:
            continue
        if going_on and not _starts(raw, wrap):
            paragraphs[-1].append(text)
        else:
            paragraphs.append([text])
        going_on = wrap.full(raw) and (wrap.indented or not text.endswith(_SENTENCE_END))
    return paragraphs


def _continues(previous: str, indent: int, raw: str) -> bool:
    """Whether a line of a text that is not wrapped continues the one before it: that one
    is long, has no final stop and this one is not indented deeper (a converter wrapped
    the paragraph)."""
    last = previous.rstrip()
    return (
        len(last.strip()) >= _WRAPPED
        and not last.endswith(_SENTENCE_END)
        and (_indent(raw) <= indent)
    )


def _unwrapped(lines: Iterable[str]) -> list[list[str]]:
    """The paragraphs of a text that is not wrapped: a blank line, a full stop at the end
    of a line or a deeper indent ends one."""
    paragraphs: list[list[str]] = []
    previous, indent = "", 0
    for raw in lines:
        text = raw.strip()
        if text and paragraphs and previous and _continues(previous, indent, raw):
            paragraphs[-1].append(text)
        elif text:
            paragraphs.append([text])
        previous, indent = (raw, _indent(raw)) if text else ("", 0)
    return paragraphs


def join_paragraphs(lines: Sequence[str], wrap: Wrap = NOT_WRAPPED) -> str:
    """Text lines as paragraphs joined by newlines, by the text's wrap."""
    paragraphs = _wrapped(lines, wrap) if wrap.width else _unwrapped(lines)
    return "\n".join("".join(parts) for parts in paragraphs)

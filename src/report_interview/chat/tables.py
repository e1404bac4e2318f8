"""Plain-text tables for the terminal, aligned by display width.

A Chinese character takes two columns of a terminal, so `str.ljust` misaligns them;
widths here follow report/text_rules.display_width (W and F are two columns).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..report.text_rules import display_width

width = display_width  # columns a text takes in a terminal


def pad(text: str, columns: int, *, right: bool = False) -> str:
    """`text` padded with spaces to `columns` display columns."""
    space = " " * max(columns - width(text), 0)
    return space + text if right else text + space


def aligned(rows: Sequence[Sequence[str]], *, numeric_from: int = 1, gap: str = "  ") -> list[str]:
    """Rows of cells as lines; cells from column `numeric_from` on are right-aligned."""
    if not rows:
        return []
    count = max(len(row) for row in rows)
    cells = [[*row, *[""] * (count - len(row))] for row in rows]
    widths = [max(width(row[i]) for row in cells) for i in range(count)]
    return [
        gap.join(
            pad(cell, widths[i], right=i >= numeric_from) for i, cell in enumerate(row)
        ).rstrip()
        for row in cells
    ]


def clip(text: str, columns: int) -> str:
    """`text` cut to `columns` display columns, with … where it was cut."""
    if width(text) <= columns:
        return text
    out = ""
    for char in text:
        if width(out + char) > columns - 1:
            break
        out += char
    return out + "…"


# Punctuation that must not begin a line (it stays with the text before it), and
# punctuation that must not end one (it goes with the text after it).
CLOSING = frozenset("，。、；：？！）》」』】〕〗”’…%‰℃,.;:!?)]}")
OPENING = frozenset("（《「『【〔〖“‘([{")
# Where a banner may break: after these, or before an opening bracket.
_PHRASE_ENDS = frozenset("，；：。！？")


def _tokens(text: str) -> list[str]:
    """The text as tokens: a run of spaces, a run of ASCII letters/digits/signs (a word,
    a number, a phone number, an address), a run of digits, or any other character."""
    tokens: list[str] = []
    for char in text:
        last = tokens[-1] if tokens else ""
        if last and (
            (char.isspace() and last[-1].isspace())
            or (_ascii_word(char) and _ascii_word(last[-1]))
            or (char.isdigit() and last[-1].isdigit())
        ):
            tokens[-1] += char
        else:
            tokens.append(char)
    return tokens


def _ascii_word(char: str) -> bool:
    return char.isascii() and char.isprintable() and not char.isspace()


def _glued(before: str, after: str) -> bool:
    """Whether no line may break between two adjacent tokens: before closing
    punctuation, after opening punctuation, inside a number, between a number and the
    unit that follows it (4条, 2023年, 1.5万), inside —— and ……."""
    first, last = after[0], before[-1]
    if first in CLOSING or last in OPENING or (first == last == "—"):
        return True
    return last.isdigit() and (first.isdigit() or (width(first) == 2 and first not in OPENING))


def segments(text: str) -> list[str]:
    """The text cut where a line may break: runs of spaces, and the pieces between."""
    pieces: list[str] = []
    for token in _tokens(text):
        last = pieces[-1] if pieces else ""
        if last and not token[0].isspace() and not last[-1].isspace() and _glued(last, token):
            pieces[-1] += token
        else:
            pieces.append(token)
    return pieces


def _hard_split(piece: str, room: int) -> list[str]:
    """A piece wider than a line, cut into lines: where possible not before closing
    punctuation and not inside a number."""
    lines: list[str] = []
    while width(piece) > room:
        fits, used = 1, width(piece[0])
        while used + width(piece[fits]) <= room:
            used += width(piece[fits])
            fits += 1
        cut = next((i for i in range(fits, 0, -1) if _may_cut(piece, i)), fits)
        lines.append(piece[:cut])
        piece = piece[cut:]
    return [*lines, piece]


def _may_cut(piece: str, at: int) -> bool:
    before, after = piece[at - 1], piece[at]
    return (
        after not in CLOSING
        and before not in OPENING
        and not (before.isdigit() and after.isdigit())
    )


def line_pieces(text: str, room: int) -> list[str]:
    """segments(), with any piece wider than a line of `room` columns cut into lines."""
    return [
        part
        for piece in segments(text)
        for part in (_hard_split(piece, room) if width(piece) > room else [piece])
    ]


def _fill(text: str, room: int) -> list[str]:
    """The text's pieces packed greedily into lines of at most `room` columns; spaces
    where a line breaks are dropped."""
    lines: list[str] = []
    line = ""
    for piece in line_pieces(text, room):
        if piece.isspace():
            line += piece if line else ""
        elif width(line + piece) <= room:
            line += piece
        else:
            if line.strip():
                lines.append(line.rstrip())
            line = piece
    return [*lines, line.rstrip()]


def wrap(text: str, *, indent: str = "  ", columns: int = 80) -> list[str]:
    """Text wrapped by display width, every line (and each of its own lines) indented.
    A line never starts with closing punctuation, never ends with opening punctuation,
    and never splits a number or a number from its unit; spaces at a break are dropped."""
    room = max(columns - width(indent), 2)
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        lines += [(indent + line).rstrip() for line in _fill(paragraph.strip(), room)]
    return lines


def phrases(text: str) -> list[str]:
    """The text cut into phrases: after ，；：。！？ and before an opening bracket."""
    pieces = [""]
    for char in text:
        if char in OPENING and pieces[-1].strip():
            pieces.append("")
        pieces[-1] += char
        if char in _PHRASE_ENDS:
            pieces.append("")
    return [piece for piece in pieces if piece]


def wrap_phrases(text: str, columns: int = 80) -> list[str]:
    """A heading wrapped between phrases rather than inside one (a phrase longer than
    a line is wrapped as any text)."""
    pieces = [part for phrase in phrases(text) for part in _fill(phrase, columns)]
    lines: list[str] = []
    line = ""
    for piece in pieces:
        if line and width(line + piece) > columns:
            lines.append(line.rstrip())
            line = piece.lstrip()
        else:
            line += piece
    return [*lines, line.rstrip()]

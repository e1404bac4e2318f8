"""Headings 一–六, the title (body's name, year, kind of body) and the narrative.

The title gives the body's name and the year (2023 or 二〇二三, spaces allowed). Narrative
parts are kept as written, lines wrapped by a PDF converter joined: section 一 is split at
its sub-headings （一）…（五）; 六 is taken without a closing date or signature line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..report.data import (
    OVERVIEW_PARTS,
    Overview,
)
from ..report.prose import years_in
from .cells import CJK, squash
from .marks import PUBLISHED, ProseMarks
from .paragraphs import NOT_WRAPPED, Wrap, join_paragraphs, width

_HEADING = re.compile(r"[#*\s]*([一二三四五六七八九十])\s*[、.．,，]\s*(.{2,40}?)[\s*#:：。]*")
_NUMERALS = "一二三四五六七八九十"
# (loose words, the distinctive part of the exact title) of sections 一–六.
_SECTION_WORDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(loose), exact)
    for loose, exact in (
        ("总体|概述", "总体情况"),
        ("主动公开", "主动公开政府信息"),
        ("申请", "收到和处理政府信息公开申请"),
        ("复议|诉讼", "行政复议"),
        ("问题|改进", "存在的主要问题"),
        ("其他|其它", "其他需要报告"),
    )
)


def _heading_candidates(lines: Sequence[str]) -> list[tuple[int, int, str]]:
    """(line index, numeral value, title text) of each line shaped like a heading."""
    found = []
    for i, line in enumerate(lines):
        if "\t" in line or "|" in line or len(line) > 60:
            continue
        match = _HEADING.fullmatch(line)
        if match:
            found.append((i, _NUMERALS.index(match.group(1)) + 1, squash(match.group(2))))
    return found


def find_headings(lines: Sequence[str]) -> list[int | None]:
    """Line index of each section heading 一–六 (None if missing), in increasing order.
    A heading with the exact distinctive title wins; otherwise the right numeral and a
    loose keyword are needed (so "一、本年新收…申请数量" is not section 三)."""
    candidates = _heading_candidates(lines)
    heads: list[int | None] = []
    for s, (loose, exact) in enumerate(_SECTION_WORDS):
        strong = next((i for i, _, text in candidates if exact in text), None)
        weak = next((i for i, n, text in candidates if n == s + 1 and loose.search(text)), None)
        heads.append(strong if strong is not None else weak)
    last = -1
    for s, head in enumerate(heads):
        if head is not None and head <= last:
            heads[s] = None
        elif head is not None:
            last = head
    return heads


def report_headings(lines: Sequence[str]) -> int:
    """How many of the six sections have a heading with their exact distinctive title
    (主动公开政府信息, 收到和处理政府信息公开申请 …): words only this report uses."""
    titles = [text for _, _, text in _heading_candidates(lines)]
    return sum(any(exact in text for text in titles) for _, exact in _SECTION_WORDS)


def region(lines: Sequence[str], heads: Sequence[int | None], section: int) -> Sequence[str]:
    """The lines of a section (heading excluded); the whole text when it has no heading."""
    start = heads[section]
    if start is None:
        return lines
    later = [head for head in heads[section + 1 :] if head is not None]
    return lines[start + 1 : later[0] if later else len(lines)]


_YEAR = r"(?P<year>(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})"
_TITLES = (
    re.compile(rf"(?P<pre>.*?){_YEAR}年度?(?P<mid>.*?)(?:政府信息公开|政务公开|信息公开).*报告"),
    re.compile(rf"(?P<pre>.*?)(?:政府信息公开|政务公开)(?:工作)?{_YEAR}年度?(?P<mid>)报告"),
)
_NAME_TRIM = "《》“”\"'：:，,。()（）#* "


@dataclass(frozen=True)
class Title:
    index: int
    name: str
    year: int
    last: int = -1  # the title's last line, when it was split over several

    @property
    def end(self) -> int:
        """The first line after the title."""
        return max(self.index, self.last) + 1


def title_match(line: str) -> re.Match[str] | None:
    squashed = squash(line).strip("#*")
    if not squashed or len(squashed) > 60:
        return None
    return next((m for m in (t.search(squashed) for t in _TITLES) if m), None)


def _org_name(match: re.Match[str], lines: Sequence[str], index: int) -> str:
    """The body's name: before the year, or between year and 政府信息公开, or the line
    above when the title was broken after the name."""
    name = (match.group("pre") or match.group("mid")).strip(_NAME_TRIM)
    name = name.removesuffix("关于").removesuffix("度").strip(_NAME_TRIM)
    if name or index == 0:
        return name
    above = next((line for line in reversed(lines[:index]) if line.strip()), "")
    above = squash(above).strip(_NAME_TRIM)
    return above if 0 < len(above) <= 30 and CJK.search(above) else ""


def find_title(lines: Sequence[str], heads: Sequence[int | None]) -> Title | None:
    """The report's title (before section 一), with the body's name and year: a line
    that is a title, else two or three short lines that together are one (a centred
    title wrapped by Word, a PDF converter or a web page)."""
    first_head = next((head for head in heads if head is not None), len(lines))
    top = lines[: min(first_head, 40)]
    for i, line in enumerate(top):
        match = title_match(line)
        if match is not None:
            year = next(years_in(match.group("year") + "年"), (0, ""))[0]
            return Title(i, _org_name(match, lines, i), year)
    return _split_title(top)


_TITLE_PIECE = 30  # a piece of a wrapped title is short and is no sentence


def _split_title(lines: Sequence[str]) -> Title | None:
    """A title wrapped over two or three consecutive non-blank short lines."""
    pieces = [(i, line.strip()) for i, line in enumerate(lines) if line.strip()]
    for n, (i, first) in enumerate(pieces):
        joined = first
        for j, piece in pieces[n + 1 : n + 3]:
            if len(piece) > _TITLE_PIECE or len(joined) > 2 * _TITLE_PIECE:
                break
            joined += piece
            match = title_match(joined)
            if match is not None:
                year = next(years_in(match.group("year") + "年"), (0, ""))[0]
                return Title(i, _org_name(match, (), 0), year, j)
    return None


# ---------------------------------------------------------------- the body

# ---------------------------------------------------------------- narrative

_SUBHEADING = re.compile(r"[#*\s]*[(（]\s*([一二三四五])\s*[)）]\s*(.*)")
_SUBHEAD_TEXT = re.compile(r"(?P<head>[^。:：,，；;！!？?]{0,20}?)\s*(?:[:：。]|$)\s*(?P<text>.*)")
_PART_WORDS = re.compile(
    r"(?:主动公开|依申请公开|政府信息管理|(?:政府信息公开)?平台建设|监督保障)(?:情况|方面|工作)?"
)


def _subheading(line: str) -> tuple[int, str] | None:
    """(part index, text after the heading on the same line) of a （一）…（五） line."""
    match = _SUBHEADING.fullmatch(line)
    if match is None:
        return None
    part, rest = "一二三四五".index(match.group(1)), match.group(2).strip()
    inline = _SUBHEAD_TEXT.fullmatch(rest)
    if inline is not None:
        return part, inline.group("text").strip()
    words = _PART_WORDS.match(rest)
    return part, rest[words.end() :].lstrip("，,。：: ") if words else rest


def read_overview(
    lines: Iterable[str], marks: ProseMarks = PUBLISHED, wrap: Wrap = NOT_WRAPPED
) -> Overview:
    """Section 一 split at its sub-headings （一）…（五）, in order (a later number may
    skip one); text before the first sub-heading is kept with （一）主动公开. A line
    marked as prose is never a sub-heading; the text after a sub-heading on its line
    ("（五）监督保障情况。进一步细化…") starts its part, and its wrapped lines go on."""
    parts: list[list[str]] = [[] for _ in OVERVIEW_PARTS]
    current = 0
    started = False
    for line in lines:
        sub = None if marks.is_prose(line) else _subheading(line)
        if sub is not None and (sub[0] > current or not started):
            current, started = sub[0], True
            # the heading's place is kept as blank columns: the line still runs to the
            # wrap width, so the lines it was wrapped into join it
            text = sub[1].strip()
            parts[current].append(" " * (width(line.rstrip()) - width(text)) + text if text else "")
            continue
        parts[current].append(line)
    texts = {
        key: marks.text(join_paragraphs(part, wrap))
        for (key, _), part in zip(OVERVIEW_PARTS, parts, strict=True)
    }
    return Overview(**texts)


_DATE_LINE = re.compile(r"(?:\d{4}|[〇零一二三四五六七八九]{4})年\d{1,2}月\d{1,2}日")


def without_signature(lines: Sequence[str], name: str) -> Sequence[str]:
    """Section 六 without the closing signature: trailing lines that are only a date
    (2024年1月20日) or the body's name."""
    end = len(lines)
    while end and (
        not lines[end - 1].strip()
        or _DATE_LINE.fullmatch(squash(lines[end - 1]))
        or squash(lines[end - 1]) == name
    ):
        end -= 1
    return lines[:end]

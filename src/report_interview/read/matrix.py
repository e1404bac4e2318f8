"""Section 三, the application matrix: rows found by the distinctive part of their label.

Rows are found by the distinctive part of their label (国家秘密, 第三方, 不掌握 …), not by
the whole label, so typing errors in the fixed labels ("其他法律行政止公开") do not lose a
row; "1." rows are placed by the most recent group label （三）…（六） when the text alone
does not tell. Totals are not recomputed unless the table has no 总计 column at all. The
2019 layout's single （六）其他处理 row goes into `other_other` (the two other （六） rows
become 0).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..report.data import (
    APPLICATION_KEYS,
    APPLICATION_ROWS,
    DENIED_GROUP,
    OTHER_GROUP,
    REJECTED_GROUP,
    RESULTS_LABEL,
    UNAVAILABLE_GROUP,
    Cell,
    with_total,
)
from .cells import Fitter, Row, parse_count, parse_line

_GROUP_ONLY = "group-only"  # a value row labelled only by a group: the 2019 （六） row
_ITEMS: dict[str, list[str]] = {}
for _spec in APPLICATION_ROWS:
    if _spec.group:
        _ITEMS.setdefault(_spec.group, []).append(_spec.key)
_ROW_GROUP = {spec.key: spec.group or None for spec in APPLICATION_ROWS}
_OTHER_ITEMS = frozenset(_ITEMS[OTHER_GROUP])

_SEGMENT_BREAK = re.compile(
    r"[/>→|]|(?=\([一二三四五六七八]\))|(?<![0-9])(?=[1-9][.、])|(?=[一二三四五六]、)"
)
_NUMBERING = re.compile(r"\(([一二三四五六七八])\)|([1-9])[.、,]?|([一二三四五六])、")
_GROUP_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (group, re.compile(words))
    for group, words in (
        (DENIED_GROUP, "不予公开|不予以公开|不公开"),
        (UNAVAILABLE_GROUP, "无法提供"),
        (REJECTED_GROUP, "不予处理"),
        (OTHER_GROUP, "其他处理|其它处理"),
        (RESULTS_LABEL, "办理结果|处理结果"),
    )
)
# The distinctive words of each row label, most specific first; typos elsewhere in a
# label do not matter ("其他法律行政止公开" still has 法律).
_ROW_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (key, re.compile(words))
    for key, words in (
        ("partly_granted", "部分公开|区分处理"),
        ("granted", "予以公开|同意公开"),
        ("new", "新收|新增"),
        ("carried_over", "上一?年度?结转"),
        ("carried_forward", "结转下|下一?年度?继续|继续办理"),
        ("concluded", "总计|合计"),
        ("denied_state_secret", "秘密"),
        ("denied_prohibited_by_law", "禁止|法律|法规"),
        ("denied_security_stability", "三安全|一稳定|危及"),
        ("denied_third_party", "第三方"),
        ("denied_internal_affairs", "内部事务|三类内部"),
        ("denied_process_info", "过程性|四类过程"),
        ("denied_enforcement_file", "案卷"),
        ("denied_inquiry_matter", "查询"),
        ("unavailable_not_held", "不掌握"),
        ("unavailable_needs_creation", "另行制作|现成"),
        ("unavailable_unclear", "不明确|补正后"),
        ("rejected_petition", "信访|举报|投诉"),
        ("rejected_duplicate", "重复"),
        ("rejected_publication", "出版"),
        ("rejected_excessive", "大量|反复"),
        ("rejected_confirmation", "确认|重新出具|已获取"),
        ("other_no_correction", "不补正|逾期不"),
        ("other_unpaid_fee", "缴纳|缴费|收费通知|费用"),
    )
)
# Words of the matrix's column headers: such lines never name a row.
_MATRIX_HEADER = re.compile("自然人|商业企业|科研机构|法人或其他|申请人情况|勾稽")
_OTHER_WORDS = frozenset({"其他", "其它", "其他情形", "其他情况"})
# A row or group named only by its number: （一）, （七）, 一、 …
_PAREN_FALLBACK = {
    "一": "granted",
    "二": "partly_granted",
    "三": DENIED_GROUP,
    "四": UNAVAILABLE_GROUP,
    "五": REJECTED_GROUP,
    "六": OTHER_GROUP,
    "七": "concluded",
}
_TOP_FALLBACK = {"一": "new", "二": "carried_over", "三": RESULTS_LABEL, "四": "carried_forward"}
_GROUPS = frozenset(group for group, _ in _GROUP_WORDS)


def _segments(label: str) -> list[str]:
    """A label split where a path separator or a new number starts, so that
    "(三)不予公开1.属于国家秘密" gives the group and the item separately."""
    return [part for part in _SEGMENT_BREAK.split(label) if part]


def _by_number(segment: str, group: str | None) -> str | None:
    """A row key or group named by the segment's number alone, in the current group."""
    match = _NUMBERING.match(segment)
    if match is None:
        return None
    paren, digit, top = match.groups()
    if paren:
        return _PAREN_FALLBACK.get(paren)
    if top:
        return _TOP_FALLBACK.get(top)
    items = _ITEMS.get(group or "", [])
    return items[int(digit) - 1] if int(digit) <= len(items) else None


def _segment_hit(segment: str, group: str | None) -> str | None:
    """What a label segment names: a group label, a row key, or nothing."""
    numbering = _NUMBERING.match(segment)
    text = segment[numbering.end() :] if numbering else segment
    for name, words in _GROUP_WORDS:
        if words.search(text):
            return name
    if text.strip("()（）:：") in _OTHER_WORDS:
        return "other_other"
    for key, words in _ROW_WORDS:
        if words.search(text):
            return key
    return _by_number(segment, group)


def _classify(label: str, group: str | None) -> tuple[str | None, str | None]:
    """(row key or _GROUP_ONLY marker, group afterwards) for a value row's label. The
    last segment that names something decides; groups set the context for "1." rows."""
    hit: str | None = None
    for segment in _segments(label):
        found = _segment_hit(segment, group)
        if found in _GROUPS:
            group, hit = found, _GROUP_ONLY
        elif found is not None:
            group, hit = _ROW_GROUP[found], found
    if hit == _GROUP_ONLY and group != OTHER_GROUP:
        hit = None
    return hit, group


def _group_context(text: str, group: str | None) -> str | None:
    """The group after a line without numbers (a group label standing on its own)."""
    for segment in _segments(text):
        found = _segment_hit(segment, group)
        if found in _GROUPS:
            group = found
    return group


@dataclass
class _MatrixScan:
    """State while reading section 三 line by line."""

    group: str | None = None
    pending: list[str] = field(default_factory=list)  # label lines without numbers
    total_column: bool = False
    seen_values: bool = False
    found: dict[str, Row] = field(default_factory=dict)
    other_only: Row | None = None

    def text_row(self, row: Row) -> None:
        """A header line, a group label, or a label wrapped away from its numbers."""
        if not row.label:
            return
        if not self.seen_values and "总计" in row.label:
            self.total_column = True
        self.group = _group_context(row.label, self.group)
        if not _MATRIX_HEADER.search(row.label):
            self.pending = [*self.pending[-1:], row.label]

    def value_row(self, row: Row) -> None:
        """A row with numbers: named by its own label, or by the label lines before it."""
        self.seen_values = True
        hit, group = _classify(row.label, self.group)
        if hit is None and self.pending:
            hit, group = _classify("".join(self.pending) + row.label, self.group)
        self.pending = []
        if hit is None:
            return
        self.group = group
        if hit == _GROUP_ONLY:
            self.other_only = self.other_only or row
        else:
            self.found.setdefault(hit, row)


# Rows no other table has: 上年结转, 合计, 其他 or 费用 rows are in budgets and ledgers too.
_OWN_ROWS = frozenset(
    {"granted", "partly_granted", "denied_state_secret", "denied_third_party",
     "denied_internal_affairs", "denied_process_info", "denied_enforcement_file",
     "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear",
     "rejected_petition", "rejected_duplicate", "rejected_publication", "rejected_excessive"}
)  # fmt: skip


@dataclass(frozen=True)
class Matrix:
    rows: dict[str, list[str]]
    width: int
    old_format: bool

    @property
    def is_table_three(self) -> bool:
        """Whether the rows found are those of the report's table 三 (three or more rows
        that only it has), not a budget's or a ledger's 合计 and 结转 rows."""
        return len(_OWN_ROWS & self.rows.keys()) >= 3


def read_matrix(lines: Iterable[str]) -> Matrix:
    """The section 三 rows found, as printed cell texts (7 per row, or 6 when the table
    has no 总计 column), and whether it is the 2019 single-row （六） layout."""
    scan = _MatrixScan()
    for line in lines:
        row = parse_line(line)
        if row is not None:
            (scan.value_row if row.filled else scan.text_row)(row)
    rows = dict(scan.found)
    old = scan.other_only is not None and not _OTHER_ITEMS & rows.keys()
    if old and scan.other_only is not None:
        rows["other_other"] = scan.other_only
    wide = scan.total_column or any(len(row.filled) >= 7 for row in rows.values())
    fitter = Fitter(rows.values(), 7 if wide else 6)
    return Matrix({key: fitter.fit(row) for key, row in rows.items()}, fitter.width, old)


def matrix_applications(matrix: Matrix) -> dict[str, tuple[Cell, ...]]:
    """Every matrix row as 7 cells: as printed, total computed only when the table had
    no 总计 column, None for a row not found, 0 for the rows the 2019 layout lacks."""
    rows: dict[str, tuple[Cell, ...]] = {}
    for key in APPLICATION_KEYS:
        cells = matrix.rows.get(key)
        if cells is None:
            missing: Cell = 0 if matrix.old_format and key in _OTHER_ITEMS else None
            rows[key] = (missing,) * 7
            continue
        counts = tuple(parse_count(cell) for cell in cells)
        rows[key] = counts if len(counts) == 7 else with_total(counts)
    return rows

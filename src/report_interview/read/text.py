"""Published report text → ReportData (report-format.md §6).

A report is read as it was published, in any of three table layouts, recognised line by
line (so one report may mix them):

- tab-separated cells, a blank cell where the Word table had a merged cell (the
  reference layout, what Word/WPS and web tables give when copied);
- markdown pipe tables (`| 规章 | 0 | 0 | 0 |`), a row label possibly written as a path
  (`三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密`) or spread over several cells;
- PDF-to-text columns: cells separated by runs of two or more spaces, a label possibly
  wrapped onto the next line, blank cells lost (they are placed by column position).

Rows are found by the distinctive part of their label (国家秘密, 第三方, 不掌握 …), not by
the whole label, so typing errors in the fixed labels ("其他法律行政止公开", "行政法复议",
"本年度止件数") do not lose a row; "1." rows are placed by the most recent group label
（三）…（六） when the text alone does not tell. Cells are kept as printed: a blank, "/",
"-", "—" or "无" cell becomes None (rule R7 reports it) and totals are not recomputed
unless the report has no 总计 column at all.

The 2019 trial layout (国办公开办函〔2019〕60号) is recognised and read as far as it maps:
a single row （六）其他处理 goes into `other_other` (the two other （六） rows become 0);
section 二 with 本年新制作数量 / 本年新公开数量 / 对外公开总数量 gives 本年制发 = 新制作 and
现行有效 = 对外公开总数量, 本年废止 = 0 (the old table has no such column; 0 rather than
None so that R7 does not report a column the layout never had; R12 notes the layout),
and 处理决定数量 for 行政许可/处罚/强制; the old 行政事业性收费 table has no amount, which is
then None. Such reports get `format="2019"`.

The title gives the body's name and the year (2023 or 二〇二三, spaces allowed; the
kind of body is guessed from the name). Narrative parts are kept as written, lines
wrapped by a PDF converter joined: the preamble is the text between the title and 一;
section 一 is split at its sub-headings （一）…（五） (text before the first one is kept
with （一）主动公开); 五 and 六 are taken whole, 六 without a closing date or signature line.
Anything that cannot be read raises ReaderError with a Chinese message; no other
exception type escapes `read_report`. Stdlib only; regexes are compiled once, and each
line is looked at a fixed number of times, so a report reads in well under 5 ms.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise

from ..report.data import (
    APPEAL_KEYS,
    APPLICATION_KEYS,
    APPLICATION_ROWS,
    DENIED_GROUP,
    FORMAT_2019,
    FORMAT_2021,
    OTHER_GROUP,
    OVERVIEW_PARTS,
    REJECTED_GROUP,
    RESULTS_LABEL,
    UNAVAILABLE_GROUP,
    Cell,
    DocCounts,
    Org,
    Overview,
    Proactive,
    ReportData,
    with_total,
)
from ..report.naming import self_name
from ..report.prose import years_in


class ReaderError(ValueError):
    """Chinese message: what could not be read and why (e.g. 找不到第三部分的表格)."""


# ---------------------------------------------------------------- cells and rows

TAB, PIPE, SPACE = "tab", "pipe", "space"

# Full-width ASCII (digits, brackets, colon, comma, slash …) → half-width, for matching.
_HALF_WIDTH = str.maketrans(
    {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
    | {"\u3000": " ", "\ufeff": "", "\u200b": ""}
)
_WS = re.compile(r"\s+")
_CJK = re.compile(r"[\u3400-\u9fff]")
_NON_SPACE = re.compile(r"\S+")
# Words a clerk writes in a cell instead of a number; read as None like a blank.
_NULL_WORDS = frozenset({"无", "空", "暂无", "没有", "不适用", "未统计"})
_NUMBER = re.compile(r"([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:件|条|个|项|万元|元)?")
_PIPE_RULE = re.compile(r":?-*:?")
_NUMBERING_TOKEN = re.compile(r"\d{1,2}[.、]|\([一二三四五六七八]\)")


def _clean(cell: str) -> str:
    """A cell's text in half-width form, without surrounding spaces or markdown marks."""
    return cell.translate(_HALF_WIDTH).strip().strip("*`").strip()


def _squash(text: str) -> str:
    """Half-width text without any whitespace: what labels are matched on."""
    return _WS.sub("", text.translate(_HALF_WIDTH))


def _is_label(text: str) -> bool:
    """Whether a cell is (part of) a row label: it has Chinese text that is not 无/空."""
    return _CJK.search(text) is not None and _WS.sub("", text) not in _NULL_WORDS


def _count(text: str | None) -> Cell:
    """A whole count as printed ("1,200", "０", "3件"); None for anything else."""
    match = _NUMBER.fullmatch(_WS.sub("", text or ""))
    if match is None:
        return None
    sign, digits, fraction = match.groups()
    if fraction and fraction.strip(".0"):
        return None
    value = int(digits.replace(",", ""))
    return -value if sign == "-" else value


def _amount(text: str | None) -> Decimal | None:
    """A 万元 amount exactly as printed ("9116.36"); None when blank or not a number."""
    match = _NUMBER.fullmatch(_WS.sub("", text or ""))
    if match is None:
        return None
    sign, digits, fraction = match.groups()
    return Decimal(f"{sign}{digits.replace(',', '')}{fraction or ''}")


@dataclass(frozen=True, slots=True)
class _Tok:
    """One cell: its cleaned text and where it sits (cell index, or character centre
    for the space layout, where blank cells leave no trace)."""

    text: str
    pos: float


@dataclass(frozen=True, slots=True)
class _Row:
    """A table line split into its label (cells up to the last Chinese one) and values."""

    layout: str
    cells: tuple[_Tok, ...]
    label: str
    values: tuple[_Tok, ...]
    filled: tuple[_Tok, ...]


def _space_tokens(line: str) -> list[_Tok]:
    """Cells of a PDF-to-text line: runs of 2+ spaces separate cells; words separated by
    one space stay together when they are label text ("结果 维持", "(一) 予以公开")."""
    spans: list[tuple[int, int, str]] = []
    for match in _NON_SPACE.finditer(line):
        text = _clean(match.group())
        if spans and match.start() - spans[-1][1] == 1 and _is_label(text):
            start, _, before = spans[-1]
            if _is_label(before) or _NUMBERING_TOKEN.fullmatch(before):
                spans[-1] = (start, match.end(), f"{before} {text}")
                continue
        spans.append((match.start(), match.end(), text))
    return [_Tok(text, (start + end) / 2) for start, end, text in spans]


def _pipe_tokens(stripped: str) -> list[_Tok]:
    """Cells of a markdown table row; a header separator row (|---|:--:|) gives none."""
    inner = stripped[1:-1] if stripped.endswith("|") else stripped[1:]
    cells = [_clean(cell) for cell in inner.split("|")]
    if all(_PIPE_RULE.fullmatch(cell) for cell in cells):
        return []
    return [_Tok(cell, i) for i, cell in enumerate(cells)]


def _tokens(line: str) -> tuple[str, list[_Tok]]:
    """The layout of one line and its cells."""
    if "\t" in line:
        return TAB, [_Tok(_clean(cell), i) for i, cell in enumerate(line.split("\t"))]
    stripped = line.strip()
    if stripped.startswith("|") and len(stripped) > 1:
        return PIPE, _pipe_tokens(stripped)
    return SPACE, _space_tokens(line)


def _parse_line(line: str) -> _Row | None:
    """A line as a table row; None for a blank line or a markdown separator row."""
    layout, cells = _tokens(line)
    if not cells:
        return None
    split = 0
    for i, cell in enumerate(cells):
        if _is_label(cell.text):
            split = i + 1
    values = tuple(cells[split:])
    label = _WS.sub("", "".join(cell.text for cell in cells[:split]))
    return _Row(layout, tuple(cells), label, values, tuple(v for v in values if v.text))


# ---------------------------------------------------------------- placing values in columns


def _anchors(rows: Sequence[_Row], width: int) -> list[float]:
    """The usual position of each value column, from rows with every cell filled."""
    return [Counter(row.filled[j].pos for row in rows).most_common(1)[0][0] for j in range(width)]


def _tolerance(layout: str, anchors: Sequence[float]) -> float:
    """How far a cell may sit from its column: exact for cell indexes, half the
    narrowest column gap for character positions."""
    if layout != SPACE:
        return 0.5
    ordered = sorted(anchors)
    gaps = [b - a for a, b in pairwise(ordered) if b > a]
    return min(gaps) / 2 if gaps else float("inf")


def _assign(values: Sequence[_Tok], anchors: Sequence[float], tolerance: float) -> list[str] | None:
    """Each value cell put in the column nearest to it; None when a filled cell fits no
    column or two cells claim one (the caller then reads the cells in order)."""
    cells: list[str | None] = [None] * len(anchors)
    for value in values:
        distance, column = min((abs(a - value.pos), j) for j, a in enumerate(anchors))
        if distance > tolerance or cells[column] is not None:
            if value.text:
                return None
            continue
        cells[column] = value.text
    return [cell or "" for cell in cells]


def _sequential(values: Sequence[_Tok], width: int) -> list[str]:
    """Value cells in order, structural blanks at either end dropped, padded with blanks."""
    cells = [value.text for value in values]
    start, end = 0, len(cells)
    while end - start > width and not cells[start]:
        start += 1
    while end - start > width and not cells[end - 1]:
        end -= 1
    cells = cells[start:end][:width]
    return cells + [""] * (width - len(cells))


def _shape(row: _Row) -> tuple[str, int, int]:
    """Rows of one shape (layout, label cells, all cells) have their values in the same
    cells: in the reference, items (three label cells) sit one cell right of the others."""
    if row.layout == SPACE:
        return SPACE, 0, 0
    return row.layout, len(row.cells) - len(row.values), len(row.cells)


class _Fitter:
    """Reads `width` value cells from each row of one table. A row with every cell
    filled is read as it stands (even when its leading blank cells were lost, as in the
    reference's "3.其他" row); other rows are placed by the columns of the full rows of
    the same shape, or of the same layout, or else read in order."""

    def __init__(self, rows: Iterable[_Row], width: int) -> None:
        self.width = width
        full: dict[object, list[_Row]] = {}
        for row in rows:
            if self._full(row):
                full.setdefault(_shape(row), []).append(row)
                full.setdefault(row.layout, []).append(row)
        self.anchors = {key: _anchors(group, width) for key, group in full.items()}

    def _full(self, row: _Row) -> bool:
        if len(row.filled) != self.width:
            return False
        if row.layout == SPACE:
            return True
        first = row.filled[0].pos
        return all(cell.pos == first + i for i, cell in enumerate(row.filled))

    def fit(self, row: _Row, anchors: Sequence[float] | None = None) -> list[str]:
        """The row's `width` cell texts ("" for a blank); `anchors` overrides the columns."""
        if self._full(row):
            return [cell.text for cell in row.filled]
        anchors = anchors or self.anchors.get(_shape(row)) or self.anchors.get(row.layout)
        if anchors:
            cells = _assign(row.values, anchors, _tolerance(row.layout, anchors))
            if cells is not None:
                return cells
        return _sequential(row.values, self.width)


# ---------------------------------------------------------------- section 三: the matrix

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
    found: dict[str, _Row] = field(default_factory=dict)
    other_only: _Row | None = None

    def text_row(self, row: _Row) -> None:
        """A header line, a group label, or a label wrapped away from its numbers."""
        if not row.label:
            return
        if not self.seen_values and "总计" in row.label:
            self.total_column = True
        self.group = _group_context(row.label, self.group)
        if not _MATRIX_HEADER.search(row.label):
            self.pending = [*self.pending[-1:], row.label]

    def value_row(self, row: _Row) -> None:
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


@dataclass(frozen=True)
class _Matrix:
    rows: dict[str, list[str]]
    width: int
    old_format: bool


def _read_matrix(lines: Iterable[str]) -> _Matrix:
    """The section 三 rows found, as printed cell texts (7 per row, or 6 when the table
    has no 总计 column), and whether it is the 2019 single-row （六） layout."""
    scan = _MatrixScan()
    for line in lines:
        row = _parse_line(line)
        if row is not None:
            (scan.value_row if row.filled else scan.text_row)(row)
    rows = dict(scan.found)
    old = scan.other_only is not None and not _OTHER_ITEMS & rows.keys()
    if old and scan.other_only is not None:
        rows["other_other"] = scan.other_only
    wide = scan.total_column or any(len(row.filled) >= 7 for row in rows.values())
    fitter = _Fitter(rows.values(), 7 if wide else 6)
    return _Matrix({key: fitter.fit(row) for key, row in rows.items()}, fitter.width, old)


def _applications(matrix: _Matrix) -> dict[str, tuple[Cell, ...]]:
    """Every matrix row as 7 cells: as printed, total computed only when the table had
    no 总计 column, None for a row not found, 0 for the rows the 2019 layout lacks."""
    rows: dict[str, tuple[Cell, ...]] = {}
    for key in APPLICATION_KEYS:
        cells = matrix.rows.get(key)
        if cells is None:
            missing: Cell = 0 if matrix.old_format and key in _OTHER_ITEMS else None
            rows[key] = (missing,) * 7
            continue
        counts = tuple(_count(cell) for cell in cells)
        rows[key] = counts if len(counts) == 7 else with_total(counts)
    return rows


# ---------------------------------------------------------------- section 二: four small tables

_PROACTIVE_ROWS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (key, re.compile(words))
    for key, words in (
        ("normative_documents", "规范性"),
        ("regulations", "规章"),
        ("licensing", "许可"),
        ("penalty", "处罚"),
        ("enforcement", "强制"),
        ("fees", "事业.{0,2}收费|^收费"),
    )
)
# Column kinds by header words; "" marks known columns that are not read.
_COLUMN_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(words))
    for kind, words in (
        ("in_force", "现行有效|有效件|公开总数|总数量"),
        ("issued", "制发|新制作|制定|印发"),
        ("decision", "处理决定|决定数"),
        ("amount", "金额|万元"),
        ("", "新公开|上一年|项目数|增|减|信息内容"),
        ("repealed", "废止|止|废"),
    )
)
_OLD_COLUMNS = re.compile("新制作|新公开|公开总数|上一年|增/减|增减")
_DOC_KINDS = ("issued", "repealed", "in_force")


def _column_kind(text: str) -> str | None:
    """What a header cell of section 二 names; None for an unknown header."""
    squashed = _WS.sub("", text)
    for kind, words in _COLUMN_WORDS:
        if words.search(squashed):
            return kind
    return None


@dataclass(frozen=True)
class _Header:
    """A section 二 header row: its columns (position, kind) and whether it is 2019's."""

    layout: str
    columns: tuple[tuple[float, str | None], ...]
    old: bool


def _header(row: _Row) -> _Header | None:
    """A line without numbers read as a section 二 header, if it is one."""
    named = [(cell.pos, _column_kind(cell.text)) for cell in row.cells if cell.text]
    kinds = [kind for _, kind in named if kind]
    is_header = "信息内容" in row.label or (
        bool(kinds) and (len(named) >= 2 or len(row.label) <= 12)
    )
    if not is_header:
        return None
    return _Header(row.layout, tuple(named), _OLD_COLUMNS.search(row.label) is not None)


def _values_by_header(row: _Row, header: _Header) -> dict[str, str]:
    """A section 二 row's cells keyed by the header's column kinds."""
    anchors = [pos for pos, _ in header.columns]
    kinds = [kind for _, kind in header.columns]
    cells = None
    if header.layout == row.layout and anchors:
        cells = _assign(row.values, anchors, _tolerance(row.layout, anchors))
    if cells is None:
        cells = [cell.text for cell in row.filled]
    return {kind: cell for kind, cell in zip(kinds, cells, strict=False) if kind}


def _proactive_values(key: str, row: _Row, header: _Header | None) -> dict[str, str]:
    """Cells of one section 二 row by kind; in table order when no header says more."""
    texts = [cell.text for cell in row.filled]
    if key in ("regulations", "normative_documents"):
        values = _values_by_header(row, header) if header else {}
        return (
            values
            if values or (header and header.old)
            else dict(zip(_DOC_KINDS, texts, strict=False))
        )
    wanted = "amount" if key == "fees" else "decision"
    values = _values_by_header(row, header) if header else {}
    if wanted not in values and not (header and header.old):
        values[wanted] = texts[0] if texts else ""
    return values


@dataclass
class _ProactiveScan:
    header: _Header | None = None
    rows: dict[str, dict[str, str]] = field(default_factory=dict)
    old: bool = False

    def line(self, row: _Row) -> None:
        if not row.filled:
            header = _header(row)
            if header is not None:
                self.header = header
                self.old = self.old or header.old
            return
        key = next((k for k, words in _PROACTIVE_ROWS if words.search(row.label)), None)
        if key is not None and key not in self.rows:
            self.rows[key] = _proactive_values(key, row, self.header)


def _doc_counts(values: dict[str, str] | None, old: bool) -> DocCounts:
    """One 第二十条第（一）项 row; 本年废止 is 0 in the 2019 layout, which has no such column."""
    if values is None:
        return DocCounts(None, None, None)
    repealed = _count(values.get("repealed")) if "repealed" in values or not old else 0
    return DocCounts(_count(values.get("issued")), repealed, _count(values.get("in_force")))


def _read_proactive(lines: Iterable[str]) -> tuple[Proactive, bool]:
    """Section 二, and whether its headers are the 2019 layout's."""
    scan = _ProactiveScan()
    for line in lines:
        row = _parse_line(line)
        if row is not None:
            scan.line(row)
    rows = scan.rows

    def single(key: str, kind: str) -> str | None:
        return rows[key].get(kind) if key in rows else None

    proactive = Proactive(
        regulations=_doc_counts(rows.get("regulations"), scan.old),
        normative_documents=_doc_counts(rows.get("normative_documents"), scan.old),
        licensing=_count(single("licensing", "decision")),
        penalty=_count(single("penalty", "decision")),
        enforcement=_count(single("enforcement", "decision")),
        fees_10k_yuan=_amount(single("fees", "amount")),
    )
    return proactive, scan.old


# ---------------------------------------------------------------- section 四: appeals

_APPEAL_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("litigation_direct", re.compile("未经|直接")),
    ("litigation_after_reconsideration", re.compile("复议后|经复议")),
    ("reconsideration", re.compile("复议")),
)
_TOTAL = re.compile("总计|合计")


def _appeal_cells(cells: Sequence[str]) -> tuple[Cell, ...]:
    counts = tuple(_count(cell) for cell in cells)
    return counts if len(counts) == 5 else with_total(counts)


@dataclass
class _AppealScan:
    """State while reading section 四: whether it has 总计 columns, the last header line
    naming every column (to place the cells of a PDF row whose blanks were lost)."""

    total: bool = False
    header: _Row | None = None
    found: dict[str, tuple[Cell, ...]] = field(default_factory=dict)

    def text_row(self, row: _Row) -> None:
        self.total = self.total or _TOTAL.search(row.label) is not None
        if len(row.filled) + sum(1 for cell in row.cells if _is_label(cell.text)) >= 12:
            self.header = row

    def _columns(self, row: _Row, width: int) -> list[float] | None:
        header = self.header
        if header is None or header.layout != row.layout:
            return None
        named = [cell.pos for cell in header.cells if cell.text]
        return named if len(named) == width else None

    def value_row(self, row: _Row) -> None:
        """All three blocks in one row, or one block named by its label."""
        key = next((k for k, words in _APPEAL_WORDS if words.search(row.label)), None)
        if key is None and len(row.filled) >= 12:
            width = 15 if self.total or len(row.filled) >= 15 else 12
            cells = _Fitter([row], width).fit(row, self._columns(row, width))
            per = width // 3
            for i, block in enumerate(APPEAL_KEYS):
                self.found.setdefault(block, _appeal_cells(cells[i * per : (i + 1) * per]))
        elif key is not None:
            width = 5 if self.total or len(row.filled) >= 5 else 4
            self.found.setdefault(key, _appeal_cells(_Fitter([row], width).fit(row)))


def _read_appeals(lines: Iterable[str]) -> dict[str, tuple[Cell, ...]]:
    """Section 四's three blocks (维持, 纠正, 其他, 尚未审结, 总计); None cells if absent."""
    scan = _AppealScan()
    for line in lines:
        row = _parse_line(line)
        if row is not None:
            (scan.value_row if row.filled else scan.text_row)(row)
    return {key: scan.found.get(key, (None,) * 5) for key in APPEAL_KEYS}


# ---------------------------------------------------------------- headings and title

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
            found.append((i, _NUMERALS.index(match.group(1)) + 1, _squash(match.group(2))))
    return found


def _headings(lines: Sequence[str]) -> list[int | None]:
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


def _region(lines: Sequence[str], heads: Sequence[int | None], section: int) -> Sequence[str]:
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
class _Title:
    index: int
    name: str
    year: int


def _title_match(line: str) -> re.Match[str] | None:
    squashed = _squash(line).strip("#*")
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
    above = _squash(above).strip(_NAME_TRIM)
    return above if 0 < len(above) <= 30 and _CJK.search(above) else ""


def _title(lines: Sequence[str], heads: Sequence[int | None]) -> _Title | None:
    """The report's title line (before section 一), with the body's name and year."""
    first_head = next((head for head in heads if head is not None), len(lines))
    for i, line in enumerate(lines[: min(first_head, 40)]):
        match = _title_match(line)
        if match is None:
            continue
        year = next(years_in(match.group("year") + "年"), (0, ""))[0]
        return _Title(i, _org_name(match, lines, i), year)
    return None


# ---------------------------------------------------------------- the body

_TOWNSHIP = re.compile(r"(?:镇|乡|街道|街道办事处|苏木)$")
_DEPARTMENT = re.compile(r"(?:局|委|委员会|办|办公室|厅|署|中心|院|所|站|队|处)$")
_NOT_A_PLACE = re.compile("市场|城市|市政|市容|社区|园区|区域|地区|城区")
_LEVEL = re.compile(r"[县区旗市州盟]")


def _org_kind(name: str) -> str:
    """A guess of report.ORG_KINDS from the name: 镇/乡/街道 → township; 县/区/旗 (市/州/盟)
    人民政府 → county (city) government; a 局/委/办 under a 县/区/旗 (市/州/盟) →
    county (city) department; anything else → other."""
    base = name.removesuffix("人民政府")
    if _TOWNSHIP.search(base):
        return "township"
    if _DEPARTMENT.search(base):
        levels = _LEVEL.findall(_NOT_A_PLACE.sub("", base))
        if not levels:
            return "other"
        return "county_department" if levels[-1] in "县区旗" else "city_department"
    if base[-1:] and base[-1] in "县区旗":
        return "county_government"
    if base[-1:] and base[-1] in "市州盟":
        return "city_government"
    return "other"


# ---------------------------------------------------------------- narrative

_SENTENCE_END = ("。", "！", "？", "；", "：", "!", "?", ";", ":", "…")
_WRAPPED = 15  # a line at least this long without a final stop was wrapped by a converter


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _continues(previous: str, indent: int, raw: str) -> bool:
    """Whether a line continues the one before it: that one is long, has no final stop
    and this one is not indented deeper (a PDF converter wrapped the paragraph)."""
    last = previous.rstrip()
    return (
        len(last.strip()) >= _WRAPPED
        and not last.endswith(_SENTENCE_END)
        and _indent(raw) <= indent
    )


def _paragraphs(lines: Iterable[str]) -> str:
    """Text lines as paragraphs joined by newlines. A blank line, a full stop at the end
    of a line or a deeper indent ends a paragraph; a long line without a stop was
    wrapped by a PDF converter and is joined to the next."""
    paragraphs: list[str] = []
    previous, indent = "", 0
    for raw in lines:
        text = raw.strip()
        if text and paragraphs and previous and _continues(previous, indent, raw):
            paragraphs[-1] += text
        elif text:
            paragraphs.append(text)
        previous, indent = (raw, _indent(raw)) if text else ("", 0)
    return "\n".join(paragraphs)


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


def _overview(lines: Iterable[str]) -> Overview:
    """Section 一 split at its sub-headings （一）…（五）, in order (a later number may
    skip one); text before the first sub-heading is kept with （一）主动公开."""
    parts: list[list[str]] = [[] for _ in OVERVIEW_PARTS]
    current = 0
    started = False
    for line in lines:
        sub = _subheading(line)
        if sub is not None and (sub[0] > current or not started):
            current, started = sub[0], True
            parts[current].append(sub[1])
            continue
        parts[current].append(line)
    texts = {key: _paragraphs(part) for (key, _), part in zip(OVERVIEW_PARTS, parts, strict=True)}
    return Overview(**texts)


_DATE_LINE = re.compile(r"(?:\d{4}|[〇零一二三四五六七八九]{4})年\d{1,2}月\d{1,2}日")


def _without_signature(lines: Sequence[str], name: str) -> Sequence[str]:
    """Section 六 without the closing signature: trailing lines that are only a date
    (2024年1月20日) or the body's name."""
    end = len(lines)
    while end and (
        not lines[end - 1].strip()
        or _DATE_LINE.fullmatch(_squash(lines[end - 1]))
        or _squash(lines[end - 1]) == name
    ):
        end -= 1
    return lines[:end]


# ---------------------------------------------------------------- read_report


def _check_found(title: _Title | None, matrix: _Matrix) -> _Title:
    """Stop with a clear Chinese message when the text is not a readable report."""
    if title is None and not matrix.rows:
        raise ReaderError(
            "这不像是一份政府信息公开工作年度报告：找不到标题（如“××镇2023年政府信息公开工作"
            "年度报告”），也找不到第三部分“收到和处理政府信息公开申请情况”的表格。"
        )
    if not matrix.rows:
        raise ReaderError(
            "找不到第三部分“收到和处理政府信息公开申请情况”的表格：没有一行能认出是"
            "“本年新收政府信息公开申请数量”“予以公开”等表格行的数字。"
        )
    if title is None:
        raise ReaderError(
            "找不到报告标题（如“××镇2023年政府信息公开工作年度报告”），无法确定机关名称和报告年度。"
        )
    if not title.name:
        raise ReaderError(f"标题（第 {title.index + 1} 行）中找不到机关名称。")
    if not 2008 <= title.year <= 2100:
        raise ReaderError(f"标题中的年度 {title.year} 不是 2008—2100 之间的年份。")
    return title


def _read(text: str) -> ReportData:
    lines = text.splitlines()
    if not any(line.strip() for line in lines):
        raise ReaderError("文本是空的，没有可读的报告内容。")
    heads = _headings(lines)
    matrix = _read_matrix(_region(lines, heads, 2))
    title = _check_found(_title(lines, heads), matrix)
    proactive, old_tables = _read_proactive(_region(lines, heads, 1))
    first_head = next((head for head in heads if head is not None), len(lines))

    def narrative(section: int) -> Sequence[str]:
        return _region(lines, heads, section) if heads[section] is not None else ()

    return ReportData(
        org=Org(title.name, self_name(title.name), _org_kind(title.name)),
        year=title.year,
        format=FORMAT_2019 if matrix.old_format or old_tables else FORMAT_2021,
        preamble=_paragraphs(lines[title.index + 1 : max(first_head, title.index + 1)]),
        overview=_overview(narrative(0)),
        proactive=proactive,
        applications=_applications(matrix),
        appeals=_read_appeals(_region(lines, heads, 3)),
        problems=_paragraphs(narrative(4)),
        other_matters=_paragraphs(_without_signature(narrative(5), title.name)),
    )


def read_report(text: str) -> ReportData:
    """A published report text (tab, pipe or space layout, auto-detected per line) as
    ReportData. Raises ReaderError, in Chinese, when the text cannot be read."""
    try:
        return _read(text)
    except ReaderError:
        raise
    except (ValueError, IndexError, KeyError, ArithmeticError, TypeError, AttributeError) as exc:
        raise ReaderError(f"读取报告时出错：{exc}") from exc

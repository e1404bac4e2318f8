"""An application ledger (依申请公开台账) → the section 三 matrix. Pure, stdlib only.

A ledger is one row per application: who applied, when it was received and answered,
and how it was answered. read/ledger_sheet.py finds the header row and the columns and
reads the dates; read/ledger_words.py sorts each value into an applicant column or an
outcome row (by the words clerks write, or by the clerk's own earlier answers, the
`Mappings`); this module counts the matrix, keeping for every cell the ledger row
numbers counted in it. What cannot be decided with certainty is not guessed: unknown
values and bad rows are returned for the dialogue (chat/ledger.py) or the command line
to resolve. Reading files is read/ledger_files.py. The names of the other two modules
that callers need are re-exported here, so callers import from this one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..report.data import APPLICANT_COLUMNS, APPLICANT_KEYS, APPLICATION_KEYS
from .ledger_sheet import (
    FIELD_NAMES,
    FIELDS,
    REQUIRED,
    Cell,
    Layout,
    LedgerError,
    Sheet,
    choose_layout,
    find_layouts,
    guess_columns,
    header_field,
    parse_date,
    plain,
    samples,
    show_cell,
)
from .ledger_words import (
    Mappings,
    applicant_of,
    classify_applicant,
    classify_outcome,
    outcome_of,
)

__all__ = [
    "FIELDS", "FIELD_NAMES", "REQUIRED", "Cell", "Entry", "Imported", "Issue", "Layout",
    "LedgerError", "Mappings", "Sheet", "Tally", "Unknown", "carried_difference",
    "choose_layout", "classify_applicant", "classify_outcome", "find_layouts",
    "guess_columns", "header_field", "import_ledger", "parse_date", "read_entries",
    "row_issues", "row_key", "samples", "show_cell", "tally", "unknown_lines",
]  # fmt: skip

# ---------------------------------------------------------------- rows → matrix


@dataclass(frozen=True)
class Entry:
    """One application of the ledger, its cells as text (dates parsed)."""

    row: int  # the sheet's row number, as Excel or WPS shows it
    number: str
    applicant: str
    received: date | None
    answered: date | None
    result: str


@dataclass(frozen=True)
class Issue:
    """A row that cannot be counted as it stands: what is wrong and what to do."""

    row: int
    message: str


@dataclass(frozen=True)
class Unknown:
    """A value (applicant or result text) the words do not decide, with its rows."""

    kind: str  # "applicant" or "outcome"
    text: str
    rows: tuple[int, ...]


_TOTAL_WORDS = ("合计", "总计", "小计", "共计")


def read_entries(sheet: Sheet, layout: Layout) -> tuple[list[Entry], list[Issue]]:
    """The application rows under the header; blank rows and total rows are skipped,
    rows whose dates cannot be read become issues."""
    entries: list[Entry] = []
    issues: list[Issue] = []
    columns = layout.columns
    for number, row in enumerate(sheet.rows[layout.header_row :], start=layout.header_row + 1):
        texts = [plain(cell) for cell in row]
        if not any(texts) or any(t.startswith(_TOTAL_WORDS) for t in texts if t):
            continue  # a blank row, or a 合计/总计 row (in whichever column it is written)

        def cell(name: str, row: tuple[Cell, ...] = row) -> Cell:
            index = columns.get(name)
            return row[index] if index is not None and index < len(row) else None

        dates: dict[str, date | None] = {}
        for name in ("received", "answered"):
            try:
                dates[name] = parse_date(cell(name))
            except ValueError:
                issues.append(Issue(number, f"{FIELD_NAMES[name]}“{show_cell(cell(name))}”"
                                    "看不出是哪一天：请改成 2024-03-05 这样的日期后重新导入"))  # fmt: skip
                break
        else:
            entries.append(Entry(number, show_cell(cell("number")), show_cell(cell("applicant")),
                                 dates["received"], dates["answered"], show_cell(cell("result"))))  # fmt: skip
    return entries, issues


def row_issues(entries: Sequence[Entry], year: int) -> list[Issue]:
    """Rows that cannot be counted: no applicant, no received date, answered before
    received, answered in the year without a result, a 编号 used twice."""
    issues: list[Issue] = []
    first_row: dict[str, int] = {}
    for entry in entries:
        problem = _entry_problem(entry, year)
        if problem:
            issues.append(Issue(entry.row, problem))
        elif entry.number and entry.number in first_row:
            issues.append(Issue(entry.row, f"编号“{entry.number}”与第 {first_row[entry.number]} "
                                "行相同：如果是重复录入，请删去一行；如果是两件申请，请改正编号"))  # fmt: skip
        if entry.number:
            first_row.setdefault(entry.number, entry.row)
    return issues


def _entry_problem(entry: Entry, year: int) -> str | None:
    if not plain(entry.applicant):
        return "没有申请人：请在台账里补上申请人（或申请人类型）"
    if entry.received is None:
        return "没有收到申请的日期：请补上"
    if entry.answered is not None and entry.answered < entry.received:
        return (f"答复日期 {entry.answered.isoformat()} 早于收到日期 "
                f"{entry.received.isoformat()}：请核对这两个日期")  # fmt: skip
    in_year = entry.answered is not None and entry.answered.year == year
    if in_year and not plain(entry.result):
        return "有答复日期，却没有处理结果：请补上处理结果（如“予以公开”）"
    return None


@dataclass(frozen=True)
class Tally:
    """The counted ledger: for every (row key, column) the ledger rows counted there;
    rows left out (received after the year, or answered before it) with why."""

    cells: Mapping[tuple[str, int], tuple[int, ...]]
    left_out: tuple[tuple[int, str], ...]
    issues: tuple[Issue, ...]
    unknown: tuple[Unknown, ...]

    def count(self, key: str, column: int) -> int:
        return len(self.cells.get((key, column), ()))

    def matrix(self) -> dict[str, list[int]]:
        """The interview's apps_matrix answer: the 23 asked rows × six columns."""
        return {key: [self.count(key, c) for c in range(6)] for key in APPLICATION_KEYS[:-2]}

    def total(self, key: str) -> int:
        return sum(self.count(key, c) for c in range(6))

    def rows_of(self, key: str, column: int | None = None) -> tuple[int, ...]:
        """The ledger rows counted in one cell, or in a whole row when column is None."""
        columns = range(6) if column is None else (column,)
        return tuple(sorted(r for c in columns for r in self.cells.get((key, c), ())))

    @property
    def resolved(self) -> bool:
        return not self.issues and not self.unknown


def tally(entries: Sequence[Entry], year: int, mappings: Mappings) -> Tally:
    """Count the entries into the matrix by their dates, applicant and result."""
    cells: dict[tuple[str, int], list[int]] = {}
    left_out: list[tuple[int, str]] = []
    unknown: dict[tuple[str, str], list[int]] = {}
    bad = {issue.row for issue in row_issues(entries, year)}
    for entry in entries:
        if entry.row in bad or entry.received is None:
            continue
        placed = _place(entry, year, mappings)
        if isinstance(placed, str):
            left_out.append((entry.row, placed))
            continue
        for kind, text in placed.unknown:
            unknown.setdefault((kind, plain(text)), []).append(entry.row)
        if placed.column is None:
            continue
        for key in placed.rows:
            cells.setdefault((key, placed.column), []).append(entry.row)
    texts = {(kind, plain(t)): t for e in entries for kind, t in
             (("applicant", e.applicant), ("outcome", e.result))}  # fmt: skip
    return Tally(
        {key: tuple(rows) for key, rows in cells.items()},
        tuple(left_out),
        tuple(row_issues(entries, year)),
        tuple(Unknown(kind, texts[(kind, p)], tuple(rows)) for (kind, p), rows in unknown.items()),
    )


@dataclass(frozen=True)
class _Placement:
    column: int | None  # None while the applicant is unknown
    rows: tuple[str, ...]  # matrix row keys the entry counts in
    unknown: tuple[tuple[str, str], ...]


def _place(entry: Entry, year: int, mappings: Mappings) -> _Placement | str:
    """Where one entry counts, or why it is left out of this year's table."""
    assert entry.received is not None
    start, end = date(year, 1, 1), date(year, 12, 31)
    if entry.received > end:
        return f"收到于 {entry.received.isoformat()}，属于下一年度，不计入本年报告"
    if entry.answered is not None and entry.answered < start:
        return f"上一年度已答复（{entry.answered.isoformat()}），不计入本年报告"
    unknown: list[tuple[str, str]] = []
    applicant = applicant_of(entry.applicant, mappings)
    if applicant is None:
        unknown.append(("applicant", entry.applicant))
    rows = ["carried_over" if entry.received < start else "new"]
    if entry.answered is None or entry.answered > end:
        rows.append("carried_forward")
    else:
        outcome = outcome_of(entry.result, mappings)
        if outcome is None:
            unknown.append(("outcome", entry.result))
        else:
            rows += [outcome, "concluded"]
    column = None if applicant is None else APPLICANT_KEYS.index(applicant)
    return _Placement(column, tuple(rows), tuple(unknown))


def carried_difference(tally_: Tally, previous: Mapping[str, Any]) -> list[str]:
    """Where the ledger's 上年结转 differs from last year's 结转下年度 (R5), one line per
    column, with the ledger rows involved; empty when they agree or nothing is known."""
    by_type = previous.get("carried_forward_by_type")
    if not isinstance(by_type, Mapping):
        return []
    lines = []
    for column, key in enumerate(APPLICANT_KEYS):
        last, now = int(by_type.get(key) or 0), tally_.count("carried_over", column)
        if last != now:
            rows = "、".join(map(str, tally_.rows_of("carried_over", column))) or "无"
            lines.append(f"{APPLICANT_COLUMNS[column]}：去年报告结转下年度 {last} 件，"
                         f"台账上年结转 {now} 件（台账第 {rows} 行）")  # fmt: skip
    return lines


@dataclass(frozen=True)
class Imported:
    """A ledger read and counted: where it was found and what came of it."""

    layout: Layout
    entries: tuple[Entry, ...]
    tally: Tally


def import_ledger(sheets: Sequence[Sheet], year: int, mappings: Mappings) -> Imported:
    """Find the ledger in the sheets, read its rows and count them. Rows the clerk chose
    to leave out (mappings.skipped) are not counted; unreadable rows are issues."""
    layout = choose_layout(sheets, year, mappings.sheet, mappings.columns)
    sheet = next(s for s in sheets if s.name == layout.sheet)
    entries, unreadable = read_entries(sheet, layout)
    skipped = {row_key(layout, row) for row in range(len(sheet.rows) + 1)} & set(mappings.skipped)
    entries = [e for e in entries if row_key(layout, e.row) not in skipped]
    unreadable = [i for i in unreadable if row_key(layout, i.row) not in skipped]
    counted = tally(entries, year, mappings)
    issues = tuple(sorted((*unreadable, *counted.issues), key=lambda issue: issue.row))
    return Imported(layout, tuple(entries), Tally(counted.cells, counted.left_out, issues,
                                                  counted.unknown))  # fmt: skip


def row_key(layout: Layout, row: int) -> str:
    """How a row left out is remembered: sheet!row."""
    return f"{layout.sheet}!{row}"


def unknown_lines(tally_: Tally, limit: int = 20) -> list[str]:
    """The values still to be decided and the issues, one line each (Chinese)."""
    lines = [f"第 {issue.row} 行：{issue.message}" for issue in tally_.issues]
    for item in tally_.unknown:
        what = "申请人" if item.kind == "applicant" else "处理结果"
        rows = "、".join(map(str, item.rows[:limit])) + ("等" if len(item.rows) > limit else "")
        lines.append(f"{what}“{item.text or '（空）'}”不能确定归哪一类（第 {rows} 行）")
    return lines

"""The area's tables as the sum of its bodies' reports (report-format.md §10): sections
三 and 四 and the figures of 二, each cell the sum of the bodies' cells, with the bodies
behind every cell.

Totals — the 总计 column, （七）总计 and 结转下年度继续办理 of 三, the 总计 of each block of
四 — are recomputed from the summed cells as the interview computes them, and compared
with the sum of the totals the bodies printed: a difference names the bodies whose own
totals do not add up. A blank cell counts as 0 and is listed. Pure, stdlib only.

A county or city government's interview can take its 三 and 四 from `answer_blocks()`
(the shape of an answers file's `applications` and `appeals` blocks, flow/blocks.py),
its 二 figures from `proactive`, and show the bodies behind a cell with `shares(ref)`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from .data import (
    APPEAL_BLOCKS,
    APPEAL_KEYS,
    APPEAL_RESULTS,
    APPLICANT_COLUMNS,
    APPLICATION_KEYS,
    DOC_COLUMNS,
    DOC_FIELDS,
    DOC_ROWS,
    ROW_BY_KEY,
    TOTAL_COLUMN,
    Cell,
    DocCounts,
    Org,
    Proactive,
    ReportData,
    ReportDataError,
    computed_rows,
    report_from_dict,
    report_to_dict,
)

APPLICATIONS, APPEALS, PROACTIVE = "applications", "appeals", "proactive"
PROACTIVE_KEYS = (
    *(f"{row}.{name}" for row, _ in DOC_ROWS for name in DOC_FIELDS),
    "licensing",
    "penalty",
    "enforcement",
    "fees_10k_yuan",
)
INPUT_ROWS = APPLICATION_KEYS[:-2]  # concluded and carried_forward are computed
Number = int | Decimal


@dataclass(frozen=True, order=True)
class CellRef:
    """One cell of the tables: `table` is "applications" (row key, column 0–6),
    "appeals" (block key, column 0–4) or "proactive" (a key of PROACTIVE_KEYS, column 0)."""

    table: str
    row: str
    column: int = 0

    @property
    def derived(self) -> bool:
        """Whether the cell is a total computed from others rather than counted."""
        if self.table == APPLICATIONS:
            return self.column == 6 or self.row in ("concluded", "carried_forward")
        return self.table == APPEALS and self.column == 4

    @property
    def place(self) -> str:
        """Where the cell is, in words (三 · 二、上年结转… · 自然人)."""
        if self.table == APPLICATIONS:
            spec = ROW_BY_KEY[self.row]
            column = (*APPLICANT_COLUMNS, TOTAL_COLUMN)[self.column]
            return " · ".join(("三", f"{spec.group}{spec.label}", column))
        if self.table == APPEALS:
            block = dict(APPEAL_BLOCKS)[self.row]
            return " · ".join(("四", block, (*APPEAL_RESULTS, TOTAL_COLUMN)[self.column]))
        return " · ".join(("二", *_proactive_words(self.row)))


def _proactive_words(key: str) -> tuple[str, ...]:
    row, _, name = key.partition(".")
    if name:
        return dict(DOC_ROWS)[row], dict(zip(DOC_FIELDS, DOC_COLUMNS, strict=True))[name]
    labels = {"licensing": "行政许可", "penalty": "行政处罚", "enforcement": "行政强制"}
    return (labels.get(key, "行政事业性收费（万元）"),)


def _all_refs() -> Iterator[CellRef]:
    for key in PROACTIVE_KEYS:
        yield CellRef(PROACTIVE, key)
    for key in APPLICATION_KEYS:
        for column in range(7):
            yield CellRef(APPLICATIONS, key, column)
    for key in APPEAL_KEYS:
        for column in range(5):
            yield CellRef(APPEALS, key, column)


_REFS = tuple(_all_refs())  # one object per cell, shared by every body's values


def cell_refs() -> tuple[CellRef, ...]:
    """Every cell of the three tables, in table order (二, 三, 四)."""
    return _REFS


def printed(report: ReportData, ref: CellRef) -> Cell | Decimal:
    """A cell as the body's report gives it (None where it is blank)."""
    if ref.table == APPLICATIONS:
        return report.applications[ref.row][ref.column]
    if ref.table == APPEALS:
        return report.appeals[ref.row][ref.column]
    row, _, name = ref.row.partition(".")
    value = getattr(report.proactive, row)
    result: Cell | Decimal = getattr(value, name) if name else value
    return result


def recomputed(report: ReportData) -> dict[CellRef, Number]:
    """Every cell of a report with blanks as 0 and every total computed from the cells it
    adds up (the interview's way: （七）总计 from the 21 outcome rows, 结转下年度 as new +
    carried over − concluded). Linear in the cells, so the area's totals are the sum of
    the bodies' recomputed ones."""
    values: dict[CellRef, Number] = {
        ref: 0 if ref.derived else printed(report, ref) or 0 for ref in cell_refs()
    }
    rows: dict[str, list[Cell]] = {
        key: [int(values[CellRef(APPLICATIONS, key, c)]) for c in range(6)] for key in INPUT_ROWS
    }
    rows.update(computed_rows(rows))
    for key, cells in rows.items():
        counts = [int(cell or 0) for cell in cells]  # no blank is left to make one
        for column, value in enumerate([*counts, sum(counts)]):
            values[CellRef(APPLICATIONS, key, column)] = value
    for key in APPEAL_KEYS:
        values[CellRef(APPEALS, key, 4)] = sum(values[CellRef(APPEALS, key, c)] for c in range(4))
    return values


@dataclass(frozen=True)
class Share:
    """One body's part of a cell: the value its report prints (None = blank, counted as
    0) and, for a total, the value its own cells add up to."""

    body: str
    value: Cell | Decimal
    computed: Number

    @property
    def adds_up(self) -> bool:
        return self.value == self.computed


@dataclass(frozen=True)
class TotalGap:
    """A total of the sum that differs from the sum of the printed totals."""

    ref: CellRef
    recomputed: Number
    printed: Number
    bodies: tuple[str, ...]  # whose own printed total differs from their cells' sum


@dataclass(frozen=True)
class AreaSum:
    """The sum of the bodies' reports (`parts`: body name and report, in order)."""

    parts: tuple[tuple[str, ReportData], ...]
    _own: tuple[Mapping[CellRef, Number], ...] = field(repr=False, compare=False)

    @property
    def bodies(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.parts)

    @cached_property
    def values(self) -> Mapping[CellRef, Number]:
        """Every cell of the summed tables (totals recomputed)."""
        return {ref: sum((own[ref] for own in self._own), start=_zero(ref)) for ref in cell_refs()}

    @cached_property
    def printed_totals(self) -> Mapping[CellRef, Number]:
        """For each total cell, the sum of the totals the bodies printed (blank as 0)."""
        return {
            ref: sum((printed(report, ref) or 0 for _, report in self.parts), start=_zero(ref))
            for ref in cell_refs()
            if ref.derived
        }

    def shares(self, ref: CellRef) -> tuple[Share, ...]:
        """The bodies behind a cell: each whose report prints a figure other than 0 there,
        leaves it blank, or prints a total its own cells do not add up to."""
        found = []
        for (name, report), own in zip(self.parts, self._own, strict=True):
            share = Share(name, printed(report, ref), own[ref])
            if share.value != 0 or not share.adds_up:
                found.append(share)
        return tuple(found)

    @cached_property
    def gaps(self) -> tuple[TotalGap, ...]:
        """The totals where the recomputed sum and the sum of printed totals differ."""
        found = []
        for ref, total in self.printed_totals.items():
            if total != self.values[ref]:
                bodies = tuple(s.body for s in self.shares(ref) if not s.adds_up)
                found.append(TotalGap(ref, self.values[ref], total, bodies))
        return tuple(found)

    @cached_property
    def blanks(self) -> tuple[tuple[CellRef, tuple[str, ...]], ...]:
        """The cells some bodies left blank (counted as 0), with those bodies."""
        found = []
        for ref in cell_refs():
            bodies = tuple(name for name, report in self.parts if printed(report, ref) is None)
            if bodies:
                found.append((ref, bodies))
        return tuple(found)

    @property
    def applications(self) -> dict[str, tuple[int, ...]]:
        return {
            key: tuple(int(self.values[CellRef(APPLICATIONS, key, c)]) for c in range(7))
            for key in APPLICATION_KEYS
        }

    @property
    def appeals(self) -> dict[str, tuple[int, ...]]:
        return {
            key: tuple(int(self.values[CellRef(APPEALS, key, c)]) for c in range(5))
            for key in APPEAL_KEYS
        }

    @property
    def proactive(self) -> Proactive:
        def count(key: str) -> int:
            return int(self.values[CellRef(PROACTIVE, key)])

        return Proactive(
            **{
                row: DocCounts(*(count(f"{row}.{name}") for name in DOC_FIELDS))
                for row, _ in DOC_ROWS
            },
            licensing=count("licensing"),
            penalty=count("penalty"),
            enforcement=count("enforcement"),
            fees_10k_yuan=Decimal(self.values[CellRef(PROACTIVE, "fees_10k_yuan")]),
        )

    def report(self, org: Org, year: int) -> ReportData:
        """A report whose tables 二, 三 and 四 are the sum (its texts empty): what the
        Word and web writers draw, and what the checks can be run on."""
        return ReportData(
            org=org,
            year=year,
            proactive=self.proactive,
            applications=self.applications,
            appeals=self.appeals,
        )

    def answer_blocks(self) -> dict[str, dict[str, list[int]]]:
        """The sum as an answers file's table blocks (six numbers per row of 三 without
        the computed rows, four per block of 四): what flow/blocks.py takes in."""
        return {
            "applications": {key: list(self.applications[key][:6]) for key in INPUT_ROWS},
            "appeals": {key: list(self.appeals[key][:4]) for key in APPEAL_KEYS},
        }


def _zero(ref: CellRef) -> Number:
    return Decimal(0) if ref.row == "fees_10k_yuan" else 0


def sum_reports(parts: Sequence[tuple[str, ReportData]]) -> AreaSum:
    """The sum of the bodies' reports, each named as it should be shown."""
    return AreaSum(tuple(parts), tuple(recomputed(report) for _, report in parts))


# The parts of a report a sum reads: kept, per body, with an interview that took its
# tables from the sum, so that its review shows the bodies behind a row without reading
# the folder again.
TABLE_KEYS = ("org", "year", "proactive", "applications", "appeals")


def parts_json(area: AreaSum) -> list[dict[str, Any]]:
    """The bodies' tables as plain JSON (body name and the report's TABLE_KEYS)."""
    found = []
    for name, report in area.parts:
        data = report_to_dict(report)
        found.append({"body": name, "tables": {key: data[key] for key in TABLE_KEYS}})
    return found


def area_from_json(data: object) -> AreaSum:
    """The sum of parts_json's bodies again; ReportDataError (Chinese) when `data` is
    not of that shape — a stored value is checked like a report read from a file."""
    if not isinstance(data, list) or not data:
        raise ReportDataError("汇总的各单位数据应是非空的列表。")
    parts = []
    for item in data:
        if not isinstance(item, dict) or not isinstance(item.get("body"), str):
            raise ReportDataError("汇总的各单位数据有误：缺少单位名称。")
        parts.append((item["body"], report_from_dict(item.get("tables"))))
    return sum_reports(parts)

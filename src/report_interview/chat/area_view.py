"""The area's sum as the terminal shows it (pure, 80 columns): the bodies behind one row
of the summed tables with what each printed, the totals that do not add up in the
bodies' reports and the cells they left blank, 二's summed figures beside the
government's own, and the line over each table of the review that is the area's sum.
Used by the area dialogue (chat/area.py) and the report review."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..flow.area import ADD, SUM, Decisions
from ..report.area import APPEALS, APPLICATIONS, PROACTIVE, AreaSum, CellRef, printed
from ..report.data import (
    APPEAL_KEYS,
    APPEAL_RESULTS,
    APPLICATION_KEYS,
    DOC_FIELDS,
    TOTAL_COLUMN,
    Cell,
    ReportData,
    plain_figure,
)
from .review import INDENT, SHORT_COLUMNS, mark, report_targets
from .tables import aligned, clip

NAME_COLUMNS = 24  # a body's name in a table of the terminal, clipped
SHOWN_AT_MOST = 12  # files left out, bodies with errors, gaps, blank cells: then "…等"
# Section 二's rows the sum offers (real area reports sum them; 规章 and 规范性文件 are
# the government's own), by the review's keys.
DECISION_ROWS = (
    ("licensing", "行政许可决定（件）"),
    ("penalty", "行政处罚决定（件）"),
    ("enforcement", "行政强制（件）"),
    ("fees", "行政事业性收费（万元）"),
)
SUMMED_ROWS = frozenset((*APPLICATION_KEYS, *APPEAL_KEYS))


def row_numbers() -> dict[str, int]:
    """The review's number of each table row (二's rows, 三's keys, 四's blocks)."""
    return {t.row: n for n, t in enumerate(report_targets(), 1) if t.row}


def amount(value: Cell | Decimal) -> str:
    """A figure as printed: counts as they are, 万元 amounts without exponent, a blank
    cell as 空."""
    shown = plain_figure(value)
    return "空" if shown is None else str(shown)


def gap_lines(area: AreaSum) -> list[str]:
    """The totals that do not add up in the bodies' reports, and the blank cells."""
    lines = [
        f"  {gap.ref.place}：各格相加为 {amount(gap.recomputed)}，各单位所填总计之和为 "
        f"{amount(gap.printed)}（总计对不上的：{'、'.join(gap.bodies)}）"
        for gap in area.gaps[:SHOWN_AT_MOST]
    ]
    if len(area.gaps) > SHOWN_AT_MOST:
        lines.append(f"  …等，共 {len(area.gaps)} 处")
    if lines:
        lines.insert(0, "注意：这些总计在有的单位报告里对不上，汇总表按各格相加重新计算：")
    blanks = [f"  {ref.place}（{'、'.join(bodies)}）" for ref, bodies in area.blanks]
    if blanks:
        more = [f"  …等，共 {len(blanks)} 格"] if len(blanks) > SHOWN_AT_MOST else []
        lines += ["这些格有的单位报告空着，按 0 计：", *blanks[:SHOWN_AT_MOST], *more]
    return lines


def _refs(row: str) -> tuple[list[CellRef], list[str]]:
    """The cells of one table row (a review row key) and their column headers."""
    if row in APPLICATION_KEYS:
        return [CellRef(APPLICATIONS, row, c) for c in range(7)], list(SHORT_COLUMNS)
    if row in APPEAL_KEYS:
        headers = [*(result.removeprefix("结果") for result in APPEAL_RESULTS), TOTAL_COLUMN]
        return [CellRef(APPEALS, row, c) for c in range(5)], headers
    if row in ("regulations", "normative_documents"):
        refs = [CellRef(PROACTIVE, f"{row}.{name}") for name in DOC_FIELDS]
        return refs, ["制发", "废止", "现行有效"]
    if row == "fees":
        return [CellRef(PROACTIVE, "fees_10k_yuan")], ["万元"]
    return [CellRef(PROACTIVE, row)], ["件数"]


def row_lines(area: AreaSum, row: str) -> list[str]:
    """The bodies behind one row of the summed tables and what each printed there (✗ on
    a total its own cells do not add up to, 空 for a blank cell), then the sum."""
    refs, headers = _refs(row)
    shares = {ref: {share.body: share for share in area.shares(ref)} for ref in refs}
    behind = [name for name, _ in area.parts if any(name in found for found in shares.values())]
    table = [["单位", *headers]]
    for name, report in area.parts:
        if name not in behind:
            continue
        cells = []
        for ref in refs:
            value = printed(report, ref)
            share = shares[ref].get(name)
            cells.append(amount(value) + ("✗" if share and not share.adds_up else ""))
        table.append([clip(name, NAME_COLUMNS), *cells])
    table.append(["合计（重新计算）", *(amount(area.values[ref]) for ref in refs)])
    label = next(t.label for t in report_targets() if t.row == row)
    said = f"{len(behind)} 个单位有数字" if behind else "各单位都是 0"
    return [f"{mark(row_numbers().get(row))}{label}：{said}", *aligned(table, gap=" ")]


def decisions_lines(area: str, summed: Decisions, own: Decisions | None) -> list[str]:
    """二's summed rows beside what 二 holds (the government's own figures)."""
    numbers = row_numbers()
    table = [["", "", f"{area}汇总", *(["第二部分已填"] if own is not None else [])]]
    for key, label in DECISION_ROWS:
        cells = [mark(numbers.get(key)), label, amount(getattr(summed, key))]
        if own is not None:
            cells.append(amount(getattr(own, key)))
        table.append(cells)
    return [
        "第二部分的行政许可、处罚、强制和行政事业性收费，各单位报告的汇总：",
        *(INDENT + line for line in aligned(table, numeric_from=2)),
    ]


@dataclass(frozen=True)
class TakenSum:
    """The sum an interview took (its meta `area`, checked), the sum itself and the
    area's name (全县 …): what the review says over the tables and opens a row to."""

    record: Mapping[str, Any]
    area: AreaSum
    word: str

    @property
    def decisions(self) -> bool:
        """Whether 二's 许可、处罚、强制 and 收费 were taken from the sum."""
        return self.record.get("proactive") in (SUM, ADD)

    @property
    def rows(self) -> frozenset[str]:
        """The review's table rows that are the sum's."""
        if not self.decisions:
            return SUMMED_ROWS
        return SUMMED_ROWS | {key for key, _ in DECISION_ROWS}

    def notes(self, report: ReportData) -> dict[str, str]:
        """The line over each table of the report review that is the area's sum (by
        table: proactive, applications, appeals); “已修改” once rows changed since."""
        summed_by = f"{self.word} {len(self.area.bodies)} 个单位汇总"
        notes = {}
        for table, mine, summed in (
            ("applications", report.applications, self.area.applications),
            ("appeals", report.appeals, self.area.appeals),
        ):
            same = all(tuple(mine[key]) == tuple(cells) for key, cells in summed.items())
            notes[table] = f"（{summed_by}{'' if same else '，已修改'}）"
        if self.decisions:
            plus = "加本机关自己的" if self.record.get("proactive") == ADD else ""
            notes["proactive"] = f"（行政许可、处罚、强制和收费为{summed_by}{plus}）"
        return notes

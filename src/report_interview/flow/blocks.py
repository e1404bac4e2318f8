"""The `applications` and `appeals` blocks of an answers file → interview answers.

A block gives a whole table at once (one list per row of report-format.md §4, or per
block of §5), as a body with a spreadsheet ledger would. It replaces the section's
questions, and a block that breaks R1, R2, R3 or R4 is refused whole, naming the rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from ..report.checks import run_checks
from ..report.data import (
    APPEAL_KEYS,
    APPLICATION_KEYS,
    Org,
    ReportData,
    ReportDataError,
    computed_rows,
    with_total,
)

APPEAL_RESULT_KEYS = ("upheld", "corrected", "other", "pending")
INPUT_ROWS = APPLICATION_KEYS[:-2]  # concluded and carried_forward are computed
COMPUTED_ROWS = ("concluded", "carried_forward")
BLOCK_RULES = {"applications": ("R1", "R2", "R3", "R7"), "appeals": ("R4", "R7")}


@dataclass(frozen=True)
class BlockResult:
    answers: dict[str, Any]  # question id → typed answer
    replaced_sections: tuple[str, ...]  # whose questions in the file are ignored
    refused: dict[str, str]  # block name → Chinese reason naming the rule


def _cells(data: Mapping[str, Any], key: str, block: str, width: int) -> list[Any]:
    value = data.get(key)
    if not isinstance(value, list) or len(value) not in (width - 1, width):
        raise ReportDataError(f"“{block}.{key}”应是 {width - 1} 个数（可再加总计）的列表。")
    return value


def _application_rows(block: Mapping[str, Any]) -> dict[str, list[Any]]:
    unknown = [k for k in block if k not in APPLICATION_KEYS]
    if unknown:
        raise ReportDataError(f"“applications”中有未知的行“{unknown[0]}”。")
    missing = [k for k in INPUT_ROWS if k not in block]
    if missing:
        raise ReportDataError(f"“applications”缺少“{missing[0]}”一行。")
    rows = {key: _cells(block, key, "applications", 7) for key in INPUT_ROWS}
    for key in COMPUTED_ROWS:
        if key in block:
            rows[key] = _cells(block, key, "applications", 7)
    return rows


def _complete(rows: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """Fill the computed rows a block left out: （七）总计 and 结转下年度."""
    computed = computed_rows(rows)
    for key in COMPUTED_ROWS:
        rows.setdefault(key, computed[key])
    return rows


def _findings(report: ReportData, block: str) -> str | None:
    """The rules a block breaks and the first place, or None when it adds up."""
    found = [f for f in run_checks(report) if f.rule in BLOCK_RULES[block]]
    if not found:
        return None
    rules = "、".join(dict.fromkeys(f.rule for f in found))
    more = f"（共 {len(found)} 处）" if len(found) > 1 else ""
    return f"违反 {rules}，例如 {found[0].place}：{found[0].message}{more}"


def _blank_report() -> ReportData:
    return ReportData(org=Org(name="（答案文件）"), year=2021)


def applications_answers(block: object) -> dict[str, Any]:
    """The section 三 answers of an `applications` block; ReportDataError when refused."""
    if not isinstance(block, Mapping):
        raise ReportDataError("“applications”应是“行: [6 个数]”的映射。")
    rows = _complete(_application_rows(block))
    data = {
        key: with_total(cells) if len(cells) == 6 else tuple(cells) for key, cells in rows.items()
    }
    try:
        report = replace(_blank_report(), applications=data)
    except (TypeError, ValueError) as exc:
        raise ReportDataError(f"“applications”有误：{exc}") from None
    _require_numbers(rows, "applications")
    problem = _findings(report, "applications")
    if problem:
        raise ReportDataError(f"“applications”对不上，未采用：{problem}")
    matrix = {key: [int(c) for c in rows[key][:6]] for key in INPUT_ROWS}
    return {
        "apps_new": sum(matrix["new"]),
        "apps_carried": sum(matrix["carried_over"]),
        "apps_mode": "rows",
        "apps_matrix": matrix,
    }


def _require_numbers(rows: Mapping[str, list[Any]], block: str) -> None:
    for key, cells in rows.items():
        for i, cell in enumerate(cells):
            if isinstance(cell, bool) or not isinstance(cell, int):
                raise ReportDataError(f"“{block}.{key}[{i}]”应是整数，实际是 {cell!r}。")


def appeals_answers(block: object) -> dict[str, Any]:
    """The section 四 answers of an `appeals` block; ReportDataError when refused."""
    if not isinstance(block, Mapping):
        raise ReportDataError("“appeals”应是“类别: [4 个数]”的映射。")
    data = {"reconsideration": [0] * 4, "litigation_direct": [0] * 4,
            "litigation_after_reconsideration": [0] * 4}  # fmt: skip
    unknown = [k for k in block if k not in APPEAL_KEYS]
    if unknown:
        raise ReportDataError(f"“appeals”中有未知的类别“{unknown[0]}”。")
    data.update({key: _cells(block, key, "appeals", 5) for key in block})
    _require_numbers(data, "appeals")
    report = replace(
        _blank_report(),
        appeals={k: with_total(v) if len(v) == 4 else tuple(v) for k, v in data.items()},
    )
    problem = _findings(report, "appeals")
    if problem:
        raise ReportDataError(f"“appeals”对不上，未采用：{problem}")
    used = [key for key in APPEAL_KEYS if any(data[key][:4])]
    answers: dict[str, Any] = {"has_cases": bool(used), "case_kinds": used}
    for key in APPEAL_KEYS:
        answers[f"appeal_{key}"] = dict(zip(APPEAL_RESULT_KEYS, data[key][:4], strict=True))
    return answers


def block_answers(provided: Mapping[str, Any]) -> BlockResult:
    """The answers the blocks of a file give, and the blocks refused (with the rule)."""
    answers: dict[str, Any] = {}
    replaced: list[str] = []
    refused: dict[str, str] = {}
    for name, section, convert in (
        ("applications", "applications", applications_answers),
        ("appeals", "appeals", appeals_answers),
    ):
        if name not in provided:
            continue
        replaced.append(section)
        try:
            answers.update(convert(provided[name]))
        except ReportDataError as exc:
            refused[name] = str(exc)
    return BlockResult(answers, tuple(replaced), refused)

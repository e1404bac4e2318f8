"""A 县/市人民政府's tables taken from the sum of its area's reports (report/area.py), as
the interview's answers: sections 三 and 四 through the answers-file blocks
(flow/blocks.py), so they are checked exactly as a file's tables are; and the figures
of 二 that real area reports sum (行政许可、处罚、强制 and 行政事业性收费, report-format.md
§10), alone or added to the government's own. Pure: the folder is read elsewhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from ..report.area import AreaSum, area_from_json, parts_json
from ..report.data import ReportDataError
from .blocks import appeals_answers, applications_answers

DECISION_KEYS = ("licensing", "penalty", "enforcement")


def table_answers(area: AreaSum) -> dict[str, Any]:
    """Sections 三 and 四 of the sum as the answers the interview keeps (apps_new,
    apps_carried, apps_matrix, has_cases, case_kinds, appeal_*). ReportDataError
    (Chinese, naming the rule) when the sum cannot be taken: a column concluding more
    applications than it had, from a body whose own column does not balance."""
    blocks = area.answer_blocks()
    answers = applications_answers(blocks["applications"])
    del answers["apps_mode"]  # the way of filling 三 is the sum itself (area_sum)
    answers.update(appeals_answers(blocks["appeals"]))
    return answers


@dataclass(frozen=True)
class Decisions:
    """Section 二's 行政许可、处罚、强制 (件) and 行政事业性收费 (万元)."""

    licensing: int = 0
    penalty: int = 0
    enforcement: int = 0
    fees: Decimal = Decimal(0)

    def plus(self, other: Decisions) -> Decisions:
        return Decisions(
            self.licensing + other.licensing,
            self.penalty + other.penalty,
            self.enforcement + other.enforcement,
            self.fees + other.fees,
        )

    def answers(self) -> dict[str, Any]:
        """As the interview's `decisions` and `fees` answers."""
        return {
            "decisions": {key: getattr(self, key) for key in DECISION_KEYS},
            "fees": self.fees,
        }

    def json(self) -> dict[str, Any]:
        """As JSON, the fee a decimal string (kept with the interview)."""
        return {**{key: getattr(self, key) for key in DECISION_KEYS}, "fees": str(self.fees)}


def summed_decisions(area: AreaSum) -> Decisions:
    """The area's 行政许可、处罚、强制 and 收费 (a blank counted as 0)."""
    proactive = area.proactive
    return Decisions(
        int(proactive.licensing or 0),
        int(proactive.penalty or 0),
        int(proactive.enforcement or 0),
        proactive.fees_10k_yuan or Decimal(0),
    )


def given_decisions(names: Mapping[str, Any]) -> Decisions | None:
    """The figures the interview's answers give for 二 (the government's own, typed
    before the sum was taken), or None while they are not all answered."""
    counts, fees = names.get("decisions"), names.get("fees")
    if not isinstance(counts, Mapping) or not isinstance(fees, Decimal):
        return None
    values = [counts.get(key) for key in DECISION_KEYS]
    numbers = [value for value in values if isinstance(value, int)]
    if len(numbers) != len(values):
        return None
    licensing, penalty, enforcement = numbers
    return Decisions(licensing, penalty, enforcement, fees)


def decisions_from_json(data: object) -> Decisions | None:
    """Decisions.json() read back; None when `data` is not of that shape."""
    if not isinstance(data, Mapping):
        return None
    values = [data.get(key) for key in DECISION_KEYS]
    numbers = [v for v in values if isinstance(v, int) and not isinstance(v, bool) and v >= 0]
    if len(numbers) != len(values):
        return None
    try:
        fees = Decimal(str(data.get("fees")))
    except InvalidOperation:
        return None
    if not fees.is_finite() or fees < 0:
        return None
    licensing, penalty, enforcement = numbers
    return Decisions(licensing, penalty, enforcement, fees)


# ---------------------------------------------------------------- kept with the interview

# How 二's figures were taken: the sum, the sum plus the government's own, or not.
SUM, ADD, KEEP = "sum", "add", "keep"


def sum_record(
    folder: str, year: int, area: AreaSum, proactive: str, own: Decisions | None
) -> dict[str, Any]:
    """The sum an interview took, as kept in its meta (`area`): the folder, the bodies'
    tables (so the review can open a row to its bodies without reading the folder
    again), and how 二's figures were taken (with the own figures added, if any)."""
    return {
        "folder": folder,
        "year": year,
        "bodies": len(area.bodies),
        "parts": parts_json(area),
        "proactive": proactive,
        "own": own.json() if own is not None else None,
    }


def stored_sum(meta: Mapping[str, Any]) -> tuple[dict[str, Any], AreaSum] | None:
    """The record of the sum an interview took and the sum itself, or None when it has
    none or the stored value is not of its shape (checked like a report read from a
    file: a hand-edited interview file cannot put anything else into the review)."""
    record = meta.get("area")
    if not isinstance(record, dict) or not isinstance(record.get("folder"), str):
        return None
    try:
        area = area_from_json(record.get("parts"))
    except ReportDataError:
        return None
    return record, area

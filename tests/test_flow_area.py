"""flow/area.py: the area's sum as a county government's interview answers (sections 三
and 四 checked like an answers file's tables; 二's figures alone or added to the
government's own) and as kept in its meta."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

import pytest

from report_interview.flow.area import (
    SUM,
    Decisions,
    decisions_from_json,
    given_decisions,
    stored_sum,
    sum_record,
    summed_decisions,
    table_answers,
)
from report_interview.report.area import sum_reports
from report_interview.report.data import APPEAL_KEYS, ReportDataError

from .county import varied


def _area(count: int = 4) -> Any:
    reports = [varied(i, 2024) for i in range(count)]
    return sum_reports([(r.org.name, r) for r in reports]), reports


def test_sections_three_and_four_are_the_sums_of_the_bodies_cells() -> None:
    area, reports = _area()
    answers = table_answers(area)
    assert answers["apps_new"] == sum(r.applications["new"][6] or 0 for r in reports)
    assert answers["apps_carried"] == sum(r.applications["carried_over"][6] or 0 for r in reports)
    for key, cells in answers["apps_matrix"].items():
        assert cells == [sum(r.applications[key][c] or 0 for r in reports) for c in range(6)]
    assert "apps_mode" not in answers  # the way 三 was filled is the sum itself
    for key in APPEAL_KEYS:
        split = answers[f"appeal_{key}"]
        assert list(split.values()) == [
            sum(r.appeals[key][c] or 0 for r in reports) for c in range(4)
        ]
    assert answers["has_cases"] is True and answers["case_kinds"] == list(APPEAL_KEYS)


def test_a_sum_whose_column_concludes_more_than_it_had_is_refused() -> None:
    good, report = varied(0, 2024), varied(1, 2024)
    granted = report.applications["granted"]
    more = dict(report.applications, granted=(granted[0] + 50, *granted[1:]))
    area = sum_reports([("甲", good), ("乙", dataclasses.replace(report, applications=more))])
    with pytest.raises(ReportDataError, match="R7"):
        table_answers(area)


def test_the_decisions_are_summed_added_and_kept() -> None:
    area, reports = _area()
    summed = summed_decisions(area)
    assert summed.licensing == sum(r.proactive.licensing or 0 for r in reports)
    assert summed.fees == sum(
        (r.proactive.fees_10k_yuan or Decimal(0) for r in reports), Decimal(0)
    )
    own = Decisions(3, 1, 0, Decimal("0.5"))
    added = summed.plus(own)
    assert (added.licensing, added.fees) == (summed.licensing + 3, summed.fees + Decimal("0.5"))
    assert added.answers()["decisions"] == {
        "licensing": summed.licensing + 3, "penalty": summed.penalty + 1,
        "enforcement": summed.enforcement,
    }  # fmt: skip
    assert decisions_from_json(own.json()) == own
    for junk in (None, {}, {**own.json(), "fees": "abc"}, {**own.json(), "penalty": -1},
                 {**own.json(), "licensing": True}, {**own.json(), "fees": "-1"}):  # fmt: skip
        assert decisions_from_json(junk) is None


def test_the_governments_own_figures_are_those_its_answers_give() -> None:
    names = {"decisions": {"licensing": 2, "penalty": 0, "enforcement": 1}, "fees": Decimal(3)}
    assert given_decisions(names) == Decisions(2, 0, 1, Decimal(3))
    assert given_decisions({}) is None
    assert given_decisions({**names, "decisions": {"licensing": None}}) is None


def test_the_sum_kept_in_the_meta_is_read_back_and_a_bad_one_ignored() -> None:
    area, _ = _area(2)
    record = sum_record("/县/2024", 2024, area, SUM, None)
    kept = stored_sum({"area": record})
    assert kept is not None and kept[1].values == area.values
    assert kept[0]["bodies"] == 2 and kept[0]["proactive"] == SUM
    for meta in ({}, {"area": "x"}, {"area": {**record, "folder": 3}},
                 {"area": {**record, "parts": [{"body": "甲"}]}}):  # fmt: skip
        assert stored_sum(meta) is None

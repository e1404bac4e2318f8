"""report/area.py: the area's tables as the sum of its bodies' reports."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from report_interview.flow.blocks import block_answers
from report_interview.report.area import (
    APPEALS,
    APPLICATIONS,
    CellRef,
    area_from_json,
    parts_json,
    sum_reports,
)
from report_interview.report.checks import run_checks
from report_interview.report.data import (
    APPEAL_KEYS,
    APPLICATION_KEYS,
    ReportData,
    ReportDataError,
)

from .county import FAULTS, varied
from .samples import reference, with_cases


def _cellwise(reports: list[ReportData], key: str, column: int) -> int:
    return sum(report.applications[key][column] or 0 for report in reports)


def test_each_counted_cell_is_the_sum_of_the_bodies_cells() -> None:
    reports = [varied(i, 2023) for i in range(5)]
    area = sum_reports([(r.org.name, r) for r in reports])
    for key in ("new", "granted", "denied_third_party", "other_other"):
        assert area.applications[key][:6] == tuple(_cellwise(reports, key, c) for c in range(6))
    for key in APPEAL_KEYS:
        assert area.appeals[key][:4] == tuple(
            sum(r.appeals[key][c] or 0 for r in reports) for c in range(4)
        )
    fees = sum((r.proactive.fees_10k_yuan or Decimal(0) for r in reports), Decimal(0))
    assert area.proactive.fees_10k_yuan == fees
    assert area.bodies == tuple(r.org.name for r in reports)


def test_bodies_that_add_up_leave_no_gap_and_their_totals_sum() -> None:
    reports = [varied(i, 2023) for i in range(6)] + [with_cases()]
    area = sum_reports([(r.org.name, r) for r in reports])
    assert area.gaps == ()
    for key in APPLICATION_KEYS:
        assert area.applications[key][6] == _cellwise(reports, key, 6)
    assert not [f for f in run_checks(area.report(reports[0].org, 2023)) if f.level == "error"]


def test_a_wrong_printed_total_is_a_gap_naming_its_body() -> None:
    good, bad = varied(0, 2023), varied(1, 2023, fault=FAULTS[0])
    area = sum_reports([("甲", good), ("乙", bad)])
    (gap,) = area.gaps
    assert gap.ref == CellRef(APPLICATIONS, "new", 6)
    assert (gap.printed - gap.recomputed, gap.bodies) == (1, ("乙",))
    shares = area.shares(gap.ref)
    assert [(s.body, s.adds_up) for s in shares] == [("甲", True), ("乙", False)]


def test_a_wrong_appeal_total_and_an_unbalanced_column_are_traced() -> None:
    bad_appeal, unbalanced = varied(2, 2023, fault="appeal_total"), varied(3, 2023, fault="balance")
    area = sum_reports([("丙", bad_appeal), ("丁", unbalanced)])
    refs = {gap.ref: gap.bodies for gap in area.gaps}
    assert refs[CellRef(APPEALS, "reconsideration", 4)] == ("丙",)
    assert refs[CellRef(APPLICATIONS, "carried_forward", 0)] == ("丁",)


def test_a_blank_cell_counts_as_zero_and_is_listed() -> None:
    blank = varied(4, 2023, fault="blank")
    area = sum_reports([("甲", varied(0, 2023)), ("乙", blank)])
    assert (CellRef(APPLICATIONS, "granted", 0), ("乙",)) in area.blanks
    shares = area.shares(CellRef(APPLICATIONS, "granted", 0))
    assert ("乙", None) in [(s.body, s.value) for s in shares]


def test_the_bodies_behind_a_cell_are_those_with_a_figure_there() -> None:
    a, b = with_cases(), reference()
    area = sum_reports([("自然资源局", a), ("牛屯镇", b)])
    ref = CellRef(APPLICATIONS, "granted", 0)
    assert [(s.body, s.value) for s in area.shares(ref)] == [("自然资源局", 1180)]
    assert ref.place == "三 · （一）予以公开 · 自然人"
    assert (
        CellRef("proactive", "normative_documents.in_force").place
        == "二 · 行政规范性文件 · 现行有效件数"
    )


def test_the_sum_is_taken_by_an_interview_as_its_answers_file_tables() -> None:
    reports = [varied(i, 2023) for i in range(4)]
    area = sum_reports([(r.org.name, r) for r in reports])
    result = block_answers(area.answer_blocks())
    assert result.refused == {}
    assert result.answers["apps_new"] == area.applications["new"][6]
    assert result.answers["apps_matrix"]["granted"] == list(area.applications["granted"][:6])


@given(st.lists(st.tuples(st.integers(0, 40), st.sampled_from(("", *FAULTS))), max_size=6))
def test_the_recomputed_sum_differs_from_the_printed_one_only_by_the_gaps(
    bodies: list[tuple[int, str]],
) -> None:
    reports = [varied(i, 2023, fault=fault) for i, fault in bodies]
    area = sum_reports([(f"{n}", r) for n, r in enumerate(reports)])
    gaps = {gap.ref for gap in area.gaps}
    for ref, printed in area.printed_totals.items():
        assert (printed != area.values[ref]) == (ref in gaps)
    for gap in area.gaps:  # the difference is made of the bodies named, and only theirs
        named = [s for s in area.shares(gap.ref) if s.body in gap.bodies]
        assert sum(s.computed - (s.value or 0) for s in named) == gap.recomputed - gap.printed
    if all(not fault for _, fault in bodies):
        assert not gaps


def test_a_body_with_its_prose_dropped_sums_the_same() -> None:
    report = with_cases()
    bare = dataclasses.replace(report, preamble="", problems="")
    assert sum_reports([("a", report)]).values == sum_reports([("a", bare)]).values


def test_the_sum_kept_with_an_interview_is_read_back_and_junk_refused() -> None:
    reports = [varied(i, 2023, fault=fault) for i, fault in enumerate(("", "blank", ""))]
    area = sum_reports([(r.org.name, r) for r in reports])
    again = area_from_json(json.loads(json.dumps(parts_json(area), ensure_ascii=False)))
    assert again.values == area.values and again.bodies == area.bodies
    assert again.blanks == area.blanks and again.gaps == area.gaps
    for junk in (None, [], [{"body": "甲"}], [{"tables": {}}], [{"body": "甲", "tables": []}]):
        with pytest.raises(ReportDataError):
            area_from_json(junk)

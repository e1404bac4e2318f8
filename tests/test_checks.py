"""Each rule of report-format.md §7: one report that passes it and one that fails it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from report_interview.report.checks import RULES, run_checks
from report_interview.report.data import ReportData, report_from_dict

from .conftest import reference_dict

Mutation = Callable[[dict[str, Any]], None]


def _apps(**rows: list[int | None]) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        data["applications"].update(rows)

    return mutate


def _consistent(data: dict[str, Any]) -> None:
    """4 new + 1 carried = 3 granted + 1 not held + 1 forward, over two columns."""
    _apps(
        new=[3, 1, 0, 0, 0, 0],
        carried_over=[1, 0, 0, 0, 0, 0],
        granted=[2, 1, 0, 0, 0, 0],
        unavailable_not_held=[1, 0, 0, 0, 0, 0],
        concluded=[3, 1, 0, 0, 0, 0],
        carried_forward=[1, 0, 0, 0, 0, 0],
    )(data)


def _combine(*mutations: Mutation) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        for m in mutations:
            m(data)

    return mutate


def _set(path: str, value: Any) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target = data
        for key in parents:
            target = target[key]
        target[last] = value

    return mutate


# The reference's 五 never says what became of last year's problems (R13); these do.
LAST_YEAR_PROBLEMS = "一是部分栏目信息更新不够及时；二是政策解读形式较为单一。"
FOLLOWS_UP = (
    "针对去年报告提出的信息更新不够及时的问题，我镇已建立每周更新制度。2024年，我镇将加强培训。"
)


def _build(mutation: Mutation) -> ReportData:
    data = reference_dict()
    data["overview"]["proactive"] = "2023年主动公开各类信息166条。"  # the reference's R10 slip
    data["problems"] = FOLLOWS_UP
    mutation(data)
    return report_from_dict(data)


CASES: dict[str, tuple[Mutation, Mutation]] = {
    # rule: (passes, fails)
    "R1": (_consistent, _combine(_consistent, _apps(carried_forward=[0, 0, 0, 0, 0, 0]))),
    "R2": (
        _consistent,
        _combine(_consistent, _apps(concluded=[3, 1, 0, 0, 0, 0, 5])),
    ),
    "R3": (_consistent, _apps(new=[3, 1, 0, 0, 0, 0, 5])),
    "R4": (
        _set("appeals.reconsideration", [10, 1, 0, 0, 11]),
        _set("appeals.reconsideration", [10, 1, 0, 0, 0]),
    ),
    "R7": (
        _set("proactive.licensing", 12),
        _set("proactive.licensing", None),
    ),
    "R10": (
        _set("problems", "2024年，我镇将加强培训。"),
        _set("overview.proactive", "2022 年主动公开各类信息 166 条。"),
    ),
    "R11": (
        _set("proactive.normative_documents", {"issued": 2, "repealed": 1, "in_force": 9}),
        _set("proactive.regulations", {"issued": 1, "repealed": 0, "in_force": 1}),
    ),
    "R12": (_set("format", "2021"), _set("format", "2019")),
}


@pytest.mark.parametrize("rule_id", sorted(CASES, key=lambda r: int(r[1:])))
@pytest.mark.parametrize("outcome", ["passes", "fails"])
def test_rule(rule_id: str, outcome: str) -> None:
    passes, fails = CASES[rule_id]
    report = _build(passes if outcome == "passes" else fails)
    found = [f for f in run_checks(report) if f.rule == rule_id]
    if outcome == "passes":
        assert found == []
    else:
        assert found, f"{rule_id} should fire"
        assert all(f.level == RULES[rule_id].level and f.place and f.message for f in found)


def test_clean_reference_data_has_no_findings() -> None:
    assert run_checks(_build(lambda d: None)) == []


def test_r4_message_names_the_expected_total() -> None:
    report = _build(_set("appeals.reconsideration", [10, 1, 0, 0, 0]))
    (finding,) = run_checks(report)
    assert finding.rule == "R4" and finding.level == "error"
    assert "行政复议" in finding.place and "总计" in finding.place
    assert "应为 11" in finding.message


def test_r1_message_says_what_carried_forward_should_be() -> None:
    report = _build(_combine(_consistent, _apps(carried_forward=[0, 0, 0, 0, 0, 0])))
    messages = [f.message for f in run_checks(report) if f.rule == "R1"]
    assert any("结转下年度应为 1" in m for m in messages)
    places = [f.place for f in run_checks(report) if f.rule == "R1"]
    assert any(p.endswith("自然人") for p in places) and any(p.endswith("总计") for p in places)


def test_blank_cell_is_r7_and_not_also_r1_r2_r3() -> None:
    report = _build(_combine(_consistent, _apps(new=[None, 1, 0, 0, 0, 0])))
    assert {f.rule for f in run_checks(report)} == {"R7"}


def test_r10_flags_statistics_period_of_another_year() -> None:
    report = _build(
        _set("preamble", "本报告中所列数据统计期限自2022年1月1日起至2022年12月31日止。")
    )
    places = [f.place for f in run_checks(report) if f.rule == "R10"]
    assert "开头 · 统计期限" in places


def test_r10_reads_years_written_in_chinese_numerals() -> None:
    report = _build(_set("overview.management", "二〇二二年，我镇完善了保密审查。"))
    assert [f.rule for f in run_checks(report)] == ["R10"]


def test_r11_with_last_year_flags_repealing_more_than_existed() -> None:
    previous = _build(
        _combine(
            _set("proactive.normative_documents", {"issued": 1, "repealed": 0, "in_force": 2}),
            _set("problems", LAST_YEAR_PROBLEMS),
        )
    )
    report = _build(
        _set("proactive.normative_documents", {"issued": 1, "repealed": 4, "in_force": 0})
    )
    # removing more than existed also leaves 现行有效 off last year's baseline (R6)
    assert [f.rule for f in run_checks(report, previous)] == ["R6", "R11"]
    assert run_checks(report) == []


def _two_years(this_year: Mutation, last_year: Mutation) -> list[str]:
    previous = _build(_combine(_set("problems", LAST_YEAR_PROBLEMS), last_year))
    return [f.rule for f in run_checks(_build(this_year), previous)]


@pytest.mark.parametrize(
    ("this_year", "last_year", "rules"),
    [
        (_apps(carried_over=[1, 0, 0, 0, 0, 0]), _apps(carried_forward=[1, 0, 0, 0, 0, 0]), []),
        (
            _apps(carried_over=[0, 0, 0, 0, 0, 0]),
            _apps(carried_forward=[1, 0, 0, 0, 0, 0]),
            ["R5"] * 2,
        ),
        (
            _set("proactive.normative_documents", {"issued": 2, "repealed": 1, "in_force": 6}),
            _set("proactive.normative_documents", {"issued": 0, "repealed": 0, "in_force": 5}),
            [],
        ),
        (
            _set("proactive.normative_documents", {"issued": 2, "repealed": 1, "in_force": 9}),
            _set("proactive.normative_documents", {"issued": 0, "repealed": 0, "in_force": 5}),
            ["R6"],
        ),
        (
            _combine(
                _set("proactive.normative_documents", {"issued": 2, "repealed": 1, "in_force": 3}),
                _set("overview.management", "开展规范性文件清理，宣布失效3件。"),
            ),
            _set("proactive.normative_documents", {"issued": 0, "repealed": 0, "in_force": 5}),
            ["R6"],
        ),
        (
            _combine(
                _set("proactive.normative_documents", {"issued": 2, "repealed": 4, "in_force": 3}),
                _set("overview.management", "开展规范性文件清理，宣布失效3件。"),
            ),
            _set("proactive.normative_documents", {"issued": 0, "repealed": 0, "in_force": 5}),
            [],
        ),
    ],
    ids=[
        "R5-passes",
        "R5-fails",
        "R6-passes",
        "R6-fails",
        "R6-cleanup-still-reported",
        "R6-cleanup-counted-as-repealed",
    ],
)
def test_rules_across_two_years(this_year: Mutation, last_year: Mutation, rules: list[str]) -> None:
    found = _two_years(this_year, last_year)
    assert [r for r in found if r in ("R5", "R6")] == rules


def test_r5_names_the_column_and_last_years_number() -> None:
    previous = _build(
        _combine(_set("problems", LAST_YEAR_PROBLEMS), _apps(carried_forward=[0, 2, 0, 0, 0, 0]))
    )
    findings = [f for f in run_checks(_build(lambda d: None), previous) if f.rule == "R5"]
    assert [f.place.split(" · ")[-1] for f in findings] == ["商业企业", "总计"]
    assert "应相等，请按去年报告改为 2" in findings[0].message


def test_rules_are_registered_with_known_levels() -> None:
    assert {"R1", "R2", "R3", "R4", "R7", "R10", "R11", "R12"} <= set(RULES)
    assert all(r.level in ("error", "warning") for r in RULES.values())


@pytest.mark.parametrize(
    ("management", "words"),
    [
        ("开展规范性文件清理，宣布失效300件。", ["相差 300 件", "第一部分提到了文件清理（“开展规范性文件清理，宣布失效300件”）",
                                         "清理中宣布失效或废止的文件应计入本年废止件数", "请在正文写明这 300 件的来由"]),
        ("", ["相差 300 件", "若开展了文件清理，请把宣布失效或废止的文件计入本年废止件数"]),
    ],
    ids=["cleanup-mentioned", "no-cleanup"],
)  # fmt: skip
def test_r6_is_always_reported_and_says_what_to_do_after_a_cleanup(
    management: str, words: list[str]
) -> None:
    this_year = _combine(
        _set("proactive.normative_documents", {"issued": 0, "repealed": 0, "in_force": 398}),
        _set("overview.management", management),
    )
    last_year = _set("proactive.normative_documents", {"issued": 0, "repealed": 0, "in_force": 698})
    previous = _build(_combine(_set("problems", LAST_YEAR_PROBLEMS), last_year))
    found = [f for f in run_checks(_build(this_year), previous) if f.rule == "R6"]
    assert len(found) == 1 and all(word in found[0].message for word in words), found[0].message


def test_a_blank_table_is_one_r7_finding_with_its_count_and_first_places() -> None:
    data = reference_dict()
    data["applications"] = {key: [None] * 7 for key in data["applications"]}
    findings = [f for f in run_checks(report_from_dict(data)) if f.rule == "R7"]
    (finding,) = findings
    assert finding.place == "三、收到和处理政府信息公开申请情况"
    assert finding.message.startswith("175 个单元格为空")
    assert "一、本年新收政府信息公开申请数量 · 自然人" in finding.message
    assert len(finding.rows) == 25


def test_up_to_three_blank_cells_are_found_one_by_one() -> None:
    data = reference_dict()
    data["appeals"]["reconsideration"] = [None, None, 0, 0, 0]
    places = [f.place for f in run_checks(report_from_dict(data)) if f.rule == "R7"]
    assert places == [
        "四、政府信息公开行政复议、行政诉讼情况 · 行政复议 · 结果维持",
        "四、政府信息公开行政复议、行政诉讼情况 · 行政复议 · 结果纠正",
    ]

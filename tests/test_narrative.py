"""The prose the program writes: each sub-part for several answer sets, numbers equal to
the tables, years equal to the report year, numbering without slips, the sample report."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from report_interview.cli.main import main
from report_interview.cli.sources import make_engine
from report_interview.flow.engine import Engine
from report_interview.flow.loader import load_flow
from report_interview.report import narrative
from report_interview.report.builder import build_report
from report_interview.report.checks import run_checks
from report_interview.report.data import APPLICATION_KEYS, OUTCOME_KEYS, Org, Overview, ReportData
from report_interview.report.prose import years_in

from .conftest import DATA
from .test_engine import ZERO_TOWNSHIP, township_answers

FLOW = load_flow()
POINT = re.compile(r"([一二三四五六七八九十]+)是")


def engine() -> Engine:
    return make_engine(FLOW, this_year=2024)


def names(**changes: Any) -> dict[str, Any]:
    """What the composers see for the reference body, with some answers changed."""
    e = engine()
    return dict(e.names({**township_answers(e), **changes}))


def report_with(**changes: Any) -> ReportData:
    """The reference body's report with some answers changed: the paragraphs, which no
    answer gives, are written from them."""
    e = engine()
    return build_report(e.names({**township_answers(e), **changes}))


def assert_numbering_has_no_slips(text: str) -> None:
    for paragraph in text.splitlines():
        numbers = POINT.findall(paragraph)
        expected = [narrative.chinese_number(i) for i in range(1, len(numbers) + 1)]
        assert numbers == expected, paragraph


# ---------------------------------------------------------------- helpers


@pytest.mark.parametrize(
    ("n", "chinese"), [(1, "一"), (2, "二"), (10, "十"), (11, "十一"), (20, "二十"), (35, "三十五")]
)
def test_chinese_numbers(n: int, chinese: str) -> None:
    assert narrative.chinese_number(n) == chinese


@pytest.mark.parametrize(
    ("points", "text"),
    [
        ([], ""),
        (["只有一点。"], "只有一点。"),
        (["甲", "乙；", "丙。"], "一是甲；二是乙；三是丙。"),
    ],
    ids=["none", "one-needs-no-number", "three"],
)
def test_numbered_points(points: list[str], text: str) -> None:
    assert narrative.numbered(points) == text


def test_twelve_points_count_to_twelve() -> None:
    text = narrative.numbered([f"第{i}点" for i in range(12)])
    assert_numbering_has_no_slips(text)
    assert "十二是第11点。" in text


# ---------------------------------------------------------------- 一、总体情况


@pytest.mark.parametrize(
    ("changes", "expected", "absent"),
    [
        (
            {},
            [
                "共主动公开政府信息166条",
                "通过滑县人民政府门户网站“牛屯镇”信息公开专栏公开120条",
                "通过微信公众号“厚重牛屯”发布202条",
                "更新政务公开栏、村（居）务公开栏23期",
                "财政预决算信息12条",
                "乡村振兴信息30条和社会救助信息。",  # 不详: named without a number
            ],
            ["等领域"],  # nothing implied that was not named
        ),
        (  # own key areas exactly as the clerk wrote them: no 信息 added
            {
                "key_areas": ["budget", "土地征收信息", "规划批前公示"],
                "key_area_counts": {"财政预决算（条）": 12, "土地征收信息（条）": 96},
            },
            ["重点公开了财政预决算信息12条、土地征收信息96条和规划批前公示。"],
            ["土地征收信息信息", "规划批前公示信息"],
        ),
        (  # the total not known: said without a number; the village boards counted
            {
                "proactive_total": "不详",
                "channel_counts": {
                    "滑县人民政府门户网站“牛屯镇”信息公开专栏（条）": 120,
                    "微信公众号“厚重牛屯”（条）": 202,
                    "政务公开栏、村（居）务公开栏（期）": 23,
                    "村（居）务公开栏数量（个）": 12,
                },
            },
            ["2023年，我镇主动公开政府信息，其中通过", "更新政务公开栏、12个村（居）务公开栏23期"],
            ["共主动公开", "条，其中"],
        ),
        (
            {"proactive_channels": ["board", "website"], "channel_counts": {}},
            ["主要通过滑县人民政府门户网站“牛屯镇”信息公开专栏和政务公开栏、村（居）务公开栏公开"],
            ["厚重牛屯"],
        ),
        ({"key_areas": [], "proactive_total": 0}, ["共主动公开政府信息0条"], ["重点公开"]),
        ({"proactive_channels": ["website", "村广播"]}, ["和村广播公开"], []),
    ],
    ids=[
        "reference",
        "own-areas-verbatim",
        "total-unknown",
        "website-and-boards",
        "nothing-published",
        "own-channel",
    ],
)
def test_proactive(changes: dict[str, Any], expected: list[str], absent: list[str]) -> None:
    text = narrative.proactive(names(**changes))
    assert text.startswith("2023年，我镇")
    for phrase in expected:
        assert phrase in text
    for phrase in absent:
        assert phrase not in text


def _with_applications() -> dict[str, Any]:
    """Guided answers for 12 applications with an outcome in every group."""
    counts = {k: 0 for k in OUTCOME_KEYS}
    counts.update(granted=3, partly_granted=1, denied_third_party=1, unavailable_not_held=2,
                  rejected_duplicate=1, other_unpaid_fee=1)  # fmt: skip
    types = {"natural": 10, "business": 2, "research": 0, "public_interest": 0,
             "legal_service": 0, "other_org": 0}  # fmt: skip
    business = {k: 0 for k in OUTCOME_KEYS} | {"granted": 2}
    return {
        "apps_new": 12,
        "apps_carried": 1,
        "apps_mode": "guided",
        "new_by_type": types,
        "carried_by_type": {k: int(k == "natural") for k in types},
        "concluded_natural": 9,
        "groups_natural": [
            "granted",
            "partly_granted",
            "denied",
            "unavailable",
            "rejected",
            "other",
        ],
        "outcomes_natural": counts,
        "concluded_business": 2,
        "groups_business": ["granted"],
        "outcomes_business": business,
    }


def test_on_request_with_every_outcome_group_matches_the_table() -> None:
    e = engine()
    answers = {**township_answers(e), **_with_applications()}
    answers["apps_forward_ok"] = e.confirmed_value(
        FLOW.question("apps_forward_ok"), e.names(answers)
    )
    report = build_report(e.names(answers))
    text = report.overview.on_request
    assert text == (
        "2023年，我镇新收政府信息公开申请12件，上年结转政府信息公开申请1件；本年度办结11件"
        "（其中予以公开5件、部分公开1件、不予公开1件、无法提供2件、不予处理1件、其他处理1件），"
        "结转下年度继续办理2件。全年未发生因政府信息公开引起的行政复议、行政诉讼案件。"
    )
    table = {key: report.total(key) for key in APPLICATION_KEYS}
    assert (table["new"], table["carried_over"], table["concluded"], table["carried_forward"]) == (
        12,
        1,
        11,
        2,
    )
    assert "本年度办结11件" in text and "结转下年度继续办理2件" in text
    assert "另有1件申请因申请人逾期未按收费通知缴纳信息处理费" in narrative.other_matters(
        e.names(answers), unpaid_fee_cases=report.total("other_unpaid_fee") or 0
    )


def test_on_request_without_applications() -> None:
    assert report_with().overview.on_request == (
        "2023年，我镇未收到政府信息公开申请。全年未发生因政府信息公开引起的行政复议、行政诉讼案件。"
    )


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, ["一是严格执行信息发布前保密审查制度", "二是对新制发的公文"]),
        (
            {
                "management_practices": ["cleanup", "ledger", "自建了信息发布审批表"],
                "documents_cleaned": 15,
            },
            ["一是开展规范性文件清理，共清理规范性文件15件", "三是自建了信息发布审批表"],
        ),
    ],
    ids=["reference", "cleanup-and-own"],
)
def test_management(changes: dict[str, Any], expected: list[str]) -> None:
    text = narrative.management(names(**changes))
    for phrase in expected:
        assert phrase in text
    assert_numbering_has_no_slips(text)


def test_platforms_name_the_platforms_the_clerk_named() -> None:
    text = narrative.platforms(names())
    assert "维护滑县人民政府门户网站“牛屯镇”信息公开专栏" in text
    assert "加强微信公众号“厚重牛屯”的管理" in text and "公开栏23期" in text


@pytest.mark.parametrize(
    ("kind", "must", "must_not"),
    [
        (
            "township",
            [
                "关于工作考核、社会评议和责任追究结果",
                "本年度未开展政务公开社会评议",
                "未发生因政府信息公开工作被追究责任",
            ],
            [],
        ),
        ("county_department", ["未发生因政府信息公开工作被追究责任"], ["社会评议"]),
    ],
    ids=["people's-government", "department"],
)
def test_oversight_covers_article_50_for_a_government(
    kind: str, must: list[str], must_not: list[str]
) -> None:
    answers = names(org_kind=kind)
    text = narrative.oversight(answers)
    for phrase in must:
        assert phrase in text
    for phrase in must_not:
        assert phrase not in text
    assert_numbering_has_no_slips(text)


def test_government_is_asked_for_assessment_and_review_a_department_is_not() -> None:
    e = engine()
    asked = {q.id for q in e.visible({**ZERO_TOWNSHIP, "org_kind": "county_department"})}
    assert not {"assessment_result", "public_review"} & asked
    assert {"assessment_result", "public_review"} <= {q.id for q in e.visible(ZERO_TOWNSHIP)}


# ---------------------------------------------------------------- 五 and 六


def test_problems_report_last_years_problems_measures_and_next_year() -> None:
    text = narrative.problems(names())
    assert "针对“政务公开的组织建设仍需改进”的问题，调整充实政务公开工作人员" in text
    assert "二是政策解读形式单一" in text
    assert "二是对重要政策同步制作图解或短视频解读" in text  # the measure of problem 二
    assert "2024年，我镇将重点做好以下工作" in text
    assert_numbering_has_no_slips(text)


def test_own_problems_take_their_own_measures_in_order() -> None:
    text = narrative.problems(
        names(
            problems_chosen=["staff", "档案整理滞后"],
            problem_measures=["新上岗人员先培训后上岗", "年底前完成档案整理"],
        )
    )
    assert "二是档案整理滞后" in text and "二是年底前完成档案整理" in text


def test_problems_without_last_year_say_so() -> None:
    assert narrative.problems(names(last_problems=[])).startswith(
        "上年度报告未提出需要整改的具体问题。"
    )


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, "2023年，我镇未收取信息处理费。"),
        (
            {"info_fee_charged": True, "info_fee_amount": Decimal("35.50")},
            "收取信息处理费35.50元。",
        ),
        (
            {
                "handles_proposals": True,
                "proposals_npc": 3,
                "proposals_cppcc": 2,
                "proposals_published": True,
            },
            "承办人大代表建议3件、政协提案2件，办理结果已全部公开。",
        ),
    ],
    ids=["no-fee", "fee-in-yuan", "proposals"],
)
def test_other_matters_always_state_the_fee(changes: dict[str, Any], expected: str) -> None:
    text = narrative.other_matters(names(**changes))
    assert expected in text
    assert "信息处理费" in text and text.strip() != "无"
    assert "万元" not in text  # the 行政事业性收费 of 二 is never mixed in


# ---------------------------------------------------------------- the whole report


@pytest.mark.parametrize(
    "changes",
    [
        {},
        _with_applications(),
        {"org_kind": "county_department", "org_name": "滑县教育局", "org_self": "我局"},
    ],
    ids=["zero-applications", "applications-every-group", "department"],
)
def test_years_are_the_report_year_and_the_next_only_for_plans(changes: dict[str, Any]) -> None:
    report = report_with(**changes)
    for text in (report.preamble, *vars(report.overview).values(), report.other_matters):
        assert {year for year, _ in years_in(text)} <= {2023}, text
    assert {year for year, _ in years_in(report.problems)} <= {2023, 2024}
    for text in (*vars(report.overview).values(), report.problems, report.other_matters):
        assert_numbering_has_no_slips(text)


def test_sample_report_is_what_the_answers_file_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("REPORT_INTERVIEW_HOME", str(tmp_path / "home"))
    answers = DATA / "niutun-2023-answers.yaml"
    assert main(["new", "--answers", str(answers), "--no-input", "--out", str(tmp_path)]) == 0
    (written,) = tmp_path.glob("*.txt")
    sample = (DATA / "niutun-2023-sample.txt").read_text(encoding="utf-8")
    assert written.read_text(encoding="utf-8") == sample


def test_sample_report_has_none_of_the_reference_defects() -> None:
    sample = (DATA / "niutun-2023-sample.txt").read_text(encoding="utf-8")
    assert "2022" not in sample and "本年度止件数" not in sample and "难度考核" not in sample
    assert "信息处理费" in sample.split("六、其他需要报告的事项")[1]
    assert "国办公开办函〔2021〕30号" in sample
    assert "自2023年1月1日起至2023年12月31日止" in sample
    reference = (DATA / "niutun-2023-reference.txt").read_text(encoding="utf-8")
    assert len(sample.split("二、主动公开")[0]) > len(reference.split("二、主动公开")[0])


def test_report_of_the_reference_answers_has_no_errors() -> None:
    report = report_with()
    assert [f for f in run_checks(report) if f.level == "error"] == []


def test_a_lost_report_of_last_year_is_said_plainly_never_as_no_problems() -> None:
    text = narrative.problems(names(last_report="missing", last_problems=[]))
    assert text.startswith("因未能找到上年度报告，上年度所提问题的整改情况无法逐项说明。")
    assert "未提出需要整改的具体问题" not in text


def test_no_proposals_handled_is_stated_not_left_out() -> None:
    assert "2023年，我镇未承办人大代表建议和政协提案。" in narrative.other_matters(
        names(handles_proposals=False)
    )


def test_every_listed_practice_and_platform_has_its_words() -> None:
    """An option's value (an identifier) never reaches the report."""
    lists = engine().builtins
    for key, composer, options in (
        ("management_practices", narrative.management, "management_options"),
        ("platform_work", narrative.platforms, "platform_options"),
    ):
        values = [c.value for c in lists[options]]
        text = composer({**lists, "org_self": "我镇", key: values, "documents_cleaned": 3})
        assert not re.search(r"[a-z_]{3,}", text), text


def test_the_areas_figures_are_said_as_the_areas_and_read_back_by_r8() -> None:
    """A county's 三 and 四 as the sum of its bodies' reports: 全县, not 我县, and the
    numbers the text states are the table's (R8 reads them back)."""
    from report_interview.report.area import sum_reports
    from report_interview.report.prose import CONCLUDED, NEW, RECONSIDERATION, stated_numbers

    from .county import varied

    area = sum_reports([(f"单位{i}", varied(i, 2024)) for i in range(4)])
    county = Org("滑县人民政府", "我县", "county_government")
    tables = area.report(county, 2024)
    text = narrative.on_request(tables, "全县")
    new, concluded = area.applications["new"][6], area.applications["concluded"][6]
    assert text.startswith(f"2024年，全县共新收政府信息公开申请{new}件")
    assert "我县" not in text
    stated = {(s.quantity, s.value) for s in stated_numbers(text)}
    assert {(NEW, new), (CONCLUDED, concluded)} <= stated
    assert (RECONSIDERATION, area.appeals["reconsideration"][4]) in stated
    report = dataclasses.replace(tables, overview=Overview(on_request=text))
    assert not [f for f in run_checks(report) if f.rule == "R8"]
    wrong = text.replace(f"申请{new}件", f"申请{new + 1}件")
    report = dataclasses.replace(tables, overview=Overview(on_request=wrong))
    assert [f.rule for f in run_checks(report) if f.rule == "R8"] == ["R8"]


def test_nothing_the_clerk_did_not_say_is_written() -> None:
    """Newcomers found claims no answer gave: “全部在法定期限内答复” when nothing was
    carried forward, stock phrases after the practices chosen, and a line of 上级要点
    saying “无” when there were none."""
    report = report_with()
    one = (1, 0, 0, 0, 0, 0, 1)
    rows = {**report.applications, "new": one, "granted": one, "concluded": one}
    text = narrative.on_request(dataclasses.replace(report, applications=rows))
    assert text.startswith(
        "2023年，我镇新收政府信息公开申请1件；本年度办结1件（其中予以公开1件）。"
    )
    assert "法定期限" not in text
    management = narrative.management(names(management_practices=["secrecy", "ledger"]))
    assert (
        management
        == "我镇进一步规范政府信息管理：一是严格执行信息发布前保密审查制度；二是建立政务公开工作台账。"
    )
    assert "要点" not in narrative.other_matters(names(work_points=[]))


def test_applications_ended_for_an_unpaid_fee_are_the_areas_where_the_sum_is() -> None:
    said = narrative.other_matters(names(org_self="我县"), unpaid_fee_cases=2, area="全县")
    assert "我县未收取信息处理费。全县有2件申请因申请人逾期未按收费通知缴纳信息处理费" in said
    assert "另有2件" in narrative.other_matters(names(), unpaid_fee_cases=2)


def test_a_channel_without_a_count_is_said_in_a_clause_of_its_own() -> None:
    """A service hall ticked beside counted channels became a bare “，便民服务中心。”
    (newcomer run: a county bureau); it is the body's 政务服务大厅, said as such."""
    site = "滑县人民政府门户网站“牛屯镇”信息公开专栏"
    chosen = names(proactive_channels=["website", "service_hall"])
    text = narrative.proactive(
        {**chosen, "channel_counts": {site: 120}, "org_kind": "county_department"}
    )
    assert "公开120条；还通过政务服务大厅公开。" in text
    township = narrative.proactive(names(proactive_channels=["service_hall"]))
    assert "主要通过便民服务中心公开。" in township

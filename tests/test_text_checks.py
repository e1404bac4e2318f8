"""The text rules of report-format.md §7: R8 (numbers in the text match the tables),
R9 (信息处理费 reported when a fee notice went out), R13 (五 follows up last year)."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from report_interview.report import narrative
from report_interview.report.checks import RULES, Finding, run_checks
from report_interview.report.data import SECTION_TITLES, ReportData, report_from_dict
from report_interview.report.prose import (
    CARRIED_FORWARD,
    CARRIED_OVER,
    CONCLUDED,
    DOCS_IN_FORCE,
    DOCS_ISSUED,
    DOCS_REPEALED,
    LITIGATION,
    NEW,
    QUANTITIES,
    RECONSIDERATION,
    chinese_number,
    is_near_copy,
    problem_phrases,
    stated_numbers,
)

from .conftest import reference_dict

FOLLOWS_UP = "针对去年报告提出的信息更新不够及时的问题，我镇已建立每周更新制度。"
ON_REQUEST = "一、总体情况 · （二）依申请公开"


def _with_cases(data: dict[str, Any]) -> None:
    """5 new + 1 carried = 5 concluded + 1 forward; 1 复议, 2 诉讼; documents 2/1/9."""
    data["applications"].update(
        new=[4, 1, 0, 0, 0, 0],
        carried_over=[1, 0, 0, 0, 0, 0],
        granted=[3, 1, 0, 0, 0, 0],
        unavailable_not_held=[1, 0, 0, 0, 0, 0],
        concluded=[4, 1, 0, 0, 0, 0],
        carried_forward=[1, 0, 0, 0, 0, 0],
    )
    data["appeals"].update(
        reconsideration=[1, 0, 0, 0],
        litigation_direct=[0, 0, 0, 1],
        litigation_after_reconsideration=[0, 1, 0, 0],
    )
    data["proactive"]["normative_documents"] = {"issued": 2, "repealed": 1, "in_force": 9}


def _report(cases: bool = True, **texts: str) -> ReportData:
    """The reference data without its R10 slip, with a 五 that follows up last year;
    `texts` replaces text parts by key ("on_request" is overview.on_request)."""
    data = reference_dict()
    data["overview"]["proactive"] = "2023年主动公开各类信息166条。"
    data["problems"] = FOLLOWS_UP
    if cases:
        _with_cases(data)
        data["overview"]["on_request"] = ""  # the reference's says 未收到
    for key, text in texts.items():
        target = data["overview"] if key in data["overview"] else data
        target[key] = text
    return report_from_dict(data)


def _found(report: ReportData, rule_id: str, previous: ReportData | None = None) -> list[Finding]:
    return [f for f in run_checks(report, previous) if f.rule == rule_id]


# ---------------------------------------------------------------- R8: extraction


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("新收政府信息公开申请17件", [(NEW, 17)], id="new"),
        pytest.param(
            "2023年，我镇共收到各类政府信息公开申请17件", [(NEW, 17)], id="new-after-year"
        ),
        pytest.param("全年受理依申请公开申请 3 件", [(NEW, 3)], id="new-spaces"),
        pytest.param("新收政府信息公开申请１７件", [(NEW, 17)], id="new-full-width"),
        pytest.param("新收政府信息公开申请十七件", [(NEW, 17)], id="new-chinese-numeral"),
        pytest.param("收到政府信息公开申请两件", [(NEW, 2)], id="new-liang"),
        pytest.param("上年结转政府信息公开申请3件", [(CARRIED_OVER, 3)], id="carried-over"),
        pytest.param("本年度办结14件", [(CONCLUDED, 14)], id="concluded"),
        pytest.param("已答复申请人五件", [(CONCLUDED, 5)], id="concluded-answered"),
        pytest.param("结转下年度继续办理1件", [(CARRIED_FORWARD, 1)], id="carried-forward"),
        pytest.param("被申请行政复议1件", [(RECONSIDERATION, 1)], id="reconsideration"),
        pytest.param("行政复议案件共3件", [(RECONSIDERATION, 3)], id="reconsideration-cases"),
        pytest.param("被提起行政诉讼2件", [(LITIGATION, 2)], id="litigation"),
        pytest.param("制发行政规范性文件2件", [(DOCS_ISSUED, 2)], id="documents-issued"),
        pytest.param("废止规范性文件1件", [(DOCS_REPEALED, 1)], id="documents-repealed"),
        pytest.param("规范性文件中废止1件", [(DOCS_REPEALED, 1)], id="documents-repealed-after"),
        pytest.param("现行有效的行政规范性文件9件", [(DOCS_IN_FORCE, 9)], id="documents-in-force"),
        pytest.param("未收到政府信息公开申请", [(NEW, 0)], id="zero-new"),
        pytest.param("没有收到任何政府信息公开申请", [(NEW, 0)], id="zero-new-meiyou"),
        pytest.param("未收到依申请公开政府信息", [(NEW, 0)], id="zero-new-reference-wording"),
        pytest.param(
            "全年未发生因政府信息公开引起的行政复议、行政诉讼案件",
            [(RECONSIDERATION, 0), (LITIGATION, 0)],
            id="zero-appeals",
        ),
        pytest.param("无行政复议案件", [(RECONSIDERATION, 0)], id="zero-reconsideration"),
        pytest.param(
            "新收政府信息公开申请12件，上年结转3件；本年度办结14件，结转下年度继续办理1件。",
            [(NEW, 12), (CARRIED_OVER, 3), (CONCLUDED, 14), (CARRIED_FORWARD, 1)],
            id="sentence-of-four",
        ),
        pytest.param("2022 年主动公开各类信息 166 条", [], id="information-count-in-tiao"),
        pytest.param("收到政府信息公开咨询3次，办结率100%", [], id="ci-and-percent"),
        pytest.param("共办结15件次", [], id="jianci"),
        pytest.param("收到申请10余件", [], id="approximate"),
        pytest.param("收到行政复议申请2件", [(RECONSIDERATION, 2)], id="reconsideration-not-new"),
        pytest.param("行政复议结果维持1件", [], id="reconsideration-part"),
        pytest.param("未经复议直接起诉的行政诉讼1件", [], id="litigation-part"),
        pytest.param("尚未审结的行政复议1件", [], id="pending-not-zero"),
        pytest.param("收到自然人申请3件", [], id="one-column-only"),
        pytest.param("未收取信息处理费", [], id="fee-is-not-application"),
    ],
)
def test_stated_numbers(text: str, expected: list[tuple[str, int]]) -> None:
    assert [(s.quantity, s.value) for s in stated_numbers(text)] == expected


def test_statement_phrase_is_quoted_as_written() -> None:
    text = "2023年，我镇新收政府信息公开申请 １７ 件。"
    (statement,) = stated_numbers(text)
    assert statement.phrase == "新收政府信息公开申请 １７ 件"
    assert text[statement.start :].startswith(statement.phrase)


@pytest.mark.parametrize(
    ("text", "value"),
    [("0", 0), ("17", 17), ("一", 1), ("两", 2), ("十", 10), ("十七", 17), ("二十", 20),
     ("九十九", 99), ("零", 0), ("一二", None), ("十十", None)],
    ids=["0", "17", "yi", "liang", "shi", "shi-qi", "er-shi", "jiu-shi-jiu", "ling",
         "yi-er-not-a-number", "shi-shi-not-a-number"],
)  # fmt: skip
def test_chinese_number(text: str, value: int | None) -> None:
    assert chinese_number(text) == value


def test_quantity_keys_are_distinct_constants() -> None:
    assert len(set(QUANTITIES)) == len(QUANTITIES) == 9


# ---------------------------------------------------------------- R8: against the tables


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        pytest.param("新收政府信息公开申请5件。", False, id="new-matches"),
        pytest.param("新收政府信息公开申请17件。", True, id="new-differs"),
        pytest.param("上年结转1件。", False, id="carried-over-matches"),
        pytest.param("上年结转3件。", True, id="carried-over-differs"),
        pytest.param("本年度办结5件。", False, id="concluded-matches"),
        pytest.param("已办结6件。", True, id="concluded-differs"),
        pytest.param("结转下年度继续办理1件。", False, id="carried-forward-matches"),
        pytest.param("结转下年度2件。", True, id="carried-forward-differs"),
        pytest.param("被申请行政复议1件。", False, id="reconsideration-matches"),
        pytest.param("行政复议案件3件。", True, id="reconsideration-differs"),
        pytest.param("被提起行政诉讼2件。", False, id="litigation-matches-sum-of-blocks"),
        pytest.param("被提起行政诉讼1件。", True, id="litigation-differs"),
        pytest.param("制发行政规范性文件2件。", False, id="issued-matches"),
        pytest.param("制发规范性文件3件。", True, id="issued-differs"),
        pytest.param("废止规范性文件1件。", False, id="repealed-matches"),
        pytest.param("规范性文件中废止2件。", True, id="repealed-differs"),
        pytest.param("现行有效的行政规范性文件9件。", False, id="in-force-matches"),
        pytest.param("现行有效规范性文件8件。", True, id="in-force-differs"),
        pytest.param("新收政府信息公开申请五件。", False, id="chinese-numeral-matches"),
        pytest.param("新收政府信息公开申请十七件。", True, id="chinese-numeral-differs"),
        pytest.param("上年结转一件，结转下年度两件。", True, id="liang-differs"),
        pytest.param("新收政府信息公开申请 ５ 件。", False, id="full-width-matches"),
        pytest.param("新收政府信息公开申请１７件。", True, id="full-width-differs"),
        pytest.param("未收到政府信息公开申请。", True, id="zero-new-but-table-has-5"),
        pytest.param("全年未发生行政复议、行政诉讼。", True, id="zero-appeals-but-table-has-cases"),
        pytest.param("2023年，我镇收到政府信息公开申请5件。", False, id="year-not-taken"),
        pytest.param("主动公开信息166条，收到政府信息公开申请5件。", False, id="tiao-not-taken"),
    ],
)
def test_r8_on_a_report_with_cases(text: str, fires: bool) -> None:
    found = _found(_report(on_request=text), "R8")
    assert bool(found) == fires
    assert all(f.level == "error" and f.place == ON_REQUEST for f in found)


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        pytest.param("未收到政府信息公开申请。", False, id="zero-new-matches"),
        pytest.param("没有收到政府信息公开申请。", False, id="zero-new-meiyou-matches"),
        pytest.param("全年未发生行政复议、行政诉讼。", False, id="zero-appeals-match"),
        pytest.param("无因政府信息公开引起的行政复议。", False, id="zero-reconsideration-matches"),
        pytest.param("新收政府信息公开申请3件。", True, id="new-but-table-has-none"),
        pytest.param("被提起行政诉讼1件。", True, id="litigation-but-table-has-none"),
    ],
)
def test_r8_on_a_report_without_cases(text: str, fires: bool) -> None:
    assert bool(_found(_report(cases=False, on_request=text), "R8")) == fires


def test_r8_message_quotes_the_text_and_the_table() -> None:
    report = _report(on_request="2023年，我镇收到政府信息公开申请17件。")
    (finding,) = _found(report, "R8")
    assert finding == Finding(
        "R8",
        "error",
        ON_REQUEST,
        "文中写“收到政府信息公开申请17件”，但第三部分表格中本年新收总计为 5 件；请改成一致。",
    )


def test_r8_names_one_finding_per_mismatch() -> None:
    report = _report(on_request="全年未发生因政府信息公开引起的行政复议、行政诉讼案件。")
    messages = [f.message for f in _found(report, "R8")]
    assert len(messages) == 2
    assert "行政复议总计为 1 件" in messages[0] and "行政诉讼总计" in messages[1]


@pytest.mark.parametrize(
    ("key", "place"),
    [
        ("preamble", "开头"),
        ("proactive", "一、总体情况 · （一）主动公开"),
        ("oversight", "一、总体情况 · （五）监督保障"),
        ("problems", SECTION_TITLES[4]),
        ("other_matters", SECTION_TITLES[5]),
    ],
    ids=["preamble", "overview-proactive", "overview-oversight", "problems", "other-matters"],
)
def test_r8_reads_every_text_part(key: str, place: str) -> None:
    report = _report(**{key: "去年以来，我镇制发规范性文件7件。"})
    assert [f.place for f in _found(report, "R8")] == [place]


def test_r8_skips_a_blank_cell_which_is_r7() -> None:
    data = reference_dict()
    data["applications"]["new"] = [None, 0, 0, 0, 0, 0]
    data["overview"]["on_request"] = "新收政府信息公开申请17件。"
    rules = {f.rule for f in run_checks(report_from_dict(data))}
    assert "R7" in rules and "R8" not in rules


def test_r8_no_false_positive_on_the_reference_report() -> None:
    report = report_from_dict(reference_dict())
    assert "166 条" in report.overview.proactive
    assert _found(report, "R8") == []


def _narrated(report: ReportData) -> ReportData:
    return dataclasses.replace(
        report,
        preamble=narrative.preamble(
            report, "县政府门户网站", "党政办公室", "人民路1号", "0372-5123456"
        ),
        overview=dataclasses.replace(report.overview, on_request=narrative.on_request(report)),
    )


def _variant(change: str) -> ReportData:
    data = reference_dict()
    _with_cases(data)
    if change == "no-forward":
        data["applications"].update(
            new=[4, 1, 0, 0, 0, 0],
            carried_over=[1, 0, 0, 0, 0, 0],
            granted=[4, 1, 0, 0, 0, 0],
            concluded=[5, 1, 0, 0, 0, 0],
            carried_forward=[0, 0, 0, 0, 0, 0],
        )
    elif change == "no-cases":
        data = reference_dict()
    elif change == "appeals-only":
        data["applications"] = reference_dict()["applications"]
    return report_from_dict(data)


@pytest.mark.parametrize("change", ["with-forward", "no-forward", "no-cases", "appeals-only"])
def test_r8_no_false_positive_on_the_narrative_sentences(change: str) -> None:
    report = _narrated(_variant(change))
    assert _found(report, "R8") == []
    assert [f for f in run_checks(report) if f.level == "error"] == []


def test_r8_narrative_sentences_are_read() -> None:
    """The narrative's sentences are statements R8 understands, so a table changed after
    the text was written is caught."""
    report = _narrated(_variant("with-forward"))
    quantities = {s.quantity for s in stated_numbers(report.overview.on_request)}
    assert {NEW, CARRIED_OVER, CONCLUDED, CARRIED_FORWARD, RECONSIDERATION, LITIGATION} <= (
        quantities
    )
    changed = dataclasses.replace(report, applications=_variant("no-forward").applications)
    messages = [f.message for f in _found(changed, "R8")]
    assert len(messages) == 2
    assert "“办结5件”" in messages[0] and "办结总计（（七）总计）为 6 件" in messages[0]
    assert "“结转下年度继续办理1件”" in messages[1] and "为 0 件" in messages[1]


# ---------------------------------------------------------------- R9: 信息处理费


def _unpaid(other_matters: str, unpaid: int = 1) -> ReportData:
    data = reference_dict()
    data["applications"].update(
        new=[unpaid, 0, 0, 0, 0, 0],
        other_unpaid_fee=[unpaid, 0, 0, 0, 0, 0],
        concluded=[unpaid, 0, 0, 0, 0, 0],
    )
    data["other_matters"] = other_matters
    return report_from_dict(data)


@pytest.mark.parametrize(
    ("other_matters", "unpaid", "fires"),
    [
        pytest.param("本年度共收取信息处理费0元。", 1, False, id="fee-reported"),
        pytest.param("本年度未收取信息处理费。", 1, False, id="no-fee-reported"),
        pytest.param("本年度未收取信息 处理费。", 1, False, id="spaces"),
        pytest.param("按信息处理收费标准，本年度未收费。", 1, False, id="shoufei-with-xinxichuli"),
        pytest.param("无", 0, False, id="no-unpaid-fee-case"),
        pytest.param("无", 1, True, id="bare-wu"),
        pytest.param("", 2, True, id="empty"),
        pytest.param("本年度承办人大代表建议3件。", 1, True, id="other-matters-only"),
    ],
)
def test_r9(other_matters: str, unpaid: int, fires: bool) -> None:
    found = _found(_unpaid(other_matters, unpaid), "R9")
    assert bool(found) == fires
    assert all(f.level == "warning" and f.place == SECTION_TITLES[5] for f in found)


def test_r9_message_says_why_and_what_to_write() -> None:
    (finding,) = _found(_unpaid("无", 2), "R9")
    assert "2 件" in finding.message and "收费通知" in finding.message
    assert "本年度共收取信息处理费X元" in finding.message and "未收取信息处理费" in finding.message


# ---------------------------------------------------------------- R13: 五 and last year

REFERENCE_PROBLEMS: str = reference_dict()["problems"]


@pytest.mark.parametrize(
    ("problems", "fires"),
    [
        pytest.param(FOLLOWS_UP, False, id="follows-up"),
        pytest.param("上年度报告未提出需要整改的具体问题。", False, id="none-raised-last-year"),
        pytest.param("上一年度提出的问题均已落实整改。", False, id="shang-yi-nian-du"),
        pytest.param("2022年报告所提问题已全部解决。", False, id="last-year-in-digits"),
        pytest.param(REFERENCE_PROBLEMS, True, id="reference-never-looks-back"),
        pytest.param("去年的工作取得了成绩。今年将加强培训。", True, id="no-outcome-word"),
        pytest.param("", True, id="empty"),
        pytest.param("  \n", True, id="blank"),
    ],
)
def test_r13_without_last_year(problems: str, fires: bool) -> None:
    found = _found(_report(problems=problems), "R13")
    assert bool(found) == fires
    assert all(f.level == "warning" and f.place == SECTION_TITLES[4] for f in found)


def test_r13_empty_says_so() -> None:
    (finding,) = _found(_report(problems=""), "R13")
    assert finding.message.startswith("第五部分为空")


def _last_year(problems: str = REFERENCE_PROBLEMS) -> ReportData:
    return dataclasses.replace(_report(), year=2022, problems=problems)


COPIED = REFERENCE_PROBLEMS.replace("2024", "2025").replace("2023", "2024")


@pytest.mark.parametrize(
    ("problems", "fires"),
    [
        pytest.param(
            "针对去年报告提出的“依法主动公开意识有待增强”问题，我镇组织了专题培训。"
            "今年存在的问题：一是信息更新不及时；二是解读形式单一。",
            False,
            id="names-a-problem",
        ),
        pytest.param(
            "针对去年提出的主动公开意识问题，我镇已开展两次培训。", False, id="shares-words"
        ),
        pytest.param("去年报告提出的组织建设问题已经解决。", False, id="distinctive-part"),
        pytest.param(
            "今年存在的问题：一是信息更新不及时；二是解读形式单一。下一步将加强培训。",
            True,
            id="ignores-last-year",
        ),
        pytest.param(COPIED, True, id="copy-with-years-changed"),
    ],
)
def test_r13_with_last_year(problems: str, fires: bool) -> None:
    found = _found(_report(problems=problems), "R13", _last_year())
    assert bool(found) == fires
    assert all(f.level == "warning" and f.place == SECTION_TITLES[4] for f in found)


def test_r13_names_last_years_problems() -> None:
    report = _report(problems="今年存在的问题：一是信息更新不及时；二是解读形式单一。")
    (finding,) = _found(report, "R13", _last_year())
    assert "“政务公开的组织建设仍需加改进”“依法主动公开意识有待增强”" in finding.message


def test_r13_copy_message() -> None:
    (finding,) = _found(_report(problems=COPIED), "R13", _last_year())
    assert "照抄" in finding.message


def test_r13_last_year_without_problems_asks_nothing() -> None:
    report = _report(problems="今年存在的问题：一是信息更新不及时。")
    assert _found(report, "R13", _last_year("无")) == []


def test_near_copy_by_identical_sentences() -> None:
    sentences = [s for s in REFERENCE_PROBLEMS.split("。") if s]
    reordered = "。".join(reversed(sentences)) + "。"
    assert is_near_copy(reordered, REFERENCE_PROBLEMS)
    assert not is_near_copy(FOLLOWS_UP, REFERENCE_PROBLEMS)
    assert not is_near_copy("。", REFERENCE_PROBLEMS)


def test_problem_phrases() -> None:
    assert problem_phrases(REFERENCE_PROBLEMS) == [
        ("政务公开的组织建设仍需加改进", "组织建设"),
        ("依法主动公开意识有待增强", "依法主动公开意识"),
        ("推进重大决策公开有待提升", "推进重大决策公开"),
        ("信息公开类型及内容覆盖不够全面", "内容覆盖"),
        ("公开平台和载体建设管理水平有待再提升", "载体建设管理水平"),
    ]


def test_problem_phrases_skip_introductions_and_earlier_follow_ups() -> None:
    text = (
        "上年度报告提出问题的整改情况：一是针对“组织建设仍需改进”的问题，调整了人员；"
        "二是针对“公开意识有待增强”的问题，组织了学习。\n"
        "2023年，我镇政府信息公开工作还存在一些不足：一是部分栏目信息更新不够及时；"
        "二是政策解读形式较为单一。"
    )
    assert [part for _, part in problem_phrases(text)] == ["部分栏目信息更新", "政策解读形式"]


# ---------------------------------------------------------------- registry


def test_text_rules_are_registered() -> None:
    assert {(r, RULES[r].level) for r in ("R8", "R9", "R13")} == {
        ("R8", "error"),
        ("R9", "warning"),
        ("R13", "warning"),
    }


# ---------------------------------------------------------------- R8: who the sentence is about


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("区政府办代表区政府受理政府信息公开申请1件，均已按时答复。", "warning"),
        ("县政府办公室共收到政府信息公开申请1件。", "warning"),
        ("全区共受理政府信息公开申请1件。", "error"),
        ("区政府办代表区政府受理政府信息公开申请99件。", "error"),  # more than the table
    ],
)
def test_r8_a_narrower_subject_is_a_note_not_a_contradiction(text: str, level: str) -> None:
    report = _report(on_request=text)
    table = report.applications["new"][6]
    assert table is not None and table > 1
    (finding,) = _found(report, "R8")
    assert finding.level == level
    assert finding.message.startswith("提示：") == (level == "warning")

"""Every fact the clerk gives reaches the report unchanged (issue 11): property tests
over every composer of report/narrative.py. Generated answers go in; every number and
every own text given for a paragraph must be found in that paragraph, with the unit
asked, the right years, and 一是/二是 counted without a slip."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from report_interview.flow.engine import Engine
from report_interview.flow.loader import load_flow
from report_interview.report import narrative
from report_interview.report.builder import build_report

LISTS = Engine(load_flow(), this_year=2024).builtins  # the flow's option lists
OPTIONS = {name: [c.value for c in choices] for name, choices in LISTS.items()}
POINT = re.compile(r"([一二三四五六七八九十]+)是")
YEAR = re.compile(r"(\d{4})年")

# Own words as a clerk types them: Chinese, no punctuation (a composer may drop a
# trailing 。 but must never change a word), never a word a composer adds itself.
WORDS = "规划批前公示土地征收网格化管理便民服务档案整理工作站广播电视台账清单文件楼宇社区医养扶贫"
own_text = st.text(alphabet=WORDS, min_size=3, max_size=12)
count = st.integers(min_value=1, max_value=100_000)
year = st.integers(min_value=2021, max_value=2030)
kinds = st.sampled_from(["township", "county_department", "county_government", "other"])


def base(report_year: int, kind: str = "township") -> dict[str, Any]:
    return {**LISTS, "report_year": report_year, "org_self": "我镇", "org_kind": kind}


def numbering_counted(text: str) -> None:
    for paragraph in text.splitlines():
        points = POINT.findall(paragraph)
        assert points == [narrative.chinese_number(i) for i in range(1, len(points) + 1)], text


def only_years(text: str, *allowed: int) -> None:
    assert {int(y) for y in YEAR.findall(text)} <= set(allowed), text


def subset(options: list[str]) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(options), unique=True).map(
        lambda chosen: [v for v in options if v in chosen]
    )


# ---------------------------------------------------------------- （一）主动公开


@st.composite
def proactive_answers(draw: st.DrawFn) -> dict[str, Any]:
    channels = draw(subset(OPTIONS["channel_options"]))
    own_channels = draw(st.lists(own_text, max_size=2, unique=True))
    accounts = draw(st.lists(own_text, min_size=1, max_size=3, unique=True))
    website = draw(own_text)
    names = channels + own_channels
    fields = ([f"{website}（条）"] if "website" in names else []) + (
        [f"{a}（条）" for a in accounts] if "newmedia" in names else []
    )
    fields += (
        ["政务公开栏、村（居）务公开栏（期）", "村（居）务公开栏数量（个）"]
        if "board" in names
        else []
    )
    fields += ["新闻发布会（场）"] if "press" in names else []
    fields += [f"{c}（条）" for c in own_channels]
    counts = {f: draw(st.none() | count) for f in fields}
    areas = draw(subset(OPTIONS["key_area_options"])) + draw(
        st.lists(own_text, max_size=2, unique=True)
    )
    labels = {c.value: c.label for c in LISTS["key_area_options"]}
    area_counts = {f"{labels.get(a, a)}（条）": draw(st.none() | count) for a in areas}
    return {
        **base(draw(year)),
        "proactive_total": draw(st.none() | count),  # None: 不详
        "proactive_channels": names,
        "website_name": website,
        "newmedia_names": "、".join(accounts),
        "channel_counts": counts,
        "key_areas": areas,
        "key_area_counts": area_counts,
    }


@settings(max_examples=150, deadline=None)
@given(proactive_answers())
def test_every_channel_count_and_own_area_reaches_the_proactive_paragraph(
    names: dict[str, Any],
) -> None:
    text = narrative.proactive(names)
    total = names["proactive_total"]
    if total is None:  # 不详: no total, none invented
        assert "主动公开政府信息，" in text or "主动公开政府信息。" in text
        assert "共主动公开" not in text
    else:
        assert f"共主动公开政府信息{total}条" in text
    for field, value in names["channel_counts"].items():
        name, unit = field[: field.rindex("（")], field[field.rindex("（") + 1 : -1]
        if name == "村（居）务公开栏数量":  # how many village boards: 12个村（居）务公开栏
            assert (f"、{value}个村（居）务公开栏" in text) if value else ("个村" not in text)
            continue
        shown = "村（居）务公开栏" if "公开栏" in name else name
        assert (shown if "发布会" not in name else "新闻") in text
        if value:
            assert f"{value}{unit}" in text, (field, text)
    bank = {c.label for c in LISTS["key_area_options"]}
    for area, value in names["key_area_counts"].items():
        label = area.removesuffix("（条）")
        name = f"{label}信息" if label in bank else label  # own entries exactly as written
        assert name in text
        assert f"{label}信息" not in text or label in bank or label.endswith("信息"), text
        if value:
            assert f"{name}{value}条" in text
    assert "等领域" not in text  # no area implied that was not named
    for own in names["proactive_channels"]:
        if own not in OPTIONS["channel_options"]:
            assert own in text
    only_years(text, names["report_year"])


# ---------------------------------------------------------------- （三）（四）（五）


@settings(max_examples=100, deadline=None)
@given(
    practices=subset(OPTIONS["management_options"]),
    own=st.lists(own_text, max_size=3, unique=True),
    cleaned=count,
    report_year=year,
)
def test_management_keeps_own_practices_and_the_cleanup_count(
    practices: list[str], own: list[str], cleaned: int, report_year: int
) -> None:
    names = {**base(report_year), "management_practices": practices + own}
    names["documents_cleaned"] = cleaned
    text = narrative.management(names)
    for entry in own:
        assert entry in text
    if "cleanup" in practices:
        assert f"清理规范性文件{cleaned}件" in text
    numbering_counted(text)
    only_years(text, report_year)


@settings(max_examples=100, deadline=None)
@given(
    work=subset(OPTIONS["platform_options"]),
    own=st.lists(own_text, max_size=3, unique=True),
    boards=st.none() | count,
    report_year=year,
)
def test_platforms_keep_own_work_and_the_boards_in_issues(
    work: list[str], own: list[str], boards: int | None, report_year: int
) -> None:
    names = {**base(report_year), "platform_work": work + own}
    names["channel_counts"] = {"政务公开栏、村（居）务公开栏（期）": boards}
    text = narrative.platforms(names)
    for entry in own:
        assert entry in text
    if "boards" in work and boards:
        assert f"公开栏{boards}期" in text and "块" not in text
    numbering_counted(text)


@settings(max_examples=150, deadline=None)
@given(
    kind=kinds,
    organised=st.none() | st.integers(min_value=0, max_value=500),
    attended=st.none() | st.integers(min_value=0, max_value=500),
    assessed=st.booleans(),
    result=own_text,
    reviewed=st.booleans(),
    review=own_text,
    cases=st.integers(min_value=0, max_value=50),
    report_year=year,
)
def test_oversight_states_what_was_done_and_the_article_50_results_plainly(
    kind: str,
    organised: int | None,
    attended: int | None,
    assessed: bool,
    result: str,
    reviewed: bool,
    review: str,
    cases: int,
    report_year: int,
) -> None:
    government = kind in ("township", "county_government")
    names = {**base(report_year, kind), "in_assessment": assessed}
    names |= {"training_organised": organised, "training_attended": attended}
    names |= {"accountability_cases": cases}
    if government:
        names |= {"assessment_result": result, "public_review": reviewed, "review_result": review}
    text = narrative.oversight(names)
    # what the clerk chose, never the question's either/or; 不详 (None) without a number
    assert "组织或参加" not in text
    for count, what in ((organised, "全年组织政务公开业务培训"),
                        (attended, "参加上级组织的政务公开业务培训")):  # fmt: skip
        if count:
            assert f"{what.removeprefix('全年')}{count}次" in text
        elif count is None:
            assert re.search(f"{what.removeprefix('全年')}(?![0-9])", text)
        else:
            assert what.removeprefix("全年") not in text
    done = text.split("。")[0] if "强化政务公开监督保障" in text else ""
    for point in re.split(r"[一二三四五六七八九十]+是", done)[1:]:
        assert "未" not in point, text  # what was done only, never what was not
    assert (f"追究责任{cases}起" in text) if cases else ("未发生" in text)
    if government:
        assert "关于工作考核、社会评议和责任追究结果：" in text  # a sentence of their own
        results = text[text.index("关于工作考核、社会评议和责任追究结果：") :]
        assert result in results
        assert (review in results) if reviewed else ("未开展政务公开社会评议" in results)
    numbering_counted(text)
    only_years(text, report_year)


# ---------------------------------------------------------------- 五 and 六


@st.composite
def problem_answers(draw: st.DrawFn) -> dict[str, Any]:
    last = draw(st.lists(own_text, max_size=4, unique=True))
    bank = draw(subset(OPTIONS["problem_bank"]))
    own = draw(st.lists(own_text, max_size=3, unique=True))
    return {
        **base(draw(year)),
        "last_problems": last,
        "rectification": [draw(own_text) for _ in last],
        "problems_chosen": bank + own,
        "problem_measures": [draw(own_text) for _ in bank + own],
        "next_plans": draw(subset(OPTIONS["plan_bank"]))
        + draw(st.lists(own_text, max_size=2, unique=True)),
    }


@settings(max_examples=150, deadline=None)
@given(problem_answers())
def test_problems_pair_every_item_with_its_answer(names: dict[str, Any]) -> None:
    text = narrative.problems(names)
    for problem, fix in zip(names["last_problems"], names["rectification"], strict=True):
        assert f"针对“{problem}”的问题，{fix}" in text
    own = [p for p in names["problems_chosen"] if p not in OPTIONS["problem_bank"]]
    for problem in own:
        assert problem in text
    for measure in names["problem_measures"]:
        assert measure in text  # every measure the clerk gave, none invented
    for plan in names["next_plans"]:
        if plan not in OPTIONS["plan_bank"]:
            assert plan in text
    numbering_counted(text)
    only_years(text, names["report_year"], names["report_year"] + 1)
    measures = [line for line in text.splitlines() if "改进措施" in line]
    if len(names["problems_chosen"]) > 1:  # the n-th problem and its measure carry one number
        chosen = zip(names["problems_chosen"], names["problem_measures"], strict=True)
        for n, (_, measure) in enumerate(chosen, 1):
            assert f"{narrative.chinese_number(n)}是{measure}" in measures[0]


@settings(max_examples=150, deadline=None)
@given(
    report_year=year,
    fee=st.none() | st.decimals(min_value=Decimal("0.01"), max_value=Decimal(99999), places=2),
    proposals=st.none() | st.tuples(st.integers(0, 300), st.integers(0, 300), st.booleans()),
    points=subset(OPTIONS["work_point_options"]),
    own_points=st.lists(own_text, max_size=2, unique=True),
    notes=st.lists(own_text, max_size=3, unique=True),
    unpaid=st.integers(min_value=0, max_value=20),
)
def test_other_matters_state_every_fee_count_and_note(
    report_year: int,
    fee: Decimal | None,
    proposals: tuple[int, int, bool] | None,
    points: list[str],
    own_points: list[str],
    notes: list[str],
    unpaid: int,
) -> None:
    names = {**base(report_year), "info_fee_charged": fee is not None, "info_fee_amount": fee}
    names |= {"work_points": points + own_points, "other_notes": notes}
    if proposals:
        npc, cppcc, published = proposals
        names |= {"handles_proposals": True, "proposals_npc": npc, "proposals_cppcc": cppcc}
        names |= {"proposals_published": published}
    text = narrative.other_matters(names, unpaid_fee_cases=unpaid)
    if fee is not None:
        assert f"收取信息处理费{narrative._amount(fee)}元" in text
    else:
        assert "未收取信息处理费" in text
    if proposals:
        assert f"承办人大代表建议{proposals[0]}件、政协提案{proposals[1]}件" in text
    if unpaid:
        assert f"另有{unpaid}件申请" in text
    for entry in own_points + notes:
        assert entry in text
    numbering_counted(text)
    only_years(text, report_year)


# ---------------------------------------------------------------- the opening and （二）


@settings(max_examples=100, deadline=None)
@given(
    report_year=year,
    site=own_text,
    office=own_text,
    address=st.just("") | own_text,
    phone=st.from_regex(r"0\d{3}-\d{7}", fullmatch=True),
)
def test_the_opening_gives_every_contact_fact_and_no_empty_one(
    report_year: int, site: str, office: str, address: str, phone: str
) -> None:
    names = {**base(report_year), "org_name": "牛屯镇人民政府", "report_site": site}
    names |= {"contact_office": office, "contact_address": address, "contact_phone": phone}
    text = build_report(names).preamble
    assert site in text and office in text and phone in text
    assert (f"地址：{address}" in text) if address else ("地址" not in text)
    assert f"自{report_year}年1月1日起至{report_year}年12月31日止" in text
    only_years(text, report_year)


@settings(max_examples=100, deadline=None)
@given(
    new=st.lists(st.integers(0, 50), min_size=6, max_size=6),
    carried=st.lists(st.integers(0, 5), min_size=6, max_size=6),
    cases=st.lists(st.integers(0, 5), min_size=4, max_size=4),
)
def test_on_request_states_the_tables_counts(
    new: list[int], carried: list[int], cases: list[int]
) -> None:
    """（二） is written from 三 and 四 only: every count it states is the table's."""
    from report_interview.report.prose import stated_numbers

    names = {**base(2023), "org_name": "牛屯镇", "apps_new": sum(new)}
    names |= {"apps_carried": sum(carried), "apps_mode": "rows"}
    rows = {key: [0] * 6 for key in OPTIONS["matrix_rows"]}
    rows["new"], rows["carried_over"] = new, carried
    rows["granted"] = [n + c for n, c in zip(new, carried, strict=True)]
    names["apps_matrix"] = rows
    names |= {"has_cases": any(cases), "appeal_reconsideration": dict(
        zip(("upheld", "corrected", "other", "pending"), cases, strict=True))}  # fmt: skip
    report = build_report(names)
    text = report.overview.on_request
    stated = {s.quantity: s.value for s in stated_numbers(text)}
    assert stated.get("new") == sum(new)
    if sum(carried):
        assert stated.get("carried_over") == sum(carried)
    if sum(new) + sum(carried):
        assert stated.get("concluded") == sum(new) + sum(carried)
    assert stated.get("reconsideration") == sum(cases)


def test_measures_stay_with_their_problems_whatever_order_the_problems_were_given() -> None:
    """An answers file may list the problems out of the bank's order; the measures are
    asked (and paired) in the answer's order, and the text keeps each pair together."""
    from report_interview.cli.sources import make_engine

    engine = make_engine(load_flow(), this_year=2024)
    chosen = ["thin_interpretation", "档案整理滞后", "slow_updates"]
    labels = ["政策解读形式单一，图解、音视频解读较少", "档案整理滞后", "部分栏目信息更新不够及时"]
    measures = ["每季度制作图解", "年底前整理完毕", "每周检查栏目"]
    names = {**base(2023), "problems_chosen": chosen, "problem_measures": measures}
    assert engine.each(engine.flow.question("problem_measures"), names) == labels
    text = narrative.problems(names)
    problems = next(line for line in text.splitlines() if "存在一些不足" in line)
    answers = next(line for line in text.splitlines() if "改进措施" in line)
    for n, (label, measure) in enumerate(zip(labels, measures, strict=True), 1):
        assert f"{narrative.chinese_number(n)}是{label}" in problems
        assert f"{narrative.chinese_number(n)}是{measure}" in answers


RESULTS = ("结果维持", "结果纠正", "其他结果", "尚未审结")
block_cells = st.lists(st.integers(0, 4), min_size=4, max_size=4)


@settings(max_examples=150, deadline=None)
@given(
    reconsideration=block_cells,
    direct=block_cells,
    after=block_cells,
)
def test_on_request_states_every_appeal_result_as_the_table_does(
    reconsideration: list[int], direct: list[int], after: list[int]
) -> None:
    """（二） says what 四 says: each block's cases with their results (维持、纠正、其他、
    尚未审结), a single case by its result alone, and R8 reads its counts back."""
    from report_interview.report.checks import run_checks
    from report_interview.report.prose import stated_numbers

    blocks = {"reconsideration": reconsideration, "litigation_direct": direct,
              "litigation_after_reconsideration": after}  # fmt: skip
    names = {**base(2023), "org_name": "牛屯镇", "apps_new": 0, "apps_carried": 0}
    names |= {"has_cases": True}
    names |= {f"appeal_{key}": dict(zip(("upheld", "corrected", "other", "pending"), cells,
                                        strict=True)) for key, cells in blocks.items()}  # fmt: skip
    report = build_report(names)
    text = report.overview.on_request
    litigation = sum(direct) + sum(after)
    if not sum(reconsideration) and not litigation:
        assert "未发生因政府信息公开引起的行政复议、行政诉讼案件" in text
        return
    parts = {
        "reconsideration": ("被申请行政复议", "未被申请行政复议"),
        "litigation_direct": ("未经复议直接起诉", None),
        "litigation_after_reconsideration": ("复议后起诉", None),
    }
    for key, cells in blocks.items():
        said, none = parts[key]
        if not sum(cells):
            assert none is None or none in text
            continue
        clause = text[text.index(f"{said}{sum(cells)}件") :].split("；")[0].rstrip("）。")
        given = [(label, n) for label, n in zip(RESULTS, cells, strict=True) if n]
        if len(given) == 1 and given[0][1] == 1:
            assert clause.endswith(f"，{given[0][0]}"), clause
        else:
            for label, n in given:
                assert f"{label}{n}件" in clause, clause
        for label, n in zip(RESULTS, cells, strict=True):
            if not n:
                assert label not in clause, clause  # no result the table does not give
    assert (f"被提起行政诉讼{litigation}件" in text) if litigation else ("未被提起行政诉讼" in text)
    stated = {s.quantity: s.value for s in stated_numbers(text)}
    assert stated.get("reconsideration", 0) == sum(reconsideration)
    assert stated.get("litigation", 0) == litigation
    assert not [f for f in run_checks(report) if f.rule == "R8"]

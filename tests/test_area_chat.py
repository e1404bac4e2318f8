"""A county government's interview taking sections 三 and 四 (and 二's 许可、处罚、强制、
收费) as the sum of its area's reports: the folder read, the files left out said, the
bodies behind a row shown, the sum confirmed and saved as ordinary answers, the review
saying so; bad folders and falling back; resuming with --sum-of."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from report_interview.chat.area import FALL_BACK
from report_interview.chat.conversation import Conversation
from report_interview.flow.area import SUM
from report_interview.flow.engine import encode
from report_interview.flow.fill import fill
from report_interview.report.checks import run_checks
from report_interview.report.data import APPEAL_KEYS, APPLICATION_KEYS, Org, ReportData

from .county import area_folder, county_answers, varied, write
from .fakes import FakePublisher, FakeSession, ScriptedPrompter
from .test_applications import engine


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[ReportData]]:
    """The county office's folder of 2024 reports (six bodies, four files to leave out)."""
    folder = tmp_path_factory.mktemp("area") / "2024年报告"
    return folder, area_folder(folder, 2024)


def session(**changes: Any) -> FakeSession:
    """滑县人民政府's interview with every answer before section 三 given."""
    e = engine()
    typed = fill(e, {}, {**county_answers(), **changes}).accepted
    return FakeSession({key: encode(e.flow.question(key), value) for key, value in typed.items()})


def talk(
    replies: list[Any], stored: FakeSession, *, resumed: bool = False, first: str = ""
) -> tuple[ReportData, ScriptedPrompter]:
    """The conversation to the files written (the report on one tall page)."""
    prompter = ScriptedPrompter([*replies, "w"], size=(80, 200))
    publish = FakePublisher()
    conversation = Conversation(engine(), stored, prompter, publish, resumed=resumed)
    if first:
        conversation.start_at(first)
    assert conversation.run().finished, prompter.text()
    assert not prompter.replies, prompter.replies
    return publish.reports[0], prompter


def summed(reports: list[ReportData], table: str, key: str) -> list[int]:
    rows = [getattr(report, table)[key] for report in reports]
    return [sum(row[c] or 0 for row in rows) for c in range(len(rows[0]))]


def test_a_county_takes_its_tables_as_the_sum_of_its_bodies(
    county: tuple[Path, list[ReportData]],
) -> None:
    folder, reports = county
    stored = session()
    replies = [
        "",  # 汇总各单位的年度报告 (offered)
        f"'{folder}'",  # dragged into the window: quoted
        "row", "13",  # the bodies behind 一、本年新收
        "ok",
        "sum",  # 二's 许可、处罚、强制、收费 as the sum
        "13", "bodies",  # in the review: the same row, from the sum kept
        "",  # the page again
    ]  # fmt: skip
    report, prompter = talk(replies, stored)
    for key in APPLICATION_KEYS:
        assert list(report.applications[key]) == summed(reports, "applications", key), key
    for key in APPEAL_KEYS:
        assert list(report.appeals[key]) == summed(reports, "appeals", key), key
    for key in ("licensing", "penalty", "enforcement"):
        assert getattr(report.proactive, key) == sum(getattr(r.proactive, key) for r in reports)
    fees = sum((r.proactive.fees_10k_yuan or Decimal(0) for r in reports), Decimal(0))
    assert report.proactive.fees_10k_yuan == fees
    new = report.applications["new"][6]
    assert report.overview.on_request.startswith(f"2024年，全县共新收政府信息公开申请{new}件")
    assert [f for f in run_checks(report) if f.level == "error"] == []

    said = prompter.text()
    for reason in ("[重复]", "[其他年度]", "[不是报告]", "[本单位的报告]"):
        assert reason in said
    assert "计入汇总 6 个单位" in said and "全县 6 个单位汇总，第三部分：" in said
    first = reports[0].applications["new"]
    line = f"牛屯镇人民政府  {'  '.join(map(str, first))}"
    bodies = [text for kind, text in prompter.said if text.startswith("【13】一、本年新收申请：")]
    assert len(bodies) == 2 and all(" ".join(line.split()) in " ".join(b.split()) for b in bodies)
    assert "（全县 6 个单位汇总）" in prompter.text("report")
    assert "（行政许可、处罚、强制和收费为全县 6 个单位汇总）" in prompter.text("report")

    assert stored.stored["area_sum"] == "area" and stored.stored["area_folder"] == str(folder)
    record = stored.meta_fields["area"]
    assert (record["bodies"], record["year"], record["proactive"]) == (6, 2024, "sum")
    assert "apps_mode" not in stored.stored


def test_bad_folders_are_said_and_nothing_is_saved_until_the_clerk_falls_back(
    tmp_path: Path,
) -> None:
    a_file = tmp_path / "报告.txt"
    a_file.write_text("不是文件夹", encoding="utf-8")
    (tmp_path / "空").mkdir()
    others = tmp_path / "只有去年的"
    write(varied(1, 2023), others / "去年", "txt")
    county = Org("滑县人民政府", "我县", "county_government")
    write(dataclasses.replace(varied(2, 2024), org=county), others / "本县", "txt")
    stored = session()
    replies = [
        "",
        str(tmp_path / "没有这个文件夹"),
        str(a_file),
        str(tmp_path / "空"),
        str(others),
        "again",  # 怎么办？换一个文件夹
        "<",  # at the folder: back to the choice, still 汇总
        "",
        str(others),
        FALL_BACK,  # 怎么办？不汇总: on at once with the government's own 三 and 四
        "0", "0", "否",
    ]  # fmt: skip
    report, prompter = talk(replies, stored)
    errors = prompter.text("error")
    assert f"找不到文件夹 {tmp_path / '没有这个文件夹'}" in errors
    assert f"{a_file} 是一个文件，不是文件夹" in errors
    assert f"文件夹 {tmp_path / '空'} 中没有报告文件" in errors
    assert f"{others} 中没有可以汇总的 2024 年度报告" in errors
    assert "[其他年度]" in prompter.text() and "[本单位的报告]" in prompter.text()
    assert prompter.asked.count("第三、四部分的表格，用全县各单位年度报告的汇总吗？") == 2
    assert "area" not in stored.meta_fields and "area_folder" not in stored.stored
    assert stored.stored["area_sum"] == "own"
    assert report.overview.on_request.startswith("2024年，我县未收到政府信息公开申请")


def test_the_sum_added_to_the_governments_own_and_rows_changed_after(
    county: tuple[Path, list[ReportData]],
) -> None:
    folder, reports = county
    own = {"decisions": {"licensing": 5, "penalty": 2, "enforcement": 1}, "fees": Decimal("1.5")}
    stored = session(**own)
    granted = summed(reports, "applications", "granted")
    one_more = " ".join(map(str, [granted[0] + 1, *granted[1:6]]))  # a 自然人 concluded more
    replies = ["", str(folder), "edit", "add", "3", one_more, ""]  # row 3: （一）予以公开
    replies += ["9", "bodies", ""]  # in the review: 行政许可, the bodies and the own 5
    report, prompter = talk(replies, stored)
    assert "报告中再加上本机关自己的 5。" in prompter.text("review")
    assert report.proactive.licensing == sum(r.proactive.licensing or 0 for r in reports) + 5
    assert report.proactive.enforcement == sum(r.proactive.enforcement or 0 for r in reports) + 1
    assert stored.meta_fields["area"]["own"] == {
        "licensing": 5, "penalty": 2, "enforcement": 1, "fees": "1.5",
    }  # fmt: skip
    assert "第三部分的表格（各单位报告的汇总，可以逐行修改）" in prompter.text()
    assert list(report.applications["new"]) == summed(reports, "applications", "new")
    assert report.applications["granted"][0] == granted[0] + 1
    forward = summed(reports, "applications", "carried_forward")
    assert report.applications["carried_forward"][0] == forward[0] - 1
    assert "（全县 6 个单位汇总，已修改）" in prompter.text("report")
    assert "汇总加本机关自己的）" in prompter.text("report")


def test_resuming_with_sum_of_reads_the_folder_again(
    county: tuple[Path, list[ReportData]],
) -> None:
    folder, reports = county
    stored = session()
    talk(["", str(folder), "ok", "sum"], stored)
    stored.meta_fields["area_offer"] = str(folder)  # resume --sum-of FOLDER
    report, prompter = talk(["ok", "sum"], stored, resumed=True, first="area_folder")
    assert f"读取命令行 --sum-of 给出的文件夹：{folder}" in prompter.text()
    assert stored.meta_fields["area_offer"] is None
    assert list(report.applications["new"]) == summed(reports, "applications", "new")
    # without --sum-of the folder is not asked again: the interview goes on to the review
    again, prompter = talk([], stored, resumed=True)
    assert again.applications == report.applications


def test_choosing_not_to_sum_after_a_sum_walks_both_sections_again(
    county: tuple[Path, list[ReportData]],
) -> None:
    folder, _ = county
    stored = session()
    talk(["", str(folder), "ok", "keep"], stored)
    replies = ["own", "0", "0", "否"]  # 不汇总; 三 and 四 walked with the sum offered
    report, prompter = talk(replies, stored, resumed=True, first="area_sum")
    assert "第三、四部分现在还是各单位汇总的数字" in prompter.text("note")
    assert prompter.asked[1:4] == [
        "今年一共新收到多少件政府信息公开申请？",
        "去年年底还没办完、转到今年继续办理的申请有几件？",
        "今年有没有因政府信息公开被申请行政复议或被提起行政诉讼？",
    ]
    assert stored.meta_fields["area"] is None
    assert report.overview.on_request.startswith("2024年，我县未收到政府信息公开申请")
    assert "汇总）" not in prompter.text("report")


def test_not_summing_after_a_sum_of_two_names_its_rows_by_the_reviews_numbers(
    county: tuple[Path, list[ReportData]],
) -> None:
    """二's 许可、处罚、强制、收费 taken from the sum stay the sum's after 不汇总: the clerk
    is told their rows, numbered as the review numbers them."""
    from report_interview.chat.area_view import row_numbers

    folder, _ = county
    stored = session()
    talk(["", str(folder), "ok", SUM], stored)
    _, prompter = talk(["own", "0", "0", "否"], stored, resumed=True, first="area_sum")
    numbers = row_numbers()
    rows = f"（【{numbers['licensing']}】至【{numbers['fees']}】）"
    assert rows == "（【9】至【12】）" and f"请在核对报告时修改{rows}" in prompter.text("note")


def test_a_sum_that_does_not_balance_is_refused_naming_the_body(tmp_path: Path) -> None:
    report = varied(3, 2024)
    granted = report.applications["granted"]
    wrong = dict(report.applications, granted=(granted[0] + 50, *granted[1:]))
    write(dataclasses.replace(report, applications=wrong), tmp_path / "报告" / "留固镇", "txt")
    stored = session()
    _, prompter = talk(["", str(tmp_path / "报告"), FALL_BACK, "0", "0", "否"], stored)
    assert "汇总的数字还不能采用" in prompter.text("error") and "R7" in prompter.text("error")
    assert "总计对不上的：留固镇人民政府" in prompter.text("note")
    assert "area" not in stored.meta_fields and stored.stored["area_sum"] == "own"

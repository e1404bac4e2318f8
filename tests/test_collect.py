"""report/collect.py (each body once, the year's reports only, the rest listed),
naming.body_key/same_body, and read/batch.py (reading on several processes)."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

import pytest

from report_interview.read.batch import FileRead, read_all, read_one
from report_interview.report.collect import (
    DUPLICATE,
    OTHER_YEAR,
    OWN_REPORT,
    BodyIndex,
    collect,
    examine,
    figures,
    last_year,
    majority_year,
    set_aside,
)
from report_interview.report.data import Org, ReportData
from report_interview.report.naming import body_key, same_body

from .county import varied, write
from .samples import reference, with_cases


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("牛屯镇人民政府", "牛屯镇", True),
        ("滑县牛屯镇人民政府", "牛屯镇人民政府", True),
        ("城关街道办事处", "城关街道", True),
        ("河南省滑县自然资源局", "滑县自然资源局", True),
        ("牛屯镇 人民政府", "牛屯镇人民政府", True),
        ("东城关镇", "城关镇", False),
        ("甲县城关镇", "乙县城关镇", False),
        ("滑县人民政府办公室", "滑县人民政府", False),
        ("滑县教育局", "浚县教育局", False),
    ],
)
def test_a_body_is_known_by_its_name_with_or_without_suffix_or_region(
    a: str, b: str, same: bool
) -> None:
    assert same_body(body_key(a), body_key(b)) == same


def _named(report: ReportData, name: str) -> ReportData:
    return dataclasses.replace(report, org=Org(name, report.org.self_name, report.org.kind))


def test_a_name_that_could_be_two_bodies_finds_none() -> None:
    first = last_year("a", 0, _named(reference(), "甲县城关镇"))
    second = last_year("b", 0, _named(reference(), "乙县城关镇"))
    index = BodyIndex([first, second])
    assert index.find("甲县城关镇人民政府") is first
    assert index.find("城关镇") is None


def test_the_newer_file_of_a_body_is_kept_and_the_other_listed() -> None:
    report = varied(0, 2023)
    older = examine("old.txt", 100.0, report)
    newer = examine("new.docx", 200.0, _named(report, "滑县" + report.org.name))
    result = collect([older, newer], [])
    assert [body.file for body in result.bodies] == ["new.docx"]
    (left,) = result.left_out
    assert (left.file, left.reason) == ("old.txt", DUPLICATE)
    assert "new.docx" in left.message and "修改时间较晚" in left.message


def test_two_versions_that_differ_are_said_to_differ() -> None:
    """A body that sent two different versions (newcomer run: 5 new applications in one,
    10 in the other): the office must ask which is final, not sum the later file."""
    report = varied(3, 2023)
    other = varied(3, 2024)  # another body's figures under the same name and year
    other = dataclasses.replace(other, year=2023, org=report.org)
    first, second = examine("a.html", 1.0, report), examine("b.txt", 2.0, other)
    (left,) = collect([first, second], []).left_out
    assert left.kept == "b.txt" and left.differs
    assert "两份的数字不同（" in left.message and "请与该单位核实哪一份是定稿" in left.message
    (same,) = collect([first, examine("c.txt", 3.0, report)], []).left_out
    assert not same.differs and "两份的表格数字相同" in same.message


def test_on_equal_times_the_version_with_fewer_errors_is_kept() -> None:
    broken = examine("a.txt", 5.0, varied(1, 2023, fault="row_total"))
    sound = examine("b.txt", 5.0, varied(1, 2023))
    assert [b.file for b in collect([broken, sound], []).bodies] == ["b.txt"]
    assert [b.file for b in collect([sound, broken], []).bodies] == ["b.txt"]


def test_the_year_is_the_majority_year_unless_given() -> None:
    reports = [examine(f"{i}.txt", 0, varied(i, 2023)) for i in range(3)]
    old = examine("old.txt", 0, varied(9, 2022))
    result = collect([*reports, old], [])
    assert result.year == 2023 and len(result.bodies) == 3
    assert [(item.file, item.reason, item.year) for item in result.left_out] == [
        ("old.txt", OTHER_YEAR, 2022)
    ]
    assert collect([*reports, old], [], year=2022).bodies[0].file == "old.txt"
    tie = [examine("a", 0, varied(1, 2022)), examine("b", 0, varied(2, 2023))]
    assert majority_year(tie) == 2023


def test_last_years_report_is_used_only_when_it_is_last_year() -> None:
    before = last_year("b.txt", 0, varied(0, 2022))
    assert examine("a.txt", 0, varied(0, 2023), before).previous is before
    assert examine("a.txt", 0, varied(0, 2024), before).previous is None


def test_a_body_keeps_its_figures_and_findings_not_its_prose() -> None:
    kept = examine("x.json", 0, with_cases())
    assert kept.report.overview.on_request == "" and kept.report.problems == ""
    assert kept.figures["new"] == with_cases().applications["new"][6]
    assert kept.figures["proactive_items"] == 166
    assert kept.figures["litigation"] == 4 and kept.figures["reconsideration_corrected"] == 1
    blank = figures(varied(1, 2023, fault="blank"))
    assert blank["granted"] is not None and blank["denied"] is not None


def test_report_data_and_what_a_worker_returns_pickle(tmp_path: Path) -> None:
    report = with_cases()
    assert pickle.loads(pickle.dumps(report)) == report
    read = read_one(write(report, tmp_path / "a", "json"))
    assert pickle.loads(pickle.dumps(read)) == read and read.report == report


def test_files_are_read_in_order_on_several_processes(tmp_path: Path) -> None:
    paths = [write(varied(i, 2023), tmp_path / f"{i}", "txt") for i in range(4)]
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04")
    readme = tmp_path / "readme.txt"
    readme.write_text("说明", encoding="utf-8")
    results = list(read_all([*paths, broken, readme], jobs=2))
    assert [r.path for r in results] == [*paths, broken, readme]
    assert [r.report.org.name for r in results[:4] if r.report] == [
        varied(i, 2023).org.name for i in range(4)
    ]
    assert isinstance(results[4], FileRead) and results[4].problem and not results[4].not_a_report
    assert results[5].not_a_report
    assert list(read_all(paths, jobs=1)) == results[:4]


def test_the_governments_own_report_is_set_aside_from_its_areas() -> None:
    county = Org("滑县人民政府", "我县", "county_government")
    own = examine("草稿.txt", 0, dataclasses.replace(varied(9, 2023), org=county))
    bodies = [examine(f"{i}.txt", 0, varied(i, 2023)) for i in range(2)]
    result = set_aside(collect([*bodies, own], []), "滑县人民政府")
    assert [body.file for body in result.bodies] == ["0.txt", "1.txt"]
    (left,) = result.left_out
    assert (left.file, left.reason, left.org) == ("草稿.txt", OWN_REPORT, "滑县人民政府")
    assert "本单位（滑县人民政府）自己的报告" in left.message
    departments = [examine("局.txt", 0, _named(varied(3, 2023), "滑县教育局"))]
    assert set_aside(collect(departments, []), "滑县人民政府").bodies  # 滑县教育局 ≠ 滑县

"""Real published reports nobody here made (tests/data/real/README.md says where each
comes from): three WPS-made PDFs, and text copied out of each with `pdftotext -layout`.
Every sentence of their running text reads back intact, no line is bare punctuation,
each of the six headings stands once, and every table cell is the one printed."""

from __future__ import annotations

import json
import re
from functools import cache

import pytest

from report_interview.read.errors import NotAReportError
from report_interview.read.files import read_report_file
from report_interview.read.pdf import pdf_text
from report_interview.read.sections import find_headings
from report_interview.read.text import read_report
from report_interview.report.checks import run_checks
from report_interview.report.data import OVERVIEW_PARTS, ReportData, report_to_dict

from .conftest import DATA

REAL = DATA / "real"
REPORTS = ("hongze-2023", "hongze-2024", "huaian-2024")
KINDS = ("pdf", "layout.txt")
# A sub-heading's own sentence ("（一）主动公开情况。") is the structure the reader
# splits section 一 at, not text of a part.
_SUBHEADING = re.compile(r"（[一二三四五]）[^。]{2,20}。")
_BARE = re.compile(r"[\s、，。；：！？,.;:!?]+")


@cache
def _read(name: str, kind: str) -> ReportData:
    if kind == "pdf":  # the PDF is laid out once for all the tests
        return read_report(_pdf_text(name))
    return read_report_file(REAL / f"{name}.{kind}")


@cache
def _pdf_text(name: str) -> str:
    return pdf_text((REAL / f"{name}.pdf").read_bytes())


def _texts(report: ReportData) -> list[str]:
    overview = [getattr(report.overview, key) for key, _ in OVERVIEW_PARTS]
    texts = [report.preamble, *overview, report.problems, report.other_matters]
    return ["".join(text.split()) for text in texts]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", REPORTS)
def test_every_sentence_of_the_running_text_reads_back_intact(name: str, kind: str) -> None:
    sentences = (REAL / f"{name}.sentences.txt").read_text(encoding="utf-8").split()
    texts = _texts(_read(name, kind))
    broken = [
        s for s in sentences if not _SUBHEADING.fullmatch(s) and not any(s in t for t in texts)
    ]
    assert broken == []
    assert len(sentences) >= 20


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", REPORTS)
def test_every_table_cell_is_the_one_printed(name: str, kind: str) -> None:
    expected = json.loads((REAL / f"{name}.cells.json").read_text(encoding="utf-8"))
    data = report_to_dict(_read(name, kind))
    assert {key: data[key] for key in expected} == expected


@pytest.mark.parametrize("name", REPORTS)
def test_no_bare_punctuation_and_each_heading_once(name: str) -> None:
    lines = _pdf_text(name).splitlines()
    assert [line for line in lines if _BARE.fullmatch(line)] == []
    heads = find_headings(lines)
    assert None not in heads
    assert all(lines.count(lines[head]) == 1 for head in heads if head is not None)
    # section 一 ends where 二 begins: no table of 二 is read into （五）
    assert "本年制发件数" not in _read(name, "pdf").overview.oversight


def test_a_sub_heading_keeps_its_wrapped_lines() -> None:
    """ "（五）…情况。进一步细化分解政府门" / "户网站…" is one paragraph."""
    for kind in KINDS:
        oversight = _read("hongze-2023", kind).overview.oversight
        assert oversight.startswith("进一步细化分解政府门户网站和政务新媒体")


def test_findings_of_a_government_with_area_tables() -> None:
    """洪泽区 2024: the text's 17 are the office's, the table's 95 the area's (a note);
    one （六）其他处理 row is named by R12 rather than the whole report called 2019's."""
    findings = run_checks(_read("hongze-2024", "pdf"))
    r8 = [f for f in findings if f.rule == "R8"]
    assert [(f.level, "区政府办代表区政府" in f.message) for f in r8] == [("warning", True)]
    (r12,) = [f for f in findings if f.rule == "R12"]
    assert "只有一行“（六）其他处理”" in r12.message and "2019 年试行格式" not in r12.message
    assert not any(f.rule == "R7" for f in findings)


def test_a_published_budget_is_no_report() -> None:
    with pytest.raises(NotAReportError):
        read_report_file(REAL / "putuo-welfare-budget-2024-p1.pdf")


def test_sizes_stay_those_of_the_published_files() -> None:
    assert all(path.stat().st_size < 500_000 for path in REAL.iterdir())


def test_pdf_copy_of_the_programs_own_report_reads_every_cell_of_section_two() -> None:
    """Text copied out of a LibreOffice-made PDF (pdftotext -layout of with-cases.pdf):
    every cell of 二 as printed, no false R7."""
    from .samples import with_cases

    read = read_report_file(DATA / "files" / "with-cases.layout.txt")
    assert read.proactive == with_cases().proactive
    assert read.applications == with_cases().applications
    assert not any(f.rule == "R7" for f in run_checks(read))

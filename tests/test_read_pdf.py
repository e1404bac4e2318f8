"""read.pdf: PDF reports. The fixtures under tests/data/files/ were made from the
program's own Word file by tests/data/files/make_fixtures.py (LibreOffice; CI has none)."""

from __future__ import annotations

import dataclasses

import pytest

from report_interview.read.errors import ReadError
from report_interview.read.pdf import pdf_text, read_pdf
from report_interview.report.data import OVERVIEW_PARTS, ReportData

from .conftest import DATA
from .samples import with_cases

FILES = DATA / "files"


def _tables(report: ReportData) -> tuple[object, ...]:
    return (report.org, report.year, report.format, report.proactive, report.applications,
            report.appeals)  # fmt: skip


def _prose(report: ReportData) -> list[str]:
    texts = [report.preamble, *(getattr(report.overview, k) for k, _ in OVERVIEW_PARTS),
             report.problems, report.other_matters]  # fmt: skip
    # A PDF keeps no space or 、 that LibreOffice put at the end of a line (the text
    # layer has no glyph for it), so prose is compared without them.
    return ["".join(text.replace("、", "").split(" ")) for text in texts]


def test_text_pdf_of_own_word_file_reads_back_cell_for_cell() -> None:
    read = read_pdf((FILES / "with-cases.pdf").read_bytes())
    assert _tables(read) == _tables(with_cases())


def test_text_pdf_prose_comes_back_paragraph_for_paragraph() -> None:
    read = read_pdf((FILES / "with-cases.pdf").read_bytes())
    assert _prose(read) == _prose(with_cases())


def test_title_wrapped_over_two_lines_and_page_numbers() -> None:
    text = pdf_text((FILES / "with-cases.pdf").read_bytes())
    assert text.startswith("滑县自然资源局2023年政府信息公开工作年\n\n度报告")
    assert "— 2 —" not in text


def test_six_page_pdf_with_long_prose() -> None:
    read = read_pdf((FILES / "six-pages.pdf").read_bytes())
    expected = with_cases()
    assert _tables(read) == _tables(expected)
    assert read.problems.count("一是部分栏目更新不够及时") == 32


@pytest.mark.parametrize(
    ("name", "words"),
    [("scanned.pdf", "扫描图片.*需要 Word 或文字版"), ("encrypted.pdf", "加了密码")],
)
def test_pdf_that_cannot_be_read_says_why(name: str, words: str) -> None:
    with pytest.raises(ReadError, match=words):
        read_pdf((FILES / name).read_bytes())


@pytest.mark.parametrize("cut", [0.5, 0.05])
def test_truncated_pdf_is_a_read_error(cut: float) -> None:
    data = (FILES / "with-cases.pdf").read_bytes()
    with pytest.raises(ReadError):
        read_pdf(data[: int(len(data) * cut)])


def test_fixtures_stay_small() -> None:
    assert all(path.stat().st_size < 200_000 for path in FILES.glob("*.pdf"))


def test_sample_is_what_the_fixture_was_made_from() -> None:
    assert dataclasses.asdict(with_cases())["org"]["name"] == "滑县自然资源局"


def test_a_pdf_without_ruled_tables_is_laid_out_once_within_the_budget(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Its layout text comes from the pages as laid out within the budget; pdfplumber
    never lays a page out again by itself (outside the budget's counts and time)."""
    import pdfplumber.page

    from report_interview.read.errors import NotAReportError
    from report_interview.read.files import read_report_file

    def outside_the_budget(*args: object, **kwargs: object) -> None:
        raise AssertionError("a page laid out again outside the budget")

    monkeypatch.setattr(pdfplumber.page, "PDFPageInterpreter", outside_the_budget)
    with pytest.raises(NotAReportError):  # a page of a budget: read whole, then no report
        read_report_file(DATA / "real" / "putuo-welfare-budget-2024-p1.pdf")

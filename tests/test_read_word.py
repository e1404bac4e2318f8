"""read.word: Word files → ReportData, the program's own and hand-made WPS-style ones."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from report_interview.read.errors import ReadError
from report_interview.read.word import docx_text, read_docx
from report_interview.report.data import ReportData
from report_interview.write.render import render, render_text

from .samples import merged_down, reference, text_blocks, with_cases

SAMPLES = {"reference": reference, "with_cases": with_cases}


@pytest.mark.parametrize("sample", sorted(SAMPLES))
def test_own_word_file_reads_back_cell_for_cell_with_its_prose(sample: str) -> None:
    report = SAMPLES[sample]()
    data = render(report, "docx")
    assert isinstance(data, bytes)
    assert read_docx(data) == report


def _vertical_merge(cell: object, value: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    merge = OxmlElement("w:vMerge")
    if value:
        merge.set(qn("w:val"), value)
    tc_pr.append(merge)


def _add_table(document: object, rows: list[list[str]]) -> None:
    """A WPS-style table: labels merged down the rows they name (vMerge, the text in
    the first cell only), an empty paragraph inside every label cell."""
    table = document.add_table(rows=len(rows), cols=len(rows[0]))  # type: ignore[attr-defined]
    spans = merged_down(rows, 2)
    covered = {(r + k, c) for (r, c), n in spans.items() for k in range(1, n)}
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            if (r, c) in covered:
                _vertical_merge(cell, "")
                continue
            cell.text = text
            if (r, c) in spans:
                _vertical_merge(cell, "restart")
                cell.add_paragraph("")


def wps_style_docx(report: ReportData, split_at: int = 14) -> bytes:
    """The report as WPS lays it out: paragraphs, tables with vertically merged labels
    and empty paragraphs in cells, and the matrix split across two pages (two tables,
    the header rows repeated)."""
    document = docx.Document()
    for block in text_blocks(render_text(report)):
        if isinstance(block, str):
            document.add_paragraph(block)
        elif len(block) > split_at + 5:
            header = block[:3]
            _add_table(document, block[:split_at])
            document.add_paragraph("")
            _add_table(document, [*header, *block[split_at:]])
        else:
            _add_table(document, block)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("sample", sorted(SAMPLES))
def test_wps_style_tables_with_merged_labels_read_back(sample: str) -> None:
    report = SAMPLES[sample]()
    data = wps_style_docx(report)
    assert read_docx(data) == report


def test_merged_label_cells_leave_blank_cells_like_the_tab_layout() -> None:
    report = with_cases()
    text = docx_text(wps_style_docx(report))

    def cells(key: str) -> str:
        return "\t".join(str(cell) for cell in report.applications[key])

    assert f"\t（三）不予公开\t1.属于国家秘密\t{cells('denied_state_secret')}" in text
    assert f"\t\t2.其他法律行政法规禁止公开\t{cells('denied_prohibited_by_law')}" in text


@pytest.mark.parametrize("cut", [0.9, 0.5, 0.1])
def test_truncated_word_file_is_a_read_error(cut: float) -> None:
    data = render(reference(), "docx")
    assert isinstance(data, bytes)
    with pytest.raises(ReadError, match="损坏或不完整"):
        read_docx(data[: int(len(data) * cut)])


def test_word_file_without_a_report_says_so(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("会议通知")
    out = io.BytesIO()
    document.save(out)
    with pytest.raises(ReadError, match="不像是一份政府信息公开工作年度报告"):
        read_docx(out.getvalue())

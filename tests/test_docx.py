"""The Word rendering: the 公文 look, tables merged exactly as layout.py draws them, and a
clerk's text written as text. Every test reads the produced bytes back with python-docx."""

from __future__ import annotations

import functools
import io
import zipfile
from typing import Any

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Pt

from report_interview.report.data import (
    OVERVIEW_PARTS,
    SECTION_TITLES,
    Overview,
    ReportData,
    report_from_dict,
)
from report_interview.report.layout import Table, covered, tables
from report_interview.write.word import clean_text, paragraphs_of, render_docx

from .conftest import DATA, reference_dict, replace

TEXT_WIDTH_TWIPS = 8844  # 21.0 − 2.8 − 2.6 = 15.6 cm


def _reference() -> ReportData:
    return report_from_dict(reference_dict())


def _busy() -> ReportData:
    """A body with applications in several outcome groups, 复议 and 诉讼 cases, a
    preamble, multi-paragraph text, a fee with decimals and one blank (None) cell."""
    data = reference_dict()
    data["preamble"] = (
        "根据《中华人民共和国政府信息公开条例》，编制本报告。\n"
        "本报告中所列数据统计期限自2023年1月1日起至2023年12月31日止。"
    )
    data["overview"]["on_request"] = "全年收到申请12件。\n\n　　已全部依法答复。"
    proactive = data["proactive"]
    proactive["normative_documents"] = {"issued": 3, "repealed": 1, "in_force": 12}
    proactive.update(licensing=1520, penalty=37, enforcement=None, fees_10k_yuan="9116.36")
    apps = data["applications"]
    apps["new"] = [10, 2, 0, 0, 0, 0]
    apps["carried_over"] = [1, 0, 0, 1, 0, 0]
    apps["granted"] = [4, 1, 0, 0, 0, 0]
    apps["partly_granted"] = [1, 0, 0, 0, 0, 0]
    apps["denied_third_party"] = [1, 0, 0, 0, 0, 0]
    apps["unavailable_not_held"] = [2, 0, 0, 1, 0, 0]
    apps["rejected_duplicate"] = [1, 0, 0, 0, 0, 0]
    apps["other_no_correction"] = [0, 1, 0, 0, 0, 0]
    apps["concluded"] = [9, 2, 0, 1, 0, 0]
    apps["carried_forward"] = [2, 0, 0, 0, 0, 0]
    data["appeals"] = {
        "reconsideration": [1, 1, 0, 1],
        "litigation_direct": [0, 1, 0, 0],
        "litigation_after_reconsideration": [1, 0, 0, 0],
    }
    data["other_matters"] = "本年度收取信息处理费0元。"
    return report_from_dict(data)


REPORTS = {"reference": _reference, "busy": _busy}


def _open(report: ReportData) -> Any:
    return docx.Document(io.BytesIO(render_docx(report)))


@functools.cache
def _rendered(name: str) -> tuple[ReportData, bytes]:
    """Each sample rendered once for the whole module (a Word file takes ~0.2 s)."""
    report = REPORTS[name]()
    return report, render_docx(report)


@pytest.fixture(params=sorted(REPORTS))
def case(request: pytest.FixtureRequest) -> tuple[ReportData, Any]:
    report, data = _rendered(request.param)
    return report, docx.Document(io.BytesIO(data))


def test_the_reference_data_file_is_the_reference_report() -> None:
    assert _reference().org.name in (DATA / "niutun-2023.json").read_text(encoding="utf-8")


# ---------------------------------------------------------------- tables


def _xml_regions(table: Any) -> set[tuple[int, int, int, int]]:
    """The merged regions as Word reads them from the XML: w:gridSpan widens a cell,
    w:vMerge="restart" opens a vertical merge that w:vMerge cells below continue."""
    regions: list[list[int]] = []
    open_regions: dict[int, list[int]] = {}
    for row, tr in enumerate(table._tbl.tr_lst):
        col = 0
        for tc in tr.tc_lst:
            span, merge = tc.grid_span, tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
            if merge is not None and merge.get(qn("w:val"), "continue") == "continue":
                region = open_regions[col]
                assert (region[0] + region[2], region[3]) == (row, span)
                region[2] += 1
            else:
                region = [row, col, 1, span]
                regions.append(region)
                open_regions[col] = region
            col += span
        assert col == len(table.columns), f"row {row} does not fill the grid"
    return {(r, c, rs, cs) for r, c, rs, cs in regions}


def _identity_regions(table: Any) -> set[tuple[int, int, int, int]]:
    """The merged regions as python-docx sees them: grid positions sharing one w:tc."""
    grid = [[table.cell(r, c) for c in range(len(table.columns))] for r in range(len(table.rows))]
    spots: dict[int, list[tuple[int, int]]] = {}
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            spots.setdefault(id(cell._tc), []).append((r, c))
    regions = set()
    for positions in spots.values():
        rows, cols = {r for r, _ in positions}, {c for _, c in positions}
        assert len(positions) == len(rows) * len(cols), "a region is not a rectangle"
        regions.add((min(rows), min(cols), len(rows), len(cols)))
    return regions


def _layout_regions(layout: Table) -> set[tuple[int, int, int, int]]:
    return {(c.row, c.col, c.rowspan, c.colspan) for c in layout.cells}


def _layout_texts(layout: Table) -> dict[tuple[int, int], str]:
    """The text shown at every grid position: the text of the region covering it."""
    texts = {}
    for cell in layout.cells:
        for r in range(cell.row, cell.row + cell.rowspan):
            for c in range(cell.col, cell.col + cell.colspan):
                texts[r, c] = cell.text
    return texts


def test_three_tables_of_the_layouts_size(case: tuple[ReportData, Any]) -> None:
    report, document = case
    layouts = list(tables(report).values())
    assert len(document.tables) == 3
    for word, layout in zip(document.tables, layouts, strict=True):
        assert (len(word.rows), len(word.columns)) == (layout.n_rows, layout.n_cols)


def test_merged_regions_equal_the_layout(case: tuple[ReportData, Any]) -> None:
    report, document = case
    for word, layout in zip(document.tables, tables(report).values(), strict=True):
        expected = _layout_regions(layout)
        assert len(list(covered(layout))) == layout.n_rows * layout.n_cols
        assert _xml_regions(word) == expected, layout.key
        assert _identity_regions(word) == expected, layout.key
        assert {c for c in expected if c[2] > 1 or c[3] > 1} == {
            (c.row, c.col, c.rowspan, c.colspan) for c in layout.merged()
        }


def test_every_grid_position_shows_its_regions_text(case: tuple[ReportData, Any]) -> None:
    report, document = case
    for word, layout in zip(document.tables, tables(report).values(), strict=True):
        for (r, c), text in _layout_texts(layout).items():
            assert word.cell(r, c).text == text, (layout.key, r, c)


def test_every_cell_holds_exactly_one_paragraph(case: tuple[ReportData, Any]) -> None:
    """Merging concatenates paragraphs; a stray empty one would show as an extra line."""
    _, document = case
    for word in document.tables:
        for tr in word._tbl.tr_lst:
            for tc in tr.tc_lst:
                assert len(tc.p_lst) == 1


def test_figures_of_the_busy_report_are_in_their_cells() -> None:
    document = _open(_busy())
    proactive, applications, appeals = document.tables
    assert proactive.cell(3, 1).text == "3"  # 行政规范性文件 本年制发件数
    assert proactive.cell(3, 3).text == "12"
    assert proactive.cell(6, 1).text == proactive.cell(6, 3).text == "1520"  # spans 3 columns
    assert proactive.cell(10, 1).text == ""  # 行政强制 left blank (None)
    assert proactive.cell(13, 3).text == "9116.36"
    assert applications.cell(3, 0).text == "一、本年新收政府信息公开申请数量"
    assert applications.cell(3, 9).text == "12"
    assert applications.cell(20, 1).text == "（五）不予处理"  # the group label spans rows
    figures = (1, 1, 0, 1, 3, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1)
    assert [appeals.cell(3, c).text for c in range(15)] == [str(n) for n in figures]


def test_column_widths_fill_the_text_width(case: tuple[ReportData, Any]) -> None:
    """Fixed widths that add up to 15.6 cm; every cell as wide as the columns it spans."""
    _, document = case
    for word in document.tables:
        grid = [int(col.get(qn("w:w"))) for col in word._tbl.tblGrid.gridCol_lst]
        assert sum(grid) == TEXT_WIDTH_TWIPS
        assert word.autofit is False
        for tr in word._tbl.tr_lst:
            col = 0
            for tc in tr.tc_lst:
                assert tc.width.twips == sum(grid[col : col + tc.grid_span])
                col += tc.grid_span


def test_the_long_labels_of_section_three_get_the_widest_column() -> None:
    applications = _open(_reference()).tables[1]
    widths = [col.width for col in applications.columns]
    assert widths[2] == max(widths)


# ---------------------------------------------------------------- fonts and page


def _style_chain(paragraph: Any) -> list[Any]:
    chain, style = [], paragraph.style
    while style is not None:
        chain.append(style)
        style = style.base_style
    return chain


def _east_asian_font(paragraph: Any) -> str | None:
    """The East Asian font a paragraph's first run is shown in (run, then styles)."""
    elements = [paragraph.runs[0]._r] if paragraph.runs else []
    elements += [style.element for style in _style_chain(paragraph)]
    for element in elements:
        fonts = element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        if fonts is not None and fonts.get(qn("w:eastAsia")):
            return str(fonts.get(qn("w:eastAsia")))
    return None


def _size(paragraph: Any) -> Length | None:
    if paragraph.runs and paragraph.runs[0].font.size is not None:
        return Length(paragraph.runs[0].font.size)
    sizes = [s.font.size for s in _style_chain(paragraph) if s.font.size is not None]
    return sizes[0] if sizes else None


def _format(paragraph: Any, name: str) -> Any:
    """A paragraph format value, direct or from the style chain."""
    for fmt in [paragraph.paragraph_format] + [s.paragraph_format for s in _style_chain(paragraph)]:
        value = getattr(fmt, name)
        if value is not None:
            return value
    return None


def _styled(document: Any, name: str) -> list[Any]:
    return [p for p in document.paragraphs if p.style.name == name]


def test_title_is_centred_in_xiaobiaosong_size_two(case: tuple[ReportData, Any]) -> None:
    report, document = case
    title = document.paragraphs[0]
    assert title.text == report.title
    assert _east_asian_font(title) == "方正小标宋简体"
    assert _size(title) == Pt(22)
    assert _format(title, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    assert document.core_properties.title == report.title
    fonts = title.style.element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    assert fonts.get(qn("w:ascii")) == "方正小标宋简体"  # the year's digits too


def test_body_is_fangsong_size_three_fixed_lines_indented(case: tuple[ReportData, Any]) -> None:
    _, document = case
    body = _styled(document, "公文正文")
    assert body
    for paragraph in body:
        assert _east_asian_font(paragraph) == "仿宋_GB2312"
        assert _size(paragraph) == Pt(16)
        assert _format(paragraph, "alignment") == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert _format(paragraph, "line_spacing_rule") == WD_LINE_SPACING.EXACTLY
        assert Pt(28) <= _format(paragraph, "line_spacing") <= Pt(29)
    indent = body[0].style.element.find(f"{qn('w:pPr')}/{qn('w:ind')}")
    assert indent.get(qn("w:firstLineChars")) == "200"
    assert int(indent.get(qn("w:firstLine"))) == 640  # 2 × 16 pt in twips


def test_headings_heiti_and_kaiti(case: tuple[ReportData, Any]) -> None:
    _, document = case
    for name, font in (("一级标题", "黑体"), ("二级标题", "楷体_GB2312")):
        for paragraph in _styled(document, name):
            assert _east_asian_font(paragraph) == font
            assert _size(paragraph) == Pt(16)


def test_every_run_prefers_the_east_asian_font_for_shared_characters(
    case: tuple[ReportData, Any],
) -> None:
    _, document = case
    runs = [r for p in document.paragraphs for r in p.runs]
    for table in document.tables:
        runs += [r for row in table.rows for c in row.cells for p in c.paragraphs for r in p.runs]
    for run in runs:
        assert run._r.rPr.rFonts.get(qn("w:hint")) == "eastAsia"


def test_table_fonts_and_alignment(case: tuple[ReportData, Any]) -> None:
    report, document = case
    sizes = {"proactive": Pt(10.5), "applications": Pt(10.5), "appeals": Pt(9)}
    for word, layout in zip(document.tables, tables(report).values(), strict=True):
        assert word.style.name == "Table Grid"
        for cell in layout.cells:
            paragraph = word.cell(cell.row, cell.col).paragraphs[0]
            assert _size(paragraph) == sizes[layout.key]
            assert _east_asian_font(paragraph) == ("黑体" if cell.header else "仿宋_GB2312")
            if cell.number or cell.header:
                assert _format(paragraph, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
            tc_pr = word.cell(cell.row, cell.col)._tc.tcPr
            assert tc_pr.find(qn("w:vAlign")).get(qn("w:val")) == "center"


def test_a4_with_official_document_margins() -> None:
    section = _open(_reference()).sections[0]
    tolerance = Cm(0.01)
    for actual, expected in (
        (section.page_width, Cm(21.0)),
        (section.page_height, Cm(29.7)),
        (section.top_margin, Cm(3.7)),
        (section.bottom_margin, Cm(3.5)),
        (section.left_margin, Cm(2.8)),
        (section.right_margin, Cm(2.6)),
    ):
        assert abs(actual - expected) < tolerance


def test_footer_holds_a_centred_page_field_between_dashes() -> None:
    footer = _open(_reference()).sections[0].footer
    assert not footer.is_linked_to_previous
    (paragraph,) = footer.paragraphs
    xml = paragraph._p.xml
    kinds = [e.get(qn("w:fldCharType")) for e in paragraph._p.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"]
    assert [e.text.strip() for e in paragraph._p.iter(qn("w:instrText"))] == ["PAGE"]
    assert xml.index("begin") < xml.index("PAGE") < xml.index("end")
    assert paragraph.text.startswith("—") and paragraph.text.endswith("—")
    assert _format(paragraph, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    assert _east_asian_font(paragraph) == "宋体"
    assert _size(paragraph) == Pt(14)


# ---------------------------------------------------------------- order and text


def _blocks(document: Any) -> list[str]:
    """The body in order: each paragraph's text, "<table>" for each table."""
    blocks = []
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:tbl"):
            blocks.append("<table>")
        elif element.tag == qn("w:p"):
            blocks.append("".join(t.text or "" for t in element.iter(qn("w:t"))))
    return blocks


def _expected_blocks(report: ReportData) -> list[str]:
    blocks = [report.title, *paragraphs_of(report.preamble), SECTION_TITLES[0]]
    for key, label in OVERVIEW_PARTS:
        blocks += [label, *paragraphs_of(getattr(report.overview, key))]
    for title in SECTION_TITLES[1:4]:
        blocks += [title, "<table>"]
    blocks += [SECTION_TITLES[4], *paragraphs_of(report.problems)]
    blocks += [SECTION_TITLES[5], *paragraphs_of(report.other_matters)]
    return blocks


def test_the_report_in_its_order(case: tuple[ReportData, Any]) -> None:
    report, document = case
    assert _blocks(document) == _expected_blocks(report)
    assert [p.text for p in _styled(document, "一级标题")] == list(SECTION_TITLES)
    assert [p.text for p in _styled(document, "二级标题")] == [label for _, label in OVERVIEW_PARTS]


def test_text_fields_become_one_paragraph_per_line() -> None:
    document = _open(_busy())
    body = [p.text for p in _styled(document, "公文正文")]
    assert body[:2] == [
        "根据《中华人民共和国政府信息公开条例》，编制本报告。",
        "本报告中所列数据统计期限自2023年1月1日起至2023年12月31日止。",
    ]
    assert "全年收到申请12件。" in body and "已全部依法答复。" in body
    assert all(text.strip() for text in _blocks(document))  # no empty paragraphs


def test_markup_in_answers_is_written_literally() -> None:
    hostile = "<script>alert(1)</script>\n{{ 7*7 }} {% if x %}"
    report = replace(
        _reference(),
        overview=Overview(proactive=hostile),
        problems="<w:p>&amp;</w:p>",
    )
    data = render_docx(report)
    texts = _blocks(docx.Document(io.BytesIO(data)))
    assert "<script>alert(1)</script>" in texts
    assert "{{ 7*7 }} {% if x %}" in texts
    assert "<w:p>&amp;</w:p>" in texts
    assert not any("49" in text for text in texts)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in xml and "<script>" not in xml


def test_control_characters_are_dropped() -> None:
    report = replace(
        _reference(),
        preamble="甲\x00乙\x07丙\x1b丁\x7f戊\ufffe己",
        other_matters="无\x0c\x08",
    )
    document = _open(report)
    texts = _blocks(document)
    assert "甲乙丙丁戊己" in texts
    assert texts[-1] == "无"


def test_clean_text_keeps_chinese_tabs_and_punctuation() -> None:
    assert clean_text("“三安全一稳定”\t…—　") == "“三安全一稳定”\t…—　"
    assert clean_text("a\x01b\x9fc\ud800d") == "abcd"
    assert paragraphs_of("　　第一段。\r\n\n  第二段。\n") == ["第一段。", "第二段。"]


def test_an_empty_report_text_still_gives_every_heading() -> None:
    report = replace(_reference(), overview=Overview(), problems="", other_matters="")
    document = _open(report)
    assert [p.text for p in _styled(document, "一级标题")] == list(SECTION_TITLES)
    assert _blocks(document) == _expected_blocks(report)

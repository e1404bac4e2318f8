"""ReportData → a Word (.docx) file in the look of a Chinese government document (公文).

The only module that imports python-docx. The layout follows GB/T 9704-2012 《党政机关
公文格式》 as far as a report needs it:

- A4 paper, margins top 3.7 cm, bottom 3.5 cm, left 2.8 cm, right 2.6 cm (text area
  15.6 cm × 22.5 cm), body lines at an exact 28.9 pt so that 22 lines fill a page.
- Title: 方正小标宋简体 二号 (22 pt), centred.
- Body: 仿宋_GB2312 三号 (16 pt), justified, first line indented by two characters.
- Headings 一、…六、: 黑体 三号; sub-headings （一）…（五）: 楷体_GB2312 三号 — the 公文
  convention for the first two heading levels. Both are indented like body text.
- Tables: 仿宋_GB2312 五号 (10.5 pt), header cells in 黑体; the 15-column table of
  section 四 in 小五 (9 pt). Latin letters and digits use Times New Roman.
- Page numbers: "— 1 —", 宋体 四号 (14 pt), centred in the footer (a PAGE field).

Fonts: Word has no per-run fallback list. Each style names the 公文 font in `w:eastAsia`
(the slot Word uses for Chinese characters); where a computer lacks it (方正小标宋简体,
仿宋_GB2312 and 楷体_GB2312 are not shipped with Windows), Word and WPS substitute a
font (usually 宋体) and keep the name, so the file looks right again on a computer
that has the font. Every run also carries `w:hint="eastAsia"`, so that characters
shared by Chinese and Latin text (“”、…、—) are drawn with the Chinese font.

All formatting lives in named paragraph styles (公文标题, 一级标题, 二级标题, 公文正文,
表格文字, 表格表头, 页码 …), so a clerk can restyle the report in Word. Text from the
clerk is only ever written as text (never parsed as markup); characters that XML
cannot hold (control characters) are dropped.
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Pt, Twips
from docx.styles.style import ParagraphStyle
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from ..report.data import OVERVIEW_PARTS, SECTION_TITLES, ReportData
from ..report.layout import Table, TCell, tables

# ---------------------------------------------------------------- page (GB/T 9704)

PAGE_WIDTH, PAGE_HEIGHT = Cm(21.0), Cm(29.7)
MARGIN_TOP, MARGIN_BOTTOM = Cm(3.7), Cm(3.5)
MARGIN_LEFT, MARGIN_RIGHT = Cm(2.8), Cm(2.6)
FOOTER_DISTANCE = Cm(2.5)  # puts the page number about 7 mm below the text area
TEXT_WIDTH_TWIPS = Length(PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT).twips  # 8844 = 15.6 cm

# ---------------------------------------------------------------- fonts and sizes

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体_GB2312"
PAGE_FONT = "宋体"
LATIN_FONT = "Times New Roman"

SIZE_TITLE = Pt(22)  # 二号
SIZE_BODY = Pt(16)  # 三号
SIZE_PAGE_NUMBER = Pt(14)  # 四号
SIZE_TABLE = Pt(10.5)  # 五号
SIZE_SMALL = Pt(9)  # 小五
LINE_BODY = Pt(28.9)  # exact: 22 lines fill the 22.5 cm text height
LINE_TITLE = Pt(35)
INDENT_CHARS = 200  # w:firstLineChars is in hundredths of a character
CELL_MARGIN = Twips(57)  # 0.1 cm left and right, so that narrow figure columns fit

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class StyleSpec:
    """A paragraph style of the report: its look, and its place in the outline."""

    name: str
    style_id: str
    east_asian: str
    latin: str
    size: Length
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY
    line: Length | None = LINE_BODY  # exact line height; None means single spacing
    indent: bool = False  # first line indented by two characters
    outline: int | None = None  # heading level shown in Word's navigation pane
    keep_with_next: bool = False


def _heading(name: str, style_id: str, font: str, level: int) -> StyleSpec:
    """A heading: body size and indent, kept with the paragraph after it."""
    return StyleSpec(
        name, style_id, font, font, SIZE_BODY, indent=True, outline=level, keep_with_next=True
    )


def _centred(name: str, style_id: str, font: str, latin: str, size: Length) -> StyleSpec:
    """A centred, single-spaced style (table cells, page number)."""
    return StyleSpec(name, style_id, font, latin, size, WD_ALIGN_PARAGRAPH.CENTER, None)


TITLE = StyleSpec(
    "公文标题", "GwTitle", TITLE_FONT, TITLE_FONT, SIZE_TITLE, WD_ALIGN_PARAGRAPH.CENTER, LINE_TITLE
)
HEADING = _heading("一级标题", "GwHeading1", HEADING_FONT, 0)
SUBHEADING = _heading("二级标题", "GwHeading2", SUBHEADING_FONT, 1)
BODY = StyleSpec("公文正文", "GwBody", BODY_FONT, LATIN_FONT, SIZE_BODY, indent=True)
TABLE_TEXT = _centred("表格文字", "GwTableText", BODY_FONT, LATIN_FONT, SIZE_TABLE)
TABLE_HEAD = _centred("表格表头", "GwTableHead", HEADING_FONT, HEADING_FONT, SIZE_TABLE)
SMALL_TEXT = _centred("小号表格文字", "GwTableTextSmall", BODY_FONT, LATIN_FONT, SIZE_SMALL)
SMALL_HEAD = _centred("小号表格表头", "GwTableHeadSmall", HEADING_FONT, HEADING_FONT, SIZE_SMALL)
PAGE_NUMBER = _centred("页码", "GwPageNumber", PAGE_FONT, PAGE_FONT, SIZE_PAGE_NUMBER)

STYLES = (
    TITLE,
    HEADING,
    SUBHEADING,
    BODY,
    TABLE_TEXT,
    TABLE_HEAD,
    SMALL_TEXT,
    SMALL_HEAD,
    PAGE_NUMBER,
)
# A letter (the county office's 审核意见): addressee flush left, the date on the right.
ADDRESSEE = StyleSpec("主送机关", "GwAddressee", BODY_FONT, LATIN_FONT, SIZE_BODY)
SIGNATURE = StyleSpec(
    "成文日期", "GwDate", BODY_FONT, LATIN_FONT, SIZE_BODY, WD_ALIGN_PARAGRAPH.RIGHT
)
LETTER_STYLES = (TITLE, HEADING, BODY, ADDRESSEE, SIGNATURE, PAGE_NUMBER)
LETTER_PARTS = {"heading": HEADING, "body": BODY, "addressee": ADDRESSEE, "date": SIGNATURE}


@dataclass(frozen=True)
class TableSpec:
    """How one layout table is drawn: relative column widths, type size, behaviour."""

    widths: tuple[float, ...]  # relative; scaled to the full text width
    text: StyleSpec = TABLE_TEXT
    head: StyleSpec = TABLE_HEAD
    labels_left: bool = False  # long row labels read better left-aligned
    repeat_header: bool = False  # repeat the header rows on a new page
    keep_together: bool = False  # a short table is not split across pages


TABLE_SPECS = {
    "proactive": TableSpec((4.2, 3.8, 3.8, 3.8), keep_together=True),
    # Three label columns (the third holds the long labels of 三), seven figure columns.
    "applications": TableSpec((1.4, 1.6, 4.2, *(1.2,) * 7), labels_left=True, repeat_header=True),
    "appeals": TableSpec(
        (1.0,) * 15, SMALL_TEXT, SMALL_HEAD, repeat_header=True, keep_together=True
    ),
}


# ---------------------------------------------------------------- text


def clean_text(text: str) -> str:
    """Drop the characters XML 1.0 cannot hold (and C1 controls): a clerk's pasted
    answer may contain them, and Word refuses a file that does."""
    return _INVALID_XML.sub("", text)


def paragraphs_of(text: str) -> list[str]:
    """A text field → its paragraphs: one per line, trimmed (full-width spaces too, the
    style indents the first line), blank lines dropped."""
    lines = (line.strip() for line in clean_text(text).splitlines())
    return [line for line in lines if line]


# ---------------------------------------------------------------- styles


def _set_fonts(element: Any, latin: str, east_asian: str) -> None:
    """Name the fonts of an element holding w:rPr (a style or docDefaults): Latin
    slots and the East Asian slot; theme fonts, which would win, are removed."""
    rpr = element if element.tag == qn("w:rPr") else element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for slot in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(slot), latin)
    fonts.set(qn("w:eastAsia"), east_asian)


def _set_defaults(document: Document) -> None:
    """Document defaults and Normal: body fonts, Chinese as the East Asian language, no
    paragraph spacing (the template's 10 pt after each paragraph is not 公文 style)."""
    rpr = document.styles.element.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault"))
    rpr = rpr.find(qn("w:rPr"))
    _set_fonts(rpr, LATIN_FONT, BODY_FONT)
    lang = rpr.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")
    normal = cast(ParagraphStyle, document.styles["Normal"])
    _set_fonts(normal.element, LATIN_FONT, BODY_FONT)
    normal.font.size = SIZE_BODY
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(0)
    fmt.line_spacing = LINE_BODY
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def _add_style(document: Document, spec: StyleSpec) -> None:
    """Create one paragraph style from its spec, based on Normal."""
    style = cast(ParagraphStyle, document.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH))
    style.element.styleId = spec.style_id  # ASCII id, Chinese name shown in Word
    style.base_style = document.styles["Normal"]
    style.quick_style = True
    _set_fonts(style.element, spec.latin, spec.east_asian)
    style.font.size = spec.size
    fmt = style.paragraph_format
    fmt.alignment = spec.align
    fmt.line_spacing = spec.line if spec.line is not None else 1.0
    if spec.keep_with_next:
        fmt.keep_with_next = True
    if spec.indent:
        _indent_two_chars(style.element.get_or_add_pPr(), spec.size)
    if spec.outline is not None:
        _set_outline_level(style.element.get_or_add_pPr(), spec.outline)


def _indent_two_chars(ppr: Any, size: Length) -> None:
    """First-line indent of two characters: w:firstLineChars (which follows the font
    size in Word and WPS), with the same distance in twips for other readers."""
    ind = ppr.get_or_add_ind()
    ind.set(qn("w:firstLine"), str(Length(2 * size).twips))
    ind.set(qn("w:firstLineChars"), str(INDENT_CHARS))


def _set_outline_level(ppr: Any, level: int) -> None:
    """Give a heading style its outline level (navigation pane, table of contents)."""
    outline = OxmlElement("w:outlineLvl", attrs={qn("w:val"): str(level)})
    ppr.insert_element_before(outline, "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def _set_up_styles(document: Document, specs: Sequence[StyleSpec] = STYLES) -> None:
    _set_defaults(document)
    for spec in specs:
        _add_style(document, spec)
    for spec in (TITLE, HEADING, SUBHEADING):
        if spec in specs:
            document.styles[spec.name].next_paragraph_style = document.styles[BODY.name]


# ---------------------------------------------------------------- page


def _set_up_page(document: Document) -> None:
    """A4 portrait with the 公文 margins; the footer holds the page number."""
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.footer_distance = FOOTER_DISTANCE
    paragraph = section.footer.paragraphs[0]
    paragraph.style = document.styles[PAGE_NUMBER.name]
    _add_run(paragraph, "— ")
    _add_page_field(paragraph)
    _add_run(paragraph, " —")


def _add_page_field(paragraph: Paragraph) -> None:
    """A PAGE field (begin, instruction, separate, cached result, end): every reader
    shows the current page number."""
    _add_run(paragraph, "")._r.append(_fld_char("begin"))
    instruction = OxmlElement("w:instrText", attrs={qn("xml:space"): "preserve"})
    instruction.text = " PAGE "
    _add_run(paragraph, "")._r.append(instruction)
    _add_run(paragraph, "")._r.append(_fld_char("separate"))
    _add_run(paragraph, "1")
    _add_run(paragraph, "")._r.append(_fld_char("end"))


def _fld_char(kind: str) -> Any:
    return OxmlElement("w:fldChar", attrs={qn("w:fldCharType"): kind})


# ---------------------------------------------------------------- paragraphs


def _add_run(paragraph: Paragraph, text: str) -> Any:
    """Append text as a run: plain text, never markup; shared punctuation in the
    East Asian font (w:hint)."""
    run = paragraph.add_run(clean_text(text))
    run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:hint"), "eastAsia")
    return run


def _add_paragraph(document: Document, text: str, spec: StyleSpec) -> None:
    paragraph = document.add_paragraph()
    _set_style(paragraph, document, spec.name)
    _add_run(paragraph, text)


def _add_text(document: Document, text: str) -> None:
    """A clerk's text field as body paragraphs (one per line)."""
    for line in paragraphs_of(text):
        _add_paragraph(document, line, BODY)


def _add_overview(document: Document, report: ReportData) -> None:
    """Section 一: the five sub-parts, each a sub-heading and its paragraphs."""
    _add_paragraph(document, SECTION_TITLES[0], HEADING)
    for key, label in OVERVIEW_PARTS:
        _add_paragraph(document, label, SUBHEADING)
        _add_text(document, getattr(report.overview, key))


# ---------------------------------------------------------------- tables


def _column_widths(spec: TableSpec) -> list[Twips]:
    """Relative widths → twips that add up exactly to the text width."""
    total = sum(spec.widths)
    widths = [Twips(int(TEXT_WIDTH_TWIPS * w / total)) for w in spec.widths[:-1]]
    return [*widths, Twips(TEXT_WIDTH_TWIPS - sum(w.twips for w in widths))]


def _new_table(document: Document, layout: Table, spec: TableSpec) -> DocxTable:
    """An unmerged grid with all borders, fixed column widths, centred on the page,
    every cell vertically centred and its (empty) paragraph in the table style."""
    table: DocxTable = document.add_table(layout.n_rows, layout.n_cols, style="Table Grid")
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = _column_widths(spec)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
            cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
            _set_style(cell.paragraphs[0], document, spec.text.name)
    _set_table_width(table, sum(w.twips for w in widths))
    _set_cell_margins(table, CELL_MARGIN)
    return table


def _set_table_width(table: DocxTable, twips: int) -> None:
    """The table is exactly as wide as the text (w:tblW in twips)."""
    width = table._tbl.tblPr.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        table._tbl.tblPr.insert_element_before(width, *_TBLPR_AFTER_TBLW)
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(twips))


_TBLPR_AFTER_TBLW = (
    "w:jc",
    "w:tblCellSpacing",
    "w:tblInd",
    "w:tblBorders",
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
    "w:tblCaption",
    "w:tblDescription",
    "w:tblPrChange",
)


def _set_cell_margins(table: DocxTable, margin: Length) -> None:
    """Narrow left/right cell margins (the table style's 0.19 cm would make the
    figure columns of 三 and 四 wrap)."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("w:left", "w:right"):
        margins.append(OxmlElement(side, attrs={qn("w:w"): str(margin.twips), qn("w:type"): "dxa"}))
    table._tbl.tblPr.insert_element_before(margins, *_TBLPR_AFTER_TBLW[7:])


def _merge(grid: Sequence[Sequence[_Cell]], cell: TCell) -> _Cell:
    """The Word cell of one layout region, merged when it spans rows or columns.

    `grid` holds the cells of the unmerged table, taken once: python-docx's table.cell()
    rebuilds the whole grid on every call, which made a report take over a second."""
    top_left = grid[cell.row][cell.col]
    if cell.rowspan == 1 and cell.colspan == 1:
        return top_left
    bottom_right = grid[cell.row + cell.rowspan - 1][cell.col + cell.colspan - 1]
    return cast(_Cell, top_left.merge(bottom_right))


_STYLE_IDS: dict[str, str] = {}  # our styles get the same id in every document


def _set_style(paragraph: Paragraph, document: Document, name: str) -> None:
    """paragraph.style = …, without python-docx searching the styles part each time
    (hundreds of table cells made that the slowest part of a report)."""
    if name not in _STYLE_IDS:
        _STYLE_IDS[name] = document.styles[name].style_id
    paragraph._p.style = _STYLE_IDS[name]


def _fill(document: Document, region: _Cell, cell: TCell, spec: TableSpec) -> None:
    """Write a region's text into its single paragraph (merging empty cells leaves
    exactly one), in the header or text style."""
    paragraph = region.paragraphs[0]
    for extra in region.paragraphs[1:]:  # never expected; Word would show blank lines
        region._tc.remove(extra._p)
    _set_style(paragraph, document, (spec.head if cell.header else spec.text).name)
    if spec.labels_left and not cell.header and not cell.number:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    if cell.text:
        _add_run(paragraph, cell.text)


def _set_row_properties(table: DocxTable, layout: Table, spec: TableSpec) -> None:
    """Rows never split across pages; header rows repeat; short tables stay whole."""
    header_rows = _header_rows(layout) if spec.repeat_header else 0
    for index, row in enumerate(table.rows):
        properties = row._tr.get_or_add_trPr()
        _add_flag(properties, "w:cantSplit", _TRPR_AFTER_CANTSPLIT)
        if index < header_rows:
            _add_flag(properties, "w:tblHeader", _TRPR_AFTER_CANTSPLIT[2:])
        if spec.keep_together and index < layout.n_rows - 1:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True


_TRPR_AFTER_CANTSPLIT = (
    "w:trHeight",
    "w:tblHeader",
    "w:tblCellSpacing",
    "w:jc",
    "w:hidden",
    "w:ins",
    "w:del",
    "w:trPrChange",
)


def _add_flag(properties: Any, tag: str, successors: Sequence[str]) -> None:
    if properties.find(qn(tag)) is None:
        properties.insert_element_before(OxmlElement(tag), *successors)


def _header_rows(layout: Table) -> int:
    """The number of leading rows made only of header cells (and spans from them)."""
    rows = layout.rows()
    count = 0
    while count < layout.n_rows and rows[count] and all(c.header for c in rows[count]):
        count += 1
    return count


def _add_table(document: Document, layout: Table) -> None:
    """A layout table as a real Word table: merge every region, then write its text."""
    spec = TABLE_SPECS[layout.key]
    table = _new_table(document, layout, spec)
    cells = list(table._cells)  # regions never overlap: each merge leaves the others' cells
    grid = [cells[r * layout.n_cols : (r + 1) * layout.n_cols] for r in range(layout.n_rows)]
    regions = [(_merge(grid, cell), cell) for cell in layout.cells]
    for region, cell in regions:
        _fill(document, region, cell, spec)
    _set_row_properties(table, layout, spec)


# ---------------------------------------------------------------- the document


def _add_body(document: Document, report: ReportData) -> None:
    """The report in its order: title, preamble, 一 … 六 (tables for 二, 三, 四)."""
    _add_paragraph(document, report.title, TITLE)
    _add_text(document, report.preamble)
    _add_overview(document, report)
    grids = tables(report)
    for title, key in zip(
        SECTION_TITLES[1:4], ("proactive", "applications", "appeals"), strict=True
    ):
        _add_paragraph(document, title, HEADING)
        _add_table(document, grids[key])
    for title, text in zip(
        SECTION_TITLES[4:], (report.problems, report.other_matters), strict=True
    ):
        _add_paragraph(document, title, HEADING)
        _add_text(document, text)


def _set_properties(document: Document, title: str, author: str) -> None:
    """File properties (shown by Word's 信息 pane and file managers)."""
    properties = document.core_properties
    properties.title = clean_text(title)
    properties.author = clean_text(author)
    properties.last_modified_by = clean_text(author)
    properties.language = "zh-CN"
    properties.comments = ""  # the template says "generated by python-docx"
    properties.created = properties.modified = datetime.now(UTC)  # not the template's 2013


def render_docx(report: ReportData) -> bytes:
    """The report as the content of a .docx file."""
    document = docx.Document()
    _set_up_styles(document)
    _set_up_page(document)
    _add_body(document, report)
    _set_properties(document, report.title, report.org.name)
    return _saved(document)


def _saved(document: Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@functools.cache
def _letter_template() -> bytes:
    """An empty letter with its styles and page, made once: styling a document takes
    most of the time of a short letter, and the county office writes dozens."""
    document = docx.Document()
    _set_up_styles(document, LETTER_STYLES)
    _set_up_page(document)
    return _saved(document)


def render_letter_docx(title: str, parts: Sequence[tuple[str, str]], author: str = "") -> bytes:
    """A short 公文-style letter as the content of a .docx file: the title, then each
    part — (kind, text), kind one of LETTER_PARTS — as one paragraph in its style."""
    document = docx.Document(io.BytesIO(_letter_template()))
    _add_paragraph(document, title, TITLE)
    for kind, text in parts:
        _add_paragraph(document, text, LETTER_PARTS[kind])
    _set_properties(document, title, author)
    return _saved(document)

"""A Word report (.docx) → ReportData: the real tables and paragraphs, no guessing.

The only reader that imports python-docx. The document body is walked in order: each
paragraph gives a line, each table its rows of cell texts on the table's grid — a cell
spanning columns (gridSpan) or continuing a vertical merge (vMerge) leaves blank cells,
as the tab layout does — and the text reader (text.py) reads the result. A table split
across pages is simply several tables, and a repeated header row is read as a header
again; a table whose cells hold tables (a layout table, as WPS and web pages make) is
read cell by cell as blocks.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from docx.oxml import parse_xml
from docx.oxml.ns import qn

from ..report.data import ReportData
from . import budget
from .blocks import LayoutText
from .errors import ReadError
from .text import read_report
from .unzip import read_parts

_P, _TBL, _TR, _TC, _SDT = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:sdtContent")
_T, _TAB, _BR, _CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_VAL = qn("w:val")
_BROKEN = (
    "文件已损坏或不完整（可能没有下载完）：请重新下载，或用 Word/WPS 打开后另存为 .docx 再试。"
)


def _paragraph(p: Any) -> str:
    """A paragraph's visible text: its w:t runs, a tab or break as a space (deleted
    text, field codes and comments are not w:t and are left out)."""
    parts = []
    for node in p.iter(_T, _TAB, _BR, _CR):
        parts.append(_run_text(node) if node.tag == _T else " ")
    return "".join(parts)


def _run_text(node: Any) -> str:
    """A w:t's text. An entity reference the parser leaves unexpanded (a DTD's own
    entity: never expanded, against entity bombs) is a child node; the text after it is
    its tail, kept."""
    return (node.text or "") + "".join(child.tail or "" for child in node)


def _property(element: Any, path: str) -> Any:
    """A child property element by its path of w: tags, or None."""
    for tag in path.split("/"):
        element = element.find(qn(f"w:{tag}")) if element is not None else None
    return element


_BODY_STYLE = "GwBody"  # write/word.py's 公文正文: the program's own body text


def _is_body_text(p: Any) -> bool:
    """Whether a paragraph is in the program's own body style (never a heading)."""
    style = _property(p, "pPr/pStyle")
    return style is not None and style.get(_VAL) == _BODY_STYLE


def _span(tc: Any) -> int:
    """A cell's gridSpan: how many grid columns it covers (clamped, read/budget.py)."""
    span = _property(tc, "tcPr/gridSpan")
    return budget.span(span.get(_VAL)) if span is not None else 1


def _continues_merge(tc: Any) -> bool:
    """Whether a cell continues a vertical merge from the row above (shown blank)."""
    merge = _property(tc, "tcPr/vMerge")
    return merge is not None and merge.get(_VAL, "continue") == "continue"


def _cell_text(tc: Any) -> str:
    """A cell's paragraphs joined without a separator: a label Word wrapped into two
    paragraphs, or an empty paragraph inside the cell, reads as one label."""
    return "".join(_paragraph(p) for p in tc.iter(_P))


def _grid_before(tr: Any) -> int:
    """Grid columns a row leaves empty before its first cell (w:gridBefore, clamped)."""
    node = _property(tr, "trPr/gridBefore")
    return budget.span(node.get(_VAL), least=0) if node is not None else 0


def _row(tr: Any, grid: budget.Grid) -> list[str]:
    """One table row on the grid: text in each cell's first column, blanks elsewhere;
    refused when wider than the grid's budget."""
    cells = [""] * _grid_before(tr)
    for tc in tr.iterchildren(_TC):
        width = _span(tc)
        grid.check_row(len(cells) + width)
        cells.append("" if _continues_merge(tc) else _cell_text(tc))
        cells += [""] * (width - 1)
    grid.add_cells(len(cells))
    return cells


def _is_layout(tbl: Any) -> bool:
    """A table holding tables: page layout, not data."""
    return any(True for _ in tbl.iter(_TBL) if _ is not tbl)


def _blocks(parent: Any, out: LayoutText) -> None:
    """Paragraphs and tables under a body, a content control or a layout table's cell."""
    for child in parent.iterchildren():
        if child.tag == _P:
            out.paragraph(_paragraph(child), prose=_is_body_text(child))
        elif child.tag == _TBL and _is_layout(child):
            for tc in _layout_cells(child):
                _blocks(tc, out)
        elif child.tag == _TBL:
            out.table(_row(tr, out.grid) for tr in child.iterchildren(_TR))
        elif child.tag == qn("w:sdt"):
            content = child.find(_SDT)
            if content is not None:
                _blocks(content, out)


def _layout_cells(tbl: Any) -> Iterator[Any]:
    """The cells of a layout table, row by row."""
    for tr in tbl.iterchildren(_TR):
        yield from tr.iterchildren(_TC)


_MAIN_PART = "word/document.xml"
_RELS = "_rels/.rels"
_OFFICE_DOCUMENT = "/officeDocument"  # the end of the main part's relationship type


def _body(data: bytes) -> Any:
    """The document's w:body. Only the main part is unpacked (read/unzip.py: within
    the budget, whatever the zip directory claims) and parsed; a package that names its
    main part otherwise says so in its relationships."""
    try:
        main = _main_part_name(data)
        xml = read_parts(data, lambda name: name == main).get(main)
        if xml is None:
            raise ReadError(_BROKEN)
        budget.check_elements(xml, "Word 文件")
        root = parse_xml(xml)
    except ReadError:
        raise
    except Exception as exc:  # zipfile and lxml raise many types
        raise ReadError(_BROKEN) from exc
    body = root.find(qn("w:body"))
    if body is None:
        raise ReadError(_BROKEN)
    return body


def _main_part_name(data: bytes) -> str:
    """The main part's name: word/document.xml, or what the package relationships name
    as the office document."""
    rels = read_parts(data, lambda name: name == _RELS).get(_RELS)
    if rels is None:
        return _MAIN_PART
    budget.check_elements(rels, "Word 文件")
    for relation in parse_xml(rels):
        if str(relation.get("Type", "")).endswith(_OFFICE_DOCUMENT):
            return str(relation.get("Target", "")).lstrip("/")
    return _MAIN_PART


def docx_text(data: bytes) -> str:
    """The .docx file's content in the published text layout."""
    out = LayoutText()
    _blocks(_body(data), out)
    return out.text()


def read_docx(data: bytes) -> ReportData:
    """A Word report's bytes → ReportData; ReadError (Chinese) when it cannot be read."""
    return read_report(docx_text(data))

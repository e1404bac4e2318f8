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

import io
import zipfile
from collections.abc import Iterator
from typing import Any

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from ..report.data import ReportData
from .blocks import LayoutText
from .errors import ReadError
from .text import read_report

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
        parts.append(node.text or "" if node.tag == _T else " ")
    return "".join(parts)


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
    """A cell's gridSpan: how many grid columns it covers."""
    span = _property(tc, "tcPr/gridSpan")
    value = span.get(_VAL) if span is not None else None
    return int(value) if value and value.isdigit() and 0 < int(value) < 100 else 1


def _continues_merge(tc: Any) -> bool:
    """Whether a cell continues a vertical merge from the row above (shown blank)."""
    merge = _property(tc, "tcPr/vMerge")
    return merge is not None and merge.get(_VAL, "continue") == "continue"


def _cell_text(tc: Any) -> str:
    """A cell's paragraphs joined without a separator: a label Word wrapped into two
    paragraphs, or an empty paragraph inside the cell, reads as one label."""
    return "".join(_paragraph(p) for p in tc.iter(_P))


def _grid_before(tr: Any) -> int:
    """Grid columns a row leaves empty before its first cell (w:gridBefore)."""
    node = _property(tr, "trPr/gridBefore")
    value = node.get(_VAL) if node is not None else None
    return int(value) if value and value.isdigit() and int(value) < 100 else 0


def _row(tr: Any) -> list[str]:
    """One table row on the grid: text in each cell's first column, blanks elsewhere."""
    cells = [""] * _grid_before(tr)
    for tc in tr.iterchildren(_TC):
        cells.append("" if _continues_merge(tc) else _cell_text(tc))
        cells += [""] * (_span(tc) - 1)
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
            out.table(_row(tr) for tr in child.iterchildren(_TR))
        elif child.tag == qn("w:sdt"):
            content = child.find(_SDT)
            if content is not None:
                _blocks(content, out)


def _layout_cells(tbl: Any) -> Iterator[Any]:
    """The cells of a layout table, row by row."""
    for tr in tbl.iterchildren(_TR):
        yield from tr.iterchildren(_TC)


_MAIN_PART = "word/document.xml"
_MAX_XML = 200 * 1024 * 1024  # a report's text unpacks to far less; more is a zip bomb


def _body(data: bytes) -> Any:
    """The document's w:body. The main part is parsed straight from the package (a
    third of the time python-docx takes to load every part); a package that names its
    main part otherwise is opened by python-docx."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            if _MAIN_PART not in package.namelist():
                return docx.Document(io.BytesIO(data)).element.body
            if package.getinfo(_MAIN_PART).file_size > _MAX_XML:
                raise ReadError("Word 文件解压后过大，不像是一份年度报告。")
            root = parse_xml(package.read(_MAIN_PART))
    except ReadError:
        raise
    except Exception as exc:  # zipfile, lxml and python-docx raise many types
        raise ReadError(_BROKEN) from exc
    body = root.find(qn("w:body"))
    if body is None:
        raise ReadError(_BROKEN)
    return body


def docx_text(data: bytes) -> str:
    """The .docx file's content in the published text layout."""
    out = LayoutText()
    _blocks(_body(data), out)
    return out.text()


def read_docx(data: bytes) -> ReportData:
    """A Word report's bytes → ReportData; ReadError (Chinese) when it cannot be read."""
    return read_report(docx_text(data))

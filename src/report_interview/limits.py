"""Every budget the program keeps, in one place (README “Limits”).

Whatever a file holds, reading it takes at most about 10 s and 500 MB: a file larger
than its limit is refused by its size before it is read, and what a file unpacks to —
zip members, PDF streams, markup elements, paragraphs, table cells after spans, PDF
pages and characters, ledger rows and columns as really filled — is counted while it is
read and refused at the limit. Real reports and ledgers stay far below every figure
here (a report is a dozen pages, a few hundred paragraphs, tables of 25 × 9 cells; a
ledger a few thousand rows). Standard library only, so every tier may use it.
"""

from __future__ import annotations

from typing import Final

MB: Final = 1024 * 1024

# ---------------------------------------------------------------- files, by size
MAX_REPORT_BYTES: Final = 50 * MB  # any report file (.json .txt .md .docx .html .pdf)
MAX_TEXT_BYTES: Final = 10 * MB  # a report as text (.txt .md .json), also a web page
MAX_LEDGER_BYTES: Final = 20 * MB  # a ledger (.xlsx .xls .csv)
MAX_ANSWERS_BYTES: Final = 5 * MB  # an answers or ledger-mappings file
MAX_FLOW_BYTES: Final = 5 * MB  # a flow file, its compiled form or its cache
MAX_RECORD_BYTES: Final = 2 * MB  # the record of the report files the program wrote

# ---------------------------------------------------------------- zip packages (.docx .xlsx)
MAX_ZIP_MEMBERS: Final = 2_000  # parts in one package
MAX_UNZIPPED_BYTES: Final = 64 * MB  # all the parts read from one package, as unpacked
MAX_PART_BYTES: Final = 16 * MB  # one XML part (a Word document's body, a sheet)

# ---------------------------------------------------------------- documents (Word, web page)
MAX_ELEMENTS: Final = 400_000  # markup elements in a Word body or a web page
MAX_PARAGRAPHS: Final = 20_000  # paragraphs and table rows laid out as text lines
MAX_SPAN: Final = 50  # a cell spans at most this many rows or grid columns
MAX_COLUMNS: Final = 200  # grid columns of one table row, spans included
MAX_TABLE_CELLS: Final = 200_000  # grid cells of all tables of a document, spans included
MAX_TEXT_CHARS: Final = 4_000_000  # a report laid out as text (any format)
MAX_TEXT_LINES: Final = 200_000  # its lines

# ---------------------------------------------------------------- PDF
MAX_PDF_PAGES: Final = 100
MAX_PDF_UNPACKED: Final = 64 * MB  # all streams as unpacked (Flate, LZW, RunLength)
MAX_PDF_PAGE_CONTENT: Final = MB // 4  # content one page runs, its forms included (a page
# printed from Word runs 10-15 KB)
MAX_PDF_CONTENT: Final = MB  # content all pages run: pdfminer runs 0.25-1 MB a second (a
# stream shared by many pages counts for each page)
MAX_PDF_PAGE_CHARS: Final = 10_000  # characters drawn on one page
MAX_PDF_CHARS: Final = 40_000  # characters drawn on all pages (about 65 pages of 公文)
MAX_PDF_PAGE_PATHS: Final = 3_000  # lines, rectangles and curves on one page (table rulings)
MAX_PDF_PATHS: Final = 10_000  # on all pages (a page of section 三 printed from Word: ~900)
MAX_PDF_SECONDS: Final = 8.0  # a last guard: pages laid out for longer are refused

# ---------------------------------------------------------------- ledgers
MAX_LEDGER_UNZIPPED: Final = 16 * MB  # an .xlsx as unpacked (openpyxl reads ~5 MB of XML a second)
MAX_LEDGER_ROWS: Final = 50_000  # rows of one sheet, as really filled
MAX_LEDGER_COLUMNS: Final = 256  # columns read of a row (cells further right are ignored)
MAX_LEDGER_CELLS: Final = 1_000_000  # cells of all sheets, as really filled (rows cut)
MAX_LEDGER_SHEETS: Final = 100

# ---------------------------------------------------------------- answers files
MAX_ANSWERS_DEPTH: Final = 20  # nesting of lists and mappings
MAX_ANSWERS_KEYS: Final = 10_000
MAX_ANSWERS_EVENTS: Final = 200_000  # YAML events (values, lists, mappings) of one file

# ---------------------------------------------------------------- flows and their caches
MAX_FLOW_DEPTH: Final = 50
MAX_FLOW_QUESTIONS: Final = 2_000
MAX_FLOW_TEXT: Final = 20_000  # one text of a flow (question, help, expression)

# ---------------------------------------------------------------- texts, in characters
MAX_LINE_CHARS: Final = 500  # a one-line field: a name, an address, a phone number
MAX_PARAGRAPH_CHARS: Final = 5_000  # one paragraph of the report
MAX_TYPED_CHARS: Final = 6_000  # what the terminal takes in one reply (a paragraph and more)
MAX_ANSWER_CHARS: Final = 20_000  # one value of an answers file
MAX_STORED_TEXT: Final = 100_000  # one text of a stored interview


def megabytes(size: int) -> str:
    """A size as the refusals say it: "50 MB" (whole megabytes), "256 KB" below one."""
    return f"{size // MB} MB" if size >= MB else f"{max(size // 1024, 1)} KB"

"""Regenerates the PDF fixtures of this folder (needs LibreOffice, poppler-utils, a
Chinese font such as fonts-wqy-microhei, and `pip install pypdf`; CI has none of them,
so the files are committed). Run from the repository root:
python tests/data/files/make_fixtures.py

- with-cases.pdf: the program's own Word file of tests/samples.with_cases(), printed
  to PDF by LibreOffice (a text PDF with ruled tables);
- six-pages.pdf: the same body with longer prose, six pages (bench/bench_check.py);
- scanned.pdf: page 1 of with-cases.pdf as a grey image only (no text layer);
- encrypted.pdf: with-cases.pdf with an open password (pypdf, AES-128).
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from PIL import Image  # noqa: E402
from pypdf import PdfReader, PdfWriter  # noqa: E402

from report_interview.write.render import render  # noqa: E402
from tests.samples import with_cases  # noqa: E402


def _pdf_of(report: object, name: str, folder: Path) -> Path:
    docx = folder / f"{name}.docx"
    docx.write_bytes(render(report, "docx"))  # type: ignore[arg-type]
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(docx)],
        check=True,
        capture_output=True,
    )
    return folder / f"{name}.pdf"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        text_pdf = _pdf_of(with_cases(), "with-cases", folder)
        (HERE / "with-cases.pdf").write_bytes(text_pdf.read_bytes())
        report = with_cases()
        long = "\n".join(["一是部分栏目更新不够及时；二是政策解读形式较为单一。"] * 32)
        longer = dataclasses.replace(report, problems=long, other_matters=long)
        (HERE / "six-pages.pdf").write_bytes(_pdf_of(longer, "six-pages", folder).read_bytes())
        subprocess.run(
            ["pdftoppm", "-f", "1", "-l", "1", "-r", "60", "-gray", "-png", str(text_pdf),
             str(folder / "page")],
            check=True,
        )  # fmt: skip
        page = next(folder.glob("page*.png"))
        Image.open(page).save(HERE / "scanned.pdf", "PDF", resolution=60.0)
        writer = PdfWriter(clone_from=PdfReader(text_pdf))
        writer.encrypt(user_password="2023", owner_password="owner-2023", algorithm="AES-128")
        with open(HERE / "encrypted.pdf", "wb") as handle:
            writer.write(handle)


if __name__ == "__main__":
    main()

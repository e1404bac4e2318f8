"""A 县/市人民政府's folder of its area's reports, read for the sum its own report takes
(`new --sum-of`, the area dialogue of the interview): every report under the folder, on
every core, each body of the report year once, the government's own report set aside,
and every file left out listed with the reason (report/collect.py)."""

from __future__ import annotations

from pathlib import Path

from ..report.collect import Collection, examine, set_aside
from .batch import read_collection
from .errors import ReadError
from .folders import report_files


def area_paths(folder: Path) -> list[Path]:
    """The report files under `folder`; ReadError (one Chinese line saying what to do)
    when it is missing, a file, or holds no report file."""
    shown = str(folder)
    if not folder.exists():
        raise ReadError(f"找不到文件夹 {shown}；请检查路径。")
    if not folder.is_dir():
        raise ReadError(f"{shown} 是一个文件，不是文件夹；请给出存放各单位年度报告的文件夹。")
    paths = [found.path for found in report_files([shown])]
    if not paths:
        raise ReadError(
            f"文件夹 {shown} 中没有报告文件（Word、网页、PDF、文本或 .json）；"
            "请给出存放各单位年度报告的文件夹。"
        )
    return paths


def read_area(paths: list[Path], year: int, own: str, jobs: int) -> Collection:
    """The bodies of `year` the files hold, each once and checked, without the reports
    of the body `own` names; the rest left out with the reason. BatchError when a
    reading process dies."""
    said = f"本报告是 {year} 年度的。"
    return set_aside(read_collection(paths, jobs, year, examine, year_said=said), own)

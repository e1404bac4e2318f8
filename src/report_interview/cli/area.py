"""`new/resume --sum-of FOLDER`: a 县/市人民政府's sections 三 and 四, and 二's 行政许可、
处罚、强制 and 收费, as the sum of its area's reports (report-format.md §10).

Without a terminal (`--no-input`) the sum is taken at once, as `--ledger` takes the
ledger: the folder read (every core, all formats, subfolders), each body of the report
year once, the government's own report set aside, and the sections' answers given as
if by an answers file (the sum wins over the file's). With a terminal the folder is
offered to the interview's area dialogue (chat/area.py), which shows the sum and asks
before anything is saved. The folder, the body and (without a terminal) the report
year are checked before an interview is created or changed (check_sum_of). The readers
load only when this option is given.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..report.data import AREA_GOVERNMENTS
from ..report.naming import area_name, org_kind
from ..store import Interview
from .common import EXIT_FINDINGS, UserError, report_year, show

if TYPE_CHECKING:
    from ..flow.engine import Engine


@dataclass(frozen=True)
class SumOf:
    """--sum-of as checked at the door: the folder (absolute) and its report files, the
    body's name and kind ("" while unknown: the interview asks it) and, without a
    terminal, the report year whose reports are summed."""

    folder: str
    paths: tuple[Path, ...]
    name: str
    kind: str
    year: int | None


def check_sum_of(
    args: argparse.Namespace,
    engine: Engine,
    provided: Mapping[str, Any],
    saved: Mapping[str, Any],
) -> SumOf | None:
    """--sum-of before an interview is created or opened for writing: a folder holding
    report files, a body that is (or may be) a 县/市人民政府 by the answers given
    (`provided`: --org, --year, the answers file) or saved, and with --no-input the
    kind and the year known. UserError (one Chinese line) otherwise."""
    from ..read.area import area_paths  # the readers load only with this option
    from ..read.errors import ReadError

    given = getattr(args, "sum_of", None)
    if given is None:
        return None
    if getattr(args, "ledger", None):
        raise UserError(
            "--sum-of 和 --ledger 不能同时使用：第三部分要么汇总各单位的报告，要么从台账导入。"
        )
    folder = Path(given).expanduser().absolute()  # as the interview keeps it
    try:
        paths = tuple(area_paths(folder))
    except ReadError as exc:
        raise UserError(f"--sum-of：{exc}") from None
    name, kind = _body(engine, provided, saved)
    if kind and kind not in AREA_GOVERNMENTS:
        raise UserError(
            "--sum-of 用于县（市、区）人民政府的报告（汇总本行政区域内各单位的报告）；"
            f"{name or '本单位'}不是县级或市级人民政府。"
        )
    year = None
    if args.no_input:
        if not kind:
            raise UserError(_KIND_UNKNOWN.format(_from_name(name)))
        year = report_year(provided, saved, "--sum-of ")
    return SumOf(str(folder), paths, name, kind, year)


_KIND_UNKNOWN = (
    "--sum-of 要先知道本单位是县级还是市级人民政府{}：请用 --org 给出单位名称（如 滑县人民政府），"
    "或在答案文件中给出 org_name 或 org_kind（county_government、city_government）。"
)


def _from_name(name: str) -> str:
    return f"（从单位名称“{name}”看不出来）" if name else ""


def _body(engine: Engine, provided: Mapping[str, Any], saved: Mapping[str, Any]) -> tuple[str, str]:
    """The body's name and kind ("" while unknown), from the answers given or saved: the
    kind answered, else the one its name suggests (a 市人民政府 is a government, of a
    county or of a city; a name that suggests nothing leaves the kind unknown)."""
    from ..flow.answers import AnswerError
    from ..flow.kinds.options import option_value

    name = str(provided.get("org_name") or saved.get("org_name") or "")
    raw = provided.get("org_kind") or saved.get("org_kind")
    if not raw:
        guess = org_kind(name)
        return name, "" if guess == "other" else guess
    try:
        return name, option_value(engine.flow.question("org_kind"), raw)
    except AnswerError:
        return name, ""


# The questions the area dialogue answers: not listed as left to answer in the dialogue.
SUMMED = ("area_folder", "apps_", "has_cases", "case_kinds", "appeal_")


def left_to_ask(problems: list[str]) -> list[str]:
    """An answers file's unanswered questions, without those the sum will answer."""
    return [line for line in problems if not line.strip().startswith(SUMMED)]


def apply_sum(
    args: argparse.Namespace,
    interview: Interview,
    provided: dict[str, Any],
    checked: SumOf,
    *,
    terminal: bool,
) -> dict[str, Any]:
    """The provided answers with the sum's (the sum wins) under --no-input; else only
    the choice to sum, the folder being offered to the dialogue when there is a
    terminal to hold it."""
    if not args.no_input:
        if terminal:
            interview.update_meta(area_offer=checked.folder)
            show(f"将读取 {checked.folder} 中各单位的报告，在第三部分汇总后给您核对。")
        return {**provided, "area_sum": "area"}
    return {**_without_blocks(provided), **_taken(checked, interview)}


def _without_blocks(provided: dict[str, Any]) -> dict[str, Any]:
    """An answers file's own tables of 三 and 四 give way to the sum."""
    dropped = [key for key in ("applications", "appeals") if key in provided]
    if dropped:
        show(f"答案文件中的 {'、'.join(dropped)} 未采用：第三、四部分用各单位报告的汇总。")
    return {key: value for key, value in provided.items() if key not in dropped}


def _taken(checked: SumOf, interview: Interview) -> dict[str, Any]:
    """Read the folder and take its sum: the answers, the sum kept with the interview."""
    from ..chat.area_view import gap_lines
    from ..flow.area import SUM, sum_record, summed_decisions, table_answers
    from ..read.area import read_area
    from ..read.batch import BatchError, default_jobs
    from ..report.area import sum_reports
    from ..report.collect import left_out_line
    from ..report.data import ReportDataError

    folder, year = checked.folder, checked.year or 0
    kept = f"已保存的回答不受影响（编号 {interview.id}）。"
    try:
        collection = read_area(list(checked.paths), year, checked.name, default_jobs())
    except BatchError as exc:
        raise UserError(f"--sum-of：{exc}{kept}") from None
    for item in collection.left_out:
        show(f"未计入汇总：{left_out_line(item, within=folder)}")
    if not collection.bodies:
        raise UserError(
            f"--sum-of：{folder} 中没有可以汇总的 {year} 年度报告（见上面列出的原因）。{kept}",
            EXIT_FINDINGS,
        )
    area = sum_reports([(body.report.org.name, body.report) for body in collection.bodies])
    try:
        answers = table_answers(area)
    except ReportDataError as exc:
        raise UserError(f"--sum-of：汇总的数字不能采用：{exc}{kept}", EXIT_FINDINGS) from None
    decisions = summed_decisions(area)
    interview.update_meta(area=sum_record(folder, year, area, SUM, None), area_offer=None)
    for line in gap_lines(area):
        show(line)
    place = area_name(checked.name, checked.kind)
    show(
        f"已汇总 {folder} 中 {len(area.bodies)} 个单位的 {year} 年度报告（{place}）："
        "第三、四部分和第二部分的行政许可、处罚、强制、收费用汇总数。"
    )
    counts = decisions.answers()
    return {
        **answers,
        "decisions": counts["decisions"],
        "fees": str(decisions.fees),  # answers-file values are typed by their question
        "area_sum": "area",
        "area_folder": folder,
    }

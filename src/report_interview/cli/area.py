"""`new/resume --sum-of FOLDER`: a 县/市人民政府's sections 三 and 四, and 二's 行政许可、
处罚、强制 and 收费, as the sum of its area's reports (report-format.md §10).

Without a terminal (`--no-input`) the sum is taken at once, as `--ledger` takes the
ledger: the folder read (every core, all formats, subfolders), each body of the report
year once, the government's own report set aside, and the sections' answers given as
if by an answers file (the sum wins over the file's). With a terminal the folder is
offered to the interview's area dialogue (chat/area.py), which shows the sum and asks
before anything is saved. The readers load only when this option is given.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..report.naming import area_name, body_kind
from ..store import Interview
from .common import EXIT_FINDINGS, UserError, show

if TYPE_CHECKING:
    from ..flow.engine import Engine

GOVERNMENTS = ("county_government", "city_government")


def check_sum_of(args: argparse.Namespace) -> None:
    """--sum-of at the door, before an interview is created or opened: a folder."""
    given = getattr(args, "sum_of", None)
    if given is None:
        return
    if getattr(args, "ledger", None):
        raise UserError(
            "--sum-of 和 --ledger 不能同时使用：第三部分要么汇总各单位的报告，要么从台账导入。"
        )
    folder = Path(given).expanduser()
    if not folder.exists():
        raise UserError(f"--sum-of：找不到文件夹 {given}；请给出存放各单位年度报告的文件夹。")
    if not folder.is_dir():
        raise UserError(f"--sum-of 应是存放各单位年度报告的文件夹，{given} 是一个文件。")


# The questions the area dialogue answers: not listed as left to answer in the dialogue.
SUMMED = ("area_folder", "apps_", "has_cases", "case_kinds", "appeal_")


def left_to_ask(problems: list[str]) -> list[str]:
    """An answers file's unanswered questions, without those the sum will answer."""
    return [line for line in problems if not line.strip().startswith(SUMMED)]


def _body(engine: Engine, interview: Interview, provided: dict[str, Any]) -> tuple[str, str]:
    """The body's kind ("" while unknown) and name, from the answers given or saved."""
    from ..flow.answers import AnswerError
    from ..flow.kinds.options import option_value

    saved = interview.answers()
    name = str(provided.get("org_name") or saved.get("org_name") or "")
    raw = provided.get("org_kind") or saved.get("org_kind")
    if not raw:
        return body_kind(name), name
    try:
        return option_value(engine.flow.question("org_kind"), raw), name
    except AnswerError:
        return "", name


def apply_sum(
    args: argparse.Namespace, engine: Engine, interview: Interview, provided: dict[str, Any]
) -> dict[str, Any]:
    """The provided answers with the sum's (the sum wins); with a terminal, only the
    choice to sum, the folder being offered to the dialogue."""
    kind, name = _body(engine, interview, provided)
    if kind and kind not in GOVERNMENTS:
        raise UserError(
            f"--sum-of 用于县（市、区）人民政府的报告（汇总本行政区域内各单位的报告）；"
            f"{name or '本单位'}不是县级或市级人民政府。已保存的回答不受影响（编号 {interview.id}）。"
        )
    folder = str(Path(args.sum_of).expanduser().absolute())
    if not args.no_input:
        interview.update_meta(area_offer=folder)
        show(f"将读取 {folder} 中各单位的报告，在第三部分汇总后给您核对。")
        return {**provided, "area_sum": "area"}
    if not kind:
        raise UserError(
            "--sum-of 要先知道本单位是县级还是市级人民政府：请在答案文件中给出 org_name"
            "（如 滑县人民政府）或 org_kind（county_government、city_government）。"
            f"已保存的回答不受影响（编号 {interview.id}）。"
        )
    return {**_without_blocks(provided), **_taken(folder, name, kind, interview, provided)}


def _report_year(interview: Interview, provided: dict[str, Any]) -> int:
    """The report year, whose reports are summed (others are left out)."""
    year = provided.get("report_year") or interview.answers().get("report_year")
    try:
        return int(year)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise UserError(
            "--sum-of 要先知道报告年度（只汇总这一年度的报告）：请加上 --year 年度"
            f"（或在答案文件中给出 report_year）。已保存的回答不受影响（编号 {interview.id}）。"
        ) from None


def _without_blocks(provided: dict[str, Any]) -> dict[str, Any]:
    """An answers file's own tables of 三 and 四 give way to the sum."""
    dropped = [key for key in ("applications", "appeals") if key in provided]
    if dropped:
        show(f"答案文件中的 {'、'.join(dropped)} 未采用：第三、四部分用各单位报告的汇总。")
    return {key: value for key, value in provided.items() if key not in dropped}


def _taken(
    folder: str, name: str, kind: str, interview: Interview, provided: dict[str, Any]
) -> dict[str, Any]:
    """Read the folder and take its sum: the answers, the sum kept with the interview."""
    from ..chat.area_view import gap_lines
    from ..flow.area import SUM, sum_record, summed_decisions, table_answers
    from ..read.area import area_paths, read_area
    from ..read.batch import BatchError, default_jobs
    from ..read.errors import ReadError
    from ..report.area import sum_reports
    from ..report.collect import REASON_NAMES
    from ..report.data import ReportDataError

    year = _report_year(interview, provided)
    kept = f"已保存的回答不受影响（编号 {interview.id}）。"
    try:
        collection = read_area(area_paths(Path(folder)), year, name, default_jobs())
    except (ReadError, BatchError) as exc:
        raise UserError(f"--sum-of：{exc}{kept}") from None
    for item in collection.left_out:
        show(f"未计入汇总：[{REASON_NAMES[item.reason]}] {item.file}：{item.message}")
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
    show(
        f"已汇总 {folder} 中 {len(area.bodies)} 个单位的 {year} 年度报告（{area_name(name, kind)}）："
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

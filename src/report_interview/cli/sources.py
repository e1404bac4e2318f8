"""Where reports and interviews come from: report files, finished interviews in the
store, last year's report; and the engine of the real interview, wired with its
validators and composers. The commands of interview.py and report.py both use these,
so neither imports the other."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .common import EXIT_FINDINGS, EXIT_UNUSABLE, UserError
from .invocation import command

if TYPE_CHECKING:  # the interview's parts are loaded only by commands that need them
    from ..flow.engine import Engine
    from ..flow.model import Flow
    from ..read.folders import Found
    from ..report.data import ReportData
    from ..store import Store


def engine(previous: Mapping[str, Any] | None = None) -> Engine:
    """The real interview's engine, its flow loaded (and cached) from the data folder."""
    from ..flow.loader import FlowError, load_flow

    try:
        flow = load_flow(cache_dir=store().home / "cache")
    except FlowError as exc:
        raise UserError(f"问答流程文件有误，无法开始：{exc}") from None
    today = date.today()
    return make_engine(flow, this_year=today.year, this_month=today.month, previous=previous)


def make_engine(
    flow: Flow,
    *,
    this_year: int,
    this_month: int = 1,
    previous: Mapping[str, Any] | None = None,
) -> Engine:
    """The engine of the real interview: the flow with the matrix validator and the
    narrative composers (both imported only when first used)."""
    from ..flow.engine import Engine

    return Engine(
        flow,
        this_year=this_year,
        this_month=this_month,
        previous=previous,
        validators={"apps_matrix": _matrix_problem},
        composers={name: functools.partial(_compose, name) for name in COMPOSER_NAMES},
    )


COMPOSER_NAMES = (
    "preamble", "proactive", "on_request", "management", "platforms", "oversight", "problems",
    "other",
)  # fmt: skip


def _compose(name: str, names: Any) -> str:
    from ..report.builder import COMPOSERS  # the narrative is needed only when a paragraph is shown

    return COMPOSERS[name](names)


def _matrix_problem(value: Any, names: Any) -> str | None:
    from ..report.builder import matrix_problem  # kept off the path to the first question

    return matrix_problem(value, names)


def store() -> Store:
    from ..store import Store

    return Store()


def previous_of(source: str) -> dict[str, Any]:
    """Last year's report as the interview's `previous`: from a report file (.json or a
    published .txt) or from a finished interview in the store."""
    from ..report.carry import previous_from_answers, previous_from_report

    finished = finished_interview(source) if not Path(source).exists() else None
    if finished is not None:
        from ..report.builder import build_report

        wired, typed = finished
        names = wired.names(typed)
        return {**previous_from_answers(build_report(names), names), **_ledger_of(source)}
    return previous_from_report(load_report(Path(source)))


def _ledger_of(interview_id: str) -> dict[str, Any]:
    """Last year's ledger mappings (value → column or row), offered again this year."""
    mappings = (store().read(interview_id)[0].get("ledger") or {}).get("mappings") or {}
    kept = {key: mappings[key] for key in ("applicant", "outcome", "columns") if key in mappings}
    return {"ledger_mappings": kept} if kept else {}  # rows left out belong to last year's file


def finished_interview(interview_id: str) -> tuple[Engine, dict[str, Any]] | None:
    """The engine and answers of a finished interview (read-only, no lock needed); None
    when there is no interview of that id, UserError when it is not finished."""
    interviews = store()
    if not interviews.exists(interview_id):
        return None
    from ..flow.engine import decode_all
    from ..store import StoreError

    try:
        meta, stored = interviews.read(interview_id)
    except StoreError as exc:
        raise UserError(str(exc), EXIT_UNUSABLE) from None
    wired = engine(meta.get("previous"))
    check_stored(wired.flow, interviews.home / f"{meta['id']}.json", stored)
    typed = decode_all(wired.flow, stored)
    if not wired.is_complete(typed):
        left = sum(p.total - p.answered for p in wired.progress(typed))
        raise UserError(
            f"报告 {interview_id} 还有 {left} 个问题没有回答；"
            f"请先运行 {command('resume', interview_id)} 填完。",
            EXIT_FINDINGS,
        )
    return wired, typed


def check_stored(flow: Flow, path: Path, stored: Mapping[str, Any]) -> None:
    """UserError (exit 2) naming the file when its answers do not fit the flow's kinds;
    the file is left as it is, like any unreadable interview."""
    from ..flow.stored import stored_problem
    from ..store import UnreadableError

    problem = stored_problem(flow, stored)
    if problem is not None:
        raise UserError(str(UnreadableError(path, problem)), EXIT_UNUSABLE)


def report_of_interview(interview_id: str) -> ReportData | None:
    """The report of a finished interview in the store; None when there is no such id."""
    from ..report.builder import build_report

    finished = finished_interview(interview_id)
    if finished is None:
        return None
    wired, typed = finished
    return build_report(wired.names(typed))


def load_report(path: Path) -> ReportData:
    """A report file of any kind the readers know (data .json, text, Word, web page,
    PDF) → ReportData; every failure is a UserError (exit 2): the path and one Chinese
    line saying what to do."""
    from ..read.errors import ReadError
    from ..read.files import read_report_file

    try:
        return read_report_file(path)
    except ReadError as exc:
        raise UserError(f"{path}：{exc}") from None


def load_previous(source: str | None) -> ReportData | None:
    """Last year's report for R5/R6/R11/R13: a report file or a finished interview."""
    return report_source(source)[0] if source else None


def report_source(source: str) -> tuple[ReportData, Path]:
    """A report file, or an interview id; with the folder to write next to."""
    path = Path(source)
    if not path.exists():
        report = report_of_interview(source)
        if report is not None:
            return report, Path.cwd() / source
    return load_report(path), path


def report_files(sources: list[str], *, subfolders: bool = True) -> list[Found]:
    """The report files to read: those named, and the report files in the folders named and
    their subfolders (read/folders.py); UserError when there are none."""
    from ..read.errors import ReadError
    from ..read.folders import report_files as listed

    try:
        files = listed(sources, subfolders=subfolders)
    except ReadError as exc:
        raise UserError(str(exc)) from None
    if not files:
        where = "（含子文件夹）" if subfolders else ""
        raise UserError(
            f"{'、'.join(sources)} 中{where}没有报告文件（.json、.txt、.md、.docx、.html、.pdf）。"
        )
    return files

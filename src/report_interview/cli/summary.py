"""The summary command: the county office's January. Every report under the folders read
(on every core), checked (with the body's own last-year report when --previous names
last year's folder), each body once; the workbook written, the overview printed (or
given as JSON), and with --feedback a letter to each body."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from ..chat.tables import aligned, clip
from ..read.batch import BatchError, default_jobs, read_collection
from ..report.area import AreaSum, sum_reports
from ..report.collect import (
    FIGURES,
    UNREADABLE,
    BodyIndex,
    Collection,
    Examined,
    LeftOut,
    carry_gap,
    examine,
    figures,
    last_year,
    left_out_line,
    missing_this_year,
)
from ..report.data import Org, ReportData, plain_figure, report_to_dict
from .common import EXIT_FINDINGS, EXIT_OK, Progress, UserError, show
from .outputs import (
    SUMMARY,
    check_folder,
    check_target,
    data_folder,
    place,
    recording,
    write_file,
    written_here,
)
from .sources import report_files

BOOK_SUFFIX = ".xlsx"


@dataclass(frozen=True)
class Written:
    """What a run wrote: the workbook, and the feedback files; what is said of them."""

    book: Path
    letters: tuple[Path, ...] = ()
    renamed: int = 0  # letters given a （2） name: the name was taken
    notice: str = ""  # the workbook's, when it was given a （2） name


def cmd_summary(args: argparse.Namespace) -> int:
    jobs = _jobs(args.jobs)
    subfolders = not args.no_subfolders
    home = data_folder()
    _check_sources(args.sources, args.previous)
    feedback = _feedback_folder(args.feedback, args.sources, subfolders, home)
    paths = _report_paths(args.sources, subfolders)
    inputs = [path for path in paths if _may_be_report(path)]
    given = _book_path(args.output, inputs, home)
    previous = None
    if args.previous is not None:
        last_paths = _report_paths([args.previous], subfolders)
        wanted = args.year - 1 if args.year is not None else None
        previous = _read(last_paths, jobs, "正在读取去年的报告", wanted, last_year)
    index = BodyIndex(previous.bodies) if previous is not None else None

    def checked(file: str, mtime: float, report: ReportData) -> Examined:
        last = index.find(report.org.name) if index is not None else None
        return examine(file, mtime, report, last)

    collection = _read(paths, jobs, "正在读取", args.year, checked)
    if not collection.bodies:
        _print_left_out(collection, None, sys.stderr, workbook=False)
        raise UserError(f"{'、'.join(args.sources)} 中没有可以汇总的报告（见上面列出的原因）。")
    if previous is not None and previous.year != (collection.year or 0) - 1:
        what = f"是 {previous.year} 年度的" if previous.year else "一份也读不出"
        show(f"注意：{args.previous} 中的报告{what}，不做同比和跨年度核对。", file=sys.stderr)
        previous = None
    area = sum_reports([(body.report.org.name, body.report) for body in collection.bodies])
    book = given or Path(f"政府信息公开工作年度报告汇总（{collection.year}年度）{BOOK_SUFFIX}")
    with recording():  # the record of the files written saved once, not per letter
        written = _write(book, collection, area, previous, feedback, inputs, home)
    if args.json:
        for notice in _notices(written):
            show(notice, file=sys.stderr)
        data = summary_json(collection, area, previous, written)
        show(json.dumps(data, ensure_ascii=False, indent=2))  # a name that is no text as �
    else:
        _print_overview(collection, area, previous, written)
    unreadable = any(item.reason == UNREADABLE for item in collection.left_out)
    flawed = any(body.errors for body in collection.bodies)
    return EXIT_FINDINGS if unreadable or flawed else EXIT_OK


def _jobs(value: int | None) -> int:
    if value is None:
        return default_jobs()
    if value < 1:
        raise UserError("--jobs 应是 1 或更大的整数（同时读取报告的进程数）。")
    return value


def _check_sources(sources: Sequence[str], previous: str | None) -> None:
    """A folder or file named that is not there is refused at once, before any is read."""
    for source in sources:
        if not Path(source).exists():
            raise UserError(f"找不到 {source}；请给出存放各单位年度报告的文件夹（或报告文件）。")
    if previous is not None and not Path(previous).exists():
        raise UserError(f"--previous：找不到文件夹 {previous}；请给出存放去年年度报告的文件夹。")


def _report_paths(sources: Sequence[str], subfolders: bool) -> list[Path]:
    """The files to read: the report files named and under the folders named, without
    the workbooks and letters an earlier summary wrote there (cli/outputs.py knows
    them): they are the program's own, not a body's report."""
    found = report_files(list(sources), subfolders=subfolders)
    return [item.path for item in found if not written_here(item.path, SUMMARY)]


def _may_be_report(path: Path) -> bool:
    """Whether a file read could be a report (not a spreadsheet or slides): those are
    the inputs no file written may replace."""
    from ..read.files import NOT_REPORT_SUFFIXES

    return path.suffix.lower() not in NOT_REPORT_SUFFIXES


def _book_path(output: str | None, inputs: Sequence[Path], home: Path) -> Path | None:
    """-o as given, checked before any report is read; None for the default name."""
    if output is None:
        return None
    path = Path(output)
    if not output.strip() or path.suffix.lower() != BOOK_SUFFIX:
        raise UserError(f"-o 应是 Excel 工作簿的文件名，以 {BOOK_SUFFIX} 结尾，如 -o 汇总.xlsx。")
    check_target(path, inputs=inputs, data_home=home)
    return path


def _feedback_folder(
    folder: str | None, sources: Sequence[str], subfolders: bool, home: Path
) -> Path | None:
    """--feedback's folder, before anything is read or written: a folder (or a new
    name) outside the data folder, and not where the next run would read the letters
    as reports (a folder named, or with its subfolders one below it)."""
    if folder is None:
        return None
    path = Path(folder)
    check_folder(path, data_home=home, option="--feedback")
    target = path.resolve()
    for source in (Path(name) for name in sources if Path(name).is_dir()):
        below = subfolders and target.is_relative_to(source.resolve())
        if target == source.resolve() or below:
            raise UserError(
                f"--feedback 的文件夹 {folder} 在报告文件夹 {source} 之中，下次汇总会把审核意见"
                "当作报告读取；请换一个文件夹。"
            )
    return path


def _read(
    paths: Sequence[Path],
    jobs: int,
    doing: str,
    year: int | None,
    keep: Callable[[str, float, ReportData], Examined],
) -> Collection:
    """The files read on `jobs` processes (read/batch.py), the progress shown."""
    progress = Progress(len(paths), doing)
    try:
        return read_collection(paths, jobs, year, keep, progress.step)
    except BatchError as exc:
        raise UserError(str(exc)) from None
    finally:
        progress.done()


# ---------------------------------------------------------------- files written


def _write(
    book: Path,
    collection: Collection,
    area: AreaSum,
    previous: Collection | None,
    feedback: Path | None,
    inputs: Sequence[Path],
    home: Path,
) -> Written:
    """The workbook at `book` (or a free name beside it: cli/outputs.py), and with
    --feedback the letters."""
    from ..write.workbook import render_workbook  # openpyxl only for this command

    placed = place(book, inputs=inputs, data_home=home)
    write_file(placed.path, render_workbook(collection, area, previous), what=SUMMARY)
    written = Written(placed.path, notice=placed.notice)
    if feedback is None:
        return written
    letters, renamed = _write_letters(placed.path, collection, feedback, inputs, home)
    return Written(placed.path, letters, renamed, placed.notice)


def _write_letters(
    book: Path, collection: Collection, folder: Path, inputs: Sequence[Path], home: Path
) -> tuple[tuple[Path, ...], int]:
    """One letter per body, as Word and as text, in `folder`; a file of that name that
    this program did not write, or one this run wrote already (two bodies whose letters
    have one name), is kept, and the letter gets a （2） name. The letters, and how many
    were renamed."""
    from ..write.feedback import feedback_letter, letter_files

    written: list[Path] = []
    taken = {book}
    renamed = 0
    today = date.today()
    for body in collection.bodies:
        versions = [item for item in collection.left_out if item.kept == body.file]
        letter = feedback_letter(body, today, versions)
        for name, content in letter_files(letter):
            placed = place(folder / name, inputs=inputs, data_home=home, taken=taken)
            write_file(placed.path, content, what=SUMMARY)
            renamed += placed.renamed
            taken.add(placed.path)
            written.append(placed.path)
    return tuple(written), renamed


def _notices(written: Written) -> list[str]:
    """What is said of the names the files got."""
    notices = [written.notice] if written.notice else []
    if written.renamed:
        notices.append(
            f"注意：{written.renamed} 个审核意见文件的文件名已被占用（已有不是本程序写的文件，"
            "或两个单位的文件名相同），未覆盖；新文件名后加了（2）等序号。"
        )
    return notices


# ---------------------------------------------------------------- terminal

OVERVIEW_FIGURES = ("new", "concluded", "carried_forward", "reconsideration", "litigation")


def _print_overview(
    collection: Collection, area: AreaSum, previous: Collection | None, written: Written
) -> None:
    from ..chat.area_view import NAME_COLUMNS, amount, gap_lines

    bodies = collection.bodies
    flawed = sum(1 for body in bodies if body.errors)
    show(
        f"{collection.year} 年度：计入汇总 {len(bodies)} 个单位"
        f"{f'（其中 {flawed} 个有错误，仍计入并已标出）' if flawed else ''}。"
    )
    labels = {figure.key: figure.label for figure in FIGURES}
    table = [["单位", *(labels[key] for key in OVERVIEW_FIGURES), "错误", "警告"]]
    for body in bodies:
        cells = [amount(body.figures.get(key)) for key in OVERVIEW_FIGURES]
        name = clip(body.report.org.name, NAME_COLUMNS)
        table.append([name, *cells, str(body.errors), str(body.warnings)])
    total = figures(area.report(Org("合计"), collection.year or 0))
    table.append(["合计", *(amount(total[key]) for key in OVERVIEW_FIGURES), "", ""])
    show("\n".join(aligned(table)))
    for line in gap_lines(area):
        show(line)
    _print_left_out(collection, previous)
    if previous is not None:
        _print_carry(collection, previous)
    show(f"已写入：{written.book}")
    if written.letters:
        folder = written.letters[0].parent
        show(
            f"已写入 {len(collection.bodies)} 个单位的审核意见（Word 和文本，共 "
            f"{len(written.letters)} 个文件）到 {folder}"
        )
    for notice in _notices(written):
        show(notice)


def _print_left_out(
    collection: Collection,
    previous: Collection | None,
    out: TextIO | None = None,
    *,
    workbook: bool = True,
) -> None:
    items = [("", item) for item in collection.left_out]
    items += [("去年", item) for item in (previous.left_out if previous else ())]
    if not items:
        return
    more = "，详见工作簿“未计入”表" if workbook else ""
    show(f"未计入汇总的文件（{len(items)} 个{more}）：", file=out)
    for mark, item in items:
        show(f"  {left_out_line(item, mark=mark)}", file=out)


def _print_carry(collection: Collection, previous: Collection) -> None:
    for body in collection.bodies:
        gap = carry_gap(body)
        if gap:
            show(f"上年结转与去年报告不符：{body.report.org.name}（{gap}）")
    for body in missing_this_year(collection, previous):
        show(f"去年有报告、今年未收到：{body.report.org.name}（去年的文件 {body.file}）")


# ---------------------------------------------------------------- JSON


def summary_json(
    collection: Collection, area: AreaSum, previous: Collection | None, written: Written
) -> dict[str, Any]:
    """The run for scripts (README “The county office's January” documents the shape)."""
    data = report_to_dict(area.report(Org(f"{len(area.bodies)}个单位汇总"), collection.year or 0))
    result: dict[str, Any] = {
        "year": collection.year,
        "workbook": str(written.book),
        "feedback": [str(path) for path in written.letters],
        "bodies": [_body_json(body) for body in collection.bodies],
        "left_out": [_left_out_json(item, "this_year") for item in collection.left_out],
        "sum": {
            "bodies": len(area.bodies),
            "proactive": data["proactive"],
            "applications": data["applications"],
            "appeals": data["appeals"],
            "total_gaps": [
                {
                    "place": gap.ref.place,
                    "recomputed": plain_figure(gap.recomputed),
                    "printed": plain_figure(gap.printed),
                    "bodies": list(gap.bodies),
                }
                for gap in area.gaps
            ],
            "blank_cells": [
                {"place": ref.place, "bodies": list(bodies)} for ref, bodies in area.blanks
            ],
        },
    }
    if previous is not None:
        result["left_out"] += [_left_out_json(item, "last_year") for item in previous.left_out]
        result["missing_this_year"] = [
            {"org": body.report.org.name, "file": body.file}
            for body in missing_this_year(collection, previous)
        ]
    return result


def _body_json(body: Examined) -> dict[str, Any]:
    report = body.report
    return {
        "org": report.org.name,
        "kind": report.org.kind,
        "year": report.year,
        "file": body.file,
        "figures": {key: plain_figure(value) for key, value in body.figures.items()},
        "errors": body.errors,
        "warnings": body.warnings,
        "findings": [finding.as_dict() for finding in body.findings],
        "previous_file": body.previous.file if body.previous else None,
        "carry_gap": carry_gap(body) or None,
    }


def _left_out_json(item: LeftOut, folder: str) -> dict[str, Any]:
    return {
        "file": item.file,
        "reason": item.reason,
        "message": item.message,
        "org": item.org or None,
        "year": item.year,
        "folder": folder,
    }

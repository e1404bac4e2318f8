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
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from ..chat.tables import aligned, clip
from ..read.batch import BatchError, default_jobs, read_collection
from ..report.area import AreaSum, sum_reports
from ..report.collect import (
    FIGURES,
    REASON_NAMES,
    UNREADABLE,
    BodyIndex,
    Collection,
    Examined,
    LeftOut,
    carry_gap,
    examine,
    last_year,
    missing_this_year,
)
from ..report.data import Cell, Org, ReportData, format_decimal, report_to_dict
from .common import EXIT_FINDINGS, EXIT_OK, Progress, UserError
from .outputs import check_target, data_folder, free_path, write_file
from .sources import report_files

BOOK_SUFFIX = ".xlsx"


@dataclass(frozen=True)
class Written:
    """What a run wrote: the workbook, and the feedback files."""

    book: Path
    letters: tuple[Path, ...] = ()
    renamed: int = 0  # letters given a （2） name because the file existed


def cmd_summary(args: argparse.Namespace) -> int:
    jobs = _jobs(args.jobs)
    subfolders = not args.no_subfolders
    paths = [found.path for found in report_files(args.sources, subfolders=subfolders)]
    given = _book_path(args.output, paths)
    feedback = _feedback_folder(args.feedback, args.sources, subfolders)
    previous = None
    if args.previous is not None:
        last_paths = [f.path for f in report_files([args.previous], subfolders=subfolders)]
        wanted = args.year - 1 if args.year is not None else None
        previous = _read(last_paths, jobs, "正在读取去年的报告", wanted, last_year)
    index = BodyIndex(previous.bodies) if previous is not None else None

    def checked(file: str, mtime: float, report: ReportData) -> Examined:
        last = index.find(report.org.name) if index is not None else None
        return examine(file, mtime, report, last)

    collection = _read(paths, jobs, "正在读取", args.year, checked)
    if not collection.bodies:
        _print_left_out(collection, None, sys.stderr)
        raise UserError(f"{'、'.join(args.sources)} 中没有可以汇总的报告（见上面列出的原因）。")
    if previous is not None and previous.year != (collection.year or 0) - 1:
        what = f"是 {previous.year} 年度的" if previous.year else "一份也读不出"
        print(f"注意：{args.previous} 中的报告{what}，不做同比和跨年度核对。", file=sys.stderr)
        previous = None
    area = sum_reports([(body.report.org.name, body.report) for body in collection.bodies])
    book = given or _free_book(collection.year)
    check_target(book, inputs=paths, data_home=data_folder())
    written = _write(book, collection, area, previous, feedback, paths)
    if args.json:
        print(
            json.dumps(
                summary_json(collection, area, previous, written), ensure_ascii=False, indent=2
            )
        )
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


def _book_path(output: str | None, inputs: Sequence[Path]) -> Path | None:
    """-o as given, checked before any report is read; None for the default name."""
    if output is None:
        return None
    path = Path(output)
    if not output.strip() or path.suffix.lower() != BOOK_SUFFIX:
        raise UserError(f"-o 应是 Excel 工作簿的文件名，以 {BOOK_SUFFIX} 结尾，如 -o 汇总.xlsx。")
    check_target(path, inputs=inputs, data_home=data_folder())
    return path


def _free_book(year: int | None) -> Path:
    """The default workbook in the current folder; （2） … when that file exists."""
    wanted = Path(f"政府信息公开工作年度报告汇总（{year}年度）{BOOK_SUFFIX}")
    book = free_path(wanted)
    if book != wanted:
        print(f"注意：{wanted} 已存在，未覆盖；新文件另存为 {book}。", file=sys.stderr)
    return book


def _feedback_folder(folder: str | None, sources: Sequence[str], subfolders: bool) -> Path | None:
    """--feedback's folder: not a file, and not where the next run would read the letters
    as reports (a folder named, or with its subfolders one below it)."""
    if folder is None:
        return None
    path = Path(folder)
    if path.exists() and not path.is_dir():
        raise UserError(f"--feedback 应是一个文件夹，{folder} 是一个文件；请换一个文件夹名。")
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
) -> Written:
    from ..write.workbook import render_workbook  # openpyxl only for this command

    write_file(book, render_workbook(collection, area, previous))
    if feedback is None:
        return Written(book)
    return _write_letters(book, collection, feedback, inputs)


def _write_letters(
    book: Path, collection: Collection, folder: Path, inputs: Sequence[Path]
) -> Written:
    """One letter per body, as Word and as text, in `folder`; a file of that name that
    this run did not write is kept, and the letter gets a （2） name."""
    from ..write.feedback import feedback_letter, letter_files

    written: list[Path] = []
    renamed = 0
    today = date.today()
    for body in collection.bodies:
        letter = feedback_letter(body, today)
        for name, content in letter_files(letter):
            path = free_path(folder / name, written)
            renamed += path != folder / name
            check_target(path, inputs=[*inputs, book], data_home=data_folder())
            write_file(path, content)
            written.append(path)
    return Written(book, tuple(written), renamed)


# ---------------------------------------------------------------- terminal

OVERVIEW_FIGURES = ("new", "concluded", "carried_forward", "reconsideration", "litigation")
NAME_COLUMNS = 24


def _print_overview(
    collection: Collection, area: AreaSum, previous: Collection | None, written: Written
) -> None:
    bodies = collection.bodies
    flawed = sum(1 for body in bodies if body.errors)
    print(
        f"{collection.year} 年度：计入汇总 {len(bodies)} 个单位"
        f"{f'（其中 {flawed} 个有错误，仍计入并已标出）' if flawed else ''}。"
    )
    labels = {figure.key: figure.label for figure in FIGURES}
    table = [["单位", *(labels[key] for key in OVERVIEW_FIGURES), "错误", "警告"]]
    for body in bodies:
        figures = [_cell(body.figures.get(key)) for key in OVERVIEW_FIGURES]
        table.append(
            [
                clip(body.report.org.name, NAME_COLUMNS),
                *figures,
                str(body.errors),
                str(body.warnings),
            ]
        )
    table.append(["合计", *(str(v) for v in _area_figures(area)), "", ""])
    print("\n".join(aligned(table)))
    _print_gaps(area)
    _print_left_out(collection, previous)
    if previous is not None:
        _print_carry(collection, previous)
    print(f"已写入：{written.book}")
    if written.letters:
        folder = written.letters[0].parent
        print(
            f"已写入 {len(collection.bodies)} 个单位的审核意见（Word 和文本，共 "
            f"{len(written.letters)} 个文件）到 {folder}"
        )
        if written.renamed:
            print(f"注意：{written.renamed} 个同名文件已存在，未覆盖；新文件名后加了（2）等序号。")


def _cell(value: object) -> str:
    return "空" if value is None else str(value)


def _area_figures(area: AreaSum) -> list[int]:
    """The overview's figures of the sum (the 总计 column of 三, the 总计 of 四)."""
    apps, appeals = area.applications, area.appeals
    litigation = appeals["litigation_direct"][4] + appeals["litigation_after_reconsideration"][4]
    return [
        apps["new"][6],
        apps["concluded"][6],
        apps["carried_forward"][6],
        appeals["reconsideration"][4],
        litigation,
    ]


def _print_gaps(area: AreaSum) -> None:
    for gap in area.gaps:
        print(
            f"注意：汇总表 {gap.ref.place}：按各列相加为 {gap.recomputed}，各单位所填总计之和为 "
            f"{gap.printed}；总计对不上的单位：{'、'.join(gap.bodies)}。"
        )


def _print_left_out(
    collection: Collection, previous: Collection | None, out: TextIO | None = None
) -> None:
    items = [("", item) for item in collection.left_out]
    items += [("去年", item) for item in (previous.left_out if previous else ())]
    if not items:
        return
    print(f"未计入汇总的文件（{len(items)} 个，详见工作簿“未计入”表）：", file=out)
    for folder, item in items:
        print(f"  [{folder}{REASON_NAMES[item.reason]}] {item.file}：{item.message}", file=out)


def _print_carry(collection: Collection, previous: Collection) -> None:
    for body in collection.bodies:
        gap = carry_gap(body)
        if gap:
            print(f"上年结转与去年报告不符：{body.report.org.name}（{gap}）")
    for body in missing_this_year(collection, previous):
        print(f"去年有报告、今年未收到：{body.report.org.name}（去年的文件 {body.file}）")


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
                    "recomputed": _plain(gap.recomputed),
                    "printed": _plain(gap.printed),
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


def _plain(value: Cell | Decimal) -> int | str | None:
    """A figure as JSON: counts as numbers, 万元 amounts as decimal strings."""
    return format_decimal(value) if isinstance(value, Decimal) else value


def _body_json(body: Examined) -> dict[str, Any]:
    report = body.report
    return {
        "org": report.org.name,
        "kind": report.org.kind,
        "year": report.year,
        "file": body.file,
        "figures": {key: _plain(value) for key, value in body.figures.items()},
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

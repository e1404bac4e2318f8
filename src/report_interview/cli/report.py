"""The render and check commands: report files (data .json, published .txt) and finished
interviews in; reports and findings out."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..chat.tables import aligned
from ..report.checks import Finding, has_errors, run_checks
from ..report.data import ReportData
from ..write.render import FORMATS, default_output_name, render
from .common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_UNUSABLE,
    Progress,
    UserError,
    format_finding,
    show,
)
from .invocation import command
from .outputs import data_folder, place, write_file
from .sources import load_previous, load_report, report_files, report_source

if TYPE_CHECKING:
    from ..read.folders import Found


def cmd_render(args: argparse.Namespace) -> int:
    """`render`: the report file of an interview or report file, written atomically to
    -o, or next to the input under its safe title; a file there that this program did
    not write is kept and the new one named （2） (cli/outputs.py)."""
    fmt = _output_format(args.format, args.output)
    report, source = report_source(args.source)
    if args.output is not None:
        wanted = Path(args.output)
    else:
        wanted = source.parent / default_output_name(report, fmt)
    placed = place(wanted, inputs=[source], data_home=data_folder())
    if placed.notice:
        show(placed.notice)
    write_file(placed.path, render(report, fmt))
    show(f"已写入：{placed.path}")
    errors = [f for f in run_checks(report) if f.level == "error"]
    if errors:
        show(
            f"注意：这份报告有 {len(errors)} 处错误（如 {errors[0].rule}），"
            f"运行 {command('check', args.source)} 查看详情。",
            file=sys.stderr,
        )
    return EXIT_OK


def _output_format(fmt: str | None, output: str | None) -> str:
    """The format asked (--format), else -o's extension, else txt; an unknown format, an
    unknown extension without --format and an empty -o are refused."""
    formats = "、".join(FORMATS)
    if fmt is not None and fmt not in FORMATS:
        raise UserError(f"不支持的格式“{fmt}”；可用的格式：{formats}。")
    if output is not None and not output.strip():
        raise UserError(f"-o 的文件名是空的；请给出文件名，如 报告.docx（可用的格式：{formats}）。")
    suffix = Path(output).suffix.lower().lstrip(".") if output else ""
    if fmt is None and suffix and suffix not in FORMATS:
        raise UserError(
            f"不能写成 .{suffix} 文件；可用的格式：{formats}（或用 --format 指定格式）。"
        )
    return fmt or (suffix if suffix in FORMATS else "txt")


def cmd_check(args: argparse.Namespace) -> int:
    previous = load_previous(args.previous)
    files = report_files(args.sources, subfolders=not args.no_subfolders)
    if len(files) == 1 and not files[0].in_folder:
        return _check_one(files[0].path, previous, as_json=args.json)
    return _check_many(files, previous, as_json=args.json)


def _check_one(path: Path, previous: ReportData | None, *, as_json: bool) -> int:
    report = load_report(path)
    findings = run_checks(report, previous)
    if as_json:
        show(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2))
    else:
        _print_findings(report, path, findings)
    return EXIT_FINDINGS if has_errors(findings) else EXIT_OK


def _print_findings(report: ReportData, path: Path, findings: list[Finding]) -> None:
    errors = sum(f.level == "error" for f in findings)
    show(f"{report.title}（{path}）：{errors} 个错误，{len(findings) - errors} 个警告")
    for finding in findings:
        show(format_finding(finding))
    if not findings:
        show("  未发现问题。")


def _check_many(files: list[Found], previous: ReportData | None, *, as_json: bool) -> int:
    """Each file's findings, then a summary table. Files are read, checked and dropped
    one at a time; one that cannot be read is listed as such and does not stop the
    others; one that is no report at all (a README, a budget, a spreadsheet), found in
    a folder or named, is skipped with the reason and does not change the exit code."""
    from ..read.errors import NotAReportError, ReadError
    from ..read.files import read_report_file

    rows: list[dict[str, object]] = []
    progress = Progress(len(files), "正在检查")
    for path in (found.path for found in files):
        progress.step(path)
        try:
            report = read_report_file(path)
        except NotAReportError as exc:
            rows.append({"file": str(path), "skipped": str(exc)})
            continue
        except ReadError as exc:
            rows.append({"file": str(path), "unreadable": f"{path}：{exc}"})
            continue
        rows.append(_checked(path, report, previous, as_json=as_json))
    progress.done()
    if as_json:
        show(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        _print_summary(rows)
    if any("unreadable" in row for row in rows):
        return EXIT_UNUSABLE
    return EXIT_FINDINGS if any(row.get("errors") for row in rows) else EXIT_OK


def _checked(
    path: Path, report: ReportData, previous: ReportData | None, *, as_json: bool
) -> dict[str, object]:
    """One report's findings, printed unless the output is JSON, and its summary row."""
    findings = run_checks(report, previous)
    if not as_json:
        _print_findings(report, path, findings)
    errors = sum(f.level == "error" for f in findings)
    return {"file": str(path), "org": report.org.name, "year": report.year,
            "errors": errors, "warnings": len(findings) - errors,
            "findings": [f.as_dict() for f in findings]}  # fmt: skip


def _print_summary(rows: list[dict[str, object]]) -> None:
    """The table of the reports checked (and of files that could not be read), then each
    file skipped as no report, once, with the reason; unreadable files' reasons go to
    stderr."""
    table = [["文件", "单位", "年度", "错误", "警告"]]
    for row in rows:
        name = Path(str(row["file"])).name
        if "unreadable" in row:
            table.append([name, "（无法读取）", "-", "-", "-"])
        elif "skipped" not in row:
            table.append(
                [name, str(row["org"]), str(row["year"]), str(row["errors"]), str(row["warnings"])]
            )
    bad = sum(1 for row in rows if "unreadable" in row or row.get("errors"))
    skipped = [row for row in rows if "skipped" in row]
    note = f"（另有 {len(skipped)} 个文件不是报告，已跳过）" if skipped else ""
    show(f"\n共检查 {len(rows) - len(skipped)} 份报告，{bad} 份有错误或无法读取{note}：")
    show("\n".join(aligned(table, numeric_from=3)))
    for row in skipped:
        show(f"已跳过：{row['file']}：{row['skipped']}")
    for row in rows:
        if "unreadable" in row:
            show(f"无法读取：{row['unreadable']}", file=sys.stderr)

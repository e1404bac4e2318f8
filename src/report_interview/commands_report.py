"""The render and check commands: report files (and finished interviews) in, reports out."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .checks import LEVEL_NAMES, Finding, has_errors, run_checks
from .cli import EXIT_FINDINGS, EXIT_OK, UserError, read_text_file, write_output
from .render import FORMATS, default_output_name, render
from .report import ReportData, ReportDataError, load_report_json


def load_report(path: Path) -> ReportData:
    """A report data .json file → ReportData; every failure is a UserError (exit 2)."""
    if path.suffix.lower() != ".json":
        raise UserError(f"{path}：目前只能读取报告数据 .json 文件。")
    text = read_text_file(path)
    try:
        return load_report_json(text)
    except ReportDataError as exc:
        raise UserError(f"{path}：{exc}") from None


def _report_source(source: str) -> tuple[ReportData, Path]:
    """A report file, or an interview id; with the folder to write next to."""
    path = Path(source)
    if not path.exists():
        from .commands_interview import report_of_interview

        report = report_of_interview(source)
        if report is not None:
            return report, Path.cwd() / source
    return load_report(path), path


def cmd_render(args: argparse.Namespace) -> int:
    if args.format and args.format not in FORMATS:
        raise UserError(f"不支持的格式“{args.format}”；可用的格式：{'、'.join(FORMATS)}。")
    report, source = _report_source(args.source)
    fmt = args.format or _format_from_name(args.output) or "txt"
    out = Path(args.output) if args.output else source.with_name(default_output_name(report, fmt))
    if out.resolve() == source.resolve():
        raise UserError(f"输出文件 {out} 与输入相同；请用 -o 指定另一个文件名。")
    write_output(out, render(report, fmt))
    print(f"已写入：{out}")
    errors = [f for f in run_checks(report) if f.level == "error"]
    if errors:
        print(
            f"注意：这份报告有 {len(errors)} 处错误（如 {errors[0].rule}），"
            f"运行 report-interview check {args.source} 查看详情。",
            file=sys.stderr,
        )
    return EXIT_OK


def _format_from_name(name: str | None) -> str | None:
    if not name:
        return None
    suffix = Path(name).suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else None


def format_finding(finding: Finding) -> str:
    return (
        f"  [{finding.rule} {LEVEL_NAMES[finding.level]}] {finding.place}\n      {finding.message}"
    )


def cmd_check(args: argparse.Namespace) -> int:
    source = Path(args.source)
    report = load_report(source)
    findings = run_checks(report)
    if args.json:
        print(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2))
    else:
        errors = sum(f.level == "error" for f in findings)
        print(f"{report.title}（{source}）：{errors} 个错误，{len(findings) - errors} 个警告")
        for finding in findings:
            print(format_finding(finding))
        if not findings:
            print("  未发现问题。")
    return EXIT_FINDINGS if has_errors(findings) else EXIT_OK

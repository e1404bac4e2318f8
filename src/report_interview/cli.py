"""Command line: the only place that wires the concrete parts together.

Exit codes: 0 success, 1 findings or refused input, 2 unusable input, 130 interrupted.
Users see one or two lines of Chinese on failure, never a traceback. Commands that do
not interview import nothing from prompt_toolkit (the chat is imported lazily).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from . import __version__
from .checks import LEVEL_NAMES, Finding, has_errors, run_checks
from .render import FORMATS, default_output_name, render
from .report import ReportData, ReportDataError, load_report_json

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE, EXIT_INTERRUPTED = 0, 1, 2, 130


class UserError(Exception):
    """A failure to tell the user in Chinese, with the exit code to leave with."""

    def __init__(self, message: str, code: int = EXIT_UNUSABLE) -> None:
        super().__init__(message)
        self.code = code


class _Parser(argparse.ArgumentParser):
    """argparse with Chinese usage errors that exit 2 like every other unusable input."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_UNUSABLE, f"命令行参数有误：{message}\n输入 {self.prog} -h 查看用法。\n")

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "用法：", 1)

    def format_help(self) -> str:
        text = super().format_help().replace("usage:", "用法：", 1)
        text = text.replace("positional arguments:", "参数：")
        text = text.replace("options:", "选项：")
        return text.replace("show this help message and exit", "显示本帮助并退出")


# ---------------------------------------------------------------- reading inputs


def read_text_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UserError(f"找不到文件：{path}") from None
    except IsADirectoryError:
        raise UserError(f"{path} 是一个文件夹，请给出报告文件。") from None
    except UnicodeDecodeError:
        raise UserError(
            f"{path} 不是 UTF-8 编码的文本；请在编辑器中另存为 UTF-8 后再试。"
        ) from None
    except OSError as exc:
        raise UserError(f"无法读取 {path}：{exc.strerror}") from None


def load_report(path: Path) -> ReportData:
    """A report data .json file → ReportData; every failure is a UserError (exit 2)."""
    if path.suffix.lower() != ".json":
        raise UserError(f"{path}：目前只能读取报告数据 .json 文件。")
    text = read_text_file(path)
    try:
        return load_report_json(text)
    except ReportDataError as exc:
        raise UserError(f"{path}：{exc}") from None


def write_output(path: Path, content: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    except OSError as exc:
        raise UserError(f"无法写入 {path}：{exc.strerror}") from None


# ---------------------------------------------------------------- commands


def cmd_render(args: argparse.Namespace) -> int:
    source = Path(args.source)
    report = load_report(source)
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
            f"运行 report-interview check {source} 查看详情。",
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


# ---------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="report-interview",
        description="政府信息公开工作年度报告：问答式填写、检查和生成。",
    )
    parser.add_argument("--version", action="version", version=f"report-interview {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)

    render_p = sub.add_parser("render", help="把报告数据写成报告文本或数据文件")
    render_p.add_argument("source", metavar="文件", help="报告数据 .json 文件")
    render_p.add_argument("-o", "--output", metavar="输出文件", help="输出文件（默认写在输入旁边）")
    render_p.add_argument(
        "--format", choices=FORMATS, help="输出格式（默认按输出文件扩展名，否则 txt）"
    )
    render_p.set_defaults(handler=cmd_render)

    check_p = sub.add_parser("check", help="检查报告是否符合格式和勾稽关系")
    check_p.add_argument("source", metavar="文件", help="报告数据 .json 文件")
    check_p.add_argument("--json", action="store_true", help="以 JSON 输出检查结果")
    check_p.set_defaults(handler=cmd_check)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_OK
    try:
        code: int = args.handler(args)
    except UserError as exc:
        print(str(exc), file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        print("\n已中断。", file=sys.stderr)
        return EXIT_INTERRUPTED
    return code

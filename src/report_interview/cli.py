"""Command line: the only place that wires the concrete parts together.

Exit codes: 0 success, 1 findings or refused input, 2 unusable input, 130 interrupted.
Users see one or two lines of Chinese on failure, never a traceback. Commands that do
not interview import nothing from prompt_toolkit (the chat is imported lazily).
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from . import __version__
from .builder import build_report
from .checks import LEVEL_NAMES, Finding, has_errors, run_checks
from .conversation import Conversation, Outcome, deadline_note
from .engine import Engine, decode_all, encode
from .fill import fill
from .loader import FlowError, load_answers_file, load_flow
from .render import FORMATS, default_output_name, render
from .report import ReportData, ReportDataError, load_report_json
from .store import Interview, InterviewInfo, Store, StoreError

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


def _report_source(source: str) -> tuple[ReportData, Path]:
    """A report file, or an interview id; with the folder to write next to."""
    path = Path(source)
    if not path.exists() and _store().exists(source):
        return report_of_interview(source), Path.cwd() / "x"
    return load_report(path), path


def cmd_render(args: argparse.Namespace) -> int:
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


# ---------------------------------------------------------------- interviews


def _engine() -> Engine:
    try:
        flow = load_flow()
    except FlowError as exc:
        raise UserError(f"问答流程文件有误，无法开始：{exc}") from None
    return Engine(flow, this_year=date.today().year)


def _store() -> Store:
    return Store()


def _raw_answers(args: argparse.Namespace) -> dict[str, Any]:
    provided: dict[str, Any] = {}
    if getattr(args, "answers", None):
        try:
            provided = load_answers_file(Path(args.answers))
        except FlowError as exc:
            raise UserError(str(exc)) from None
    if getattr(args, "org", None):
        provided["org_name"] = args.org
    if getattr(args, "year", None):
        provided["report_year"] = args.year
    return provided


def publisher(out_dir: Path) -> Callable[[ReportData], list[Path]]:
    """Writes the finished report's files into out_dir and returns their paths."""

    def publish(report: ReportData) -> list[Path]:
        path = (out_dir / default_output_name(report, "txt")).absolute()
        write_output(path, render(report, "txt"))
        return [path]

    return publish


def _apply_answers(engine: Engine, interview: Interview, provided: dict[str, Any]) -> list[str]:
    """Save every valid provided answer in one write; the problems, one line each."""
    typed = decode_all(engine.flow, interview.answers())
    result = fill(engine, typed, provided)
    if result.accepted:
        stored = {qid: encode(engine.flow.question(qid), v) for qid, v in result.accepted.items()}
        merged = {**typed, **result.accepted}
        interview.save_answers(stored, **_meta(engine, merged))
    problems = [f"  {key}：不是问题编号，已忽略" for key in result.unknown]
    for qid, reason in result.refused.items():
        problems.append(f"  {qid}（{engine.flow.question(qid).text.splitlines()[0]}）：{reason}")
    for question in result.missing:
        problems.append(f"  {question.id}（{question.text.splitlines()[0]}）：未回答")
    return problems


def _meta(engine: Engine, typed: dict[str, Any]) -> dict[str, Any]:
    progress = engine.progress(typed)
    current = next((p for p in progress if not p.complete), None)
    meta: dict[str, Any] = {
        "progress": {
            "answered": sum(p.answered for p in progress),
            "total": sum(p.total for p in progress),
            "section": current.title if current else "核对",
        }
    }
    if isinstance(typed.get("org_name"), str):
        meta["org"] = typed["org_name"]
    if isinstance(typed.get("report_year"), int):
        meta["year"] = typed["report_year"]
    return meta


def _run_interview(interview: Interview, args: argparse.Namespace, engine: Engine) -> int:
    problems = _apply_answers(engine, interview, _raw_answers(args))
    out_dir = Path(getattr(args, "out", None) or ".")
    if args.no_input:
        return _finish_without_input(engine, interview, problems, out_dir)
    if problems and getattr(args, "answers", None):
        print("答案文件中这些问题需要在对话中补答：\n" + "\n".join(problems), file=sys.stderr)
    if not sys.stdin.isatty():
        raise UserError(
            "对话需要在终端中进行；没有终端时请用 --answers 文件加 --no-input。"
            f"已保存的回答不受影响（编号 {interview.id}）。",
            EXIT_FINDINGS,
        )
    from .chat import TerminalPrompter  # the only import of prompt_toolkit

    outcome: Outcome = Conversation(engine, interview, TerminalPrompter(), publisher(out_dir)).run()
    if outcome.finished:
        return EXIT_OK
    return EXIT_INTERRUPTED if outcome.interrupted else EXIT_OK


def _finish_without_input(
    engine: Engine, interview: Interview, problems: list[str], out_dir: Path
) -> int:
    typed = decode_all(engine.flow, interview.answers())
    if problems or not engine.is_complete(typed):
        print(
            f"报告 {interview.id} 还不完整，已保存的回答都在。缺少或无效的回答：\n"
            + "\n".join(problems)
            + f"\n补齐后运行：report-interview resume {interview.id} --answers 文件 --no-input",
            file=sys.stderr,
        )
        return EXIT_FINDINGS
    report = build_report(engine.names(typed))
    errors = [f for f in run_checks(report) if f.level == "error"]
    if errors:
        print("\n".join(format_finding(f) for f in errors), file=sys.stderr)
        return EXIT_FINDINGS
    paths = publisher(out_dir)(report)
    interview.update_meta(status="finished")
    for path in paths:
        print(f"已写入：{path}")
    print(deadline_note(report.org.kind))
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    engine = _engine()
    with _store().create(flow=engine.flow.name, org=args.org or "", year=args.year) as interview:
        print(f"新建报告，编号 {interview.id}。")
        return _run_interview(interview, args, engine)


def cmd_resume(args: argparse.Namespace) -> int:
    store = _store()
    interview_id = args.id
    if not interview_id:
        latest = store.latest_unfinished()
        if latest is None:
            raise UserError(
                "没有未完成的报告。输入 report-interview new 开始新的报告。", EXIT_FINDINGS
            )
        interview_id = latest.id
    engine = _engine()
    with store.open(interview_id) as interview:
        print(f"继续填写报告 {interview.id}（{interview.meta().get('org') or '未命名'}）。")
        return _run_interview(interview, args, engine)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - _width(text), 0)


def _info_row(info: InterviewInfo) -> list[str]:
    progress = info.progress
    done = f"{progress.get('answered', 0)}/{progress.get('total', 0)}" if progress else "-"
    status = "已完成" if info.finished else "填写中"
    return [
        info.id,
        info.org or "（未命名）",
        str(info.year or "-"),
        status,
        done,
        info.updated[:16].replace("T", " "),
    ]


def cmd_list(args: argparse.Namespace) -> int:
    infos, unreadable = _store().scan()
    if args.json:
        rows = [
            {"id": i.id, "org": i.org, "year": i.year, "status": i.status,
             "progress": i.progress, "updated": i.updated}
            for i in infos
        ]  # fmt: skip
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    elif not infos:
        print("还没有报告。输入 report-interview new 开始。")
    else:
        table = [["编号", "单位", "年度", "状态", "进度", "最后修改"], *map(_info_row, infos)]
        widths = [max(_width(row[i]) for row in table) for i in range(len(table[0]))]
        for row in table:
            print("  ".join(_pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip())
    for path in unreadable:
        print(f"注意：无法读取 {path}，已跳过（文件未改动）。", file=sys.stderr)
    return EXIT_OK


def report_of_interview(interview_id: str) -> ReportData:
    """The report of a finished interview in the store (read-only, no lock needed)."""
    engine = _engine()
    _, stored = _store().read(interview_id)
    typed = decode_all(engine.flow, stored)
    if not engine.is_complete(typed):
        left = sum(p.total - p.answered for p in engine.progress(typed))
        raise UserError(
            f"报告 {interview_id} 还有 {left} 个问题没有回答；"
            f"请先运行 report-interview resume {interview_id} 填完。",
            EXIT_FINDINGS,
        )
    return build_report(engine.names(typed))


def cmd_menu(args: argparse.Namespace) -> int:
    """`report-interview` alone: start a new report or resume the last unfinished one."""
    if not sys.stdin.isatty():
        build_parser().print_help()
        return EXIT_OK
    from .chat import TerminalPrompter

    store = _store()
    latest = store.latest_unfinished()
    options = [("new", "开始填写新的年度报告")]
    if latest is not None:
        label = f"继续填写：{latest.org or '未命名'} {latest.year or ''}（编号 {latest.id}）"
        options.insert(0, ("resume", label))
    options.append(("list", "查看已有的报告"))
    prompter = TerminalPrompter()
    from .conversation import HINT_MENU, Interrupted

    try:
        choice = prompter.ask_select(
            "您好！要做什么？", options, default=options[0][0], hint=HINT_MENU
        )
    except Interrupted:
        return EXIT_INTERRUPTED
    blank = argparse.Namespace(
        answers=None, no_input=False, org=None, year=None, out=None, id=None, json=False
    )
    if choice == "resume" and latest is not None:
        blank.id = latest.id
        return cmd_resume(blank)
    if choice == "list":
        return cmd_list(blank)
    if choice == "new":
        return cmd_new(blank)
    return EXIT_OK


# ---------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="report-interview",
        description="政府信息公开工作年度报告：问答式填写、检查和生成。",
    )
    parser.add_argument("--version", action="version", version=f"report-interview {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)

    for name, helptext in (("new", "开始填写新的年度报告"), ("resume", "继续填写未完成的报告")):
        p = sub.add_parser(name, help=helptext)
        if name == "new":
            p.add_argument("--org", metavar="单位", help="报告单位全称")
            p.add_argument("--year", type=int, metavar="年度", help="报告年度，如 2023")
        else:
            p.add_argument("id", nargs="?", metavar="编号", help="报告编号（默认：最近未完成的）")
        p.add_argument(
            "--answers", metavar="文件", help="从 YAML/JSON 文件读入回答（键为问题编号）"
        )
        p.add_argument("--no-input", action="store_true", help="不提问：缺少回答时列出并退出")
        p.add_argument("--out", metavar="文件夹", help="报告文件写到哪里（默认当前文件夹）")
        p.set_defaults(handler=cmd_new if name == "new" else cmd_resume)

    list_p = sub.add_parser("list", help="列出已有的报告")
    list_p.add_argument("--json", action="store_true", help="以 JSON 输出")
    list_p.set_defaults(handler=cmd_list)

    render_p = sub.add_parser("render", help="把报告写成文本或数据文件")
    render_p.add_argument("source", metavar="编号或文件", help="报告编号，或报告数据 .json 文件")
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
    handler = getattr(args, "handler", None) or cmd_menu
    try:
        code: int = handler(args)
    except UserError as exc:
        print(str(exc), file=sys.stderr)
        return exc.code
    except StoreError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_UNUSABLE
    except KeyboardInterrupt:
        print("\n已中断。", file=sys.stderr)
        return EXIT_INTERRUPTED
    return code

"""The interview commands: new, resume, list, and the menu of a bare `report-interview`.

The chat (prompt_toolkit) is imported only once a conversation really starts; the
builder, checks and renderer only when a report is written.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..chat.conversation import Conversation, listing_meta
from ..chat.sitting import Outcome, deadline_note
from ..chat.tables import aligned
from ..flow.engine import Engine, decode_all, encode
from ..flow.fill import fill  # loaded with the conversation anyway (chat/conversation.py)
from ..flow.loader import FlowError, load_answers_file
from ..report.text_rules import MAX_LINE_CHARS, TextError, check_text, for_display
from ..store import Interview, InterviewInfo, StoreError
from .common import (
    EXIT_FINDINGS,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_UNUSABLE,
    UserError,
    format_finding,
    show,
)
from .invocation import command, command_prefix
from .main import build_parser
from .sources import check_stored, previous_of
from .sources import engine as _engine
from .sources import store as open_store

if TYPE_CHECKING:
    from ..chat.prompter import Prompter, Reply
    from ..report.data import ReportData
    from .area import SumOf


def _raw_answers(args: argparse.Namespace) -> dict[str, Any]:
    provided: dict[str, Any] = {}
    if getattr(args, "answers", None):
        try:
            provided = load_answers_file(Path(args.answers))
        except FlowError as exc:
            raise UserError(str(exc)) from None
    if getattr(args, "org", None):
        provided["org_name"] = _checked_org(args.org)
    if getattr(args, "year", None):
        provided["report_year"] = args.year
    return provided


def _checked_org(name: str) -> str:
    """--org NAME at the door: one line of text (no NUL, ESC or bytes that are not UTF-8)."""
    try:
        return check_text(name, one_line=True, max_chars=MAX_LINE_CHARS)
    except TextError as exc:
        raise UserError(f"--org 的单位名称有误：{exc}") from None


def publisher(out_dir: Path) -> Callable[[ReportData, Sequence[str]], list[Path]]:
    """Writes the finished report into out_dir in the formats asked; their paths. A file
    of the same name that this program did not write is kept: the new one is
    名称（2）.docx (cli/outputs.py); one it wrote (an earlier `w`) is replaced."""

    def publish(report: ReportData, formats: Sequence[str]) -> list[Path]:
        """Write each format; the paths written, in order."""
        from ..write.render import default_output_name, render  # at the end only
        from .outputs import data_folder, place, write_file

        folder, home = out_dir.absolute(), data_folder()
        paths = []
        for fmt in formats:
            placed = place(folder / default_output_name(report, fmt), data_home=home)
            write_file(placed.path, render(report, fmt))
            if placed.notice:
                show(placed.notice)
            paths.append(placed.path)
        return paths

    return publish


def _apply_answers(
    engine: Engine, interview: Interview, provided: dict[str, Any], *, complete: bool
) -> tuple[list[str], int]:
    """Save every valid provided answer in one write; the problems, one line each, and
    how many answers were saved. With `complete` (--no-input) optional questions need
    no answer."""
    if not provided and not complete:
        return [], 0  # nothing to check: do not walk (and compile) the whole flow
    from ..flow.provided import screen  # only with answers given

    problems: list[str] = []
    provided, misshapen = screen(engine.flow, provided)
    if "applications" in provided or "appeals" in provided:
        provided, problems = _with_blocks(engine, provided)
    typed = decode_all(engine.flow, interview.answers())
    result = fill(engine, typed, provided, complete=complete)
    merged = {**typed, **result.accepted}
    if result.accepted:
        stored = {qid: encode(engine.flow.question(qid), v) for qid, v in result.accepted.items()}
        interview.save_answers(stored, **listing_meta(engine, merged))
    problems += _unknown_keys(result.unknown)
    for qid, reason in {**misshapen, **result.refused}.items():
        problems.append(f"  {qid}：{reason}（{engine.label(engine.flow.question(qid), merged)}）")
    for question in result.missing:
        if question.id not in misshapen:
            problems.append(f"  {question.id}：未回答（{engine.label(question, merged)}）")
    return problems, len(result.accepted)


_UNKNOWN_SHOWN = 5


def _unknown_keys(keys: Sequence[str]) -> list[str]:
    """Keys that are no question id, one line each when few, else one summary line."""
    shown = [for_display(key[:40]) for key in keys[:_UNKNOWN_SHOWN]]
    if len(keys) <= _UNKNOWN_SHOWN:
        return [f"  {key}：不是问题编号，已忽略" for key in shown]
    return [f"  {len(keys)} 个键不是问题编号，已忽略（如 {'、'.join(shown)} 等）"]


def _with_blocks(engine: Engine, provided: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """An answers file's `applications`/`appeals` blocks replace their sections' questions."""
    from ..flow.blocks import block_answers  # needs the checks; only when a file has blocks

    blocks = block_answers(provided)
    replaced = {q.id for q in engine.flow.questions if q.section in blocks.replaced_sections}
    kept = {
        key: value
        for key, value in provided.items()
        if key not in replaced and key not in ("applications", "appeals")
    }
    problems = [f"  {name}：{reason}" for name, reason in blocks.refused.items()]
    return {**kept, **blocks.answers}, problems


def _run_interview(
    interview: Interview,
    args: argparse.Namespace,
    engine: Engine,
    provided: dict[str, Any],
    sum_of: SumOf | None = None,
    *,
    resumed: bool = False,
) -> int:
    problems: list[str] = []
    terminal = sys.stdin.isatty()  # what is left is asked there, and only then promised
    if getattr(args, "ledger", None):  # section 三 from the ledger file: its readers load here
        from .ledger import apply_ledger

        provided, problems = apply_ledger(args, interview, provided, ask_later=terminal)
    if sum_of is not None:  # 三 and 四 as the sum of the area's reports
        from .area import apply_sum

        provided = apply_sum(args, interview, provided, sum_of, terminal=terminal)
    refused, taken = _apply_answers(engine, interview, provided, complete=args.no_input)
    problems += refused
    out_dir = _out_dir(interview, getattr(args, "out", None))
    if args.no_input:
        formats = output_formats(getattr(args, "formats", None))
        return _finish_without_input(engine, interview, problems, out_dir, formats, args)
    if getattr(args, "formats", None):  # what `w` writes in the review, this sitting and later
        interview.update_meta(formats=output_formats(args.formats))
    if sum_of is not None:  # the sum (the dialogue, or --sum-of again) answers 三 and 四
        from .area import left_to_ask

        problems = left_to_ask(problems)
    listed = problems and getattr(args, "answers", None)
    if not terminal:
        if listed:
            show("答案文件中缺少或无效的回答：\n" + "\n".join(problems), file=sys.stderr)
        raise UserError(
            f"对话需要在终端中进行。已保存的回答不受影响（编号 {interview.id}）；没有终端时，"
            + _completion_hint(interview.id, args)
            + "。",
            EXIT_FINDINGS,
        )
    if listed:
        show("答案文件中这些问题需要在对话中补答：\n" + "\n".join(problems), file=sys.stderr)
    from ..chat.terminal import TerminalPrompter  # the only import of prompt_toolkit

    conversation = Conversation(
        engine,
        interview,
        TerminalPrompter(),
        publisher(out_dir),
        resumed=resumed,
        from_file=taken if getattr(args, "answers", None) else None,
        command=command_prefix(),
    )
    if sum_of is not None:  # a sum taken before is read again from the folder
        conversation.start_at("area_folder")
    try:
        outcome: Outcome = conversation.run()
    except KeyboardInterrupt:  # Ctrl-C between two prompts: every answer is already saved
        show(f"\n已保存，下次输入 {command('resume', interview.id)} 接着填。", file=sys.stderr)
        return EXIT_INTERRUPTED
    if outcome.finished:
        return EXIT_OK
    return EXIT_INTERRUPTED if outcome.interrupted else EXIT_OK


def _check_out(args: argparse.Namespace) -> None:
    """--out DIR: a folder or a new name outside the data folder, else refused at once."""
    if getattr(args, "out", None):
        from .outputs import check_folder, data_folder

        check_folder(Path(args.out), data_home=data_folder())


def _sum_of(
    args: argparse.Namespace, engine: Engine, provided: dict[str, Any], saved: dict[str, Any]
) -> SumOf | None:
    """--sum-of checked (cli/area.py) before anything is created or saved."""
    if not getattr(args, "sum_of", None):
        return None
    from .area import check_sum_of

    return check_sum_of(args, engine, provided, saved)


def _out_dir(interview: Interview, given: str | None) -> Path:
    """Where the report files go: --out if given (remembered for the next sitting), else
    the folder an earlier sitting was given, else the current folder."""
    if given:
        folder = Path(given).absolute()
        if interview.meta().get("out") != str(folder):
            interview.update_meta(out=str(folder))
        return folder
    remembered = interview.meta().get("out")
    return Path(remembered) if isinstance(remembered, str) and remembered else Path(".")


def output_formats(text: str | None) -> list[str]:
    """`--formats docx,txt` → the formats to write (default: Word and text)."""
    from ..write.render import FORMATS

    formats = [
        f.strip().lower() for f in (text or "docx,txt").replace("，", ",").split(",") if f.strip()
    ]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise UserError(f"不支持的格式“{'、'.join(unknown)}”；可用的格式：{'、'.join(FORMATS)}。")
    return formats


def _finish_without_input(
    engine: Engine,
    interview: Interview,
    problems: list[str],
    out_dir: Path,
    formats: list[str],
    args: argparse.Namespace,
) -> int:
    typed = decode_all(engine.flow, interview.answers())
    problems += [f"  {f.message}（{f.goto}）" for f in engine.failed_checks(typed)]
    if problems or not engine.is_complete(typed):
        show(
            f"报告 {interview.id} 还不完整，已保存的回答都在。缺少或无效的回答：\n"
            + "\n".join(problems)
            + "\n"
            + _completion_hint(interview.id, args),
            file=sys.stderr,
        )
        return EXIT_FINDINGS
    from ..report.builder import build_report
    from ..report.checks import run_checks

    report = build_report(engine.names(typed))
    errors = [f for f in run_checks(report) if f.level == "error"]
    if errors:
        show("\n".join(format_finding(f) for f in errors), file=sys.stderr)
        return EXIT_FINDINGS
    paths = publisher(out_dir)(report, formats)
    interview.update_meta(status="finished")
    for path in paths:
        show(f"已写入：{path}")
    show(deadline_note(report.org.kind))
    return EXIT_OK


def _completion_hint(interview_id: str, args: argparse.Namespace) -> str:
    """How to finish an incomplete interview without a terminal, as a command to run: the
    answers file, and the ledger or the area's folder this run was given (without them
    the questions they answer stay unanswered)."""
    answers_file = getattr(args, "answers", None)
    where = f"补进 {answers_file} " if answers_file else "写进一个答案文件（如 答案.yaml）"
    sources = []
    for option, name in (("--ledger", "ledger"), ("--sum-of", "sum_of")):
        given = getattr(args, name, None)
        if given:
            sources += [option, str(Path(given).expanduser().absolute())]
    run = command(
        "resume", interview_id, "--answers", answers_file or "答案.yaml", *sources, "--no-input"
    )
    return f"把缺少的回答{where}后运行：{run}"


def _store_errors(
    command: Callable[[argparse.Namespace], int],
) -> Callable[[argparse.Namespace], int]:
    """Locked, missing or unreadable interviews: the store's Chinese message, exit 2."""

    @functools.wraps(command)
    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except StoreError as exc:
            raise UserError(str(exc), EXIT_UNUSABLE) from None

    return run


@_store_errors
def cmd_new(args: argparse.Namespace) -> int:
    _check_out(args)  # nothing is created for a run that could not write its files
    provided = _raw_answers(args)  # an unreadable answers file creates no interview
    previous = previous_of(args.previous) if getattr(args, "previous", None) else None
    engine = _engine(previous)
    sum_of = _sum_of(args, engine, provided, _carried(previous))  # nor a refused --sum-of
    org = provided.get("org_name", "") if args.org else ""
    with open_store().create(flow=engine.flow.name, org=org, year=args.year) as interview:
        show(f"新建报告，编号 {interview.id}。")
        if previous is not None:
            _start_from_previous(engine, interview, previous)
        return _run_interview(interview, args, engine, provided, sum_of)


@_store_errors
def cmd_import(args: argparse.Namespace) -> int:
    """`import FILE`: a new interview carried over from last year's report."""
    out = ["--out", args.out] if args.out else []
    return cmd_new(_arguments("new", "--previous", args.source, *out))


def _arguments(*argv: str) -> argparse.Namespace:
    """The options of another command, as its own parser sets them (with its defaults)."""
    return build_parser().parse_args(list(argv))


def _carried(previous: dict[str, Any] | None) -> dict[str, Any]:
    """The body's own answers last year's report gives (its name, kind and self-name)."""
    if not previous:
        return {}  # and report.carry (with the prose scanner) stays off the first question
    from ..report.carry import PREFILLED

    return {key: previous[key] for key in PREFILLED if previous.get(key)}


def _start_from_previous(engine: Engine, interview: Interview, previous: dict[str, Any]) -> None:
    """Save the body's own answers from last year and keep `previous` with the interview,
    so that resuming offers the same defaults."""
    answers = _carried(previous)
    stored = {key: encode(engine.flow.question(key), value) for key, value in answers.items()}
    interview.save_answers(stored, previous=previous, **listing_meta(engine, answers))
    year = previous.get("year")
    show(f"已读入 {year} 年的报告：{answers.get('org_name', '')}；去年的结转件数、现行有效件数、"
          "提出的问题和联系方式等会作为默认答案。")  # fmt: skip


@_store_errors
def cmd_resume(args: argparse.Namespace) -> int:
    store = open_store()
    interview_id = args.id
    if not interview_id:
        latest = store.latest_unfinished()
        if latest is None:
            raise UserError(
                f"没有未完成的报告。输入 {command('new')} 开始新的报告。", EXIT_FINDINGS
            )
        interview_id = latest.id
    _check_out(args)
    provided = _raw_answers(args)
    with store.open(interview_id) as interview:
        engine = _engine(interview.meta().get("previous"))
        check_stored(engine.flow, interview.path, interview.answers())
        sum_of = _sum_of(args, engine, provided, interview.answers())
        org = for_display(interview.meta().get("org") or "未命名")
        show(f"继续填写报告 {interview.id}（{org}）。")
        return _run_interview(interview, args, engine, provided, sum_of, resumed=True)


def _info_row(info: InterviewInfo) -> list[str]:
    progress = info.progress
    done = f"{progress.get('answered', 0)}/{progress.get('total', 0)}" if progress else "-"
    status = "已完成" if info.finished else "填写中"
    return [
        info.id,
        for_display(info.org) or "（未命名）",
        str(info.year or "-"),
        status,
        done,
        info.updated[:16].replace("T", " "),
    ]


@_store_errors
def cmd_list(args: argparse.Namespace) -> int:
    infos, unreadable = open_store().scan()
    if args.json:
        rows = [
            {"id": i.id, "org": i.org, "year": i.year, "status": i.status,
             "progress": i.progress, "updated": i.updated}
            for i in infos
        ]  # fmt: skip
        show(json.dumps(rows, ensure_ascii=False, indent=2))
    elif not infos:
        show(f"还没有报告。输入 {command('new')} 开始。")
    else:
        table = [["编号", "单位", "年度", "状态", "进度", "最后修改"], *map(_info_row, infos)]
        show("\n".join(aligned(table, numeric_from=len(table[0]))))
    for path in unreadable:
        show(f"注意：无法读取 {for_display(str(path))}，已跳过（文件未改动）。", file=sys.stderr)
    return EXIT_OK


def cmd_menu(args: argparse.Namespace) -> int:
    """`report-interview` alone: start a new report (or from last year's), resume the
    last unfinished one, or list them."""
    if not sys.stdin.isatty():
        build_parser().print_help()
        return EXIT_OK
    from ..chat.prompter import Interrupted
    from ..chat.terminal import TerminalPrompter

    try:
        return _menu(TerminalPrompter())
    except Interrupted:
        return EXIT_INTERRUPTED


def _menu(prompter: Prompter) -> int:
    """The start menu on `prompter`; the exit code of the command chosen."""
    from ..chat.prompter import Command

    latest = open_store().latest_unfinished()
    options = [
        ("new", "开始填写新的年度报告"),
        ("import", "从去年的报告开始（带入去年的数字和联系方式）"),
        ("list", "查看已有的报告"),
    ]
    if latest is not None:
        org = for_display(latest.org or "未命名")
        label = f"继续填写：{org} {latest.year or ''}（编号 {latest.id}）"
        options.insert(0, ("resume", label))
    while True:
        choice = prompter.ask_select(
            "您好！要做什么？", options, default=options[0][0], hint=HINT_START
        )
        if choice is Command.HELP:
            prompter.say(START_HELP, "note")
            continue
        if isinstance(choice, Command):  # < and >: nothing before or beside this menu
            continue
        if choice == "import":
            source = ask_previous_report(prompter)
            if source is None:
                continue  # back to the menu
            return cmd_import(_arguments("import", source))
        if choice == "resume" and latest is not None:
            return cmd_resume(_arguments("resume", latest.id))
        if choice == "list":
            return cmd_list(_arguments("list"))
        if choice == "new":
            return cmd_new(_arguments("new"))
        return EXIT_OK


HINT_START = "↑↓ 选择，回车确定 · 输入 ? 再回车看说明 · Ctrl-C 离开"
START_HELP = (
    "开始填写新的年度报告：从头问起，大约 15 分钟（有申请的单位更久），每个回答都立即保存。\n"
    "从去年的报告开始：给出去年报告的文件（Word、网页、PDF、文本），去年的结转件数、现行有效件数、"
    "提出的问题、公开渠道和联系方式会作为默认答案，核对后回车即可。\n"
    "继续填写（有未完成的报告时才有这一项）：回到上次停下的地方。查看已有的报告：列出已保存的报告及其进度。"
)
HINT_PATH = "输入路径后回车（可把文件拖进窗口）· ? 看说明 · 直接回车 返回菜单 · Ctrl-C 离开"


HELP_PREVIOUS = (
    "去年的年度报告：输入它的文件路径（Word、网页、PDF、文本或 .json 都可以），也可以把文件拖进这个窗口；"
    "或者输入本工具里已完成的去年报告的编号（运行 list 可以看到）。直接回车返回菜单。"
)


def ask_previous_report(prompter: Prompter) -> str | None:
    """Where last year's report is (a file, or a finished interview's id), asked again
    until it can be read; None when the clerk goes back to the menu."""
    from ..chat.entry import ask_path
    from ..chat.prompter import COMMAND_WORDS

    def read(message: str, offered: str) -> Reply:
        reply = prompter.ask_line(message, default=offered, hint=HINT_PATH)
        return COMMAND_WORDS.get(reply.strip(), reply) if isinstance(reply, str) else reply

    where = "去年的年度报告在哪里？请输入文件路径（Word、网页、PDF、文本或 .json 都可以），或者本工具里已完成的报告编号。"
    while True:
        text = ask_path(prompter, read, where, "", help_text=HELP_PREVIOUS, empty="")
        if not isinstance(text, str):
            return None
        source = str(Path(text).expanduser())
        try:
            previous_of(source)
        except UserError as exc:
            prompter.say(f"{exc}\n请重新输入，或直接回车返回菜单。", "error")
            continue
        return source

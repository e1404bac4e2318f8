"""Command line: arguments, dispatch, and the exit codes every command shares.

Exit codes: 0 success, 1 findings or refused input, 2 unusable input, 130 interrupted.
Users see one or two lines of Chinese on failure, never a traceback.

The commands live in report.py (render, check) and interview.py (new, resume, list,
import, the menu); each is imported only when its command runs, so render/check never
load prompt_toolkit and the interview starts without jinja2. What both need (exit
codes, errors, files) is in common.py; where reports come from, in sources.py.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Final, NoReturn

from .. import __version__
from ..chat.tables import pad
from ..chat.tables import width as display_width
from .common import EXIT_INTERRUPTED, EXIT_UNUSABLE, UserError, show
from .invocation import command, command_prefix

# argparse's own English texts (Python 3.11–3.13 wordings) and their Chinese; the
# error messages are matched as a whole, innermost first, since one wraps another.
_HELP_TEXTS = (
    ("positional arguments:", "参数："),
    ("options:", "选项："),
    ("optional arguments:", "选项："),
    ("show this help message and exit", "显示本帮助并退出"),
)
_ERRORS = (
    (r"invalid choice: '?([^' ]*)'? \(choose from (.*)\)", r"没有“\1”这一项（可选：\2）"),
    (r"invalid (\w+) value: '([^']*)'", r"“\2”不是有效的数值"),
    (r"expected one argument", "后面缺少一个值"),
    (r"expected at least one argument", "后面至少要有一个值"),
    (r"expected at most one argument", "后面最多只能有一个值"),
    (r"ignored explicit argument '([^']*)'", r"不接受值“\1”"),
    (r"not allowed with argument (\S+)", r"不能和 \1 同时使用"),
    (r"ambiguous option: (\S+) could match (.*)", r"选项 \1 不明确，可能是 \2"),
    (r"^argument ([^:]+): ", r"参数 \1："),
    (r"the following arguments are required: (.*)", r"缺少参数：\1"),
    (r"unrecognized arguments: (.*)", r"无法识别的参数：\1"),
)


def chinese_error(message: str) -> str:
    """An argparse error message in Chinese (unknown wordings pass through)."""
    for pattern, replacement in _ERRORS:
        message = re.sub(pattern, replacement, message)
    return message.replace("'", "")


class _Formatter(argparse.HelpFormatter):
    """argparse's layout measured in terminal columns: a Chinese character takes two,
    so the usage lines and help texts wrap, and the help column aligns, by display
    width (argparse measures with len())."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_HELP_COLUMNS)

    def _split_lines(self, text: str, width: int) -> list[str]:
        lines, line = [], ""
        for char in " ".join(text.split()):
            if display_width(line + char) > width:
                lines.append(line.rstrip())
                line = char.lstrip()
            else:
                line += char
        return [*lines, line] if line else lines

    def add_argument(self, action: argparse.Action) -> None:
        if action.help is argparse.SUPPRESS:
            return
        actions = [action, *self._iter_indented_subactions(action)]
        longest = max(display_width(self._format_action_invocation(a)) for a in actions)
        self._action_max_length = max(self._action_max_length, longest + self._current_indent)
        self._add_item(self._format_action, [action])

    def _format_action(self, action: argparse.Action) -> str:
        help_position = min(self._action_max_length + 2, self._max_help_position)
        indent = " " * self._current_indent
        header = self._format_action_invocation(action)
        lines = []
        if action.help and action.help.strip():
            lines = self._split_lines(
                self._expand_help(action), max(_HELP_COLUMNS - help_position, 11)
            )
        if lines and display_width(indent + header) + 2 <= help_position:
            parts = [f"{pad(indent + header, help_position)}{lines.pop(0)}\n"]
        else:
            parts = [f"{indent}{header}\n"]
        parts += [f"{' ' * help_position}{line}\n" for line in lines]
        parts += [self._format_action(sub) for sub in self._iter_indented_subactions(action)]
        return self._join_parts(parts)

    def _format_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None,
    ) -> str:
        """argparse's usage on one line, then wrapped between its parts by display width
        (prefix "" is argparse asking for a subcommand's prog: one line)."""
        prefix = _USAGE if prefix is None else prefix
        width, self._width = self._width, 1 << 20
        try:
            text = super()._format_usage(usage, actions, groups, prefix)
        finally:
            self._width = width
        head = f"{prefix}{self._prog}"
        parts = re.findall(_USAGE_PART, text.strip()[len(head) :])
        indent = display_width(head) + 1
        indent = indent if indent <= width // 2 else display_width(prefix)
        lines, line = [], head
        for part in parts:
            if display_width(f"{line} {part}") > width and line.strip():
                lines.append(line)
                line = " " * (indent - 1)
            line += f" {part}"
        return "\n".join([*lines, line]) + "\n\n"


_HELP_COLUMNS: Final = 80
_USAGE: Final = "用法： "
# A part of the usage line: a group in brackets or parentheses, or a word (argparse's own).
_USAGE_PART: Final = r"\(.*?\)+(?=\s|$)|\[.*?\]+(?=\s|$)|\S+"


class _Parser(argparse.ArgumentParser):
    """argparse in Chinese: its help headings and texts, and usage errors that exit 2
    like every other unusable input."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**{**kwargs, "add_help": False, "formatter_class": _Formatter})
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(
            EXIT_UNUSABLE,
            f"命令行参数有误：{chinese_error(message)}\n输入 {self.prog} -h 查看用法。\n",
        )

    def format_usage(self) -> str:
        return self._chinese(super().format_usage())

    def format_help(self) -> str:
        return self._chinese(super().format_help())

    @staticmethod
    def _chinese(text: str) -> str:
        for english, chinese in _HELP_TEXTS:
            text = text.replace(english, chinese)
        return text


# ---------------------------------------------------------------- reading inputs


# ---------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=command_prefix(),  # usage lines and the -h hint as the clerk can run them
        description="政府信息公开工作年度报告：问答式填写、检查和生成。",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"report-interview {__version__}",
        help="显示版本号并退出",
    )
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)

    for name, helptext in (("new", "开始填写新的年度报告"), ("resume", "继续填写未完成的报告")):
        p = sub.add_parser(name, help=helptext)
        if name == "new":
            p.add_argument("--org", metavar="单位", help="报告单位全称")
            p.add_argument("--year", type=int, metavar="年度", help="报告年度，如 2023")
            p.add_argument(
                "--previous",
                metavar="报告",
                help="从去年的报告（文件或报告编号）带入默认答案",
            )
        else:
            p.add_argument("id", nargs="?", metavar="编号", help="报告编号（默认：最近未完成的）")
        p.add_argument(
            "--answers", metavar="文件", help="从 YAML/JSON 文件读入回答（键为问题编号）"
        )
        p.add_argument("--no-input", action="store_true", help="不提问：缺少回答时列出并退出")
        p.add_argument(
            "--ledger", metavar="台账", help="从依申请公开台账（.xlsx/.xls/.csv）导入第三部分"
        )
        p.add_argument("--ledger-map", metavar="文件", help="台账中文字的分类对应表（YAML/JSON）")
        p.add_argument(
            "--sum-of",
            metavar="文件夹",
            help="县（市、区）人民政府：第三、四部分和第二部分的许可、处罚、强制、收费用文件夹中"
            "各单位年度报告的汇总",
        )
        p.add_argument("--out", metavar="文件夹", help="报告文件写到哪里（默认当前文件夹）")
        p.add_argument(
            "--formats",
            metavar="格式",
            help="生成哪些文件，如 docx,txt,html（默认 docx,txt）",
        )
        p.set_defaults(handler=f"interview:cmd_{name}")

    import_p = sub.add_parser("import", help="从去年的报告开始今年的问答")
    import_p.add_argument(
        "source", metavar="文件", help="去年的报告：docx、html、pdf、txt、md、json 文件，或报告编号"
    )
    import_p.add_argument("--out", metavar="文件夹", help="报告文件写到哪里（默认当前文件夹）")
    import_p.set_defaults(handler="interview:cmd_import")

    list_p = sub.add_parser("list", help="列出已有的报告")
    list_p.add_argument("--json", action="store_true", help="以 JSON 输出")
    list_p.set_defaults(handler="interview:cmd_list")

    render_p = sub.add_parser("render", help="把报告写成 docx、html、txt、md 或 json 文件")
    render_p.add_argument(
        "source",
        metavar="编号或文件",
        help="报告编号，或报告文件（docx、html、pdf、txt、md、json）",
    )
    render_p.add_argument("-o", "--output", metavar="输出文件", help="输出文件（默认写在输入旁边）")
    render_p.add_argument(
        "--format",
        metavar="格式",
        help="txt、docx、html、md 或 json（默认按输出文件扩展名，否则 txt）",
    )
    render_p.set_defaults(handler="report:cmd_render")

    check_p = sub.add_parser("check", help="检查报告是否符合格式和勾稽关系")
    check_p.add_argument(
        "sources",
        nargs="+",
        metavar="文件",
        help="报告文件（docx、html、pdf、txt、md、json），可多个，或文件夹（连同子文件夹）",
    )
    check_p.add_argument(
        "--previous",
        metavar="报告",
        help="去年的报告（文件或报告编号），用于跨年度检查：本年“上年结转”与去年“结转下年度"
        "继续办理”一致（R5）、现行有效件数与去年衔接（R6）、写明去年所提问题的整改情况（R13）",
    )
    check_p.add_argument(
        "--no-subfolders", action="store_true", help="只查给出的文件夹本身，不查其中的子文件夹"
    )
    check_p.add_argument("--json", action="store_true", help="以 JSON 输出检查结果")
    check_p.set_defaults(handler="report:cmd_check")
    _add_summary(sub)
    return parser


def _add_summary(sub: Any) -> None:
    """`summary`: the county office's workbook over all bodies' reports."""
    p = sub.add_parser("summary", help="汇总各单位的报告：汇总表（.xlsx）和审核意见")
    p.add_argument(
        "sources",
        nargs="+",
        metavar="文件夹",
        help="存放各单位报告的文件夹（连同子文件夹，各种格式均可），或报告文件",
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="文件",
        help="写出的汇总表（.xlsx 文件；默认当前文件夹中的“政府信息公开工作年度报告汇总"
        "（年度）.xlsx”）",
    )
    p.add_argument(
        "--previous",
        metavar="文件夹",
        help="去年各单位报告所在的文件夹：逐个单位核对“上年结转”（R5）等，并生成“同比”表",
    )
    p.add_argument(
        "--feedback", metavar="文件夹", help="给每个单位写一份审核意见（.docx 和 .txt）到此文件夹"
    )
    p.add_argument("--year", type=int, metavar="年度", help="汇总哪一年度（默认：多数报告的年度）")
    p.add_argument(
        "--jobs", type=int, metavar="进程数", help="同时读取报告的进程数（默认：处理器的核心数）"
    )
    p.add_argument(
        "--no-subfolders", action="store_true", help="只读给出的文件夹本身，不读其中的子文件夹"
    )
    p.add_argument("--json", action="store_true", help="以 JSON 输出汇总结果")
    p.set_defaults(handler="summary:cmd_summary")


def _handler(name: str) -> Callable[[argparse.Namespace], int]:
    """Import a command's module only when that command runs."""
    module, function = name.split(":")
    handler: Callable[[argparse.Namespace], int] = getattr(
        importlib.import_module(f".{module}", __package__), function
    )
    return handler


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = _handler(getattr(args, "handler", None) or "interview:cmd_menu")(args)
    except UserError as exc:
        show(str(exc), file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        print("\n已中断。", file=sys.stderr)
        return EXIT_INTERRUPTED
    except ValueError as exc:
        from ..flow.expr import ExprError

        if not isinstance(exc, ExprError):
            raise
        show(" ".join(_expression_failure(exc).split()), file=sys.stderr)
        return EXIT_UNUSABLE
    return code


def _expression_failure(exc: Exception) -> str:
    """A flow expression that failed while the interview ran: which question, which
    expression, and that the saved answers are safe (one line of Chinese)."""
    from ..flow.failures import expression_owners
    from .sources import engine

    source = getattr(exc, "source", "")
    try:
        owners = expression_owners(engine().flow, source)
    except (UserError, ValueError):
        owners = []
    where = f"（问题 {'、'.join(owners[:3])}）" if owners else ""
    return (
        f"问答流程文件有误{where}：{exc}。已保存的回答不受影响；"
        f"请修正问答流程文件后用 {command('resume')} 继续。"
    )

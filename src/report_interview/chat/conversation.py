"""The interview as a conversation: what the assistant says, how replies are read,
the commands available at every prompt, the review before writing.

No terminal library here: the conversation talks through a Prompter (chat.py is the
prompt_toolkit one; tests use scripted ones), and every decision about which question
comes next is the engine's.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ..flow import answers as parse
from ..flow import expr
from ..flow.engine import Engine, decode_all, encode
from ..flow.kinds import kind_of
from ..flow.model import Question
from ..report.naming import split_names
from .prompter import (
    COMMAND_WORDS,
    HINT_CHECKBOX,
    HINT_LINE,
    HINT_MENU,
    HINT_PAGE,
    HINT_REVIEW,
    HINT_SELECT,
    PAGE_HELP,
    REVIEW_HELP,
    Command,
    Interrupted,
    Leave,
    Prompter,
    Reply,
)
from .review import (
    change_options,
    page_menu,
    preview_menu,
    preview_pages,
    review_pages,
    section_banner,
)

if TYPE_CHECKING:
    from ..report.checks import Finding
    from ..report.data import ReportData
    from .review import Page


class Session(Protocol):
    """What the conversation needs of a stored interview (store.Interview)."""

    id: str

    def answers(self) -> dict[str, Any]: ...

    def meta(self) -> dict[str, Any]: ...

    def save_answer(
        self, question_id: str, value: Any, *, position: str | None = None, **meta: Any
    ) -> None: ...

    def update_meta(self, **fields: Any) -> None: ...


# Writes the report in the formats chosen (txt, docx, html, md, json); the paths written.
Publisher = Callable[["ReportData", Sequence[str]], list[Path]]
OUTPUT_CHOICES = (
    ("docx", "Word 文档（.docx，送领导审签、排版）"),
    ("txt", "纯文本（.txt，粘贴到网站或 Word，文本转换成表格）"),
    ("html", "网页（.html，直接发布到政府网站）"),
    ("md", "Markdown（.md）"),
    ("json", "报告数据（.json，供检查或明年导入）"),
)
DEFAULT_OUTPUTS = ("docx", "txt")


PAGE_QUESTION = "这一页的回答都对吗？"


@dataclass
class Outcome:
    finished: bool
    files: list[Path]
    interrupted: bool = False  # left with Ctrl-C rather than by choosing to


def listing_meta(engine: Engine, answers: Mapping[str, Any]) -> dict[str, Any]:
    """What `list` shows of an interview, saved with every answer: progress, body, year."""
    progress = engine.progress(answers)
    current = next((p for p in progress if not p.complete), None)
    fields: dict[str, Any] = {
        "progress": {
            "answered": sum(p.answered for p in progress),
            "total": sum(p.total for p in progress),
            "section": current.title if current else "核对",
        }
    }
    if isinstance(answers.get("org_name"), str):
        fields["org"] = answers["org_name"]
    if isinstance(answers.get("report_year"), int):
        fields["year"] = answers["report_year"]
    return fields


def deadline_note(kind: str) -> str:
    """When the report must be published (条例第四十九条)."""
    if kind in ("county_government", "city_government"):
        return "县级以上人民政府的年度报告应在每年 3 月 31 日前公布。"
    if kind == "township":
        return "乡镇、街道一般按县里的通知，在每年 1 月 31 日前公布。"
    return "县级以上政府部门的年度报告应在每年 1 月 31 日前公布。"


class Conversation:
    """One sitting of an interview: asks, saves every answer at once, reviews, writes."""

    def __init__(
        self,
        engine: Engine,
        session: Session,
        prompter: Prompter,
        publish: Publisher,
        *,
        command: str = "report-interview",
    ) -> None:
        self.engine = engine
        self.command = command  # how the clerk runs the program again, as printed
        self.flow = engine.flow
        self.session = session
        self.ui = prompter
        self.publish = publish
        self.answers: dict[str, Any] = decode_all(self.flow, session.answers())
        self.cursor: str | None = session.meta().get("position")
        self.walk_section: str | None = None
        self.forced: Question | None = None
        self.last_section: str | None = None
        self.answered_section: str | None = None  # whose checks run when it is left
        # An answer built over several prompts (matrix rows, a split, list items) is kept
        # here, and in the interview's meta, prompt by prompt until it is complete.
        self.draft: dict[str, Any] | None = session.meta().get("draft")
        self.review_at = 0  # the review page to show next
        self.reviewed = False  # the pages were seen: the end goes straight to its menu

    # ------------------------------------------------------------ main loop

    def run(self) -> Outcome:
        try:
            self.greet()
            while True:
                question = self.next_question()
                if self.section_checks_failed(question):
                    continue
                if question is None:
                    outcome = self.review()
                    if outcome is not None:
                        return outcome
                    continue
                self.handle(question, self.ask(question))
        except Interrupted:
            return self.pause(interrupted=True)
        except Leave:
            return self.pause(interrupted=False)

    def greet(self) -> None:
        if self.answers:
            done = sum(p.answered for p in self.engine.progress(self.answers))
            previous = self.session.meta().get("previous") or {}
            if self.cursor is None and previous:  # a new interview carried from last year
                self.ui.say(
                    f"您好！已从 {previous.get('year', '去年')} 年的报告带入本单位的信息。去年的结转件数、"
                    "现行有效件数、提出的问题、公开渠道和联系方式会作为默认答案，核对无误直接回车即可。"
                )
            elif self.cursor is None:  # a new interview filled from an answers file
                self.ui.say(f"您好！已从答案文件读入 {done} 个回答，下面只问还缺的。")
            else:
                self.ui.say(f"欢迎回来！已保存 {done} 个回答，我们从上次停下的地方继续。")
        else:
            self.ui.say(self.flow.intro.strip())
        self.ui.say(f"随时可以：{HINT_LINE}", "note")

    def next_question(self) -> Question | None:
        if self.forced is not None:
            forced, self.forced = self.forced, None
            return forced
        question = self.engine.next_question(
            self.answers, after=self.cursor, section=self.walk_section
        )
        if question is None or question.section != self.walk_section:
            self.walk_section = None  # the section the clerk jumped to is walked through
        return question

    def section_checks_failed(self, upcoming: Question | None) -> bool:
        """When the clerk leaves a section: its checks. A failing one says why and walks
        the clerk through the section again from the question it names."""
        section = self.answered_section
        if section is None or (upcoming is not None and upcoming.section == section):
            return False
        self.answered_section = None
        for failure in self.engine.failed_checks(self.answers):
            target = failure.goto and self.engine.first_visible_from(self.answers, failure.goto)
            if failure.section == section and target:
                self.ui.say(failure.message, "error")
                self.forced, self.walk_section, self.last_section = target, section, None
                return True
        return False

    def handle(self, question: Question, reply: Any) -> None:
        if reply is Command.BACK:
            previous = self.engine.previous_question(self.answers, question.id)
            self.ui.say("已返回上一题。" if previous else "这已经是第一个问题了。", "note")
            self.forced = previous or question
        elif reply is Command.JUMP:
            self.jump(question)
        elif reply is Command.QUIT:
            raise Leave
        else:
            self.save(question, reply)

    def save(self, question: Question, value: Any) -> None:
        self.answers[question.id] = value
        self.cursor = question.id
        self.answered_section = question.section
        stored = encode(question, value)
        meta = self.meta_fields()
        if self.draft_of(question) is not None:  # complete now: the draft is done with
            self.draft, meta["draft"] = None, None
        self.session.save_answer(question.id, stored, position=question.id, **meta)

    def draft_of(self, question: Question) -> Any:
        """What was typed so far of a multi-prompt answer to `question`, or None."""
        draft = self.draft
        return draft.get("value") if draft and draft.get("question") == question.id else None

    def keep_draft(self, question: Question, value: Any) -> None:
        """Save a multi-prompt answer as far as it goes, so that quitting loses nothing."""
        self.draft = {"question": question.id, "value": value}
        self.session.update_meta(draft=self.draft)

    def meta_fields(self) -> dict[str, Any]:
        return listing_meta(self.engine, self.answers)

    def pause(self, *, interrupted: bool) -> Outcome:
        self.ui.say(f"已保存，下次输入 {self.command} resume {self.session.id} 接着填。", "note")
        return Outcome(finished=False, files=[], interrupted=interrupted)

    # ------------------------------------------------------------ asking one question

    def banner(self, question: Question) -> None:
        if question.section == self.last_section:
            return
        self.last_section = question.section
        section = self.flow.section(question.section)
        self.ui.say(section_banner(self.engine, self.answers, section.id), "banner")
        if section.intro:
            self.ui.say(section.intro.strip())

    def ask(self, question: Question) -> Any:
        """The clerk's valid answer to one question, or a navigation Command."""
        self.banner(question)
        names = self.engine.names_before(self.answers, question)
        default = self.engine.default(question, self.answers)
        kind = kind_of(question)
        text = self.text_of(question, names)
        if question.example and kind.shows_example:
            text += f"\n（例如：{expr.render_text(question.example, names)}）"
        while True:
            try:
                reply = kind.ask(self, question, text, default, names)
                if reply is Command.HELP:
                    self.help(question, names)
                    continue
                if isinstance(reply, Command):
                    return reply
                from ..flow.fill import accept  # once there is a reply: off the way to it

                # names afresh: an import may have saved earlier answers (chat/ledger.py)
                fresh = self.engine.names_before(self.answers, question)
                return accept(question, reply, self.engine, fresh)
            except parse.AnswerError as exc:
                self.ui.say(str(exc), "error")

    def text_of(self, question: Question, names: Mapping[str, Any]) -> str:
        return expr.render_text(question.text, names)

    def read(self, message: str, default: str = "", *, multiline: bool = False) -> Reply:
        """One line from the clerk: a Command word, the offered default, or the text.
        A paragraph comes pre-filled with its default, so a command typed after that
        text counts too."""
        reply = self.ui.ask_line(message, default=default, hint=HINT_LINE, multiline=multiline)
        if isinstance(reply, str) and multiline and default and reply.startswith(default):
            tail = reply[len(default) :].strip()
            if tail in COMMAND_WORDS:
                return COMMAND_WORDS[tail]
        if isinstance(reply, str) and reply.strip() in COMMAND_WORDS:
            return COMMAND_WORDS[reply.strip()]
        if isinstance(reply, str) and not reply.strip() and default:
            return default
        return reply

    # -- what the kinds ask through (flow.kinds.Asker)

    @property
    def figures(self) -> Engine:
        return self.engine

    def say(self, text: str) -> None:
        self.ui.say(text)

    def select(self, message: str, options: Sequence[tuple[str, str]], default: Any) -> Reply:
        return self.ui.ask_select(message, options, default=default, hint=HINT_SELECT)

    def checkbox(
        self, message: str, options: Sequence[tuple[str, str]], default: Sequence[str]
    ) -> list[str] | Command:
        return self.ui.ask_checkbox(message, options, default=default, hint=HINT_CHECKBOX)

    # Multi-prompt entry (chat/entry.py) is imported by the questions that use it.

    def ask_split(self, question: Question, names: Mapping[str, Any], default: Any) -> Any:
        from .entry import ask_split

        return ask_split(
            self.ui,
            self.read,
            question,
            active=self.engine.active(question, names),
            total=self.engine.total(question, names),
            default=default,
            partial=self.draft_of(question),
            progress=functools.partial(self.keep_draft, question),
        )

    def ask_rows(self, question: Question, names: Mapping[str, Any], default: Any) -> Any:
        if names.get("apps_mode") == "ledger":  # section 三 from the ledger file
            return self.ask_ledger(default, names)
        from ..report.builder import matrix_summary
        from .entry import ask_rows

        def check(rows: dict[str, list[int]]) -> str | None:
            return self.engine.problem(question, rows, names)

        return ask_rows(
            self.ui,
            self.read,
            question,
            default=default,
            check=check,
            summary=matrix_summary,
            partial=self.draft_of(question),
            progress=functools.partial(self.keep_draft, question),
        )

    def ask_items(self, question: Question, names: Mapping[str, Any], default: Any) -> Any:
        from .entry import ask_items

        return ask_items(
            self.ui,
            self.read,
            pairs=self.engine.each(question, names) if question.each else None,
            required=question.required,
            default=default,
            partial=self.draft_of(question),
            progress=functools.partial(self.keep_draft, question),
        )

    def ask_ledger(self, default: Any, names: Mapping[str, Any]) -> Any:
        """Section 三 from the ledger file; it saves apps_new/apps_carried as the ledger
        gives them, and the matrix is its answer."""
        from ..read.ledger_files import read_sheets
        from .ledger import LedgerDialogue

        def keep(question_id: str, value: Any) -> None:
            self.save(self.flow.question(question_id), value)

        dialogue = LedgerDialogue(self.ui, self.read, self.session, names, keep, read_sheets)
        return dialogue.run(default)

    def own_entries(self, question: Question, offered: list[str]) -> list[str]:
        """The own entries (其他) ticked in a multiple choice; several are separated by 、."""
        while True:
            reply = self.read("请写出“其他”的内容（几项就用顿号“、”分开）：", "、".join(offered))
            if reply is Command.HELP:
                self.ui.say(
                    "这里写选项里没有的内容，用本单位自己的说法，如“土地征收、规划批前公示”。",
                    "note",
                )
                continue
            if isinstance(reply, Command):
                raise parse.AnswerError("请写出“其他”的内容，或取消选中“其他”。")
            own = split_names(parse.parse_text(reply, one_line=True))
            if own:
                return own
            self.ui.say("请写出“其他”的内容，或按 < 回去取消选中“其他”。", "error")

    def help(self, question: Question, names: Mapping[str, Any]) -> None:
        parts = [expr.render_text(question.help, names) or "这个问题没有更多说明。"]
        if question.example:
            parts.append(f"例如：{expr.render_text(question.example, names)}")
        for choice in question.choices:
            if choice.help:
                parts.append(f"· {choice.label}：{choice.help}")
        self.ui.say("\n".join(parts), "note")

    def jump(self, current: Question | None, *, offer_review: bool = True) -> None:
        """Choose a section to walk through again (or the review); stay on `current`."""
        options = [(s.id, s.title) for s in self.flow.sections]
        if offer_review:
            options.append(("__review__", "核对全部回答"))
        choice = self.ui.ask_select(
            "跳到哪一部分？",
            options,
            default=current.section if current else None,
            hint=HINT_MENU,
            navigation=False,
        )
        if choice == "__review__":  # then on from where the interview stands
            self.forced = None
            self.review_at = 0
            self.show_review(at_end=False)
            return None
        if isinstance(choice, Command) or choice not in {s.id for s in self.flow.sections}:
            self.forced = current
            return None
        first = self.engine.first_in_section(self.answers, choice)
        self.forced = first or current
        self.walk_section = choice if first else None
        self.last_section = None
        return None

    # ------------------------------------------------------------ review, preview, write

    # The builder, checks and renderer are needed only here, at the end: importing them
    # lazily keeps them (and jinja2) off the path to the first question.

    def report(self) -> ReportData:
        from ..report.builder import build_report

        return build_report(self.engine.names(self.answers))

    def show_review(self, *, at_end: bool = True) -> list[Finding] | None:
        """The review, one screen at a time (chat/review.py lays out the pages), from
        the page the clerk was on. The check findings once the clerk reaches the end or
        ends the review; None when the clerk goes to change an answer or elsewhere."""
        from ..report.checks import run_checks

        report = self.report()
        findings = run_checks(report)
        pages = review_pages(self.engine, self.answers, report, findings)
        at = min(self.review_at, len(pages) - 1)
        while True:
            self.review_at = at
            self.ui.say(pages[at].title, "banner")
            self.ui.say("\n".join(pages[at].lines), "review")
            # the check results are read, not answered
            asked = "检查结果看完了吗？" if "检查结果" in pages[at].title else PAGE_QUESTION
            choice = self.ui.ask_select(asked, page_menu(pages, at), default="next", hint=HINT_PAGE)
            if choice == "next" and at + 1 < len(pages):
                at += 1
            elif choice in ("next", "end"):
                self.review_at, self.reviewed = 0, True
                return findings
            elif choice in ("back", Command.BACK) and at > 0:
                at -= 1
            elif choice is Command.BACK and at_end:  # before the first page: the last question
                self.back_to_last_question()
                return None
            elif choice is Command.HELP:
                self.ui.say(PAGE_HELP, "note")
            elif choice is Command.JUMP:
                self.jump(None, offer_review=False)
                return None
            elif choice == "change" and self.change_on_page(pages[at]):
                return None

    def back_to_last_question(self) -> None:
        """`<` at the start of the review: the last question again, and say so."""
        self.forced = self.engine.previous_question(self.answers, None)
        self.ui.say("已返回上一题。", "note")

    def change_on_page(self, page: Page) -> bool:
        """Choose one of the answers a review page shows, to ask it again; False when
        the clerk changes nothing."""
        return self.change_one_of(page.questions)

    def change_one_of(self, question_ids: Sequence[str]) -> bool:
        """Choose one of these answers to ask it again; False when none is chosen."""
        options = change_options(self.engine, self.answers, question_ids)
        choice = self.ui.ask_select(
            "要修改哪个回答？", options, default=None, hint=HINT_MENU, navigation=False
        )
        if choice not in question_ids:
            return False
        self.forced = self.flow.question(str(choice))
        self.last_section = None
        return True

    def review(self) -> Outcome | None:
        """The last step: review page by page, then preview, change, write or leave.
        None means: ask again."""
        if not self.reviewed:
            findings = self.show_review()
            if findings is None:
                return None
        else:
            from ..report.checks import run_checks

            findings = run_checks(self.report())
        errors = [f for f in findings if f.level == "error"]
        options = [
            ("change", "修改某个回答"),
            ("again", "从头再核对一遍"),
            ("quit", "保存并离开，以后再写"),
        ]
        if not errors:
            options.insert(0, ("preview", "预览报告并生成文件"))
        self.say_check_result(findings)
        choice = self.ui.ask_select(
            "全部问题都答完了。接下来？", options, default=options[0][0], hint=HINT_REVIEW
        )
        if choice is Command.HELP:
            self.ui.say(REVIEW_HELP, "note")
        elif choice is Command.BACK:
            self.back_to_last_question()
        elif choice is Command.JUMP:
            self.jump(None)
        elif choice == "preview":
            return self.preview()
        elif choice == "change":
            self.choose_answer_to_change()
        elif choice == "again":
            self.review_at, self.reviewed = 0, False
        else:
            raise Leave
        return None

    def say_check_result(self, findings: Sequence[Finding]) -> None:
        """One line on the checks, above the last menu (the findings have their page)."""
        errors = sum(f.level == "error" for f in findings)
        if errors:
            self.ui.say(
                f"检查发现 {errors} 个错误（见核对的最后一页），改正后才能生成报告。", "error"
            )
        elif findings:
            self.ui.say(
                f"检查没有发现错误，有 {len(findings)} 条提醒（见核对的最后一页）。", "note"
            )
        else:
            self.ui.say("检查通过：表格勾稽关系和格式都没有问题。", "note")

    def choose_answer_to_change(self) -> None:
        """Any answer to change: first its section, then the answer (each list fits the
        screen, where one list of every answer did not)."""
        visible = self.engine.visible(self.answers)
        options = [
            (s.id, s.title) for s in self.flow.sections if any(q.section == s.id for q in visible)
        ]
        options.append(("stay", "不改了，返回"))
        section = self.ui.ask_select(
            "要修改哪一部分的回答？", options, default=None, hint=HINT_MENU, navigation=False
        )
        if section != "stay" and not isinstance(section, Command):
            self.change_one_of([q.id for q in visible if q.section == section])

    def preview(self) -> Outcome | None:
        """The report as it will be written, one screen at a time; then the files."""
        report = self.report()
        pages = preview_pages(report)
        at = 0
        while True:
            self.ui.say(pages[at].title, "banner")
            self.ui.say("\n".join(pages[at].lines), "report")
            last = at + 1 == len(pages)
            choice = self.ui.ask_select(
                "报告内容确认无误吗？",
                preview_menu(pages, at),
                default="write" if last else "next",
                hint=HINT_MENU,
                navigation=False,
            )
            if choice == "next" and not last:
                at += 1
            elif choice == "back" and at > 0:
                at -= 1
            elif choice == "write":
                return self.write(report)
            else:
                self.choose_answer_to_change()
                return None

    def write(self, report: ReportData) -> Outcome:
        """Ask which files, write them, and say where they are and by when to publish."""
        formats = self.ui.ask_checkbox(
            "要生成哪些文件？（空格选中或取消，回车确定）",
            OUTPUT_CHOICES,
            default=DEFAULT_OUTPUTS,
            hint=HINT_CHECKBOX,
        )
        if isinstance(formats, Command) or not formats:
            formats = list(DEFAULT_OUTPUTS)
        files = self.publish(report, formats)
        self.session.update_meta(status="finished")
        written = "\n".join(f"  {path}" for path in files)
        self.ui.say(f"报告已生成：\n{written}\n{deadline_note(report.org.kind)}", "note")
        return Outcome(finished=True, files=files)

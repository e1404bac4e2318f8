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
from ..flow.fill import accept
from ..flow.kinds import kind_of
from ..flow.model import Question
from ..report.naming import split_names
from .banner import section_banner
from .prompter import (
    COMMAND_WORDS,
    HINT_CHECKBOX,
    HINT_LINE,
    HINT_MENU,
    HINT_PAGE,
    HINT_REPORT,
    HINT_SELECT,
    PAGE_HELP,
    REPORT_HELP,
    Command,
    Interrupted,
    Leave,
    Prompter,
    Reply,
)
from .review import (
    Action,
    ReportReview,
    Screen,
    Target,
    answers_pages,
    change_options,
    finding_numbers,
    label_of,
    page_menu,
    report_review,
    review_action,
    review_prompt,
)
from .tables import clip

if TYPE_CHECKING:
    from ..report.checks import Finding
    from ..report.data import ReportData
    from .area_view import TakenSum


class Session(Protocol):
    """What the conversation needs of a stored interview (store.Interview)."""

    id: str

    def answers(self) -> dict[str, Any]: ...

    def meta(self) -> dict[str, Any]: ...

    def save_answer(
        self, question_id: str, value: Any, *, position: str | None = None, **meta: Any
    ) -> None: ...

    def save_answers(
        self, values: dict[str, Any], *, position: str | None = None, **meta: Any
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


def format_names(formats: Sequence[str]) -> str:
    """The formats chosen, as the clerk knows them: “Word 文档、纯文本”."""
    labels = {value: label.split("（")[0] for value, label in OUTPUT_CHOICES}
    return "、".join(labels[f] for f in formats if f in labels)


PAGE_QUESTION = "这一页的回答都对吗？"


# An own entry (其他) that says there is none.
_NONE_WORDS = frozenset({"无", "没有", "暂无", "无其他", "没有其他"})


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


def _asked(label: str) -> str:
    """A question's first sentence: up to its question mark, if it has one."""
    end = label.find("？")
    return label[: end + 1] if end >= 0 else label


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
        resumed: bool = False,
        from_file: int | None = None,
        command: str = "report-interview",
    ) -> None:
        """`resumed`: an interview begun in an earlier sitting; `from_file`: how many
        answers an answers file gave in this one (None: no file); `command`: how the
        clerk runs the program again, as printed."""
        self.engine = engine
        self.resumed = resumed
        self.from_file = from_file
        self.command = command
        self.flow = engine.flow
        self.session = session
        self.ui = prompter
        self.publish = publish
        self.answers: dict[str, Any] = decode_all(self.flow, session.answers())
        self.cursor: str | None = session.meta().get("position")
        self.walk_section: str | None = None
        self.walk_next: str | None = None  # a section to walk once walk_section is done
        self.forced: Question | None = None
        self.last_section: str | None = None
        self.answered_section: str | None = None  # whose checks run when it is left
        # An answer built over several prompts (matrix rows, a split, list items) is kept
        # here, and in the interview's meta, prompt by prompt until it is complete.
        self.draft: dict[str, Any] | None = session.meta().get("draft")
        self.reread = False  # the review asked to read the area's folder again
        self.review_at = 0  # the review page to show next
        self.page_covered = False  # the help was said over the page: Enter shows it again
        # The files `w` writes: as chosen in the review or by --formats, else the default.
        chosen = session.meta().get("formats")
        known = [value for value, _ in OUTPUT_CHOICES]
        self.formats = [f for f in known if isinstance(chosen, list) and f in chosen]
        self.formats = self.formats or list(DEFAULT_OUTPUTS)

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
        """Hello, said by what this sitting is: a new interview (carried from last year's
        report or not) or one resumed, and what an answers file gave."""
        previous = self.session.meta().get("previous") or {}
        if self.resumed:
            done = sum(p.answered for p in self.engine.progress(self.answers))
            self.ui.say(f"欢迎回来！已保存 {done} 个回答，我们从上次停下的地方继续。")
        elif previous:  # a new interview carried from last year
            self.ui.say(
                f"您好！已从 {previous.get('year', '去年')} 年的报告带入本单位的信息。去年的结转件数、"
                "现行有效件数、提出的问题、公开渠道和联系方式会作为默认答案，核对无误直接回车即可。"
            )
        else:
            self.ui.say(self.flow.intro.strip())
        if self.from_file is not None:
            self.ui.say(f"已从答案文件读入 {self.from_file} 个回答，下面只问还缺的。")
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
            if self.walk_next is not None:  # and the one to walk after it
                self.walk_section, self.walk_next = self.walk_next, None
                return self.next_question()
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
        if reply is Command.BACK and question not in self.engine.visible(self.answers):
            return  # an answer given while it was asked hid it (不汇总): on from that answer
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
        self.say_settled(question)
        if question.id == "area_sum" and value != "area":
            self.left_sum()

    def say_settled(self, question: Question) -> None:
        """What this answer settles, so that it is not asked (the body's kind from its
        name, where to read the report from the website): said once, changeable in
        the review."""
        for settled, value in self.engine.settled_by(self.answers, question.id):
            label = self.engine.label(settled, self.answers)
            shown = kind_of(settled).show(settled, value)
            self.ui.say(f"据此，“{label}”答为：{shown}（核对时可以修改）。", "note")

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
        self.ui.say(f"已保存，下次输入 {self.command} resume {self.session.id} 接着填。", "command")
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
            text += f"\n（例如：{self.example_of(question, names)}）"
        while True:
            try:
                reply = kind.ask(self, question, text, default, names)
                if reply is Command.HELP:
                    self.help(question, names)
                    continue
                if isinstance(reply, Command):
                    return reply
                # names afresh: an import may have saved earlier answers (chat/ledger.py)
                fresh = self.engine.names_before(self.answers, question)
                return accept(question, reply, self.engine, fresh)
            except parse.AnswerError as exc:
                self.ui.say(str(exc), "error")

    def text_of(self, question: Question, names: Mapping[str, Any]) -> str:
        return expr.render_text(question.text, names)

    def example_of(self, question: Question, names: Mapping[str, Any]) -> str:
        rendered = expr.render_text(question.example, names)
        return kind_of(question).example(question, rendered, self.engine, names)

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
            help_text=expr.render_text(question.help, names),
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
            help_text=expr.render_text(question.help, names),
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

    def ask_folder(self, question: Question, names: Mapping[str, Any], default: Any) -> Any:
        """Where the area's reports are (a 县/市人民政府): the area dialogue reads them,
        has the sum confirmed and saves it (keep_sum); the folder is the answer."""
        from ..flow.area import given_decisions
        from ..read.batch import default_jobs  # the readers load only when a sum is taken
        from .area import AreaDialogue

        dialogue = AreaDialogue(
            self.ui,
            self.read,
            self.session,
            names,
            self.keep_sum,
            functools.partial(self.save, self.flow.question("area_sum"), "own"),
            default_jobs(),
            given=given_decisions(self.answers),  # what 二 was answered, not its empty value
            prompt=self.text_of(question, names),
            help_text=expr.render_text(question.help, names),
        )
        again, self.reread = self.reread, False
        folder = dialogue.run(default, again=again)
        if not isinstance(folder, Command):  # 三 and 四 are confirmed: not walked again
            self.walk_section = None
        if dialogue.edit and not isinstance(folder, Command):  # on to the rows, pre-filled
            self.forced = self.flow.question("apps_matrix")
        return folder

    def keep_sum(self, answers: dict[str, Any], record: dict[str, Any]) -> None:
        """The answers the area's sum gives and the sum itself (meta `area`), saved in
        one write; the interview goes on from where it stands."""
        stored = {qid: encode(self.flow.question(qid), value) for qid, value in answers.items()}
        self.answers.update(answers)
        self.session.save_answers(stored, area=record, area_offer=None, **self.meta_fields())

    def left_sum(self) -> None:
        """三 and 四 were taken as the area's sum and the clerk now chose not to sum: the
        numbers are still the sum's, so both sections are walked with them offered, to
        be changed into the government's own (and the review no longer calls them the
        area's)."""
        from ..flow.area import ADD, SUM, stored_sum

        kept = stored_sum(self.session.meta())
        if kept is None:
            return
        self.session.update_meta(area=None)
        decisions = kept[0].get("proactive") in (SUM, ADD)
        self.ui.say(
            "第三、四部分现在还是各单位汇总的数字。下面逐题过一遍这两部分（汇总的数字作为默认答案），"
            "请改成本机关自己的数字。"
            + ("第二部分的许可、处罚、强制和收费也用了汇总数，请在核对报告时修改（【9】至【12】）。"
               if decisions else ""),
            "note",
        )  # fmt: skip
        self.walk_section, self.walk_next = "applications", "appeals"

    def start_at(self, question_id: str) -> None:
        """Ask this answered question first, if it is asked at all (`resume --sum-of`
        goes straight to the area's folder)."""
        question = self.flow.question(question_id)
        if question.id in self.answers and question in self.engine.visible(self.answers):
            self.forced = question

    def own_entries(self, question: Question, offered: list[str]) -> list[str]:
        """The own entries (其他) ticked in a multiple choice: on one line separated by 、
        (names), or one per prompt (`other: each`: sentences, which hold 、 themselves).
        An entry saying there is none (无) is no entry."""
        while True:
            own = self._own_each(offered) if question.other_each else self._own_line(offered)
            own = [entry for entry in own if parse.normalize(entry) not in _NONE_WORDS]
            if own:
                return own
            self.ui.say("请写出“其他”的内容；没有的话，按 < 回去取消选中“其他”。", "error")

    def _own_line(self, offered: list[str]) -> list[str]:
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
            return split_names(parse.parse_text(reply, one_line=True))

    def _own_each(self, offered: list[str]) -> list[str]:
        from .entry import ask_items

        self.ui.say("请写出“其他”的内容，一条一条写，每条写完回车（写完直接回车结束）：")
        items = ask_items(self.ui, self.read, pairs=None, required=True, default=offered)
        if isinstance(items, Command):
            raise parse.AnswerError("请写出“其他”的内容，或取消选中“其他”。")
        return items

    def help(self, question: Question, names: Mapping[str, Any]) -> None:
        parts = [expr.render_text(question.help, names) or "这个问题没有更多说明。"]
        if question.example:
            parts.append(f"例如：{self.example_of(question, names)}")
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
            self.answers_review()
            return None
        if isinstance(choice, Command) or choice not in {s.id for s in self.flow.sections}:
            self.forced = current
            return None
        first = self.engine.first_in_section(self.answers, choice)
        self.forced = first or current
        self.walk_section = choice if first else None
        self.last_section = None
        return None

    # ------------------------------------------------------------ the review, writing

    # The builder, checks and renderer are needed only here, at the end: importing them
    # lazily keeps them (and jinja2) off the path to the first question.

    def report(self) -> ReportData:
        from ..report.builder import build_report

        return build_report(self.engine.names(self.answers))

    def screen(self) -> Screen:
        return Screen.of(self.ui.screen_size())

    def review(self) -> Outcome | None:
        """The last step, one pass: the report as it will be published, page by page
        (chat/review.py lays it out), the check results first. Under each page one line
        says what to type: Enter, a number, w … (review_action). None means: ask again
        (an answer was chosen to change, or the clerk went back or elsewhere)."""
        from ..report.checks import run_checks

        shown = False  # whether the screen shows the page at review_at
        while True:
            report = self.report()
            findings = run_checks(report)
            failures = [f.message for f in self.engine.failed_checks(self.answers)]
            view = report_review(
                report,
                findings,
                self.screen(),
                failures=failures,
                outdated=self.outdated(),
                notes=self.area_notes(report),
            )
            at = self.review_at = min(self.review_at, len(view.pages) - 1)
            if not shown:
                self.ui.say(view.pages[at].title, "banner")
                self.ui.say("\n".join(view.pages[at].lines), "report")
                shown, self.page_covered = True, False
            reply = self.ui.ask_line(review_prompt(at, len(view.pages)), hint=HINT_REPORT)
            action = review_action(reply, len(view.targets))
            result = self.act(action, view, report, findings, failures)
            if result is None or isinstance(result, Outcome):
                return result
            shown = result

    def act(
        self,
        action: Action,
        view: ReportReview,
        report: ReportData,
        findings: Sequence[Finding],
        failures: Sequence[str],
    ) -> bool | Outcome | None:
        """Do what was typed under a report page. Whether the page is still on the
        screen (False: show it again); the Outcome once the files are written; None when
        the review is left for a question (or the section menu)."""
        kind = action.kind
        if kind == "write":
            return self.write(report, findings, failures) or True
        if kind in ("edit", "renew"):
            target = view.targets[action.number - 1]
            if target.row:
                return None if self.change_row(target, action.number) else True
            return not self.change_text(target, action)
        if kind in ("next", "back", "help"):
            return self.turn(kind, len(view.pages))
        if kind == "quit":
            raise Leave
        if kind == "formats":
            self.choose_formats()
            return False
        if kind == "answers":
            return None if self.answers_review() else False
        if kind == "jump":
            self.jump(None, offer_review=False)
            return None
        self.ui.say(action.message, "error")
        return True

    def turn(self, kind: str, count: int) -> bool | None:
        """Enter, `<` or `?` under a report page: whether the page is still on the
        screen (False: another page, or the same again after the help, is shown); None
        at `<` on the first page, which goes back to the last question."""
        at = self.review_at
        if kind == "next" and self.page_covered:
            self.page_covered = False
        elif kind == "next" and at + 1 < count:
            self.review_at += 1
        elif kind == "next":
            self.ui.say("这是最后一页。输入 w 生成文件，输入编号修改，< 回到上一页。", "note")
            return True
        elif kind == "back" and at > 0:
            self.review_at -= 1
        elif kind == "back":
            self.back_to_last_question()
            return None
        else:
            self.ui.say(REPORT_HELP.format(formats=format_names(self.formats)), "note")
            self.page_covered = True
            return True
        return False

    def outdated(self) -> dict[str, str]:
        """Texts of the report the clerk edited by hand whose answers changed since: the
        part → the questions that changed, quoted (“…”), "" when they cannot be told."""
        from ..report.builder import PARAGRAPHS

        names = self.engine.names(self.answers)
        found: dict[str, str] = {}
        for part, question_id in PARAGRAPHS.items():
            question = self.paragraph(question_id)
            changed = None if question is None else self.engine.outdated(question, self.answers)
            if changed is None:
                continue
            quoted = [f"“{clip(_asked(label_of(q, names)), 40)}”" for q in changed[:2]]
            found[part] = "、".join(quoted) + ("等" if len(changed) > 2 else "")
        return found

    def area_sum(self) -> TakenSum | None:
        """The sum sections 三 and 四 were taken from, while the interview says they are
        the area's; else None."""
        if self.answers.get("area_sum") != "area":
            return None
        from ..flow.area import stored_sum
        from ..report.builder import area_word
        from .area_view import TakenSum

        kept = stored_sum(self.session.meta())
        return TakenSum(*kept, area_word(self.engine.names(self.answers))) if kept else None

    def area_notes(self, report: ReportData) -> dict[str, str]:
        """The line over each table of the review that is the area's sum."""
        taken = self.area_sum()
        return taken.notes(report) if taken is not None else {}

    def paragraph(self, question_id: str) -> Question | None:
        """The question holding a text of the report, if the flow has it."""
        return next((q for q in self.flow.questions if q.id == question_id), None)

    def change_text(self, target: Target, action: Action) -> bool:
        """A text of the report edited in place (the pre-filled paragraph editor), or
        (renew) replaced by the program's text written from the answers as they are now.
        Whether it changed: then the page is shown again."""
        from ..report.builder import PARAGRAPHS

        question = self.paragraph(PARAGRAPHS[target.part])
        number = f"【{action.number}】"
        if question is None:
            self.ui.say(f"{number}由程序写成，不能在这里修改。", "error")
            return False
        names = self.engine.names_before(self.answers, question)
        fresh = self.engine.composed(question, names)
        own = question.id in self.answers and kind_of(question).exposed(
            question, self.answers[question.id]
        )
        if action.kind == "renew" and (not own or not fresh):
            said = "已经是按现在的回答写的文字" if not own else "按现在的回答写不出文字，请直接修改"
            self.ui.say(f"{number}{said}。", "note")
            return False
        if action.kind == "renew":
            value: Any = accept(question, fresh, self.engine, names)
        else:
            if self.engine.outdated(question, self.answers) is not None:
                self.ui.say(f"按现在的回答重新写的文字是：\n{fresh}", "note")
            self.last_section = question.section  # the review: no section banner
            value = self.ask(question)
            if value is Command.QUIT:
                raise Leave
            if isinstance(value, Command):
                self.ui.say(f"{number}没有修改。", "note")
                return False
        self.save(question, value)
        self.ui.say(f"{number}{target.label}已保存。", "note")
        return True

    def change_row(self, target: Target, number: int) -> bool:
        """A table row's number: the question that sets the row is asked (a choice when
        several do), then the review comes back to the same page. False when no
        question sets it (a township's 规章 row) or the clerk changes nothing."""
        from ..report.builder import row_sources

        summed = self.summed_row(target, number)
        if summed is not None:
            return summed
        visible = {q.id for q in self.engine.visible(self.answers)}
        for tier in row_sources(self.engine.names(self.answers)).get(target.row, ()):
            ids = [q.id for q in self.engine.questions_behind(tier) if q.id in visible]
            if len(ids) == 1:
                self.forced, self.last_section = self.flow.question(ids[0]), None
                return True
            if ids:
                return self.change_one_of(ids)
        self.ui.say(f"【{number}】{target.label}：这一行不用填写，没有可改的问题。", "note")
        return False

    def summed_row(self, target: Target, number: int) -> bool | None:
        """A row of a table taken as the area's sum: see the bodies behind it, change it
        (None: on to its question as for any row) or read the folder again (True: the
        folder's question is asked next); False when the review stays on its page."""
        taken = self.area_sum()
        if taken is None or target.row not in taken.rows:
            return None
        from .area import row_menu

        choice = row_menu(self.ui, taken, target.row, f"【{number}】{target.label}")
        if choice == "bodies":  # shown under the page: Enter shows the page again
            self.page_covered = True
            return False
        if choice == "again":
            self.reread, self.last_section = True, None
            self.forced = self.flow.question("area_folder")
            return True
        return None if choice == "change" else False

    def back_to_last_question(self) -> None:
        """`<` at the start of the review: the last question again, and say so."""
        self.forced = self.engine.previous_question(self.answers, None)
        self.ui.say("已返回上一题。", "note")

    def answers_review(self) -> bool:
        """The answers section by section, a menu under each page (chat/review.py): on,
        back, change an answer shown, or end (back where it came from: the report, or
        the interview). True when an answer or a section is to be asked next."""
        pages = answers_pages(self.engine, self.answers, self.screen())
        at = 0
        while True:
            self.ui.say(pages[at].title, "banner")
            self.ui.say("\n".join(pages[at].lines), "review")
            choice = self.ui.ask_select(
                PAGE_QUESTION, page_menu(pages, at), default="next", hint=HINT_PAGE
            )
            if choice == "next" and at + 1 < len(pages):
                at += 1
            elif choice in ("back", Command.BACK) and at > 0:
                at -= 1
            elif choice is Command.HELP:
                self.ui.say(PAGE_HELP, "note")
            elif choice is Command.JUMP:
                self.jump(None, offer_review=False)
                return True
            elif choice == "change" and self.change_one_of(pages[at].questions):
                return True
            elif choice != "change":
                return False  # ended, or `<` on the first page

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

    def choose_formats(self) -> None:
        """Which files `w` writes (kept with the interview for the next sitting)."""
        formats = self.ui.ask_checkbox(
            "要生成哪些文件？（空格选中或取消，回车确定）",
            OUTPUT_CHOICES,
            default=self.formats,
            hint=HINT_CHECKBOX,
        )
        if isinstance(formats, Command) or not formats:
            self.ui.say(f"没有改，输入 w 仍生成：{format_names(self.formats)}。", "note")
            return
        self.formats = [value for value, _ in OUTPUT_CHOICES if value in formats]
        self.session.update_meta(formats=self.formats)
        self.ui.say(f"好的，输入 w 生成：{format_names(self.formats)}。", "note")

    def write(
        self, report: ReportData, findings: Sequence[Finding], failures: Sequence[str]
    ) -> Outcome | None:
        """Write the files chosen and say where they are and by when to publish; None
        (refused, saying which) while the checks find errors."""
        from ..report.checks import ERROR

        errors = [f for f in findings if f.level == ERROR]
        if errors or failures:
            pointer = finding_numbers(report)
            said = [f"  {message}" for message in failures]
            said += [f"  [{f.rule}] {f.place}{pointer(f)}" for f in errors]
            self.ui.say(
                f"还不能生成文件：检查发现 {len(said)} 个错误，请先改正"
                "（第 1 页的检查结果有详细说明）：\n" + "\n".join(said),
                "error",
            )
            return None
        files = self.publish(report, self.formats)
        self.session.update_meta(status="finished")
        written = "\n".join(f"  {path}" for path in files)
        self.ui.say(f"报告已生成：\n{written}\n{deadline_note(report.org.kind)}", "note")
        return Outcome(finished=True, files=files)

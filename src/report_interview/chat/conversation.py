"""The interview as a conversation: what the assistant says, how replies are read,
the commands available at every prompt; at the end it hands over to the review
(chat/reviewing.py), which shows the report and writes the files.

No terminal library here: the conversation talks through a Prompter (terminal.py is
the prompt_toolkit one; tests use scripted ones), and every decision about which
question comes next is the engine's.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

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
    HINT_SELECT,
    Command,
    Interrupted,
    Leave,
    Prompter,
    Reply,
)
from .sitting import Outcome, Publisher, Session

if TYPE_CHECKING:
    from .reviewing import Review


# An own entry (其他) that says there is none.
_NONE_WORDS = frozenset({"无", "没有", "暂无", "无其他", "没有其他"})


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
        self.told: dict[str, str] = {}  # settled answers said in this sitting, as said
        self._review: Review | None = None  # made when the last question is answered

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
            if self.told.get(settled.id) == shown:
                continue  # settled again by a later answer, to the same: said already
            self.told[settled.id] = shown
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
        from .area_view import DECISION_ROWS, row_numbers

        kept = stored_sum(self.session.meta())
        if kept is None:
            return
        self.session.update_meta(area=None)
        numbers = row_numbers()
        rows = f"【{numbers[DECISION_ROWS[0][0]]}】至【{numbers[DECISION_ROWS[-1][0]]}】"
        decisions = kept[0].get("proactive") in (SUM, ADD)
        self.ui.say(
            "第三、四部分现在还是各单位汇总的数字。下面逐题过一遍这两部分（汇总的数字作为默认答案），"
            "请改成本机关自己的数字。"
            + (f"第二部分的许可、处罚、强制和收费也用了汇总数，请在核对报告时修改（{rows}）。"
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
            self.reviewer.answers_review()
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

    @property
    def reviewer(self) -> Review:
        """The review (chat/reviewing.py), imported and made at its first use: it, the
        builder, the checks and the renderer (jinja2) stay off the path to the first
        question."""
        if self._review is None:
            from .reviewing import Review

            self._review = Review(self)
        return self._review

    def review(self) -> Outcome | None:
        """The last step: the report reviewed page by page, then the files; None means:
        ask again (an answer was chosen to change, or the clerk went elsewhere)."""
        return self.reviewer.run()

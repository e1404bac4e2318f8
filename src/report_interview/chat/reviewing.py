"""The last step of the interview: the review that is the report itself, page by page
(chat/review.py lays the pages out), the answers review, and writing the files.

A Review works on the Conversation it belongs to (its engine, answers, prompter and
where the interview goes next); it is imported only when the last question is answered,
so the first question never waits for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..flow.fill import accept
from ..flow.kinds import kind_of
from .prompter import (
    HINT_CHECKBOX,
    HINT_MENU,
    HINT_PAGE,
    HINT_REPORT,
    PAGE_HELP,
    REPORT_HELP,
    Command,
    Leave,
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
from .sitting import Chat, Outcome, deadline_note
from .tables import clip

if TYPE_CHECKING:
    from ..flow.model import Question
    from ..report.checks import Finding
    from ..report.data import ReportData
    from .area_view import TakenSum


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


def _asked(label: str) -> str:
    """A question's first sentence: up to its question mark, if it has one."""
    end = label.find("？")
    return label[: end + 1] if end >= 0 else label


class Review:
    """The review of one sitting: which page is shown, and the files `w` writes (as
    chosen in the review or by --formats, else Word and text)."""

    def __init__(self, chat: Chat) -> None:
        self.chat = chat
        self.review_at = 0  # the review page to show next
        self.page_covered = False  # the help was said over the page: Enter shows it again
        chosen = chat.session.meta().get("formats")
        known = [value for value, _ in OUTPUT_CHOICES]
        self.formats = [f for f in known if isinstance(chosen, list) and f in chosen]
        self.formats = self.formats or list(DEFAULT_OUTPUTS)

    # The builder, checks and renderer are needed only here, at the end: importing them
    # lazily keeps them (and jinja2) off the path to the first question.

    def report(self) -> ReportData:
        from ..report.builder import build_report

        return build_report(self.chat.engine.names(self.chat.answers))

    def screen(self) -> Screen:
        return Screen.of(self.chat.ui.screen_size())

    def run(self) -> Outcome | None:
        """The last step, one pass: the report as it will be published, page by page
        (chat/review.py lays it out), the check results first. Under each page one line
        says what to type: Enter, a number, w … (review_action). None means: ask again
        (an answer was chosen to change, or the clerk went back or elsewhere)."""
        from ..report.checks import run_checks

        shown = False  # whether the screen shows the page at review_at
        while True:
            report = self.report()
            findings = run_checks(report)
            failures = [f.message for f in self.chat.engine.failed_checks(self.chat.answers)]
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
                self.chat.ui.say(view.pages[at].title, "banner")
                self.chat.ui.say("\n".join(view.pages[at].lines), "report")
                shown, self.page_covered = True, False
            reply = self.chat.ui.ask_line(review_prompt(at, len(view.pages)), hint=HINT_REPORT)
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
            self.chat.jump(None, offer_review=False)
            return None
        self.chat.ui.say(action.message, "error")
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
            self.chat.ui.say("这是最后一页。输入 w 生成文件，输入编号修改，< 回到上一页。", "note")
            return True
        elif kind == "back" and at > 0:
            self.review_at -= 1
        elif kind == "back":
            self.back_to_last_question()
            return None
        else:
            self.chat.ui.say(REPORT_HELP.format(formats=format_names(self.formats)), "note")
            self.page_covered = True
            return True
        return False

    def outdated(self) -> dict[str, str]:
        """Texts of the report the clerk edited by hand whose answers changed since: the
        part → the questions that changed, quoted (“…”), "" when they cannot be told."""
        from ..report.builder import PARAGRAPHS

        names = self.chat.engine.names(self.chat.answers)
        found: dict[str, str] = {}
        for part, question_id in PARAGRAPHS.items():
            question = self.paragraph(question_id)
            changed = (
                None if question is None else self.chat.engine.outdated(question, self.chat.answers)
            )
            if changed is None:
                continue
            quoted = [f"“{clip(_asked(label_of(q, names)), 40)}”" for q in changed[:2]]
            found[part] = "、".join(quoted) + ("等" if len(changed) > 2 else "")
        return found

    def area_sum(self) -> TakenSum | None:
        """The sum sections 三 and 四 were taken from, while the interview says they are
        the area's; else None."""
        if self.chat.answers.get("area_sum") != "area":
            return None
        from ..flow.area import stored_sum
        from ..report.builder import area_word
        from .area_view import TakenSum

        kept = stored_sum(self.chat.session.meta())
        return (
            TakenSum(*kept, area_word(self.chat.engine.names(self.chat.answers))) if kept else None
        )

    def area_notes(self, report: ReportData) -> dict[str, str]:
        """The line over each table of the review that is the area's sum."""
        taken = self.area_sum()
        return taken.notes(report) if taken is not None else {}

    def paragraph(self, question_id: str) -> Question | None:
        """The question holding a text of the report, if the flow has it."""
        return next((q for q in self.chat.flow.questions if q.id == question_id), None)

    def change_text(self, target: Target, action: Action) -> bool:
        """A text of the report edited in place (the pre-filled paragraph editor), or
        (renew) replaced by the program's text written from the answers as they are now.
        Whether it changed: then the page is shown again."""
        from ..report.builder import PARAGRAPHS

        question = self.paragraph(PARAGRAPHS[target.part])
        number = f"【{action.number}】"
        if question is None:
            self.chat.ui.say(f"{number}由程序写成，不能在这里修改。", "error")
            return False
        names = self.chat.engine.names_before(self.chat.answers, question)
        fresh = self.chat.engine.composed(question, names)
        own = question.id in self.chat.answers and kind_of(question).exposed(
            question, self.chat.answers[question.id]
        )
        if action.kind == "renew" and (not own or not fresh):
            said = "已经是按现在的回答写的文字" if not own else "按现在的回答写不出文字，请直接修改"
            self.chat.ui.say(f"{number}{said}。", "note")
            return False
        if action.kind == "renew":
            value: Any = accept(question, fresh, self.chat.engine, names)
        else:
            if self.chat.engine.outdated(question, self.chat.answers) is not None:
                self.chat.ui.say(f"按现在的回答重新写的文字是：\n{fresh}", "note")
            self.chat.last_section = question.section  # the review: no section banner
            value = self.chat.ask(question)
            if value is Command.QUIT:
                raise Leave
            if isinstance(value, Command):
                self.chat.ui.say(f"{number}没有修改。", "note")
                return False
        self.chat.save(question, value)
        self.chat.ui.say(f"{number}{target.label}已保存。", "note")
        return True

    def change_row(self, target: Target, number: int) -> bool:
        """A table row's number: the question that sets the row is asked (a choice when
        several do), then the review comes back to the same page. False when no
        question sets it (a township's 规章 row) or the clerk changes nothing."""
        from ..report.builder import row_sources

        summed = self.summed_row(target, number)
        if summed is not None:
            return summed
        visible = {q.id for q in self.chat.engine.visible(self.chat.answers)}
        for tier in row_sources(self.chat.engine.names(self.chat.answers)).get(target.row, ()):
            ids = [q.id for q in self.chat.engine.questions_behind(tier) if q.id in visible]
            if len(ids) == 1:
                self.chat.forced, self.chat.last_section = self.chat.flow.question(ids[0]), None
                return True
            if ids:
                return self.change_one_of(ids)
        self.chat.ui.say(f"【{number}】{target.label}：这一行不用填写，没有可改的问题。", "note")
        return False

    def summed_row(self, target: Target, number: int) -> bool | None:
        """A row of a table taken as the area's sum: see the bodies behind it, change it
        (None: on to its question as for any row) or read the folder again (True: the
        folder's question is asked next); False when the review stays on its page."""
        taken = self.area_sum()
        if taken is None or target.row not in taken.rows:
            return None
        from .area import row_menu

        choice = row_menu(self.chat.ui, taken, target.row, f"【{number}】{target.label}")
        if choice == "bodies":  # shown under the page: Enter shows the page again
            self.page_covered = True
            return False
        if choice == "again":
            self.chat.reread, self.chat.last_section = True, None
            self.chat.forced = self.chat.flow.question("area_folder")
            return True
        return None if choice == "change" else False

    def back_to_last_question(self) -> None:
        """`<` at the start of the review: the last question again, and say so."""
        self.chat.forced = self.chat.engine.previous_question(self.chat.answers, None)
        self.chat.ui.say("已返回上一题。", "note")

    def answers_review(self) -> bool:
        """The answers section by section, a menu under each page (chat/review.py): on,
        back, change an answer shown, or end (back where it came from: the report, or
        the interview). True when an answer or a section is to be asked next."""
        pages = answers_pages(self.chat.engine, self.chat.answers, self.screen())
        at = 0
        while True:
            self.chat.ui.say(pages[at].title, "banner")
            self.chat.ui.say("\n".join(pages[at].lines), "review")
            choice = self.chat.ui.ask_select(
                PAGE_QUESTION, page_menu(pages, at), default="next", hint=HINT_PAGE
            )
            if choice == "next" and at + 1 < len(pages):
                at += 1
            elif choice in ("back", Command.BACK) and at > 0:
                at -= 1
            elif choice is Command.HELP:
                self.chat.ui.say(PAGE_HELP, "note")
            elif choice is Command.JUMP:
                self.chat.jump(None, offer_review=False)
                return True
            elif choice == "change" and self.change_one_of(pages[at].questions):
                return True
            elif choice != "change":
                return False  # ended, or `<` on the first page

    def change_one_of(self, question_ids: Sequence[str]) -> bool:
        """Choose one of these answers to ask it again; False when none is chosen."""
        options = change_options(self.chat.engine, self.chat.answers, question_ids)
        choice = self.chat.ui.ask_select(
            "要修改哪个回答？", options, default=None, hint=HINT_MENU, navigation=False
        )
        if choice not in question_ids:
            return False
        self.chat.forced = self.chat.flow.question(str(choice))
        self.chat.last_section = None
        return True

    def choose_formats(self) -> None:
        """Which files `w` writes (kept with the interview for the next sitting)."""
        formats = self.chat.ui.ask_checkbox(
            "要生成哪些文件？（空格选中或取消，回车确定）",
            OUTPUT_CHOICES,
            default=self.formats,
            hint=HINT_CHECKBOX,
        )
        if isinstance(formats, Command) or not formats:
            self.chat.ui.say(f"没有改，输入 w 仍生成：{format_names(self.formats)}。", "note")
            return
        self.formats = [value for value, _ in OUTPUT_CHOICES if value in formats]
        self.chat.session.update_meta(formats=self.formats)
        self.chat.ui.say(f"好的，输入 w 生成：{format_names(self.formats)}。", "note")

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
            self.chat.ui.say(
                f"还不能生成文件：检查发现 {len(said)} 个错误，请先改正"
                "（第 1 页的检查结果有详细说明）：\n" + "\n".join(said),
                "error",
            )
            return None
        files = self.chat.publish(report, self.formats)
        self.chat.session.update_meta(status="finished")
        written = "\n".join(f"  {path}" for path in files)
        self.chat.ui.say(f"报告已生成：\n{written}\n{deadline_note(report.org.kind)}", "note")
        return Outcome(finished=True, files=files)

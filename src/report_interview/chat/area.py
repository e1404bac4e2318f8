"""The dialogue of a 县/市人民政府 taking sections 三 and 四 (and 二's 许可、处罚、强制 and
收费) as the sum of its area's reports (report-format.md §10).

The clerk names the folder (or `--sum-of` did); the program reads every report under
it, says how many bodies went in and which files were left out and why, shows the
summed tables with the review's row numbers — any row opens to the bodies behind it
and what each printed — and lists the totals that do not add up in the bodies' own
reports and the cells they left blank. Only when the clerk confirms is anything saved:
the ordinary answers of sections 三 and 四 (flow/area.py), 二's figures as chosen, and
the sum itself in the interview's meta (`area`), so that the review can say the tables
are the area's and open a row to its bodies. Every step can fall back to filling the
sections with the government's own figures (不汇总).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from ..flow.area import (
    ADD,
    KEEP,
    SUM,
    Decisions,
    decisions_from_json,
    stored_sum,
    sum_record,
    summed_decisions,
    table_answers,
)
from ..read.area import area_paths, read_area
from ..read.batch import BatchError
from ..read.errors import ReadError
from ..report.area import AreaSum, sum_reports
from ..report.collect import Collection, figures, left_out_line
from ..report.data import Org, ReportDataError
from ..report.naming import area_name
from ..report.numerals import normalize
from .area_view import (
    DECISION_ROWS,
    SHOWN_AT_MOST,
    TakenSum,
    amount,
    decisions_lines,
    gap_lines,
    row_lines,
    row_numbers,
)
from .entry import LineReader, ask_menu, ask_path
from .prompter import HINT_MENU, Command, Prompter
from .review import appeals_table, rows_table
from .sitting import MetaStore
from .tables import clip

FALL_BACK: Final = "__fall_back__"
AGAIN: Final = "__again__"
HELP_TABLES = (
    "表中每一格是各单位报告同一格的数字相加；各行、各列的总计、（七）总计和结转下年度按相加后的数字"
    "重新计算（和逐行输入时一样）。想知道某一格是哪些单位的数字，选“查看某一行”，输入【】里的编号。"
    "某单位报告有错，请该单位改正后重新读取；确认后仍可在核对报告时逐行修改。"
)
HELP_DECISIONS = (
    "县（市、区）人民政府的报告，第二部分的行政许可、处罚、强制和行政事业性收费一般是本行政区域内各单位"
    "的汇总数；规章和规范性文件是政府自己制发的，不汇总。政府本级（如政府办公室）自己也作出过这些决定的，"
    "选“加上第二部分已填的”。"
)


@dataclass
class AreaDialogue:
    """One taking of the sum: reads through the conversation's prompter, saves
    through `keep`, reads the folder on `jobs` processes."""

    ui: Prompter
    read: LineReader
    session: MetaStore
    names: Mapping[str, Any]
    keep: Callable[[dict[str, Any], dict[str, Any]], None]
    not_summed: Callable[[], None]  # answers the choice with 不汇总
    jobs: int
    given: Decisions | None = None  # 二's figures as answered so far (the government's own)
    prompt: str = "各单位的年度报告放在哪个文件夹？"
    help_text: str = ""
    edit: bool = False  # the clerk chose to go on to change rows of 三

    @property
    def year(self) -> int:
        return int(self.names.get("report_year") or 0)

    @property
    def own(self) -> str:
        return str(self.names.get("org_name") or "")

    @property
    def area(self) -> str:
        return area_name(self.own, self.names.get("org_kind")) or "本地区"

    def run(self, stored: str | None, *, again: bool = False) -> str | Command:
        """The folder whose sum was taken (the question's answer), or a Command (BACK
        after 不汇总 was chosen: the interview goes on from that answer). `again`: the
        clerk asked to read the folder again (from the review): no “keep it?” first."""
        meta = self.session.meta()
        offer = meta.get("area_offer")
        offer = offer if isinstance(offer, str) and offer else None
        kept = stored_sum(meta)
        record = kept[0] if kept else None
        if stored and kept and offer is None and not again:
            choice = self.menu(
                f"第三、四部分已经用 {kept[0]['folder']} 中 {len(kept[1].bodies)} 个单位的汇总"
                "填好了。要重新读取吗？",
                [("keep", "保留已汇总的数字"), ("again", "重新读取（报告改过，或换一个文件夹）")],
            )
            if choice != "again":
                return choice if isinstance(choice, Command) else stored
        folder = offer
        offered = offer or stored or (record or {}).get("folder", "")
        while True:
            if folder is None:
                asked = self.ask_folder(offered)
                if isinstance(asked, Command):
                    return asked
                folder = asked
            if offer is not None:
                self.ui.say(f"读取命令行 --sum-of 给出的文件夹：{folder}", "note")
                offer = None
            outcome = self.take(folder)
            if outcome != AGAIN:
                return outcome
            if Path(folder).expanduser().is_dir():  # else the last good one stays offered
                offered = folder
            folder = None

    # ------------------------------------------------------------ steps

    def menu(self, message: str, options: Sequence[tuple[str, str]], help_text: str = "") -> Any:
        """A menu whose `?` shows `help_text` (else HELP_TABLES); any other Command is returned."""
        return ask_menu(self.ui, message, options, help_text or HELP_TABLES)

    def ask_folder(self, offered: str) -> str | Command:
        return ask_path(
            self.ui,
            self.read,
            self.prompt,
            offered,
            help_text=self.help_text or HELP_TABLES,
            empty="请输入文件夹的路径；不汇总的话，输入 < 返回上一题改选“不汇总”。",
        )

    def fall_back(self) -> Command:
        """不汇总: the choice is answered so (`not_summed`), and the interview goes on."""
        self.ui.say("好的，不汇总：第三、四部分填本机关自己的数字。", "note")
        self.not_summed()
        return Command.BACK

    def take(self, folder: str) -> str | Command:
        """Read the folder, show the sum, confirm it and save; AGAIN to ask for a
        folder again, a Command to leave."""
        collection = self.read_folder(folder)
        if collection is None:
            return AGAIN
        self.say_collection(folder, collection)
        if not collection.bodies:
            self.ui.say(
                f"{folder} 中没有可以汇总的 {self.year} 年度报告（见上面列出的原因）。", "error"
            )
            return self.retry()
        area = sum_reports([(body.report.org.name, body.report) for body in collection.bodies])
        try:
            answers = table_answers(area)
        except ReportDataError as exc:
            self.ui.say("\n".join(gap_lines(area)), "note")
            self.ui.say(
                f"汇总的数字还不能采用：{exc}\n这通常是某个单位报告中某一列办结的比收到的还多，"
                "请查看上面“总计对不上”的单位，请其改正报告后重新读取。",
                "error",
            )
            return self.retry()
        self.show_tables(area, len(collection.bodies))
        confirmed = self.confirm_tables(area, int(answers["apps_new"] + answers["apps_carried"]))
        if confirmed != "ok":
            return confirmed
        choice, decisions, own = self.ask_decisions(area)
        if isinstance(choice, Command):
            return choice
        if decisions is not None:
            answers.update(decisions.answers())
        record = sum_record(self.absolute(folder), self.year, area, str(choice), own)
        self.keep(answers, record)
        self.ui.say(
            f"已按{self.area} {len(area.bodies)} 个单位的汇总填好第三、四部分"
            + ("和第二部分的许可、处罚、强制、收费" if decisions is not None else "")
            + "。核对报告时，这些表格的行号可以打开看是哪些单位的数字。",
            "note",
        )
        return folder

    def retry(self) -> str | Command:
        """After a folder that gives nothing to sum: another folder, or another way."""
        again = self.menu(
            "怎么办？",
            [
                ("again", "重新读取（改好后），或换一个文件夹"),
                (FALL_BACK, "不汇总，填本机关自己的数字"),
            ],
            self.help_text,
        )
        if again == FALL_BACK:
            return self.fall_back()
        return again if isinstance(again, Command) else AGAIN

    def read_folder(self, folder: str) -> Collection | None:
        """The folder's bodies of the report year; None (said why) when it cannot be read."""
        try:
            paths = area_paths(Path(folder).expanduser())
            self.ui.say(f"正在读取 {len(paths)} 个文件，请稍候……", "note")
            return read_area(paths, self.year, self.own, self.jobs)
        except (ReadError, BatchError) as exc:
            self.ui.say(str(exc), "error")
            return None

    def say_collection(self, folder: str, collection: Collection) -> None:
        flawed = [body for body in collection.bodies if body.errors]
        count = len(collection.bodies)
        text = f"读取了 {folder}：计入汇总 {count} 个单位"
        if flawed:
            text += f"（其中 {len(flawed)} 个单位的报告检查有错误，仍计入，见下）"
        self.ui.say(text + "。")
        left = collection.left_out
        if left:
            inside = str(Path(folder).expanduser())  # paths as in the folder
            lines = [f"  {left_out_line(item, within=inside)}" for item in left[:SHOWN_AT_MOST]]
            more = [f"  …等，共 {len(left)} 个文件"] if len(left) > SHOWN_AT_MOST else []
            self.ui.say(f"未计入汇总的文件（{len(left)} 个）：\n" + "\n".join(lines + more), "note")
        if flawed:
            lines = [
                f"  {body.report.org.name}：{clip(body.first_error, 60)}"
                for body in flawed[:SHOWN_AT_MOST]
            ]
            self.ui.say(
                "这些单位的报告有错误（已计入汇总，请督促改正）：\n" + "\n".join(lines), "note"
            )

    def show_tables(self, area: AreaSum, count: int) -> None:
        numbers = row_numbers()
        report = area.report(Org(self.own or "汇总"), self.year)
        self.ui.say(
            f"{self.area} {count} 个单位汇总，第三部分：\n"
            + "\n".join(rows_table(report.applications, numbers=numbers)),
            "review",
        )
        self.ui.say("第四部分：\n" + "\n".join(appeals_table(report, numbers)), "review")
        notes = gap_lines(area)
        if notes:
            self.ui.say("\n".join(notes), "note")

    def confirm_tables(self, area: AreaSum, in_hand: int) -> str | Command:
        options = [("ok", "对，第三、四部分用这些汇总数"), ("row", "查看某一行是哪些单位的数字")]
        if in_hand:
            options.append(("edit", "用这些汇总数，再逐行修改第三部分"))
        options += [("again", "重新读取（报告改过后），或换一个文件夹"),
                    (FALL_BACK, "不汇总，第三、四部分填本机关自己的数字")]  # fmt: skip
        self.ui.say(self.main_figures(area))  # under the tables a short terminal scrolled away
        while True:
            choice = self.menu("这两张表对吗？（表在上面，可以向上翻看）", options, HELP_TABLES)
            if choice == "row":
                self.open_row(area)
                continue
            if choice == "edit":
                self.edit = True
                return "ok"
            if choice == "again":
                return AGAIN
            if choice == FALL_BACK:
                return self.fall_back()
            return str(choice) if isinstance(choice, str) else choice

    def main_figures(self, area: AreaSum) -> str:
        """The sum's main figures in one sentence, said with the question under the
        tables (which a terminal of 24 lines has scrolled away)."""
        total = figures(area.report(Org(self.own or "汇总"), self.year))
        return (
            f"{self.area} {len(area.bodies)} 个单位合计：新收申请 {total['new']} 件，"
            f"上年结转 {total['carried_over']} 件，办结 {total['concluded']} 件，"
            f"结转下年度 {total['carried_forward']} 件；行政复议 {total['reconsideration']} 件，"
            f"行政诉讼 {total['litigation']} 件。"
        )

    def open_row(self, area: AreaSum) -> None:
        targets = {number: row for row, number in row_numbers().items()}
        low, high = min(targets), max(targets)
        while True:
            reply = self.read(f"看哪一行？输入表中【】里的编号（{low}–{high}），直接回车返回", "")
            if isinstance(reply, Command) or not reply.strip():
                return
            number = re.fullmatch(r"[【\[]?(\d{1,3})[】\]]?", normalize(reply).strip())
            if number and int(number.group(1)) in targets:
                self.ui.say("\n".join(row_lines(area, targets[int(number.group(1))])), "review")
                return
            self.ui.say(f"请输入 {low} 到 {high} 的编号，如 13（一、本年新收）。", "error")

    def ask_decisions(
        self, area: AreaSum
    ) -> tuple[str | Command, Decisions | None, Decisions | None]:
        """二's 许可、处罚、强制 and 收费: the sum, the sum plus the government's own
        (what 二 holds, or what was added at an earlier taking), or left as they are.
        (choice, the figures to save or None, the own figures added or None)."""
        kept = stored_sum(self.session.meta())
        earlier = kept[0].get("proactive") if kept else None
        if earlier == ADD:  # 二 holds an earlier sum plus these: add them to the new sum
            own = decisions_from_json(kept[0].get("own")) if kept else None
        else:  # after an earlier sum alone 二 holds no figures of the government's own
            own = None if earlier == SUM else self.given
        summed = summed_decisions(area)
        self.ui.say("\n".join(decisions_lines(self.area, summed, own)), "review")
        options = [(SUM, f"用{self.area}各单位的汇总数")]
        if own is not None:
            options.append((ADD, "各单位的汇总数，再加上第二部分已填的（本机关自己的）"))
        if self.given is not None:
            options.append((KEEP, "不用汇总，保留第二部分已填的"))
        else:
            options.append((KEEP, "不用汇总（到第二部分时填本机关自己的）"))
        choice = self.menu("第二部分的这几项怎么填？", options, HELP_DECISIONS)
        if choice == SUM:
            return SUM, summed, None
        if choice == ADD and own is not None:
            return ADD, summed.plus(own), own
        if isinstance(choice, Command):
            return choice, None, None
        return KEEP, None, None

    @staticmethod
    def absolute(folder: str) -> str:
        return str(Path(folder).expanduser().absolute())


def row_menu(ui: Prompter, taken: TakenSum, row: str, label: str) -> Any:
    """Under the report review, a row of a table that is the area's sum: what to do —
    "bodies" (said here: the bodies behind it and what each printed), "change",
    "again" (read the folder again) or "stay"."""
    choice = ui.ask_select(
        f"{label}：{taken.word}各单位报告的汇总。要做什么？",
        [
            ("bodies", "看这一行是哪些单位的数字"),
            ("change", "修改这一行的数字"),
            ("again", "重新汇总（重新读取各单位的报告）"),
            ("stay", "不改了，返回"),
        ],
        default="bodies",
        hint=HINT_MENU,
        navigation=False,
    )
    if choice == "bodies":
        lines = row_lines(taken.area, row)
        own = decisions_from_json(taken.record.get("own"))
        decision = row in {key for key, _ in DECISION_ROWS}
        if taken.record.get("proactive") == ADD and own is not None and decision:
            lines.append(f"报告中再加上本机关自己的 {amount(getattr(own, row))}。")
        ui.say("\n".join(lines), "review")
    return choice

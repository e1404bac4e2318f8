"""The dialogue of importing section 三 from the application ledger (依申请公开台账).

Asks where the file is, has the clerk confirm (or correct) which column is which once,
asks each value the words do not decide once, lists the rows that cannot be counted
until they are resolved, and shows the matrix (any cell can be opened to list its
ledger rows) for confirmation. Only then is anything saved: the section's numbers
(apps_new, apps_carried, the matrix) and the clerk's mappings, kept with the interview
and offered again next year. Every step can fall back to the other two ways.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..read.ledger import (
    FIELD_NAMES,
    FIELDS,
    REQUIRED,
    Entry,
    Imported,
    Layout,
    LedgerError,
    Mappings,
    Sheet,
    carried_difference,
    choose_layout,
    find_layouts,
    import_ledger,
    row_key,
    samples,
    unknown_lines,
)
from ..report.data import APPLICANT_COLUMNS, APPLICATION_ROWS, with_total
from .entry import LineReader, ask_menu, ask_path
from .prompter import HINT_MENU, Command, Prompter
from .review import rows_table
from .sitting import MetaStore
from .tables import aligned

# Saves one answer of the section (apps_new, apps_carried) as if typed at its prompt.
Keep = Callable[[str, Any], None]
Matrix = dict[str, list[int]]
FALL_BACK = "__fall_back__"
HELP_FILE = (
    "台账是每件申请一行的 Excel（.xlsx、.xls）或 CSV 表格，应有申请人（或申请人类型）、收到申请的日期、"
    "答复日期、处理结果等列。输入文件的完整路径，如 D:\\公开\\2024年依申请公开台账.xlsx；"
    "也可以把文件拖进这个窗口。没有台账文件的话，输入 < 返回上一题，改选其他填法。"
)
HELP_COLUMNS = (
    "程序按表头的文字认出各列，右边是这一列的前几个值。申请人列可以是姓名、单位名称，也可以是申请人类型"
    "（自然人、企业……）；处理结果列是“予以公开”“不予公开（第三方合法权益）”这样的文字。"
    "如果认错了，选“修改某一列”改正；改正的结果会保存，明年导入时直接使用。"
)
HELP_DATES = (
    "日期决定每件申请算在哪一行：去年收到、到 1 月 1 日还没答复的算“上年结转”；今年收到的算“本年新收”；"
    "到 12 月 31 日还没答复（或答复日期在明年）的算“结转下年度继续办理”；明年才收到的不计入；"
    "去年已经答复的也不计入（它在去年的报告里）。"
)


@dataclass
class LedgerDialogue:
    """One import: reads through the conversation's prompter, saves through `keep`."""

    ui: Prompter
    read: LineReader
    session: MetaStore
    names: Mapping[str, Any]
    keep: Keep
    reader: Callable[[Path], list[Sheet]]

    @property
    def year(self) -> int:
        return int(self.names.get("report_year") or 0)

    def saved(self) -> tuple[str, Mappings]:
        """The file and mappings of an earlier import, else last year's mappings."""
        stored = self.session.meta().get("ledger") or {}
        last = (self.session.meta().get("previous") or {}).get("ledger_mappings")
        try:
            mappings = Mappings.from_json(last).merged(Mappings.from_json(stored.get("mappings")))
        except LedgerError:
            mappings = Mappings()
        return str(stored.get("file") or ""), mappings

    def run(self, default: Matrix | None) -> Matrix | Command:
        """The confirmed matrix, or a Command (BACK also means: choose another way)."""
        self.ui.say("好，我们从台账文件导入第三部分：我按每件申请的日期、申请人和处理结果分类计数，"
                    "认不准的再问您，最后把表格给您核对。")  # fmt: skip
        self.ui.say(HELP_DATES, "note")
        if default and self.session.meta().get("ledger"):
            keep = self.menu(
                "第三部分已经按台账导入过了。要重新导入吗？",
                [
                    ("keep", "保留已导入的数字"),
                    ("again", "重新导入台账（会替换第三部分现有的数字）"),
                ],
            )
            if keep != "again":
                return keep if isinstance(keep, Command) else default
        file, mappings = self.saved()
        while True:
            path = self.ask_path(file)
            if isinstance(path, Command):
                return path
            file = str(path)
            result = self.import_file(path, mappings)
            if isinstance(result, Command):
                return result
            if result is None:
                continue
            matrix, mappings = result
            self.session.update_meta(ledger={"file": file, "mappings": mappings.to_json()})
            return matrix

    # ------------------------------------------------------------ steps

    def menu(self, message: str, options: Sequence[tuple[str, str]], help_text: str = "") -> Any:
        """A menu whose `?` shows `help_text` (else HELP_DATES); any other Command is returned."""
        return ask_menu(self.ui, message, options, help_text or HELP_DATES)

    def ask_path(self, offered: str) -> Path | Command:
        path = ask_path(
            self.ui,
            self.read,
            "台账文件在哪里？请输入文件路径（可以把文件拖进这个窗口）",
            offered,
            help_text=HELP_FILE,
            empty="请输入台账文件的路径；没有台账文件的话，输入 < 返回上一题改选其他填法。",
        )
        return path if isinstance(path, Command) else Path(path).expanduser()

    def import_file(
        self, path: Path, mappings: Mappings
    ) -> tuple[Matrix, Mappings] | Command | None:
        """Read, map and confirm one file; None means: ask for the file again."""
        try:
            sheets = self.reader(path)
            confirmed = self.confirm_columns(sheets, mappings)
            if isinstance(confirmed, Command):
                return confirmed
            return self.resolve_and_confirm(sheets, confirmed)
        except LedgerError as exc:
            self.ui.say(str(exc), "error")
            again = self.menu(
                "怎么办？",
                [
                    ("again", "换一个文件，或改好后重新读取"),
                    (FALL_BACK, "换用其他方式填写第三部分"),
                ],
                HELP_FILE,
            )
            return self.fall_back() if again in (FALL_BACK, Command.BACK) else (
                again if isinstance(again, Command) else None
            )  # fmt: skip

    def fall_back(self) -> Command:
        self.ui.say(
            "好的，回到上一题，请选“一类一类问我”或“照台账逐行输入”。已保存的回答都不变。", "note"
        )
        return Command.BACK

    def confirm_columns(self, sheets: list[Sheet], mappings: Mappings) -> Mappings | Command:
        """Show which column is which, with sample values; correct until confirmed."""
        layout = choose_layout(sheets, self.year, mappings.sheet, mappings.columns)
        layouts = find_layouts(sheets, mappings.columns)
        if len(layouts) > 1 and mappings.sheet not in {lay.sheet for lay in layouts}:
            options = [(lay.sheet, f"工作表“{lay.sheet}”") for lay in layouts]
            chosen = self.menu("这个文件里有几张像台账的工作表，用哪一张？", options)
            if isinstance(chosen, Command):
                return chosen
            mappings = replace(mappings, sheet=chosen)
            layout = choose_layout(sheets, self.year, mappings.sheet, mappings.columns)
        sheet = next(s for s in sheets if s.name == layout.sheet)
        columns = dict(layout.columns)
        while True:
            self.ui.say(
                self.columns_table(sheet, layout.header_row, layout.headers, columns), "review"
            )
            choice = self.menu(
                "各列认得对吗？",
                [("ok", "对，按这样导入"), ("change", "修改某一列")],
                HELP_COLUMNS,
            )
            if isinstance(choice, Command):
                return choice
            if choice == "ok":
                headers = {n: layout.headers[columns[n]] if n in columns else "" for n in FIELDS}
                return replace(mappings, sheet=layout.sheet, columns=headers)
            self.change_column(columns, layout.headers, sheet, layout.header_row)

    def columns_table(
        self, sheet: Sheet, header_row: int, headers: Sequence[str], columns: Mapping[str, int]
    ) -> str:
        table = [["内容", "台账中的列", "前几个值"]]
        for name in FIELDS:
            index = columns.get(name)
            if index is None:
                table.append([FIELD_NAMES[name], "（没有）", ""])
                continue
            values = "，".join(samples(sheet, _layout_of(sheet, header_row, headers), index))
            table.append([FIELD_NAMES[name], headers[index] or f"第 {index + 1} 列", values[:40]])
        return f"在工作表“{sheet.name}”第 {header_row} 行找到表头：\n" + "\n".join(
            aligned(table, numeric_from=3)
        )

    def change_column(
        self, columns: dict[str, int], headers: Sequence[str], sheet: Sheet, header_row: int
    ) -> None:
        name = self.menu("改哪一项？", [(n, FIELD_NAMES[n]) for n in FIELDS], HELP_COLUMNS)
        if isinstance(name, Command):
            return
        layout = _layout_of(sheet, header_row, headers)
        options = [
            (str(i), f"{h or f'第 {i + 1} 列'}：{'，'.join(samples(sheet, layout, i))[:30]}")
            for i, h in enumerate(headers)
        ]
        if name not in REQUIRED:
            options.append(("none", "（台账中没有这一列）"))
        chosen = self.menu(f"哪一列是“{FIELD_NAMES[name]}”？", options, HELP_COLUMNS)
        if chosen == "none":
            columns.pop(name, None)
        elif isinstance(chosen, str) and chosen.isdigit():
            columns[name] = int(chosen)

    def resolve_and_confirm(
        self, sheets: list[Sheet], mappings: Mappings
    ) -> tuple[Matrix, Mappings] | Command | None:
        """Ask the unknown values, settle the bad rows, then confirm the table."""
        while True:
            imported = import_ledger(sheets, self.year, mappings)
            if imported.tally.unknown:
                answered = self.ask_unknown(imported, mappings)
                if isinstance(answered, Command):
                    return answered
                mappings = answered
                continue
            if imported.tally.issues:
                settled = self.settle_issues(imported, mappings)
                if not isinstance(settled, Mappings):
                    return settled
                mappings = settled
                continue
            confirmed = self.confirm_table(imported)
            if confirmed == "ok":
                return self.finish(imported), mappings
            if confirmed == "reread":
                return None
            return confirmed if isinstance(confirmed, Command) else self.fall_back()

    def ask_unknown(self, imported: Imported, mappings: Mappings) -> Mappings | Command:
        """Each value the words do not decide, once; the answer counts for all its rows."""
        for item in imported.tally.unknown:
            rows = "、".join(map(str, item.rows[:10])) + ("等" if len(item.rows) > 10 else "")
            shown = item.text or "（空）"
            if item.kind == "applicant":
                options = [(c.value, c.label) for c in self.names.get("applicant_types", [])]
                question = f"申请人“{shown}”（台账第 {rows} 行）应算哪一类申请人？"
                help_text = ("以个人名义申请的算自然人（律师以个人名义申请的也算自然人）；公司、企业、合作社算商业企业；"
                             "研究院所、高校算科研机构；协会、基金会算社会公益组织；律师事务所算法律服务机构；"
                             "村委会、居委会等其他单位算其他组织。")  # fmt: skip
            else:
                options = [(c.value, c.label) for c in self.names.get("outcome_rows", [])]
                question = f"处理结果“{shown}”（台账第 {rows} 行）应算哪一种办理结果？"
                help_text = "\n".join(
                    f"· {c.label}：{c.help}" for c in self.names.get("outcome_rows", [])
                )
            chosen = self.menu(question, options, help_text)
            if isinstance(chosen, Command):
                return chosen
            mappings = mappings.decided(item.kind, item.text, str(chosen))
        return mappings

    def settle_issues(self, imported: Imported, mappings: Mappings) -> Mappings | Command | None:
        """Rows that cannot be counted: fix the ledger and read it again, or leave them out."""
        lines = unknown_lines(imported.tally)
        self.ui.say("这些行还不能计入表格：\n" + "\n".join(f"  {line}" for line in lines), "error")
        choice = self.menu(
            "怎么处理？",
            [
                ("reread", "我去改好台账，改完后重新读取（推荐）"),
                ("skip", f"这 {len(lines)} 行不计入（不是申请，或是重复录入的）"),
                (FALL_BACK, "换用其他方式填写第三部分"),
            ],
            "改好台账并保存后选“重新读取”，程序会重新读入整个文件；已经回答过的分类不会再问。",
        )
        if choice == "skip":
            rows = {issue.row for issue in imported.tally.issues}
            return mappings.merged(
                Mappings(skipped=tuple(row_key(imported.layout, r) for r in rows))
            )
        if choice == "reread":
            return None
        return choice if isinstance(choice, Command) else self.fall_back()

    def confirm_table(self, imported: Imported) -> Any:
        """Show the matrix, the rows left out and the check against last year; menu."""
        tally = imported.tally
        self.ui.say("\n".join(matrix_table(imported)), "review")
        if tally.left_out:
            self.ui.say("不计入本年报告的行：\n" + "\n".join(
                f"  第 {row} 行：{why}" for row, why in tally.left_out), "note")  # fmt: skip
        difference = carried_difference(tally, self.names.get("previous") or {})
        if difference:
            self.ui.say("上年结转与去年报告的“结转下年度继续办理”不一致（规则 R5），请核对：\n"
                        + "\n".join(f"  {line}" for line in difference), "error")  # fmt: skip
        typed = self.names.get("apps_new"), self.names.get("apps_carried")
        if typed != (tally.total("new"), tally.total("carried_over")):
            self.ui.say(f"前面填的是新收 {typed[0]} 件、上年结转 {typed[1]} 件；确认后按台账改为 "
                        f"{tally.total('new')} 件、{tally.total('carried_over')} 件。", "note")  # fmt: skip
        while True:
            choice = self.menu(
                "这张表对吗？",
                [("ok", "对，按这张表填写第三部分"), ("cell", "查看某一格是台账的哪几行"),
                 ("reread", "重新读取台账（改过台账后）"), (FALL_BACK, "换用其他方式填写")],
                HELP_DATES,
            )  # fmt: skip
            if choice != "cell":
                return choice
            self.open_cell(imported)

    def open_cell(self, imported: Imported) -> None:
        options = [
            (
                f"{spec.key}:{c}",
                f"{_short(spec.key)} · {APPLICANT_COLUMNS[c]}：{imported.tally.count(spec.key, c)} 件",
            )
            for spec in APPLICATION_ROWS
            for c in range(6)
            if imported.tally.count(spec.key, c)
        ]
        if not options:
            self.ui.say("表格里没有数字。", "note")
            return
        chosen = self.ui.ask_select("看哪一格？", options, default=options[0][0], hint=HINT_MENU,
                                    navigation=False)  # fmt: skip
        if isinstance(chosen, str) and ":" in chosen:
            key, column = chosen.split(":")
            rows = imported.tally.rows_of(key, int(column))
            by_row = {entry.row: entry for entry in imported.entries}
            lines = [_entry_line(by_row[row]) for row in rows if row in by_row]
            self.ui.say(
                f"这一格计入了台账第 {'、'.join(map(str, rows))} 行：\n" + "\n".join(lines), "note"
            )

    def finish(self, imported: Imported) -> Matrix:
        """Save the section's totals as the ledger gives them; the matrix is the answer."""
        tally = imported.tally
        for question_id, key in (("apps_new", "new"), ("apps_carried", "carried_over")):
            if self.names.get(question_id) != tally.total(key):
                self.keep(question_id, tally.total(key))
        return tally.matrix()


def _layout_of(sheet: Sheet, header_row: int, headers: Sequence[str]) -> Layout:
    return Layout(sheet.name, header_row, tuple(headers), {})


def _entry_line(entry: Entry) -> str:
    """One ledger row as the clerk wrote it, to recognise it in the cell's list."""
    received = entry.received.isoformat() if entry.received else "—"
    answered = entry.answered.isoformat() if entry.answered else "未答复"
    number = f"{entry.number} " if entry.number else ""
    return f"  第 {entry.row} 行：{number}{entry.applicant}，收到 {received}，答复 {answered}，{entry.result or '（无结果）'}"


def _short(key: str) -> str:
    spec = next(s for s in APPLICATION_ROWS if s.key == key)
    label = f"{spec.group[:3]}{spec.label}" if spec.group else spec.label
    return label if len(label) <= 16 else label[:15] + "…"


def matrix_table(imported: Imported) -> list[str]:
    """The 25 × 7 table the ledger gives, with totals, in the review's 80 columns."""
    tally = imported.tally
    rows = {
        spec.key: with_total([tally.count(spec.key, c) for c in range(6)])
        for spec in APPLICATION_ROWS
    }
    counted = len({r for cell_rows in tally.cells.values() for r in cell_rows})
    head = f"台账“{imported.layout.sheet}”共计入 {counted} 件申请，得到第三部分的表格："
    return [head, *rows_table(rows)]

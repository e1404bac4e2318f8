"""The review as screens: pure functions from the report (and the flow and answers) to
pages of lines laid out for the terminal (80×24 at least). No terminal library here;
the conversation shows the pages and reads what the clerk types under them.

The review is the report itself (report_review): the check results first, then the
report as it will be published, every text and every table row numbered so that the
clerk can name it. The answers review (answers_pages) lists the answers section by
section, a menu under each page. Tables are aligned by display width (a Chinese
character takes two columns); the 25×7 section 三 table keeps every number and
abbreviates its labels and headers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..flow import expr
from ..flow.engine import Engine
from ..flow.kinds import kind_of
from ..flow.model import Question
from ..report.numerals import normalize
from .prompter import COMMAND_WORDS, Command, Reply
from .tables import aligned, clip, width, wrap

if TYPE_CHECKING:
    from ..report.checks import Finding
    from ..report.data import ReportData

SCREEN_COLUMNS, SCREEN_ROWS = 80, 24  # the smallest terminal the pages are laid out for
INDENT = "  "


@dataclass(frozen=True)
class Screen:
    """The terminal the pages are laid out for: its real size, 80×24 at least."""

    columns: int = SCREEN_COLUMNS
    rows: int = SCREEN_ROWS

    @classmethod
    def of(cls, size: tuple[int, int]) -> Screen:
        columns, rows = size
        return cls(max(columns, SCREEN_COLUMNS), max(rows, SCREEN_ROWS))

    @property
    def report_lines(self) -> int:
        """Lines of a report page: above it a blank line and its heading, under it the
        one-line prompt (what to type, the prompt, the hint line); one row spare."""
        return self.rows - 6

    @property
    def answers_lines(self) -> int:
        """Lines of an answers page: its heading (2) and the menu under it (the question,
        the hint line, the prompt and up to four options: 7); one row spare."""
        return self.rows - 10


@dataclass(frozen=True)
class Page:
    """One screen of the review: its heading, its lines, and the questions whose
    answers it shows (to change one from here)."""

    title: str
    lines: tuple[str, ...]
    questions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Block:
    """Lines that belong together (an answer, a paragraph, a table): kept on one page
    when they fit, and the question they show, if any."""

    lines: tuple[str, ...]
    question: str | None = None
    head: int = 0  # leading lines repeated on each page when the block is split (a table's)
    keep: frozenset[int] = frozenset()  # lines (group headings) never last on a page


# ---------------------------------------------------------------- text to lines


def paginate(title: str, blocks: Sequence[Block], size: int) -> list[Page]:
    """Blocks laid out on pages of at most `size` lines; a block that does not fit on
    the page begun goes to the next one, and one longer than a page is split (its head
    repeated on each page). Titles say “第 i/n 页” when there are several."""
    chunks: list[tuple[list[str], list[str]]] = [([], [])]
    previous = 0
    for block in blocks:
        lines, ids = chunks[-1]
        # single lines follow each other; a longer block is set off by a blank line
        gap = [""] if lines and (len(block.lines) > 1 or previous > 1) else []
        previous = len(block.lines)
        room = size - len(lines) - len(gap)
        # a block that fits no page anyway, or a table taller than half a page, starts
        # here if a few of its lines fit (its head repeated on the next page)
        big = len(block.lines) > size or (block.head and len(block.lines) > size // 2)
        split_here = big and room >= block.head + 3
        if lines and len(block.lines) > room and not split_here:
            chunks.append(([], []))
            lines, ids, gap = *chunks[-1], []
        lines.extend(gap)
        for i, line in enumerate(block.lines):
            # a full page, or a heading that would end one, goes on to the next page
            if len(lines) == size or (i in block.keep and len(lines) == size - 1):
                chunks.append((list(block.lines[: block.head]), []))
                lines, ids = chunks[-1]
            lines.append(line)
            if block.question and block.question not in ids:
                ids.append(block.question)
    count = len(chunks)
    return [
        Page(
            f"{title}（第 {number}/{count} 页）" if count > 1 else title,
            tuple(lines),
            tuple(ids),
        )
        for number, (lines, ids) in enumerate(chunks, start=1)
    ]


# ---------------------------------------------------------------- tables

# Section 三's applicant columns and its total, in two characters each.
SHORT_COLUMNS = ("自然人", "商企", "科研", "公益", "法律", "其他", "总计")
COLUMN_LEGEND = "（列：商企=商业企业 科研=科研机构 公益=社会公益组织 法律=法律服务机构）"
# Longer row labels of section 三, said in fewer characters (the numbering is kept).
SHORT_LABELS = {
    "new": "一、本年新收申请",
    "carried_over": "二、上年结转申请",
    "partly_granted": "（二）部分公开",
    "other_no_correction": "1.逾期不补正不再处理",
    "other_unpaid_fee": "2.逾期未缴费不再处理",
    "rejected_confirmation": "5.要求确认或重新出具",
    "unavailable_needs_creation": "2.没有现成信息需另行制作",
    "denied_prohibited_by_law": "2.其他法律行政法规禁止",
    "carried_forward": "四、结转下年度继续办理",
}
GROUP_SHORT = {
    "（三）": "不予公开",
    "（四）": "无法提供",
    "（五）": "不予处理",
    "（六）": "其他处理",
}
LABEL_COLUMNS = 28


def mark(number: int | None) -> str:
    """How a numbered part of the report is marked: 【12】."""
    return f"【{number}】" if number is not None else ""


def rows_table(
    applications: Mapping[str, Sequence[int | None]],
    broken: Collection[str] = (),
    numbers: Mapping[str, int] | None = None,
) -> list[str]:
    """Section 三 in 80 columns: every row (data key → its seven cells, 总计 last) and
    number, labels and headers abbreviated (a legend line names the columns), ✗ on the
    rows in `broken`, each row marked with its number in `numbers` when given. Used by
    the review and by the ledger import."""
    from ..report.data import APPLICATION_ROWS
    from ..report.layout import cell_text

    lead: list[str] = [] if numbers is None else [""]
    table = [[*lead, "", *SHORT_COLUMNS]]
    group = ""
    for spec in APPLICATION_ROWS:
        if spec.group and spec.group != group:
            group = spec.group
            table.append([*lead, f"{group[:3]}{GROUP_SHORT.get(group[:3], group[3:])}"])
        label = SHORT_LABELS.get(spec.key, spec.label)
        label = clip(("  " if spec.group else "") + label, LABEL_COLUMNS)
        label += "✗" if spec.key in broken else ""
        number = [] if numbers is None else [mark(numbers.get(spec.key))]
        table.append([*number, label, *map(cell_text, applications[spec.key])])
    return [*aligned(table, numeric_from=len(lead) + 1, gap=" "), COLUMN_LEGEND]


def matrix_block(
    report: ReportData, broken: Collection[str] = (), numbers: Mapping[str, int] | None = None
) -> Block:
    """Section 三 as a block: its header repeated on every page, a group heading
    (（三）不予公开 …) never left at the foot of a page."""
    lines = rows_table(report.applications, broken, numbers)
    groups = {i for i, line in enumerate(lines) if i and line.lstrip()[:3] in GROUP_SHORT}
    return Block(tuple(lines), head=1, keep=frozenset(groups))


def appeals_table(report: ReportData, numbers: Mapping[str, int]) -> list[str]:
    """Section 四: one row per kind of case (its number first), its results across."""
    from ..report.data import APPEAL_BLOCKS, APPEAL_RESULTS
    from ..report.layout import cell_text

    table = [["", "", *(r.removeprefix("结果") for r in APPEAL_RESULTS), "总计"]]
    for key, label in APPEAL_BLOCKS:
        table.append([mark(numbers.get(key)), label, *map(cell_text, report.appeals[key])])
    return aligned(table, numeric_from=2)


# Section 二's rows: the key the review numbers it by and its label.
PROACTIVE_ROWS = (
    ("regulations", "规章"),
    ("normative_documents", "行政规范性文件"),
    ("licensing", "第（五）项 行政许可决定"),
    ("penalty", "第（六）项 行政处罚决定"),
    ("enforcement", "第（六）项 行政强制"),
    ("fees", "第（八）项 行政事业性收费（万元）"),
)


def proactive_table(report: ReportData, numbers: Mapping[str, int]) -> list[str]:
    """Section 二's four small tables as one list of numbered, labelled numbers."""
    from ..report.data import DOC_COLUMNS, DOC_ROWS
    from ..report.layout import cell_text

    p = report.proactive
    cells: dict[str, list[Any]] = {
        "licensing": [p.licensing],
        "penalty": [p.penalty],
        "enforcement": [p.enforcement],
        "fees": [p.fees_10k_yuan],
    }
    for key, _ in DOC_ROWS:
        counts = getattr(p, key)
        cells[key] = [counts.issued, counts.repealed, counts.in_force]
    table = [["", "第二十条第（一）项", *(c.replace("件数", "") for c in DOC_COLUMNS)]]
    for key, label in PROACTIVE_ROWS:
        table.append([mark(numbers.get(key)), label, *map(cell_text, cells[key])])
    return aligned(table, numeric_from=2)


# ---------------------------------------------------------------- the answers review


def label_of(question: Question, names: Mapping[str, Any]) -> str:
    """A question's first line, as asked."""
    return (expr.render_text(question.text, names).splitlines() or [""])[0]


def shown(question: Question, value: Any) -> str:
    """An answer as the clerk would write it."""
    return "（未填）" if value is None else kind_of(question).show(question, value)


def answer_block(
    question: Question, label: str, value: str, columns: int = SCREEN_COLUMNS
) -> Block:
    """An answer on one line after its question when it fits, else under it."""
    line = f"{INDENT}{label}  {value}"
    if "\n" not in value and width(line) <= columns:
        return Block((line,), question.id)
    head = clip(INDENT + label, columns)
    return Block((head, *wrap(value, indent=INDENT * 2, columns=columns)), question.id)


def answers_pages(
    engine: Engine, answers: Mapping[str, Any], screen: Screen = Screen()
) -> list[Page]:
    """The answers review: each section's answers on pages that fit the screen (the
    paragraphs written from them are in the report review, where they are edited)."""
    walk = engine.walk(answers)
    sections = engine.flow.sections
    pages: list[Page] = []
    # the questions asked and those earlier answers settled, with what each holds
    ids = {q.id for q in (*walk.visible, *walk.settled)}
    held = {**{q.id: walk.names[q.id] for q in walk.settled}, **answers}
    for number, section in enumerate(sections, start=1):
        blocks = [
            answer_block(q, label_of(q, walk.names), shown(q, held.get(q.id)), screen.columns)
            for q in section.questions
            if q.id in ids and not q.compose
        ]
        title = f"核对回答 {number}/{len(sections)}：{section.title}"
        empty = [Block((f"{INDENT}（这一部分没有要回答的问题）",))]
        pages += paginate(title, blocks or empty, screen.answers_lines)
    return pages


def page_menu(pages: Sequence[Page], at: int) -> list[tuple[str, str]]:
    """What the clerk can do under answers page `at`: on to the next page or section,
    change an answer shown here, back a page, or end this review."""
    page = pages[at]
    if at + 1 == len(pages):
        options = [("next", "核对完毕")]
    else:
        following = pages[at + 1].title
        number = re.search(r"（第 \d+/\d+ 页）$", following)
        if _section_of(following) == _section_of(page.title) and number:
            options = [("next", f"下一页{number.group(0)}")]
        else:
            options = [("next", f"下一部分：{clip(_section_of(following), 56)}")]
    if page.questions:
        options.append(("change", "修改本页的回答"))
    if at > 0:
        options.append(("back", "上一页"))
    if at + 1 < len(pages):
        options.append(("end", "结束核对回答"))
    return options


def _section_of(title: str) -> str:
    """What a page is about: its title without “核对回答 k/n：” and its page number."""
    return re.sub(r"^核对回答 \d+/\d+：|（第 \d+/\d+ 页）$", "", title)


def change_options(
    engine: Engine, answers: Mapping[str, Any], question_ids: Sequence[str]
) -> list[tuple[str, str]]:
    """Answers to choose one to change, each as “question：answer” clipped to one
    line, and a way back."""
    names = engine.names(answers)
    options = []
    for question_id in question_ids:
        question = engine.flow.question(question_id)
        held = answers.get(question_id, names.get(question_id))  # or settled
        value = shown(question, held).replace("\n", " ")
        options.append((question_id, clip(f"{label_of(question, names)}：{value}", 72)))
    return [*options, ("stay", "不改了，返回")]


# ---------------------------------------------------------------- the report review


@dataclass(frozen=True)
class Target:
    """What a number in the report review stands for: a text of the report (`part`:
    preamble, an overview part, problems, other_matters) or a row of one of its tables
    (`row`: section 二's rows, 三's data keys, 四's blocks), and what it is called."""

    part: str = ""
    row: str = ""
    label: str = ""


@dataclass(frozen=True)
class ReportReview:
    """The report review's pages, and what each number on them stands for."""

    pages: tuple[Page, ...]
    targets: tuple[Target, ...]  # the part numbered n is targets[n - 1]


def report_targets() -> tuple[Target, ...]:
    """Every numbered part of the report in report order: the numbers stay the same
    whatever the answers, so that a number once seen still means the same part."""
    from ..report.data import APPEAL_BLOCKS, APPLICATION_ROWS, OVERVIEW_PARTS, SECTION_TITLES

    return (
        Target(part="preamble", label="开头"),
        *(Target(part=key, label=label) for key, label in OVERVIEW_PARTS),
        *(Target(row=key, label=label) for key, label in PROACTIVE_ROWS),
        *(
            Target(row=spec.key, label=spec.group[:3] + SHORT_LABELS.get(spec.key, spec.label))
            for spec in APPLICATION_ROWS
        ),
        *(Target(row=key, label=label) for key, label in APPEAL_BLOCKS),
        Target(part="problems", label=SECTION_TITLES[4]),
        Target(part="other_matters", label=SECTION_TITLES[5]),
    )


def report_review(
    report: ReportData,
    findings: Sequence[Finding],
    screen: Screen = Screen(),
    *,
    failures: Sequence[str] = (),
    outdated: Mapping[str, str] | None = None,
    notes: Mapping[str, str] | None = None,
) -> ReportReview:
    """The review that is the report: the check results first (errors first), then the
    report as it will be published, every text marked 【n】 and every table row numbered,
    on pages that fit the screen. `failures`: the interview's own checks that fail;
    `outdated`: text part → the answers that changed under a text the clerk edited by
    hand (“…”, or "" when unknown), said in a ⚠ line under it; `notes`: table
    (proactive, applications, appeals) → a line over it (“（全县 32 个单位汇总）”)."""
    from ..report.data import OVERVIEW_PARTS, SECTION_TITLES

    targets = report_targets()
    parts = {t.part: n for n, t in enumerate(targets, 1) if t.part}
    rows = {t.row: n for n, t in enumerate(targets, 1) if t.row}
    columns, outdated = screen.columns, outdated or {}

    def text(part: str, value: str) -> Block:
        return text_block(parts[part], value, outdated.get(part), columns)

    blocks = check_blocks(report, findings, failures, columns)
    blocks += _titled(report.title, [text("preamble", report.preamble)])
    overview = [
        block
        for key, label in OVERVIEW_PARTS
        for block in _titled(f"{label}：", [text(key, getattr(report.overview, key))])
    ]
    broken = {key for finding in findings for key in finding.rows}
    tables = [
        _noted(Block(tuple(proactive_table(report, rows)), head=1), notes, "proactive"),
        _noted(matrix_block(report, broken, rows), notes, "applications"),
        _noted(Block(tuple(appeals_table(report, rows)), head=1), notes, "appeals"),
    ]
    bodies = [
        overview,
        *([table] for table in tables),
        [text("problems", report.problems)],
        [text("other_matters", report.other_matters)],
    ]
    for title, body in zip(SECTION_TITLES, bodies, strict=True):
        blocks += _titled(title, body)
    pages = paginate("核对报告", blocks, screen.report_lines)
    return ReportReview(tuple(pages), targets)


def _noted(block: Block, notes: Mapping[str, str] | None, table: str) -> Block:
    """A table with the line `notes` has for it over its header (repeated with it)."""
    note = (notes or {}).get(table)
    if not note:
        return block
    keep = frozenset(i + 1 for i in block.keep)
    return Block((note, *block.lines), block.question, block.head + 1, keep)


def _titled(title: str, blocks: Sequence[Block]) -> list[Block]:
    """`blocks` under a heading that stays with the first of them."""
    first = blocks[0]
    head = first.head + 1 if first.head else 0
    keep = frozenset(i + 1 for i in first.keep)
    return [Block((title, *first.lines), first.question, head, keep), *blocks[1:]]


def text_block(number: int, text: str, changed: str | None, columns: int) -> Block:
    """A text of the report marked 【n】, its lines hanging under the mark; a ⚠ line
    under it when answers it rests on changed after the clerk edited it by hand."""
    head = mark(number)
    hang = " " * width(head)
    lines = wrap(text.strip() or "（这一段是空的）", indent=hang, columns=columns)
    lines[0] = head + lines[0][len(hang) :]
    if changed is not None:
        lines += wrap(outdated_note(number, changed), indent=hang, columns=columns)
    return Block(tuple(lines))


def outdated_note(number: int, changed: str) -> str:
    """The ⚠ line under a text the clerk edited whose answers changed since."""
    what = f"之后{changed}的回答变了" if changed else "之后它依据的回答变了"
    return (
        f"⚠ 这一段是您改写过的；{what}，这一段没有跟着改。输入 {number} 修改"
        f"（会列出按新回答写的文字），输入 {number}新 改用新写的文字。"
    )


def check_blocks(
    report: ReportData, findings: Sequence[Finding], failures: Sequence[str], columns: int
) -> list[Block]:
    """The check results: one line when all is well, else the errors (and the
    interview's own failing checks) first, then the warnings, each pointing at the
    numbers of the texts or rows it concerns."""
    from ..report.checks import ERROR, LEVEL_NAMES

    errors = [f for f in findings if f.level == ERROR]
    warnings = [f for f in findings if f.level != ERROR]
    if not errors and not warnings and not failures:
        return [Block(("检查通过：表格勾稽关系和格式都没有问题。",))]
    count = len(errors) + len(failures)
    head = f"检查结果：{count} 个错误，改正后才能生成文件" if count else "检查结果：没有错误"
    head += f"；{len(warnings)} 条提醒。" if warnings else "。"
    pointers = finding_numbers(report)
    lines = [head]
    for message in failures:
        lines += wrap(f"✗ {message}", columns=columns)
    for finding in [*errors, *warnings]:
        sign = "✗" if finding.level == ERROR else "!"
        said = f"{sign} [{finding.rule} {LEVEL_NAMES[finding.level]}] {finding.place}："
        lines += wrap(said + finding.message + pointers(finding), columns=columns)
    return [Block(tuple(lines))]


def finding_numbers(report: ReportData) -> Callable[[Finding], str]:
    """A function: a finding → “（见【n】）” naming the numbered texts or rows it
    concerns ("" when it concerns none in particular)."""
    from ..report.checks import text_parts

    targets = report_targets()
    numbers = {t.row: n for n, t in enumerate(targets, 1) if t.row}
    texts = [n for n, t in enumerate(targets, 1) if t.part]
    places = {place: n for (place, _), n in zip(text_parts(report), texts, strict=True)}

    def pointer(finding: Finding) -> str:
        found = [numbers[key] for key in finding.rows if key in numbers]
        found += [places[finding.place]] if finding.place in places else []
        return f"（见{''.join(map(mark, found))}）" if found else ""

    return pointer


def review_prompt(at: int, count: int) -> str:
    """What to type under report page `at` of `count` (one line within 80 columns)."""
    if at + 1 < count:
        return f"第 {at + 1}/{count} 页。回车看下一页，输入编号修改，w 生成文件（? 看全部按键）"
    return f"最后一页（共 {count} 页）。输入 w 生成文件，输入编号修改（? 看全部按键）"


# ---------------------------------------------------------------- what is typed under a page


@dataclass(frozen=True)
class Action:
    """What the clerk typed under a report page: `kind` is next, back, help, jump, quit,
    write, formats, answers, edit (number), renew (number: take the newly written text)
    or wrong (`message` says what to type)."""

    kind: str
    number: int = 0
    message: str = ""


_COMMANDS = {Command.HELP: "help", Command.BACK: "back", Command.JUMP: "jump",
             Command.QUIT: "quit"}  # fmt: skip
_WORDS = {
    "": "next", "下一页": "next", "上一页": "back",
    "w": "write", "生成": "write", "生成文件": "write",
    "f": "formats", "格式": "formats", "文件格式": "formats",
    "a": "answers", "回答": "answers", "核对回答": "answers",
}  # fmt: skip
_NUMBER = re.compile(r"[【\[]?(新)?(\d{1,6})[】\]]?(新)?")


def review_action(reply: Reply, count: int) -> Action:
    """The clerk's reply under a report page, read; `count` numbers are in the report."""
    if isinstance(reply, Command):
        return Action(_COMMANDS[reply])
    text = re.sub(r"\s+", "", normalize(reply)).lower()
    if text in COMMAND_WORDS:
        return Action(_COMMANDS[COMMAND_WORDS[text]])
    if text in _WORDS:
        return Action(_WORDS[text])
    number = _NUMBER.fullmatch(text)
    if number is None:
        return Action("wrong", message=f"没看懂这个输入。{_KEYS}")
    value = int(number.group(2))
    if not 1 <= value <= count:
        return Action("wrong", message=f"没有编号 {value}：报告里的编号是 1 到 {count}。")
    return Action("renew" if number.group(1) or number.group(3) else "edit", value)


_KEYS = "回车看下一页，输入【】里的编号修改，w 生成文件，? 看全部按键。"

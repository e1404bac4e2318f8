"""The review and the preview as screens: pure functions from the flow, the answers and
the report to pages of lines, each of which fits an 80×24 terminal together with its
heading and the menu under it. No terminal library here; the conversation shows the
pages and asks what next.

A page is at most PAGE_LINES lines of at most SCREEN_COLUMNS display columns (a
Chinese character takes two). Tables are aligned by display width; the 25×7 section 三
table keeps every number and abbreviates its labels and headers.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..flow import expr
from ..flow.engine import Engine
from ..flow.kinds import kind_of
from ..flow.model import Question
from .tables import aligned, clip, width, wrap

if TYPE_CHECKING:
    from ..report.checks import Finding
    from ..report.data import ReportData

SCREEN_COLUMNS = 80
# 24 rows: a blank line and the page's heading (2), the page, and the menu under it
# (the question, the hint line, the prompt and up to four options: 7), one row spare.
PAGE_LINES = 14
INDENT = "  "


@dataclass(frozen=True)
class Page:
    """One screen of the review or the preview: its heading, its lines, and the
    questions whose answers it shows (to change one from here)."""

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
    apart: bool = False  # set off by a blank line even when of one line (a paragraph)


# ---------------------------------------------------------------- text to lines


def paginate(title: str, blocks: Sequence[Block], size: int = PAGE_LINES) -> list[Page]:
    """Blocks laid out on pages of at most `size` lines; a block that does not fit on
    the page begun goes to the next one, and one longer than a page is split (its head
    repeated on each page). Titles say “第 i/n 页” when there are several."""
    chunks: list[tuple[list[str], list[str]]] = [([], [])]
    previous = 0
    for block in blocks:
        lines, ids = chunks[-1]
        # single lines follow each other; a longer block is set off by a blank line
        gap = [""] if lines and (block.apart or len(block.lines) > 1 or previous > 1) else []
        previous = len(block.lines)
        room = size - len(lines) - len(gap)
        # a block that fits no page anyway starts here if a few of its lines fit
        split_here = len(block.lines) > size and room >= block.head + 3
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


def matrix_table(report: ReportData, broken: Collection[str] = ()) -> list[str]:
    """Section 三 of a report in 80 columns (see rows_table)."""
    return rows_table(report.applications, broken)


def rows_table(
    applications: Mapping[str, Sequence[int | None]], broken: Collection[str] = ()
) -> list[str]:
    """Section 三 in 80 columns: every row (data key → its seven cells, 总计 last) and
    number, labels and headers abbreviated (a legend line names the columns), ✗ on the
    rows in `broken`. Used by the review and by the ledger import."""
    from ..report.data import APPLICATION_ROWS
    from ..report.layout import cell_text

    table = [["", *SHORT_COLUMNS]]
    group = ""
    for spec in APPLICATION_ROWS:
        if spec.group and spec.group != group:
            group = spec.group
            table.append([f"{group[:3]}{GROUP_SHORT.get(group[:3], group[3:])}"])
        label = SHORT_LABELS.get(spec.key, spec.label)
        label = clip(("  " if spec.group else "") + label, LABEL_COLUMNS)
        mark = "✗" if spec.key in broken else ""
        table.append([label + mark, *map(cell_text, applications[spec.key])])
    return [*aligned(table, numeric_from=1, gap=" "), COLUMN_LEGEND]


def matrix_block(report: ReportData, broken: Collection[str] = ()) -> Block:
    """Section 三 as a block: its header repeated on every page, a group heading
    (（三）不予公开 …) never left at the foot of a page."""
    lines = matrix_table(report, broken)
    groups = {i for i, line in enumerate(lines) if i and line[:3] in GROUP_SHORT}
    return Block(tuple(lines), head=1, keep=frozenset(groups))


def appeals_table(report: ReportData) -> list[str]:
    """Section 四 turned on its side: one row per result, one column per kind of case."""
    from ..report.data import APPEAL_BLOCKS, APPEAL_RESULTS
    from ..report.layout import cell_text

    heads = ["行政复议", "诉讼·未经复议", "诉讼·复议后"]
    table = [["", *heads]]
    for i, result in enumerate([*APPEAL_RESULTS, "总计"]):
        table.append([result, *(cell_text(report.appeals[key][i]) for key, _ in APPEAL_BLOCKS)])
    return aligned(table, numeric_from=1)


def proactive_table(report: ReportData) -> list[str]:
    """Section 二's four small tables as one list of labelled numbers."""
    from ..report.data import DOC_COLUMNS, DOC_ROWS
    from ..report.layout import cell_text

    p = report.proactive
    table = [["第二十条第（一）项", *(c.replace("件数", "") for c in DOC_COLUMNS)]]
    for key, label in DOC_ROWS:
        counts = getattr(p, key)
        table.append([f"  {label}", *map(cell_text, (counts.issued, counts.repealed,
                                                      counts.in_force))])  # fmt: skip
    table += [
        ["第（五）项 行政许可决定", cell_text(p.licensing)],
        ["第（六）项 行政处罚决定", cell_text(p.penalty)],
        ["第（六）项 行政强制", cell_text(p.enforcement)],
        ["第（八）项 行政事业性收费（万元）", cell_text(p.fees_10k_yuan)],
    ]
    return aligned(table, numeric_from=1)


# ---------------------------------------------------------------- the review


def label_of(question: Question, names: Mapping[str, Any]) -> str:
    """A question's first line, as asked."""
    return (expr.render_text(question.text, names).splitlines() or [""])[0]


def shown(question: Question, value: Any) -> str:
    """An answer as the clerk would write it."""
    return "（未填）" if value is None else kind_of(question).show(question, value)


def answer_block(question: Question, label: str, value: str) -> Block:
    """An answer on one line after its question when it fits, else under it."""
    line = f"{INDENT}{label}  {value}"
    if "\n" not in value and width(line) <= SCREEN_COLUMNS:
        return Block((line,), question.id)
    head = clip(INDENT + label, SCREEN_COLUMNS)
    return Block((head, *wrap(value, indent=INDENT * 2)), question.id)


def paragraph_block(name: str, text: str, question: str | None = None) -> Block:
    """A written paragraph under its name."""
    return Block((f"{INDENT}【{name}】", *wrap(text or "（空）", indent=INDENT * 2)), question)


def paragraph_name(label: str, section_title: str) -> str:
    """What a written paragraph is called: the part its question quotes, else the section."""
    quoted = re.search(r"“([^”]+)”", label)
    return quoted.group(1) if quoted else section_title


def review_pages(
    engine: Engine,
    answers: Mapping[str, Any],
    report: ReportData,
    findings: Sequence[Finding],
) -> list[Page]:
    """The review: one section after another — its answers, then its paragraphs (the
    section 三 table and the （二） paragraph written from it included) — and then the
    check findings, each on pages that fit the screen."""
    walk = engine.walk(answers)
    failures = engine.failed_checks(answers)
    broken = {key for finding in findings for key in finding.rows}
    sections = engine.flow.sections
    pages: list[Page] = []
    # the questions asked and those earlier answers settled, with what each holds
    ids = {q.id for q in (*walk.visible, *walk.settled)}
    held = {**{q.id: walk.names[q.id] for q in walk.settled}, **answers}
    for number, section in enumerate(sections, start=1):
        asked = [q for q in section.questions if q.id in ids]
        blocks = [
            answer_block(q, label_of(q, walk.names), shown(q, held.get(q.id)))
            for q in asked
            if not q.compose
        ]
        if section.id == "applications":
            blocks += _applications_blocks(report, broken)
        blocks += [
            paragraph_block(
                paragraph_name(label_of(q, walk.names), section.title),
                kind_of(q).show(q, held.get(q.id, "")),
                q.id,
            )
            for q in asked
            if q.compose
        ]
        blocks += [
            Block(tuple(wrap(f"⚠ {f.message}"))) for f in failures if f.section == section.id
        ]
        title = f"核对 {number}/{len(sections)}：{section.title}"
        pages += paginate(title, blocks or [Block((f"{INDENT}（这一部分没有要回答的问题）",))])
    return pages + findings_pages(findings)


def _applications_blocks(report: ReportData, broken: Collection[str]) -> list[Block]:
    """Section 三's table (when there were applications) and the （二） paragraph."""
    blocks = []
    if report.total("new") or report.total("carried_over"):
        blocks.append(matrix_block(report, broken))
    name = "（二）依申请公开（按上面的回答写成）"
    return [*blocks, paragraph_block(name, report.overview.on_request)]


def findings_pages(findings: Sequence[Finding]) -> list[Page]:
    """The check findings on their own pages."""
    from ..report.checks import LEVEL_NAMES

    if not findings:
        blocks = [Block((f"{INDENT}检查通过：表格勾稽关系和格式都没有问题。",))]
    else:
        blocks = [
            Block(tuple(wrap(f"[{f.rule} {LEVEL_NAMES[f.level]}] {f.place}：{f.message}")))
            for f in findings
        ]
    return paginate("检查结果", blocks)


# ---------------------------------------------------------------- the preview


def preview_pages(report: ReportData) -> list[Page]:
    """The whole report as it will be written, paged: paragraphs wrapped, tables
    aligned within 80 columns, every heading on the page of what follows it."""
    from ..report.data import OVERVIEW_PARTS, SECTION_TITLES

    overview = [
        block
        for key, name in OVERVIEW_PARTS
        for block in _titled(name, _text_blocks(getattr(report.overview, key)))
    ]
    parts = [
        overview,
        [Block(tuple(proactive_table(report)), head=1)],
        [matrix_block(report)],
        [Block(tuple(appeals_table(report)), head=1)],
        _text_blocks(report.problems),
        _text_blocks(report.other_matters),
    ]
    blocks = [Block(tuple(wrap(report.title, indent=""))), *_text_blocks(report.preamble)]
    for title, part in zip(SECTION_TITLES, parts, strict=True):
        blocks += _titled(title, part)
    return paginate("报告预览", blocks)


def _titled(title: str, blocks: Sequence[Block]) -> list[Block]:
    """`blocks` under a heading that stays with the first of them."""
    if not blocks:
        return [Block((title,))]
    first = blocks[0]
    head = first.head + 1 if first.head else 0
    keep = frozenset(i + 1 for i in first.keep)
    return [Block((title, *first.lines), first.question, head, keep, first.apart), *blocks[1:]]


def _text_blocks(text: str) -> list[Block]:
    """Each paragraph of a text, wrapped, as its own block, one blank line between two
    paragraphs whatever their length (as the written report has them)."""
    return [
        Block(tuple(wrap(line.strip())), apart=True) for line in text.splitlines() if line.strip()
    ]


# ---------------------------------------------------------------- menus under a page


def page_menu(pages: Sequence[Page], at: int) -> list[tuple[str, str]]:
    """What the clerk can do under review page `at`: on to the next page or section,
    change an answer shown here, back a page, or end the review."""
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
        options.append(("end", "结束核对，到最后一步"))
    return options


def _section_of(title: str) -> str:
    """What a page is about: its title without “核对 k/n：” and its page number."""
    return re.sub(r"^核对 \d+/\d+：|（第 \d+/\d+ 页）$", "", title)


def preview_menu(pages: Sequence[Page], at: int) -> list[tuple[str, str]]:
    """Under preview page `at`: the next page, the one before, write, or change."""
    options = []
    if at + 1 < len(pages):
        options.append(("next", f"下一页（第 {at + 2}/{len(pages)} 页）"))
    if at > 0:
        options.append(("back", "上一页"))
    return [*options, ("write", "确认，生成文件"), ("change", "返回修改")]


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

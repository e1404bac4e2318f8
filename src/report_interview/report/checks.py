"""Consistency rules of report-format.md §7 on ReportData → findings.

Each rule is a function registered under its id; it gets a CheckContext (this year's
report and, when known, last year's) and yields Findings. Rules that need last year's
report (R5, R6, the baseline half of R11) yield nothing without it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from .data import (
    APPEAL_BLOCKS,
    APPEAL_RESULTS,
    APPLICANT_COLUMNS,
    APPLICATION_ROWS,
    DOC_COLUMNS,
    DOC_FIELDS,
    DOC_ROWS,
    FORMAT_2019,
    OLD_DOC_COLUMNS,
    OLD_OTHER_ROW,
    OUTCOME_KEYS,
    OVERVIEW_PARTS,
    ROW_BY_KEY,
    SECTION_TITLES,
    TOTAL_COLUMN,
    Cell,
    DocCounts,
    ReportData,
    sum_cells,
)
from .prose import (
    CARRIED_FORWARD,
    CARRIED_OVER,
    CONCLUDED,
    DOCS_IN_FORCE,
    DOCS_ISSUED,
    DOCS_REPEALED,
    LITIGATION,
    NEW,
    RECONSIDERATION,
    followed_up,
    is_near_copy,
    mentions_last_year,
    narrower_subject,
    plain_text,
    problem_phrases,
    stated_numbers,
    years_in,
)

ERROR = "error"
WARNING = "warning"
LEVEL_NAMES = {ERROR: "错误", WARNING: "警告"}

COLUMNS = (*APPLICANT_COLUMNS, TOTAL_COLUMN)
APPEAL_COLUMNS = (*APPEAL_RESULTS, TOTAL_COLUMN)
DOC_COLUMN_NAMES = dict(zip(DOC_FIELDS, DOC_COLUMNS, strict=True))


@dataclass(frozen=True)
class Finding:
    """One rule broken at one place; `place` and `message` are Chinese."""

    rule: str
    level: str
    place: str
    message: str
    rows: tuple[str, ...] = ()  # the section 三 rows (data keys) it concerns, for marking

    def as_dict(self) -> dict[str, str]:
        return {
            "rule": self.rule,
            "level": self.level,
            "place": self.place,
            "message": self.message,
        }


@dataclass(frozen=True)
class CheckContext:
    report: ReportData
    previous: ReportData | None = None


RuleFunc = Callable[[CheckContext], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    id: str
    level: str
    summary: str
    func: RuleFunc


RULES: dict[str, Rule] = {}


def rule(rule_id: str, level: str, summary: str) -> Callable[[RuleFunc], RuleFunc]:
    """Register a rule; later issues add R5/R6/R8/R9/R13 the same way."""

    def register(func: RuleFunc) -> RuleFunc:
        RULES[rule_id] = Rule(rule_id, level, summary, func)
        return func

    return register


def run_checks(report: ReportData, previous: ReportData | None = None) -> list[Finding]:
    """All findings, in rule order (R1, R2, … R13) and table order within a rule."""
    context = CheckContext(report, previous)
    ordered = sorted(RULES.values(), key=lambda r: int(r.id[1:]))
    return [finding for r in ordered for finding in r.func(context)]


def has_errors(findings: Sequence[Finding]) -> bool:
    return any(f.level == ERROR for f in findings)


def _place(*parts: str) -> str:
    return " · ".join(part for part in parts if part)


def _row_label(key: str) -> str:
    spec = ROW_BY_KEY[key]
    return f"{spec.group}{spec.label}" if spec.group else spec.label


_S3 = SECTION_TITLES[2]
_S4 = SECTION_TITLES[3]


def _col(report: ReportData, key: str, column: int) -> Cell:
    return report.applications[key][column]


def _known(*cells: Cell) -> bool:
    return all(cell is not None for cell in cells)


# ---------------------------------------------------------------- R1–R4: arithmetic


@rule("R1", ERROR, "三：每一列 新收 + 上年结转 = 办结总计 + 结转下年度")
def _r1(ctx: CheckContext) -> Iterator[Finding]:
    r = ctx.report
    for c, column in enumerate(COLUMNS):
        new, carried, concluded, forward = (
            _col(r, k, c) for k in ("new", "carried_over", "concluded", "carried_forward")
        )
        if new is None or carried is None or concluded is None or forward is None:
            continue
        if new + carried != concluded + forward:
            yield Finding(
                "R1",
                ERROR,
                _place(_S3, column),
                f"新收 {new} + 上年结转 {carried} = {new + carried}，"
                f"但办结总计 {concluded} + 结转下年度 {forward} = {concluded + forward}；"
                f"两者应相等（结转下年度应为 {new + carried - concluded}）。",
                ("new", "carried_over", "concluded", "carried_forward"),
            )


@rule("R2", ERROR, "三：每一列 （七）总计 = 21 个办理结果行之和")
def _r2(ctx: CheckContext) -> Iterator[Finding]:
    r = ctx.report
    for c, column in enumerate(COLUMNS):
        outcomes = [_col(r, k, c) for k in OUTCOME_KEYS]
        total, concluded = sum_cells(outcomes), _col(r, "concluded", c)
        if total is None or concluded is None or total == concluded:
            continue
        yield Finding(
            "R2",
            ERROR,
            _place(_S3, "（七）总计", column),
            f"（七）总计为 {concluded}，但（一）至（六）各项办理结果相加是 {total}；"
            f"总计应为 {total}，或核对各项结果。",
            ("concluded",),
        )


@rule("R3", ERROR, "三：每一行 总计 = 六类申请人之和")
def _r3(ctx: CheckContext) -> Iterator[Finding]:
    for spec in APPLICATION_ROWS:
        cells = ctx.report.applications[spec.key]
        parts, total = sum_cells(cells[:6]), cells[6]
        if parts is None or total is None or parts == total:
            continue
        yield Finding(
            "R3",
            ERROR,
            _place(_S3, _row_label(spec.key), TOTAL_COLUMN),
            f"总计为 {total}，但六类申请人相加是 {parts}（{'+'.join(map(str, cells[:6]))}）；"
            f"总计应为 {parts}。",
            (spec.key,),
        )


@rule("R4", ERROR, "四：每一块 总计 = 维持 + 纠正 + 其他 + 尚未审结")
def _r4(ctx: CheckContext) -> Iterator[Finding]:
    for key, name in APPEAL_BLOCKS:
        cells = ctx.report.appeals[key]
        parts, total = sum_cells(cells[:4]), cells[4]
        if parts is None or total is None or parts == total:
            continue
        yield Finding(
            "R4",
            ERROR,
            _place(_S4, name, TOTAL_COLUMN),
            f"总计为 {total}，但结果维持、结果纠正、其他结果、尚未审结相加是 {parts}"
            f"（{'+'.join(map(str, cells[:4]))}）；总计应为 {parts}。",
        )


# ---------------------------------------------------------------- R5, R6: against last year


@rule("R5", ERROR, "三：本年“上年结转”= 去年报告的“结转下年度继续办理”，逐列相等")
def _r5(ctx: CheckContext) -> Iterator[Finding]:
    if ctx.previous is None:
        return
    now, before = (
        ctx.report.applications["carried_over"],
        ctx.previous.applications["carried_forward"],
    )
    for c, column in enumerate(COLUMNS):
        if now[c] is None or before[c] is None or now[c] == before[c]:
            continue
        yield Finding(
            "R5",
            ERROR,
            _place(_S3, "二、上年结转政府信息公开申请数量", column),
            f"上年结转 {now[c]} 件，但 {ctx.previous.year} 年报告的“结转下年度继续办理”是 "
            f"{before[c]} 件；两者应相等，请按去年报告改为 {before[c]}。",
        )


_CLEANUP = re.compile("清理|失效|废止")
_SENTENCE = re.compile(r"[^。；;！!？?\n]*")


def _cleanup_excerpt(report: ReportData) -> str | None:
    """The sentence of section 一 that mentions a clean-up of documents, if any."""
    for key, _ in OVERVIEW_PARTS:
        text: str = getattr(report.overview, key)
        match = _CLEANUP.search(text)
        if match is not None:
            start = max(text.rfind(stop, 0, match.start()) for stop in "。；;！!？?\n") + 1
            sentence = _SENTENCE.match(text, start)
            excerpt = sentence.group().strip() if sentence else match.group()
            return excerpt if len(excerpt) <= 40 else excerpt[:39] + "…"
    return None


def _r6_message(now: DocCounts, before: int, expected: int, excerpt: str | None) -> str:
    """The R6 finding: the arithmetic, then what to do — with a clean-up named in 一,
    count its 失效/废止 documents as 本年废止, or explain the difference in the text."""
    assert now.in_force is not None
    gap = abs(now.in_force - expected)
    sums = (
        f"现行有效 {now.in_force} 件，但按去年现行有效 {before} + 本年制发 {now.issued} − "
        f"本年废止 {now.repealed} 应为 {expected} 件，相差 {gap} 件。"
    )
    if excerpt is not None:
        return (
            f"{sums}第一部分提到了文件清理（“{excerpt}”）：清理中宣布失效或废止的文件应计入"
            f"本年废止件数；若差额另有原因，请在正文写明这 {gap} 件的来由。"
        )
    return (
        f"{sums}若开展了文件清理，请把宣布失效或废止的文件计入本年废止件数，或在"
        "“（三）政府信息管理”中写明差额的原因；否则请核对。"
    )


@rule(
    "R6",
    WARNING,
    "现行有效件数 = 去年现行有效 + 本年制发 − 本年废止（清理中失效、废止的文件计入本年废止）",
)
def _r6(ctx: CheckContext) -> Iterator[Finding]:
    if ctx.previous is None:
        return
    excerpt = _cleanup_excerpt(ctx.report)
    for key, label in DOC_ROWS:
        now: DocCounts = getattr(ctx.report.proactive, key)
        before: DocCounts = getattr(ctx.previous.proactive, key)
        if not _known(now.issued, now.repealed, now.in_force, before.in_force):
            continue
        assert now.issued is not None and now.repealed is not None and before.in_force is not None
        expected = before.in_force + now.issued - now.repealed
        if now.in_force != expected:
            place = _place(SECTION_TITLES[1], label, "现行有效件数")
            yield Finding(
                "R6", WARNING, place, _r6_message(now, before.in_force, expected, excerpt)
            )


# ---------------------------------------------------------------- R7: every cell a number


def _all_cells(report: ReportData) -> Iterator[tuple[str, str, Cell, str | None]]:
    """Every table cell as (table, place within it, cell, section 三 row key), in table
    order; the place names the table's section, row and column."""
    s2 = SECTION_TITLES[1]
    p = report.proactive
    for key, label in DOC_ROWS:
        counts: DocCounts = getattr(p, key)
        for f in DOC_FIELDS:
            yield s2, _place(label, DOC_COLUMN_NAMES[f]), getattr(counts, f), None
    yield s2, _place("行政许可", "本年处理决定数量"), p.licensing, None
    yield s2, _place("行政处罚", "本年处理决定数量"), p.penalty, None
    yield s2, _place("行政强制", "本年处理决定数量"), p.enforcement, None
    for spec in APPLICATION_ROWS:
        for column, cell in zip(COLUMNS, report.applications[spec.key], strict=True):
            yield _S3, _place(_row_label(spec.key), column), cell, spec.key
    for key, name in APPEAL_BLOCKS:
        for column, cell in zip(APPEAL_COLUMNS, report.appeals[key], strict=True):
            yield _S4, _place(name, column), cell, None


_BLANK = "单元格为空或写了“/”；没有发生的事项请填 0。"
_SHOWN = 3  # up to this many blank cells of a table are found one by one; more, grouped


def _blank_findings(blanks: dict[str, list[tuple[str, str | None]]]) -> Iterator[Finding]:
    """Blank cells, one finding per table: a table left blank (125 cells of 三) is one
    finding saying how many and where the first ones are, not 125 lines."""
    for table, cells in blanks.items():
        rows = tuple(dict.fromkeys(key for _, key in cells if key))
        if len(cells) <= _SHOWN:
            for place, key in cells:
                yield Finding("R7", ERROR, _place(table, place), _BLANK, (key,) if key else ())
            continue
        shown = "；".join(place for place, _ in cells[:_SHOWN])
        yield Finding(
            "R7",
            ERROR,
            table,
            f"{len(cells)} 个单元格为空或写了“/”，如 {shown}等；没有发生的事项请填 0。",
            rows,
        )


@rule("R7", ERROR, "每个单元格都填数字：不留空、不写“/”；件数为非负整数")
def _r7(ctx: CheckContext) -> Iterator[Finding]:
    blanks: dict[str, list[tuple[str, str | None]]] = {}
    negative = []
    for table, place, cell, key in _all_cells(ctx.report):
        if cell is None:
            blanks.setdefault(table, []).append((place, key))
        elif cell < 0:
            negative.append(
                Finding(
                    "R7",
                    ERROR,
                    _place(table, place),
                    f"件数为负数 {cell}；件数只能是 0 或正整数。",
                    (key,) if key else (),
                )
            )
    fee = ctx.report.proactive.fees_10k_yuan
    if fee is None:
        blanks.setdefault(SECTION_TITLES[1], []).append(
            (_place("行政事业性收费", "本年收费金额（单位：万元）"), None)
        )
    yield from _blank_findings(blanks)
    yield from negative
    fee_place = _place(SECTION_TITLES[1], "行政事业性收费", "本年收费金额（单位：万元）")
    if fee is not None and fee < 0:
        yield Finding("R7", ERROR, fee_place, f"收费金额为负数 {fee}；请填 0 或正数（万元）。")


# ---------------------------------------------------------------- R8: numbers in the text

TABLE_LABELS: dict[str, str] = {
    NEW: "第三部分表格中本年新收总计",
    CARRIED_OVER: "第三部分表格中上年结转总计",
    CONCLUDED: "第三部分表格中本年度办结总计（（七）总计）",
    CARRIED_FORWARD: "第三部分表格中结转下年度继续办理总计",
    RECONSIDERATION: "第四部分表格中行政复议总计",
    LITIGATION: "第四部分表格中行政诉讼总计（未经复议直接起诉与复议后起诉之和）",
    DOCS_ISSUED: "第二部分表格中行政规范性文件本年制发件数",
    DOCS_REPEALED: "第二部分表格中行政规范性文件本年废止件数",
    DOCS_IN_FORCE: "第二部分表格中行政规范性文件现行有效件数",
}
_DOC_FIELD = {DOCS_ISSUED: "issued", DOCS_REPEALED: "repealed", DOCS_IN_FORCE: "in_force"}


def table_value(report: ReportData, quantity: str) -> Cell:
    """The table cell (or sum of cells) that a statement of `quantity` must equal."""
    if quantity in (NEW, CARRIED_OVER, CONCLUDED, CARRIED_FORWARD):
        return report.applications[quantity][6]
    if quantity == RECONSIDERATION:
        return report.appeals["reconsideration"][4]
    if quantity == LITIGATION:
        appeals = report.appeals
        return sum_cells(
            [appeals["litigation_direct"][4], appeals["litigation_after_reconsideration"][4]]
        )
    value: Cell = getattr(report.proactive.normative_documents, _DOC_FIELD[quantity])
    return value


def text_parts(report: ReportData) -> Iterator[tuple[str, str]]:
    """(place, text) of every narrative part, in report order."""
    yield "开头", report.preamble
    for key, label in OVERVIEW_PARTS:
        yield _place(SECTION_TITLES[0], label), getattr(report.overview, key)
    yield SECTION_TITLES[4], report.problems
    yield SECTION_TITLES[5], report.other_matters


@rule("R8", ERROR, "文中的数字与表格一致（新收、结转、办结、复议、诉讼、规范性文件件数）")
def _r8(ctx: CheckContext) -> Iterator[Finding]:
    for place, text in text_parts(ctx.report):
        for s in stated_numbers(text):
            table = table_value(ctx.report, s.quantity)
            if table is None or table == s.value:
                continue
            subject = narrower_subject(text, s.start) if s.value < table else None
            if subject is not None:
                yield Finding(
                    "R8",
                    WARNING,
                    place,
                    f"提示：文中写“{s.phrase}”，说的是“{subject}”，比本报告的机关或地区窄；"
                    f"{TABLE_LABELS[s.quantity]}为 {table} 件（可能是汇总数）。若表格是汇总数，"
                    "请在文中写明；否则请改成一致。",
                )
                continue
            yield Finding(
                "R8",
                ERROR,
                place,
                f"文中写“{s.phrase}”，但{TABLE_LABELS[s.quantity]}为 {table} 件；请改成一致。",
            )


# ---------------------------------------------------------------- R9: 信息处理费


def _mentions_processing_fee(text: str) -> bool:
    plain, _ = plain_text(text)
    return "信息处理费" in plain or ("收费" in plain and "信息处理" in plain)


@rule("R9", WARNING, "有“逾期未缴纳费用”的申请时，六应报告信息处理费")
def _r9(ctx: CheckContext) -> Iterator[Finding]:
    unpaid = ctx.report.applications["other_unpaid_fee"][6]
    if unpaid is None or unpaid <= 0 or _mentions_processing_fee(ctx.report.other_matters):
        return
    yield Finding(
        "R9",
        WARNING,
        SECTION_TITLES[5],
        f"第三部分表格中“申请人逾期未按收费通知要求缴纳费用”有 {unpaid} 件，说明本年度发出过"
        "收费通知；第六部分应报告信息处理费的收取情况，例如“本年度共收取信息处理费X元”或"
        "“本年度未收取信息处理费”。",
    )


# ---------------------------------------------------------------- R10: years in the text

_PERIOD = re.compile(r"自\s*(\d{4})\s*年\s*1\s*月\s*1\s*日起?至\s*(\d{4})\s*年\s*12\s*月\s*31\s*日")


def _stray_years(text: str, allowed: set[int], place: str, year: int) -> Iterator[Finding]:
    for found, excerpt in years_in(text):
        if found not in allowed and 2000 <= found <= 2100:
            yield Finding(
                "R10",
                WARNING,
                place,
                f"文中写了 {found} 年（“…{excerpt}…”），本报告是 {year} 年度的；"
                "是否沿用了往年的文字？请改为本年度的年份和情况。",
            )


@rule("R10", WARNING, "一至四所写年份都是报告年度（五中的计划可写下一年）；统计期限为报告年度")
def _r10(ctx: CheckContext) -> Iterator[Finding]:
    r = ctx.report
    here = {r.year}
    yield from _stray_years(r.preamble, here, "开头", r.year)
    for key, label in OVERVIEW_PARTS:
        yield from _stray_years(
            getattr(r.overview, key), here, _place(SECTION_TITLES[0], label), r.year
        )
    # 五 may name last year (what became of its problems) and the next (plans).
    yield from _stray_years(r.problems, {r.year - 1, r.year, r.year + 1}, SECTION_TITLES[4], r.year)
    for match in _PERIOD.finditer(r.preamble):
        if {int(match.group(1)), int(match.group(2))} != here:
            yield Finding(
                "R10",
                WARNING,
                _place("开头", "统计期限"),
                f"统计期限写的是“{match.group(0)}”，应为自{r.year}年1月1日起至{r.year}年12月31日止。",
            )


# ---------------------------------------------------------------- R11: repealed documents


@rule("R11", WARNING, "本年废止件数 ≤ 上年现行有效 + 本年制发；乡镇的规章一行为 0")
def _r11(ctx: CheckContext) -> Iterator[Finding]:
    r, s2 = ctx.report, SECTION_TITLES[1]
    regs = r.proactive.regulations
    if r.org.kind == "township" and any(getattr(regs, f) for f in DOC_FIELDS):
        yield Finding(
            "R11",
            WARNING,
            _place(s2, "规章"),
            f"乡镇、街道不能制定规章，规章一行应为 0/0/0，表中为 "
            f"{regs.issued}/{regs.repealed}/{regs.in_force}；是否把规范性文件填到了规章行？",
        )
    if ctx.previous is None:
        return
    for key, label in DOC_ROWS:
        now: DocCounts = getattr(r.proactive, key)
        before: DocCounts = getattr(ctx.previous.proactive, key)
        if not _known(now.repealed, now.issued, before.in_force):
            continue
        assert now.repealed is not None and now.issued is not None and before.in_force is not None
        limit = before.in_force + now.issued
        if now.repealed > limit:
            yield Finding(
                "R11",
                WARNING,
                _place(s2, label, "本年废止件数"),
                f"本年废止 {now.repealed} 件，多于上年现行有效 {before.in_force} 件加本年制发 "
                f"{now.issued} 件（共 {limit} 件）；废止的文件不可能比现有的多，请核对。",
            )


# ---------------------------------------------------------------- R12: old format


_OLD_PARTS = {
    OLD_OTHER_ROW: "第三部分表格只有一行“（六）其他处理”，2021 年格式分为“1.申请人无正当理由逾期不补正、"
    "行政机关不再处理其政府信息公开申请”“2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理"
    "其政府信息公开申请”“3.其他”三行",
    OLD_DOC_COLUMNS: "第二部分第二十条第（一）项的栏目是“本年新制作数量/本年新公开数量/对外公开总数量”，"
    "2021 年格式为“本年制发件数/本年废止件数/现行有效件数”",
}


@rule("R12", WARNING, "2021 年及以后的报告使用 2021 年格式的标签")
def _r12(ctx: CheckContext) -> Iterator[Finding]:
    r = ctx.report
    if r.format != FORMAT_2019 or r.year < 2021:
        return
    parts = [_OLD_PARTS[part] for part in r.old_layout if part in _OLD_PARTS]
    if parts:
        found = "；".join(parts)
        message = (
            f"本报告（{r.year} 年度）的表格与 2021 年格式不同：{found}。请按国办公开办函〔2021〕30号"
            "规定的格式改正这些栏目，其余部分已是 2021 年格式。"
        )
        rows = ("other_no_correction", "other_unpaid_fee", "other_other")
        yield Finding(
            "R12", WARNING, "整份报告", message, rows if OLD_OTHER_ROW in r.old_layout else ()
        )
        return
    yield Finding(
        "R12",
        WARNING,
        "整份报告",
        f"本报告（{r.year} 年度）用的是 2019 年试行格式（单行“（六）其他处理”或"
        "“本年新制作数量/本年新公开数量/对外公开总数量”等栏目）；2021 年及以后的报告应使用"
        "国办公开办函〔2021〕30号规定的格式。",
    )


# ---------------------------------------------------------------- R13: 五 follows up last year


def _follow_up_hint(report: ReportData) -> str:
    """How 五 reports on last year's problems, in the body's own words (我镇, 我局 …)."""
    who = report.org.self_name or "本机关"
    return f"例如“针对去年报告提出的……问题，{who}已……，整改情况是……”"


@rule("R13", WARNING, "五写明去年报告所提问题的整改情况，且不照抄去年的文字")
def _r13(ctx: CheckContext) -> Iterator[Finding]:
    text, place = ctx.report.problems, SECTION_TITLES[4]
    plain, _ = plain_text(text)
    if not plain.strip():
        yield Finding(
            "R13",
            WARNING,
            place,
            "第五部分为空；请写明去年报告所提问题的整改情况、今年存在的主要问题和改进措施。",
        )
        return
    if ctx.previous is None:
        if not mentions_last_year(plain, ctx.report.year):
            yield Finding(
                "R13",
                WARNING,
                place,
                "第五部分没有说明去年报告所提问题后来怎样了；请先写去年报告提出的问题整改得"
                f"怎样（{_follow_up_hint(ctx.report)}），再写今年存在的问题和改进措施。",
            )
        return
    yield from _compare_with_last_year(plain, ctx.previous.problems, place, ctx.report)


def _compare_with_last_year(
    plain: str, previous: str, place: str, report: ReportData
) -> Iterator[Finding]:
    if is_near_copy(plain, previous):
        yield Finding(
            "R13",
            WARNING,
            place,
            "第五部分与去年报告的第五部分几乎相同，像是照抄了去年的文字；请按今年的实际情况"
            "重写：去年的问题整改得怎样，今年还存在哪些具体问题，明年怎样改进。",
        )
        return
    problems = problem_phrases(previous)
    if problems and not followed_up(plain, [part for _, part in problems]):
        named = "".join(f"“{phrase[:30]}”" for phrase, _ in problems[:2])
        yield Finding(
            "R13",
            WARNING,
            place,
            f"去年报告提出的问题（如{named}）在今年第五部分中都没有提到；请写明这些问题的"
            f"整改情况（{_follow_up_hint(report)}）。",
        )

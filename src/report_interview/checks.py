"""Consistency rules of report-format.md §7 on ReportData → findings.

Each rule is a function registered under its id; it gets a CheckContext (this year's
report and, when known, last year's) and yields Findings. Rules that need last year's
report (R5, R6, the baseline half of R11) yield nothing without it.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from .report import (
    APPEAL_BLOCKS,
    APPEAL_RESULTS,
    APPLICANT_COLUMNS,
    APPLICATION_ROWS,
    DOC_FIELDS,
    DOC_ROWS,
    FORMAT_2019,
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

ERROR = "error"
WARNING = "warning"
LEVEL_NAMES = {ERROR: "错误", WARNING: "警告"}

COLUMNS = (*APPLICANT_COLUMNS, TOTAL_COLUMN)
APPEAL_COLUMNS = (*APPEAL_RESULTS, TOTAL_COLUMN)
DOC_COLUMN_NAMES = dict(
    zip(DOC_FIELDS, ("本年制发件数", "本年废止件数", "现行有效件数"), strict=True)
)


@dataclass(frozen=True)
class Finding:
    """One rule broken at one place; `place` and `message` are Chinese."""

    rule: str
    level: str
    place: str
    message: str

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


# ---------------------------------------------------------------- R7: every cell a number


def _all_cells(report: ReportData) -> Iterator[tuple[str, Cell]]:
    """Every table cell with its Chinese place, in table order."""
    s2 = SECTION_TITLES[1]
    p = report.proactive
    for key, label in DOC_ROWS:
        counts: DocCounts = getattr(p, key)
        for f in DOC_FIELDS:
            yield _place(s2, label, DOC_COLUMN_NAMES[f]), getattr(counts, f)
    yield _place(s2, "行政许可", "本年处理决定数量"), p.licensing
    yield _place(s2, "行政处罚", "本年处理决定数量"), p.penalty
    yield _place(s2, "行政强制", "本年处理决定数量"), p.enforcement
    for spec in APPLICATION_ROWS:
        for column, cell in zip(COLUMNS, report.applications[spec.key], strict=True):
            yield _place(_S3, _row_label(spec.key), column), cell
    for key, name in APPEAL_BLOCKS:
        for column, cell in zip(APPEAL_COLUMNS, report.appeals[key], strict=True):
            yield _place(_S4, name, column), cell


@rule("R7", ERROR, "每个单元格都填数字：不留空、不写“/”；件数为非负整数")
def _r7(ctx: CheckContext) -> Iterator[Finding]:
    for place, cell in _all_cells(ctx.report):
        if cell is None:
            yield Finding("R7", ERROR, place, "单元格为空或写了“/”；没有发生的事项请填 0。")
        elif cell < 0:
            yield Finding("R7", ERROR, place, f"件数为负数 {cell}；件数只能是 0 或正整数。")
    fee = ctx.report.proactive.fees_10k_yuan
    fee_place = _place(SECTION_TITLES[1], "行政事业性收费", "本年收费金额（单位：万元）")
    if fee is None:
        yield Finding("R7", ERROR, fee_place, "收费金额为空或写了“/”；没有收费请填 0。")
    elif fee < 0:
        yield Finding("R7", ERROR, fee_place, f"收费金额为负数 {fee}；请填 0 或正数（万元）。")


# ---------------------------------------------------------------- R8: numbers in the text

# Quantities that report texts state in words, and where each is in the tables.
NEW = "new"
CARRIED_OVER = "carried_over"
CONCLUDED = "concluded"
CARRIED_FORWARD = "carried_forward"
RECONSIDERATION = "reconsideration"
LITIGATION = "litigation"
DOCS_ISSUED = "documents_issued"
DOCS_REPEALED = "documents_repealed"
DOCS_IN_FORCE = "documents_in_force"
QUANTITIES = (
    NEW, CARRIED_OVER, CONCLUDED, CARRIED_FORWARD, RECONSIDERATION, LITIGATION,
    DOCS_ISSUED, DOCS_REPEALED, DOCS_IN_FORCE,
)  # fmt: skip

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


@dataclass(frozen=True)
class Statement:
    """A quantity the text states: its key (one of QUANTITIES), the number, and the
    words that state it as written in the text, starting at offset `start`."""

    quantity: str
    value: int
    phrase: str
    start: int


def plain_text(text: str) -> tuple[str, list[int]]:
    """The text NFKC-normalised (全角 digits → ASCII) without spaces or tabs, and each
    kept character's offset in the original text. Line breaks are kept."""
    chars: list[str] = []
    offsets: list[int] = []
    for i, char in enumerate(text):
        normal = unicodedata.normalize("NFKC", char)
        normal = normal if len(normal) == 1 else char
        if normal.isspace() and normal != "\n":
            continue
        chars.append(normal)
        offsets.append(i)
    return "".join(chars), offsets


_CN_NUMERALS = "〇零一二两三四五六七八九十"
_CN_VALUES = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}
# A statement never runs across the end of a clause or sentence.
_STOPS = "。；;!?！？,，:：、\n"
# Words that start another statement or a sub-count: the gap before a number never
# passes over them (so "行政复议结果维持1件" is not the 复议 total).
_BLOCKERS = (
    "复议|诉讼|起诉|结转|办结|答复|收到|新收|受理|废止|制发|印发|现行有效|规章|未|没有|无|"
    "予以|不予|部分|维持|纠正|其他|其中|审结|结果|自然人|法人|企业|机构|组织"
)


def _gap(most: int) -> str:
    return rf"(?:(?!{_BLOCKERS})[^{_STOPS}0-9]){{0,{most}}}?"


# The number of a statement: digits or a small Chinese numeral, then 件 (not 件次).
_NUM = (
    rf"(?<![0-9.{_CN_NUMERALS}逐每第同统唯])"
    rf"(?P<num>[0-9]+|[{_CN_NUMERALS}]{{1,3}})件(?!次)"
)
_APPLICATION = rf"{_gap(24)}申请(?!人){_gap(6)}"
_NUMBER_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (quantity, re.compile(pattern))
    for quantity, pattern in (
        (NEW, rf"(?<!未)(?<!没有)(?<!没)(?:新收|收到|受理|接收|接到){_APPLICATION}{_NUM}"),
        (CARRIED_OVER, rf"上一?年度?结转{_gap(12)}{_NUM}"),
        (CONCLUDED, rf"(?<![未没])办结{_gap(16)}{_NUM}"),
        (CONCLUDED, rf"(?:共|已|累计)答复{_gap(12)}{_NUM}"),
        (CARRIED_FORWARD, rf"(?:结转|转入)(?:至|到)?下一?年度?{_gap(8)}{_NUM}"),
        (RECONSIDERATION, rf"行政复议{_gap(8)}{_NUM}"),
        (LITIGATION, rf"行政诉讼{_gap(8)}{_NUM}"),
        (DOCS_ISSUED, rf"(?:制发|印发|制定|出台){_gap(6)}规范性文件{_gap(4)}{_NUM}"),
        (DOCS_REPEALED, rf"废止{_gap(6)}规范性文件{_gap(4)}{_NUM}"),
        (DOCS_REPEALED, rf"规范性文件{_gap(8)}废止{_gap(4)}{_NUM}"),
        (DOCS_IN_FORCE, rf"现行有效{_gap(6)}规范性文件{_gap(4)}{_NUM}"),
        (DOCS_IN_FORCE, rf"规范性文件{_gap(6)}现行有效{_gap(4)}{_NUM}"),
    )
)
# "未收到政府信息公开申请": no new application this year.
_NO_APPLICATION = re.compile(
    rf"(?:未|没有|没|无)新?(?:收到|受理|接到|接收){_gap(20)}申请(?!人)"
    r"|(?:无|没有)(?:任何)?(?:政府信息公开|依申请公开)申请(?!人)"
)
# "未发生……行政复议、行政诉讼": the clause names the kinds of case there were none of.
_NO_APPEAL = re.compile(
    rf"(?:未发生|没有发生|未出现|没有出现|未有|没有|未被|(?<![并毫])无)"
    rf"[^{_STOPS}0-9经]{{0,24}}?(?:行政复议|行政诉讼)"
)
_CLAUSE_END = re.compile(rf"[{_STOPS.replace('、', '')}]")
# Words before a statement, in its clause, that make it a part and not the total
# ("未经复议直接起诉的行政诉讼2件", "尚未审结的行政复议1件", "其中自然人收到…").
_PART_OF = re.compile("未经|直接|复议后|经复议|尚未|审结|维持|纠正|其中|自然人|法人|企业")


def chinese_number(text: str) -> int | None:
    """ASCII digits, or a Chinese numeral up to 九十九 (两 = 2); None for anything else."""
    if text.isascii() and text.isdigit():
        return int(text)
    tens, ten, ones = text.partition("十")
    if not ten:
        return _CN_VALUES.get(text) if len(text) == 1 else None
    if len(tens) > 1 or len(ones) > 1:
        return None
    high = _CN_VALUES.get(tens) if tens else 1
    low = _CN_VALUES.get(ones) if ones else 0
    if not high or low is None:
        return None
    return high * 10 + low


def _clause_before(plain: str, start: int) -> str:
    stops = [plain.rfind(stop, 0, start) for stop in _STOPS]
    return plain[max(stops) + 1 : start]


def _clause_end(plain: str, start: int) -> int:
    match = _CLAUSE_END.search(plain, start)
    return match.start() if match else len(plain)


def _numbers(plain: str) -> Iterator[tuple[str, int, int, int]]:
    """(quantity, value, start, end) of each number statement, in plain-text offsets."""
    for quantity, pattern in _NUMBER_PATTERNS:
        for match in pattern.finditer(plain):
            value = chinese_number(match.group("num"))
            if value is not None and not _PART_OF.search(_clause_before(plain, match.start())):
                yield quantity, value, match.start(), match.end()


def _zeros(plain: str) -> Iterator[tuple[str, int, int, int]]:
    """(quantity, 0, start, end) of each statement that something did not happen."""
    for match in _NO_APPLICATION.finditer(plain):
        yield NEW, 0, match.start(), _clause_end(plain, match.end())
    for match in _NO_APPEAL.finditer(plain):
        end = _clause_end(plain, match.end())
        clause = plain[match.start() : end]
        for word, quantity in (("行政复议", RECONSIDERATION), ("行政诉讼", LITIGATION)):
            if word in clause:
                yield quantity, 0, match.start(), end


def stated_numbers(text: str) -> list[Statement]:
    """Every quantity of QUANTITIES the text states, in text order.

    Tolerates spaces, 全角 digits, words between the subject and the number, and small
    Chinese numerals; numbers not followed by 件 (条, 次, 个, 元, 年 …) are never taken."""
    plain, offsets = plain_text(text)
    seen: set[tuple[str, int]] = set()
    statements: list[Statement] = []
    for quantity, value, start, end in (*_numbers(plain), *_zeros(plain)):
        if (quantity, end) in seen:
            continue
        seen.add((quantity, end))
        phrase = text[offsets[start] : offsets[end - 1] + 1].replace("\n", " ")
        statements.append(Statement(quantity, value, phrase, offsets[start]))
    return sorted(statements, key=lambda s: (s.start, QUANTITIES.index(s.quantity)))


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

# A year written in digits (2023 年) or in Chinese numerals (二〇二三年).
_YEAR = re.compile(r"(?<!\d)(\d{4})\s*年|([〇零一二三四五六七八九]{4})\s*年")
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
_PERIOD = re.compile(r"自\s*(\d{4})\s*年\s*1\s*月\s*1\s*日起?至\s*(\d{4})\s*年\s*12\s*月\s*31\s*日")


def years_in(text: str) -> Iterator[tuple[int, str]]:
    """Each year named in a text, with a short excerpt around it."""
    for match in _YEAR.finditer(text):
        digits, chinese = match.groups()
        year = int(digits) if digits else int("".join(str(_CN_DIGITS[c]) for c in chinese))
        start = max(match.start() - 6, 0)
        yield year, text[start : match.end() + 8].replace("\n", " ")


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


@rule("R12", WARNING, "2021 年及以后的报告使用 2021 年格式的标签")
def _r12(ctx: CheckContext) -> Iterator[Finding]:
    r = ctx.report
    if r.format == FORMAT_2019 and r.year >= 2021:
        yield Finding(
            "R12",
            WARNING,
            "整份报告",
            f"本报告（{r.year} 年度）用的是 2019 年试行格式（单行“（六）其他处理”或"
            "“本年新制作数量/本年新公开数量/对外公开总数量”等栏目）；2021 年及以后的报告应使用"
            "国办公开办函〔2021〕30号规定的格式。",
        )


# ---------------------------------------------------------------- R13: 五 follows up last year

_SENTENCES = re.compile(r"[。；;!?！？\n]")
_OUTCOME_WORDS = re.compile("整改|改进|落实|解决|完成|改善|建立|完善|针对|已")
# Words of a sentence that reports what became of a problem.
_REFERS_BACK = re.compile("针对|整改")
# Words that mark a phrase of 五 as a problem.
_PROBLEM_WORDS = (
    "不够|不足|有待|仍需|尚需|欠缺|滞后|较少|不高|不强|不规范|不到位|不及时|不全面|不完善|"
    "不充分|不够完善|薄弱|单一|不深入|不健全"
)
_PROBLEM = re.compile(_PROBLEM_WORDS)
_ITEMS = re.compile(r"[。；;!?！？\n]|[一二三四五六七八九十]是")
# Cut out of a problem phrase before taking its distinctive part: the problem words,
# words every report uses, and function words.
_FILLER = re.compile(
    rf"{_PROBLEM_WORDS}|政府信息公开|政务公开|信息公开|主要问题|主要是|主要|进一步|不断|方面|"
    "存在|问题|工作|一定|一些|较为|仍然|还有|还是|有所|加以|我镇|我局|我区|我县|我市|我委|"
    "本机关|本单位|[的了和与及]"
)
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{4,}")
_LEAD = re.compile(r"^(?:(?:存在的)?(?:主要)?问题(?:是|有|表现在)?|主要(?:是|有|表现在))[:：]?")


def _skeleton(text: str) -> str:
    """The text without whitespace and digits, NFKC-normalised: what a copy keeps."""
    plain, _ = plain_text(text)
    return re.sub(r"[\s0-9]", "", plain)


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCES.split(_skeleton(text)) if s]


def is_near_copy(text: str, previous: str) -> bool:
    """True when `text` repeats `previous`: 80% alike, or 80% of it in identical sentences."""
    this, last = _skeleton(text), _skeleton(previous)
    if not this or not last:
        return False
    if difflib.SequenceMatcher(None, this, last, autojunk=False).ratio() >= 0.8:
        return True
    old = set(_sentences(previous))
    mine = _sentences(text)
    copied, total = sum(len(s) for s in mine if s in old), sum(len(s) for s in mine)
    return total > 0 and copied >= 0.8 * total


def problem_phrases(text: str) -> list[tuple[str, str]]:
    """(phrase, distinctive part) of each problem named in a 五 text, in text order.

    A phrase is an item (split at 。；and 一是/二是…) with a problem word (不够, 有待 …),
    not an introduction ending in ： nor an account of an earlier problem's 整改;
    its distinctive part is its longest run of 4+ CJK characters once problem words,
    common words and function words are cut out. Phrases without one are left out."""
    found: list[tuple[str, str]] = []
    for item in _ITEMS.split(text):
        item = re.sub(r"\s+", "", item)
        phrase = _LEAD.sub("", item.strip(",，:："))
        plain, _ = plain_text(phrase)
        if item.endswith((":", "：")) or _REFERS_BACK.search(plain) or not _PROBLEM.search(plain):
            continue
        runs = _CJK_RUN.findall(_FILLER.sub(" ", plain))
        if runs:
            found.append((phrase, max(runs, key=len)))
    return found


def _followed_up(plain: str, parts: Sequence[str]) -> bool:
    """Whether a 五 text takes up any of last year's problems: names one's distinctive
    part, or shares four characters of it in a sentence that reports on a problem."""
    if any(part in plain for part in parts):
        return True
    windows = {part[i : i + 4] for part in parts for i in range(len(part) - 3)}
    back = [s for s in _SENTENCES.split(plain) if _REFERS_BACK.search(s)]
    return any(window in sentence for sentence in back for window in windows)


def _mentions_last_year(text: str, year: int) -> bool:
    last_year = re.compile(rf"去年|上一?年|{year - 1}年")
    return any(last_year.search(s) and _OUTCOME_WORDS.search(s) for s in _SENTENCES.split(text))


_FOLLOW_UP_HINT = "例如“针对去年报告提出的……问题，我镇已……，整改情况是……”"


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
        if not _mentions_last_year(plain, ctx.report.year):
            yield Finding(
                "R13",
                WARNING,
                place,
                "第五部分没有说明去年报告所提问题后来怎样了；请先写去年报告提出的问题整改得"
                f"怎样（{_FOLLOW_UP_HINT}），再写今年存在的问题和改进措施。",
            )
        return
    yield from _compare_with_last_year(plain, ctx.previous.problems, place)


def _compare_with_last_year(plain: str, previous: str, place: str) -> Iterator[Finding]:
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
    if problems and not _followed_up(plain, [part for _, part in problems]):
        named = "".join(f"“{phrase[:30]}”" for phrase, _ in problems[:2])
        yield Finding(
            "R13",
            WARNING,
            place,
            f"去年报告提出的问题（如{named}）在今年第五部分中都没有提到；请写明这些问题的"
            f"整改情况（{_FOLLOW_UP_HINT}）。",
        )

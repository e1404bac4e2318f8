"""A folder's reports as a county office sums them: each body once, the year's reports
only, and every file left out listed with the reason (nothing counted twice, nothing
dropped without a word). Pure: the files are read elsewhere (read/batch.py).

Which report of a body is kept when a folder holds two versions of it: the file changed
last; on equal times the one with fewer errors; then the first by path.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from .checks import ERROR, Finding, run_checks
from .data import (
    APPLICANT_COLUMNS,
    OUTCOME_KEYS,
    TOTAL_COLUMN,
    Cell,
    Overview,
    ReportData,
    plain_figure,
    sum_cells,
)
from .naming import body_key, key_variants, same_body
from .prose import proactive_count

DUPLICATE, OTHER_YEAR, NOT_A_REPORT, UNREADABLE, OWN_REPORT = (
    "duplicate",
    "other_year",
    "not_a_report",
    "unreadable",
    "own_report",
)
REASON_NAMES = {
    DUPLICATE: "重复",
    OTHER_YEAR: "其他年度",
    NOT_A_REPORT: "不是报告",
    UNREADABLE: "无法读取",
    OWN_REPORT: "本单位的报告",
}


@dataclass(frozen=True)
class Figure:
    """One column of a body's overview: key (JSON), group and label (the workbook)."""

    key: str
    group: str
    label: str


_P, _A, _C = "二、主动公开", "三、依申请公开（件）", "四、复议、诉讼（件）"
FIGURES = (
    Figure("proactive_items", _P, "主动公开信息（条，据正文）"),
    Figure("documents_issued", _P, "规范性文件制发"),
    Figure("documents_repealed", _P, "规范性文件废止"),
    Figure("documents_in_force", _P, "规范性文件现行有效"),
    Figure("licensing", _P, "行政许可"),
    Figure("penalty", _P, "行政处罚"),
    Figure("enforcement", _P, "行政强制"),
    Figure("fees_10k_yuan", _P, "行政事业性收费（万元）"),
    Figure("new", _A, "本年新收"),
    Figure("carried_over", _A, "上年结转"),
    Figure("concluded", _A, "办结"),
    Figure("carried_forward", _A, "结转下年度"),
    Figure("granted", _A, "予以公开"),
    Figure("partly_granted", _A, "部分公开"),
    Figure("denied", _A, "不予公开"),
    Figure("unavailable", _A, "无法提供"),
    Figure("rejected", _A, "不予处理"),
    Figure("other", _A, "其他处理"),
    Figure("reconsideration", _C, "行政复议"),
    Figure("reconsideration_corrected", _C, "复议纠正"),
    Figure("litigation", _C, "行政诉讼"),
    Figure("litigation_corrected", _C, "诉讼纠正"),
)
_GROUP_ROWS = {
    prefix: tuple(key for key in OUTCOME_KEYS if key.startswith(prefix))
    for prefix in ("denied", "unavailable", "rejected", "other")
}


def figures(report: ReportData) -> dict[str, Cell | Decimal]:
    """A body's figures of FIGURES, as its report prints them (None where it is blank)."""
    p, apps, appeals = report.proactive, report.applications, report.appeals
    docs = p.normative_documents
    litigation = (appeals["litigation_direct"], appeals["litigation_after_reconsideration"])
    values: dict[str, Cell | Decimal] = {
        "proactive_items": proactive_count(report.overview.proactive),
        "documents_issued": docs.issued,
        "documents_repealed": docs.repealed,
        "documents_in_force": docs.in_force,
        "licensing": p.licensing,
        "penalty": p.penalty,
        "enforcement": p.enforcement,
        "fees_10k_yuan": p.fees_10k_yuan,
        **{key: apps[key][6] for key in ("new", "carried_over", "concluded", "carried_forward")},
        "granted": apps["granted"][6],
        "partly_granted": apps["partly_granted"][6],
        **{key: sum_cells([apps[row][6] for row in rows]) for key, rows in _GROUP_ROWS.items()},
        "reconsideration": appeals["reconsideration"][4],
        "reconsideration_corrected": appeals["reconsideration"][1],
        "litigation": sum_cells([block[4] for block in litigation]),
        "litigation_corrected": sum_cells([block[1] for block in litigation]),
    }
    return values


def tables_only(report: ReportData, *, keep_problems: bool = False) -> ReportData:
    """The report without its prose (a few hundred numbers are what a batch keeps of
    each file); 五 kept when it is last year's report, for R13."""
    return replace(
        report,
        preamble="",
        overview=Overview(),
        problems=report.problems if keep_problems else "",
        other_matters="",
    )


@dataclass(frozen=True)
class Examined:
    """One report read and checked: what a batch keeps of it."""

    file: str
    mtime: float
    report: ReportData  # tables only
    findings: tuple[Finding, ...] = ()
    figures: Mapping[str, Cell | Decimal] = field(default_factory=dict)
    previous: Examined | None = None  # the body's own report of last year

    @property
    def key(self) -> str:
        return body_key(self.report.org.name)

    @property
    def errors(self) -> int:
        return sum(f.level == ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors

    @property
    def first_error(self) -> str:
        """The first error in words (rule, place, message), or ""."""
        first = next((f for f in self.findings if f.level == ERROR), None)
        return f"{first.rule} {first.place}：{first.message}" if first else ""


def examine(
    file: str, mtime: float, report: ReportData, previous: Examined | None = None
) -> Examined:
    """A report checked (with the body's last-year report when it is the year before),
    its figures taken, its prose dropped."""
    last = previous if previous is not None and previous.report.year == report.year - 1 else None
    findings = run_checks(report, last.report if last else None)
    return Examined(file, mtime, tables_only(report), tuple(findings), figures(report), last)


def last_year(file: str, mtime: float, report: ReportData) -> Examined:
    """Last year's report as this year's checks need it: tables, 五, figures."""
    return Examined(file, mtime, tables_only(report, keep_problems=True), (), figures(report))


@dataclass(frozen=True)
class LeftOut:
    """A file not summed, and why (reason: one of REASON_NAMES; message: Chinese); a
    duplicate names the file kept instead, and whether its figures differ from it."""

    file: str
    reason: str
    message: str
    org: str = ""
    year: int | None = None
    kept: str = ""  # DUPLICATE: the file of the same body summed instead
    differs: bool = False  # DUPLICATE: the two versions' figures are not the same


def left_out_line(item: LeftOut, *, within: str = "", mark: str = "") -> str:
    """A file left out as every listing says it, “[重复] 文件：why”; `within`: the
    folder read, whose paths are shown from inside it; `mark`: said before the reason
    (去年, for last year's folder)."""
    line = f"[{mark}{REASON_NAMES[item.reason]}] {item.file}：{item.message}"
    if not within:
        return line
    return line.replace(within.rstrip("/\\") + os.sep, "")


@dataclass(frozen=True)
class Collection:
    """The bodies of one year, each once, and the files left out."""

    year: int | None
    bodies: tuple[Examined, ...]
    left_out: tuple[LeftOut, ...]


class BodyIndex:
    """Bodies found by name, tolerant of 人民政府/办事处 and of a region written in front
    (naming.same_body); a name that could be two bodies finds none."""

    def __init__(self, bodies: Iterable[Examined] = ()) -> None:
        self._by_variant: dict[str, list[Examined]] = {}
        for body in bodies:
            self.add(body)

    def add(self, body: Examined) -> None:
        for variant in key_variants(body.key):
            self._by_variant.setdefault(variant, []).append(body)

    def find(self, name: str) -> Examined | None:
        key = body_key(name)
        near = {id(b): b for v in key_variants(key) for b in self._by_variant.get(v, [])}
        found = [body for body in near.values() if same_body(key, body.key)]
        return found[0] if len(found) == 1 else None


def majority_year(reports: Iterable[Examined]) -> int | None:
    """The year most reports are of (the later one on a tie), or None without reports."""
    counts = Counter(examined.report.year for examined in reports)
    return max(counts, key=lambda year: (counts[year], year)) if counts else None


def collect(
    examined: Sequence[Examined],
    failures: Sequence[LeftOut],
    year: int | None = None,
    year_said: str = "",
) -> Collection:
    """Each body of `year` (default: the majority year) once; the rest left out, a
    report of another year with `year_said` (what the year summed is, in words)."""
    year = year if year is not None else majority_year(examined)
    said = year_said or f"本次汇总的是 {year} 年度（按多数报告的年度，或 --year 指定）。"
    left = list(failures)
    order = {id(item): i for i, item in enumerate(examined)}
    groups: dict[int, list[Examined]] = {}  # by id of the group's first report
    index = BodyIndex()
    for item in examined:
        if item.report.year != year:
            left.append(_other_year(item, said))
            continue
        twin = index.find(item.report.org.name)
        if twin is None:
            groups[id(item)] = [item]
            index.add(item)
        else:
            groups[id(twin)].append(item)
    bodies = []
    for group in groups.values():
        kept = max(group, key=lambda e: (e.mtime, -e.errors, -order[id(e)]))
        bodies.append(kept)
        left += (_duplicate(other, kept) for other in group if other is not kept)
    bodies.sort(key=lambda e: order[id(e)])
    return Collection(year, tuple(bodies), tuple(left))


def _other_year(item: Examined, said: str) -> LeftOut:
    return LeftOut(
        item.file,
        OTHER_YEAR,
        f"这是 {item.report.year} 年度的报告，{said}",
        item.report.org.name,
        item.report.year,
    )


def _duplicate(item: Examined, kept: Examined) -> LeftOut:
    """A second version of a body's report: which was kept and why, and whether the two
    give the same figures — two different versions need the body to say which is final
    (a county office would otherwise sum whichever file was saved last)."""
    why = "修改时间较晚" if kept.mtime != item.mtime else "错误较少或排在前面"
    difference = version_difference(item, kept)
    same = (
        f"两份的数字不同（{difference}），请与该单位核实哪一份是定稿"
        if difference
        else "两份的表格数字相同"
    )
    return LeftOut(
        item.file,
        DUPLICATE,
        f"与 {kept.file} 是同一单位（{kept.report.org.name}）同一年度的报告，{same}；"
        f"保留了{why}的 {kept.file}，这一份未计入。",
        item.report.org.name,
        item.report.year,
        kept=kept.file,
        differs=bool(difference),
    )


def _shown(value: Cell | Decimal | None) -> str:
    return "空" if value is None else str(plain_figure(value))


def version_difference(item: Examined, kept: Examined) -> str:
    """The first figure two versions of one report give differently, in words
    (“本年新收：这一份 5，保留的一份 10”); "" when their tables are the same."""
    for figure in FIGURES:
        this, other = item.figures.get(figure.key), kept.figures.get(figure.key)
        if this != other:
            return f"{figure.label}：这一份 {_shown(this)}，保留的一份 {_shown(other)}"
    a, b = item.report, kept.report
    same = (a.proactive, a.applications, a.appeals) == (b.proactive, b.applications, b.appeals)
    return "" if same else "表格中有数字不同"


def set_aside(collection: Collection, own: str) -> Collection:
    """The collection without the reports of the body `own` names: a government summing
    its area leaves its own report (a draft saved among its bodies' reports) out."""
    key = body_key(own)
    if not key:
        return collection
    mine = [body for body in collection.bodies if same_body(key, body.key)]
    if not mine:
        return collection
    left = [
        LeftOut(
            body.file,
            OWN_REPORT,
            f"这是本单位（{own}）自己的报告，不计入各单位的汇总。",
            body.report.org.name,
            body.report.year,
        )
        for body in mine
    ]
    gone = {id(body) for body in mine}
    kept = tuple(body for body in collection.bodies if id(body) not in gone)
    return Collection(collection.year, kept, (*collection.left_out, *left))


def missing_this_year(collection: Collection, previous: Collection) -> tuple[Examined, ...]:
    """Last year's bodies with no report this year."""
    matched = {id(body.previous) for body in collection.bodies if body.previous is not None}
    return tuple(body for body in previous.bodies if id(body) not in matched)


def carry_gap(examined: Examined) -> str:
    """R5 across the two folders in words: "" when this year's 上年结转 equals last year's
    结转下年度 column by column (or last year's report is not known)."""
    if examined.previous is None:
        return ""
    now = examined.report.applications["carried_over"]
    before = examined.previous.report.applications["carried_forward"]
    columns = (*APPLICANT_COLUMNS, TOTAL_COLUMN)
    differ = [
        f"{name}：本年上年结转 {a}，去年结转下年度 {b}"
        for name, a, b in zip(columns, now, before, strict=True)
        if a is not None and b is not None and a != b
    ]
    return "；".join(differ)

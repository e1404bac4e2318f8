"""ReportData: the whole report as typed data (report-format.md §6), and its JSON form.

ReportData is the hub of the program: interviews produce it, published texts are read
into it, and renderers and checks consume only it. This module is stdlib only.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from .text_rules import TextError, check_text, for_display

# A table cell: a count, or None where a published report left it blank or wrote "/".
Cell = int | None

FORMAT_2021 = "2021"
FORMAT_2019 = "2019"
FORMATS = (FORMAT_2021, FORMAT_2019)
OLD_OTHER_ROW = "other_single_row"  # 三 has one （六）其他处理 row, not its three items
OLD_DOC_COLUMNS = "doc_columns_2019"  # 二's 本年新制作数量/本年新公开数量/对外公开总数量

ORG_KINDS: Mapping[str, str] = {
    "township": "乡镇人民政府或街道办事处",
    "county_department": "县级政府部门",
    "county_government": "县级人民政府",
    "city_department": "市级政府部门",
    "city_government": "市级人民政府",
    "other": "其他机关",
}
# 人民政府 (a township's included): their reports state 考核、评议、追责 (条例第五十条).
GOVERNMENT_KINDS = frozenset({"township", "county_government", "city_government"})
# Governments of an area above a township: they publish by 31 March, and their tables
# may be the area's sum (report-format.md §10).
AREA_GOVERNMENTS = frozenset({"county_government", "city_government"})

SECTION_TITLES = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)
OVERVIEW_PARTS: tuple[tuple[str, str], ...] = (
    ("proactive", "（一）主动公开"),
    ("on_request", "（二）依申请公开"),
    ("management", "（三）政府信息管理"),
    ("platforms", "（四）政府信息公开平台建设"),
    ("oversight", "（五）监督保障"),
)

APPLICANT_COLUMNS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
# The same columns as the interview names them (flows/annual_report.yaml applicant_types).
APPLICANT_KEYS = (
    "natural",
    "business",
    "research",
    "public_interest",
    "legal_service",
    "other_org",
)
TOTAL_COLUMN = "总计"


@dataclass(frozen=True)
class RowSpec:
    """One numeric row of the section 三 matrix: data key, printed label, group label."""

    key: str
    label: str
    group: str = ""


_GRANTED = "（一）予以公开"
_PARTLY = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
DENIED_GROUP = "（三）不予公开"
UNAVAILABLE_GROUP = "（四）无法提供"
REJECTED_GROUP = "（五）不予处理"
OTHER_GROUP = "（六）其他处理"
RESULTS_LABEL = "三、本年度办理结果"

APPLICATION_ROWS: tuple[RowSpec, ...] = (
    RowSpec("new", "一、本年新收政府信息公开申请数量"),
    RowSpec("carried_over", "二、上年结转政府信息公开申请数量"),
    RowSpec("granted", _GRANTED),
    RowSpec("partly_granted", _PARTLY),
    RowSpec("denied_state_secret", "1.属于国家秘密", DENIED_GROUP),
    RowSpec("denied_prohibited_by_law", "2.其他法律行政法规禁止公开", DENIED_GROUP),
    RowSpec("denied_security_stability", "3.危及“三安全一稳定”", DENIED_GROUP),
    RowSpec("denied_third_party", "4.保护第三方合法权益", DENIED_GROUP),
    RowSpec("denied_internal_affairs", "5.属于三类内部事务信息", DENIED_GROUP),
    RowSpec("denied_process_info", "6.属于四类过程性信息", DENIED_GROUP),
    RowSpec("denied_enforcement_file", "7.属于行政执法案卷", DENIED_GROUP),
    RowSpec("denied_inquiry_matter", "8.属于行政查询事项", DENIED_GROUP),
    RowSpec("unavailable_not_held", "1.本机关不掌握相关政府信息", UNAVAILABLE_GROUP),
    RowSpec("unavailable_needs_creation", "2.没有现成信息需要另行制作", UNAVAILABLE_GROUP),
    RowSpec("unavailable_unclear", "3.补正后申请内容仍不明确", UNAVAILABLE_GROUP),
    RowSpec("rejected_petition", "1.信访举报投诉类申请", REJECTED_GROUP),
    RowSpec("rejected_duplicate", "2.重复申请", REJECTED_GROUP),
    RowSpec("rejected_publication", "3.要求提供公开出版物", REJECTED_GROUP),
    RowSpec("rejected_excessive", "4.无正当理由大量反复申请", REJECTED_GROUP),
    RowSpec("rejected_confirmation", "5.要求行政机关确认或重新出具已获取信息", REJECTED_GROUP),
    RowSpec(
        "other_no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        OTHER_GROUP,
    ),
    RowSpec(
        "other_unpaid_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        OTHER_GROUP,
    ),
    RowSpec("other_other", "3.其他", OTHER_GROUP),
    RowSpec("concluded", "（七）总计"),
    RowSpec("carried_forward", "四、结转下年度继续办理"),
)
APPLICATION_KEYS = tuple(row.key for row in APPLICATION_ROWS)
ROW_BY_KEY: Mapping[str, RowSpec] = {row.key: row for row in APPLICATION_ROWS}
# The 21 outcome rows whose sum is （七）总计 (rule R2).
OUTCOME_KEYS = APPLICATION_KEYS[2:-2]

APPEAL_BLOCKS: tuple[tuple[str, str], ...] = (
    ("reconsideration", "行政复议"),
    ("litigation_direct", "行政诉讼·未经复议直接起诉"),
    ("litigation_after_reconsideration", "行政诉讼·复议后起诉"),
)
APPEAL_KEYS = tuple(key for key, _ in APPEAL_BLOCKS)
APPEAL_RESULTS = ("结果维持", "结果纠正", "其他结果", "尚未审结")

DOC_FIELDS = ("issued", "repealed", "in_force")
DOC_COLUMNS = ("本年制发件数", "本年废止件数", "现行有效件数")  # their column headers
DOC_ROWS: tuple[tuple[str, str], ...] = (
    ("regulations", "规章"),
    ("normative_documents", "行政规范性文件"),
)


MAX_REPORT_TEXT_CHARS = 200_000  # one text field of report data (a whole section at most)


class ReportDataError(ValueError):
    """Report data of the wrong shape; the message is Chinese and names the key."""


@dataclass(frozen=True)
class Org:
    name: str
    self_name: str = ""
    kind: str = "other"

    def __post_init__(self) -> None:
        """A body's name is one line of text whichever reader or builder made it: it
        becomes the title and the file name."""
        for label, text in (("org.name", self.name), ("org.self", self.self_name)):
            try:
                check_text(text, one_line=True)
            except TextError as exc:
                raise ReportDataError(f"“{label}”：{exc}") from None

    @property
    def is_government(self) -> bool:
        """A 人民政府 (townships included) must also report 考核、评议、追责 (条例第五十条)."""
        return self.kind in GOVERNMENT_KINDS


@dataclass(frozen=True)
class DocCounts:
    """One row of 第二十条第（一）项: 本年制发件数, 本年废止件数, 现行有效件数."""

    issued: Cell = 0
    repealed: Cell = 0
    in_force: Cell = 0


@dataclass(frozen=True)
class Proactive:
    """Section 二. The fee is 万元 as an exact decimal; None when left blank."""

    regulations: DocCounts = field(default_factory=DocCounts)
    normative_documents: DocCounts = field(default_factory=DocCounts)
    licensing: Cell = 0
    penalty: Cell = 0
    enforcement: Cell = 0
    fees_10k_yuan: Decimal | None = Decimal(0)

    def __post_init__(self) -> None:
        """An amount no writer could print (1E+999999999 is a gigabyte of digits) is
        refused whichever reader or builder made it."""
        problem = amount_problem(self.fees_10k_yuan)
        if problem:
            raise ReportDataError(f"“proactive.fees_10k_yuan”{problem}。")


# Plausible sizes: a count no body reaches, an amount in 万元 (10^8 万元 = 1 万亿元).
MAX_CELL = 100_000_000
MAX_AMOUNT_10K_YUAN = Decimal(100_000_000)
AMOUNT_PLACES = 6
_MAX_NUMBER_TEXT = 40


def amount_problem(value: Decimal | None) -> str | None:
    """Why a 万元 amount is not plausible (Chinese), or None: finite, at most
    MAX_AMOUNT_10K_YUAN in size, at most AMOUNT_PLACES decimals."""
    if value is None:
        return None
    if not value.is_finite():
        return "应为有限的数字"
    too_many_digits = value.adjusted() > MAX_AMOUNT_10K_YUAN.adjusted()  # before any arithmetic
    if too_many_digits or value.copy_abs() > MAX_AMOUNT_10K_YUAN:
        return f"超出合理范围（最多 {MAX_AMOUNT_10K_YUAN} 万元）"
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -AMOUNT_PLACES:
        return f"最多保留 {AMOUNT_PLACES} 位小数"
    return None


@dataclass(frozen=True)
class Overview:
    proactive: str = ""
    on_request: str = ""
    management: str = ""
    platforms: str = ""
    oversight: str = ""


def _zero_matrix() -> dict[str, tuple[Cell, ...]]:
    return {key: (0,) * 7 for key in APPLICATION_KEYS}


def _zero_appeals() -> dict[str, tuple[Cell, ...]]:
    return {key: (0,) * 5 for key in APPEAL_KEYS}


@dataclass(frozen=True)
class ReportData:
    """A whole report. Matrix rows are 7-tuples (six applicant columns, 总计 last);
    appeal blocks are 5-tuples (维持, 纠正, 其他, 尚未审结, 总计); totals as printed."""

    org: Org
    year: int
    format: str = FORMAT_2021
    preamble: str = ""
    overview: Overview = field(default_factory=Overview)
    proactive: Proactive = field(default_factory=Proactive)
    applications: Mapping[str, tuple[Cell, ...]] = field(default_factory=_zero_matrix)
    appeals: Mapping[str, tuple[Cell, ...]] = field(default_factory=_zero_appeals)
    problems: str = ""
    other_matters: str = ""
    # Which parts of a published report are in the 2019 layout (OLD_OTHER_ROW,
    # OLD_DOC_COLUMNS), as read; not part of the data, so not compared nor in the JSON.
    old_layout: tuple[str, ...] = field(default=(), compare=False)

    @property
    def title(self) -> str:
        return f"{self.org.name}{self.year}年政府信息公开工作年度报告"

    def row(self, key: str) -> tuple[Cell, ...]:
        return self.applications[key]

    def total(self, key: str) -> Cell:
        """The 总计 cell of a matrix row, as printed."""
        return self.applications[key][6]


def sum_cells(cells: Sequence[Cell]) -> Cell:
    """The sum of cells, or None when any of them is blank."""
    if any(cell is None for cell in cells):
        return None
    return sum(cell for cell in cells if cell is not None)


def computed_rows(rows: Mapping[str, Sequence[Cell]]) -> dict[str, list[Cell]]:
    """（七）总计 (the sum of the 21 outcome rows) and 四、结转下年度 (new + carried over −
    concluded), six columns each, from the rows that are asked. A `concluded` row in
    `rows` is taken as given; a blank cell leaves its results blank."""
    given = rows.get("concluded")
    outcomes = [sum_cells([rows[k][c] for k in OUTCOME_KEYS]) for c in range(6)]
    concluded = list(given)[:6] if given is not None else outcomes
    in_hand = [sum_cells([rows["new"][c], rows["carried_over"][c]]) for c in range(6)]
    forward = [
        None if total is None or done is None else total - done
        for total, done in zip(in_hand, concluded, strict=True)
    ]
    return {"concluded": concluded, "carried_forward": forward}


def with_total(cells: Sequence[Cell]) -> tuple[Cell, ...]:
    """Append the computed total to a row given without one."""
    return (*cells, sum_cells(cells))


# ---------------------------------------------------------------- JSON → ReportData


def _dumped(value: object) -> str:
    """The start of a value as JSON, quoted back in a message (never the whole of it)."""
    if isinstance(value, str):
        return json.dumps(value[:40], ensure_ascii=False)
    if isinstance(value, list | dict):
        return "[…]" if isinstance(value, list) else "{…}"
    if isinstance(value, int) and value.bit_length() > 128:
        return "（位数太多的数）"
    return json.dumps(value, ensure_ascii=False)


def _fail(path: str, expected: str, value: object = ...) -> ReportDataError:
    got = "" if value is ... else f"，实际是 {for_display(_dumped(value)[:40])}"
    return ReportDataError(f"“{path}”应为{expected}{got}。")


def _obj(value: object, path: str, allowed: Sequence[str]) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise _fail(path or "整个文件", "一个 JSON 对象（{…}）", value)
    unknown = [key for key in value if key not in allowed]
    if unknown:
        where = f"“{path}”中" if path else ""
        raise ReportDataError(
            f"{where}有未知的键“{unknown[0]}”；允许的键是：{'、'.join(allowed)}。"
        )
    return value


def _require(obj: Mapping[str, Any], key: str, path: str) -> Any:
    if key not in obj:
        raise ReportDataError(f"缺少“{_join(path, key)}”。")
    return obj[key]


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _text(value: object, path: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _fail(path, "文字（字符串）", value)
    try:
        return check_text(value, max_chars=MAX_REPORT_TEXT_CHARS)
    except TextError as exc:
        raise ReportDataError(f"“{path}”：{exc}") from None


def _cell(value: object, path: str) -> Cell:
    if value is None:
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        if abs(value) > MAX_CELL:
            raise ReportDataError(f"“{path}”超出合理范围（最多 {MAX_CELL}）。")
        return value
    raise _fail(path, "整数或 null（空格）", value)


def _cells(value: object, path: str, width: int) -> tuple[Cell, ...]:
    """A row given with (width) or without (width - 1) its total."""
    if not isinstance(value, list) or len(value) not in (width - 1, width):
        raise _fail(
            path, f"由 {width - 1} 个数（不含总计）或 {width} 个数（含总计）组成的列表", value
        )
    cells = tuple(_cell(item, f"{path}[{i}]") for i, item in enumerate(value))
    return cells if len(cells) == width else with_total(cells)


def _decimal(value: object, path: str) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise _fail(path, '写成字符串的数字（如 "9116.36"），不要用小数浮点数', value)
    text = str(value).strip() if isinstance(value, str) else None
    if text is not None and len(text) > _MAX_NUMBER_TEXT:
        raise _fail(path, '数字，如 "0" 或 "9116.36"')
    try:
        number = Decimal(text) if text is not None else Decimal(cast(int, value))
    except InvalidOperation:
        raise _fail(path, '数字，如 "0" 或 "9116.36"', value) from None
    problem = amount_problem(number)
    if problem:
        raise ReportDataError(f"“{path}”{problem}。")
    return number


def _doc_counts(value: object, path: str) -> DocCounts:
    obj = _obj(value, path, DOC_FIELDS)
    return DocCounts(*(_cell(_require(obj, k, path), _join(path, k)) for k in DOC_FIELDS))


def _proactive(value: object) -> Proactive:
    keys = ("regulations", "normative_documents", "licensing", "penalty", "enforcement")
    obj = _obj(value, "proactive", (*keys, "fees_10k_yuan"))
    return Proactive(
        regulations=_doc_counts(_require(obj, "regulations", "proactive"), "proactive.regulations"),
        normative_documents=_doc_counts(
            _require(obj, "normative_documents", "proactive"), "proactive.normative_documents"
        ),
        licensing=_cell(_require(obj, "licensing", "proactive"), "proactive.licensing"),
        penalty=_cell(_require(obj, "penalty", "proactive"), "proactive.penalty"),
        enforcement=_cell(_require(obj, "enforcement", "proactive"), "proactive.enforcement"),
        fees_10k_yuan=_decimal(
            _require(obj, "fees_10k_yuan", "proactive"), "proactive.fees_10k_yuan"
        ),
    )


def _rows(value: object, path: str, keys: Sequence[str], width: int) -> dict[str, tuple[Cell, ...]]:
    obj = _obj(value, path, keys)
    return {key: _cells(_require(obj, key, path), _join(path, key), width) for key in keys}


def _org(value: object) -> Org:
    obj = _obj(value, "org", ("name", "self", "kind"))
    name = _text(_require(obj, "name", "org"), "org.name").strip()
    if not name:
        raise ReportDataError("“org.name”（机关名称）不能为空。")
    try:
        check_text(name, one_line=True)
    except TextError as exc:
        raise ReportDataError(f"“org.name”：{exc}") from None
    kind = _text(obj.get("kind", "other"), "org.kind")
    if kind not in ORG_KINDS:
        raise _fail("org.kind", f"以下之一：{'、'.join(ORG_KINDS)}", kind)
    return Org(name=name, self_name=_text(obj.get("self"), "org.self"), kind=kind)


def _year(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 2008 <= value <= 2100:
        raise _fail("year", "四位数的年份，如 2023", value)
    return value


TOP_KEYS = (
    "format", "org", "year", "preamble", "overview", "proactive",
    "applications", "appeals", "problems", "other_matters",
)  # fmt: skip


def report_from_dict(data: object) -> ReportData:
    """Build ReportData from the JSON shape; raises ReportDataError naming the bad key."""
    obj = _obj(data, "", TOP_KEYS)
    fmt = _text(obj.get("format", FORMAT_2021), "format")
    if fmt not in FORMATS:
        raise _fail("format", "“2021”或“2019”", fmt)
    overview = _obj(obj.get("overview", {}), "overview", [k for k, _ in OVERVIEW_PARTS])
    return ReportData(
        org=_org(_require(obj, "org", "")),
        year=_year(_require(obj, "year", "")),
        format=fmt,
        preamble=_text(obj.get("preamble"), "preamble"),
        overview=Overview(**{k: _text(v, _join("overview", k)) for k, v in overview.items()}),
        proactive=_proactive(_require(obj, "proactive", "")),
        applications=_rows(_require(obj, "applications", ""), "applications", APPLICATION_KEYS, 7),
        appeals=_rows(_require(obj, "appeals", ""), "appeals", APPEAL_KEYS, 5),
        problems=_text(obj.get("problems"), "problems"),
        other_matters=_text(obj.get("other_matters"), "other_matters"),
    )


_MAX_JSON_DIGITS = 15  # no count has more; int() refuses over 4,300 digits with a ValueError


def _json_int(digits: str) -> int:
    """A JSON integer, refused in Chinese when it is longer than any count can be."""
    if len(digits.lstrip("-")) > _MAX_JSON_DIGITS:
        raise ReportDataError(f"数字“{digits[:12]}…”有 {len(digits)} 位，不可能是件数；请核对。")
    return int(digits)


def load_report_json(text: str) -> ReportData:
    """Parse report data JSON text; every failure is a ReportDataError in Chinese."""
    try:
        data = json.loads(text, parse_int=_json_int, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise ReportDataError(
            f"不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列附近有格式错误。"
        ) from None
    except RecursionError:
        raise ReportDataError("不是报告数据：嵌套太深。") from None
    except ReportDataError:  # _json_int's own message names the number
        raise
    except ValueError:  # an integer of thousands of digits, NaN, Infinity
        raise ReportDataError("有超出合理范围的数字（位数太多，或 NaN、Infinity）。") from None
    return report_from_dict(data)


def _no_constant(name: str) -> Any:
    raise ValueError(name)


# ---------------------------------------------------------------- ReportData → JSON


def format_decimal(value: Decimal | None) -> str | None:
    """A 万元 amount as plain text: never exponent notation, no float rounding."""
    return None if value is None else format(value, "f")


def plain_figure(value: Cell | Decimal) -> int | str | None:
    """A figure as JSON holds it: counts as numbers, 万元 amounts as decimal strings,
    a blank cell as None."""
    return format_decimal(value) if isinstance(value, Decimal) else value


def report_to_dict(report: ReportData) -> dict[str, Any]:
    """The JSON shape of report-format.md §6, totals included."""
    p = report.proactive
    return {
        "format": report.format,
        "org": {"name": report.org.name, "self": report.org.self_name, "kind": report.org.kind},
        "year": report.year,
        "preamble": report.preamble,
        "overview": {key: getattr(report.overview, key) for key, _ in OVERVIEW_PARTS},
        "proactive": {
            "regulations": {k: getattr(p.regulations, k) for k in DOC_FIELDS},
            "normative_documents": {k: getattr(p.normative_documents, k) for k in DOC_FIELDS},
            "licensing": p.licensing,
            "penalty": p.penalty,
            "enforcement": p.enforcement,
            "fees_10k_yuan": format_decimal(p.fees_10k_yuan),
        },
        "applications": {key: list(report.applications[key]) for key in APPLICATION_KEYS},
        "appeals": {key: list(report.appeals[key]) for key in APPEAL_KEYS},
        "problems": report.problems,
        "other_matters": report.other_matters,
    }


def dump_report_json(report: ReportData) -> str:
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n"

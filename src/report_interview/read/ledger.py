"""An application ledger (依申请公开台账) → the section 三 matrix. Pure, stdlib only.

A ledger is one row per application: who applied, when it was received and answered,
and how it was answered. This module finds the header row and the columns, reads the
dates, sorts each row into an applicant column and an outcome row (by the words clerks
write, or by the clerk's own earlier answers, the `Mappings`), and counts the matrix,
keeping for every cell the ledger row numbers counted in it. What it cannot decide with
certainty it does not guess: unknown values and bad rows are returned for the dialogue
(chat/ledger.py) or the command line to resolve. Reading files is read/ledger_files.py.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from ..report.data import (
    APPLICANT_COLUMNS,
    APPLICANT_KEYS,
    APPLICATION_KEYS,
    APPLICATION_ROWS,
    OUTCOME_KEYS,
)

Cell = Any  # str, int, float, date, datetime or None, as a sheet gives it


class LedgerError(Exception):
    """A ledger that cannot be used; the message (Chinese) says what to do."""


@dataclass(frozen=True)
class Sheet:
    """One sheet of a workbook (a CSV file is one sheet); rows[i] is sheet row i + 1."""

    name: str
    rows: tuple[tuple[Cell, ...], ...]


# ---------------------------------------------------------------- columns

FIELDS = ("applicant", "received", "answered", "result", "number")
FIELD_NAMES = {
    "applicant": "申请人（或申请人类型）",
    "received": "收到申请的日期",
    "answered": "答复（办结）日期",
    "result": "处理结果",
    "number": "编号",
}
REQUIRED = ("applicant", "received", "result")
_DATE_WORDS = ("日期", "时间", "日")
_RECEIVED_WORDS = ("收到", "受理", "申请日期", "申请时间", "登记", "收件", "接收")
_ANSWERED_WORDS = ("答复", "办结", "回复", "告知", "完成", "出具")
_RESULT_WORDS = ("结果", "答复类型", "答复方式", "答复情况", "办理情况", "处理情况", "处理方式")
_TYPE_WORDS = ("申请人类型", "申请人性质", "申请人类别", "申请主体类型", "申请人身份")
_APPLICANT_WORDS = ("申请人", "申请单位", "申请主体", "姓名", "名称")
_NUMBER_WORDS = ("编号", "受理号", "登记号", "文号")


def _plain(text: Cell) -> str:
    """A cell as normalised text: NFKC (全角 → 半角), no spaces or line breaks."""
    if text is None:
        return ""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text)))


def header_field(header: str) -> tuple[str, int] | None:
    """Which field a header names and how surely (2 beats 1), or None."""
    text = _plain(header)
    if not text:
        return None
    if any(w in text for w in _DATE_WORDS) and not any(w in text for w in _RESULT_WORDS):
        if any(w in text for w in _RECEIVED_WORDS):
            return "received", 2
        if any(w in text for w in _ANSWERED_WORDS):
            return "answered", 2
    if any(w in text for w in _RESULT_WORDS):
        return "result", 2
    if any(w in text for w in _TYPE_WORDS):
        return "applicant", 2
    if any(w in text for w in _APPLICANT_WORDS) and "日期" not in text:
        return "applicant", 1
    if any(w in text for w in _NUMBER_WORDS):
        return "number", 2
    if text == "序号":
        return "number", 1
    return None


def guess_columns(headers: Sequence[str]) -> dict[str, int]:
    """field → column index, the surest header of each field (leftmost on a tie)."""
    best: dict[str, tuple[int, int]] = {}
    for index, header in enumerate(headers):
        found = header_field(header)
        if found and (found[0] not in best or found[1] > best[found[0]][0]):
            best[found[0]] = (found[1], index)
    return {name: index for name, (_, index) in best.items()}


@dataclass(frozen=True)
class Layout:
    """Where the ledger is: its sheet, header row (1-based), headers and columns."""

    sheet: str
    header_row: int
    headers: tuple[str, ...]
    columns: Mapping[str, int]


HEADER_SCAN = 20  # header rows sit at the top, under at most a few title rows


def find_layouts(sheets: Sequence[Sheet], known: Mapping[str, str] | None = None) -> list[Layout]:
    """Every sheet's ledger header: the first row (of the top 20) naming an applicant, a
    received date and a result, by its words or by the clerk's `known` headers (field →
    header text). Sheets without one are left out."""
    found = []
    for sheet in sheets:
        for number, row in enumerate(sheet.rows[:HEADER_SCAN], start=1):
            headers = tuple(_plain(cell) for cell in row)
            columns = guess_columns(headers)
            for name, header in (known or {}).items():  # "" = the ledger has no such column
                if not _plain(header):
                    columns.pop(name, None)
                elif _plain(header) in headers:
                    columns[name] = headers.index(_plain(header))
            if all(name in columns for name in REQUIRED):
                found.append(Layout(sheet.name, number, headers, columns))
                break
    return found


def choose_layout(
    sheets: Sequence[Sheet], year: int, sheet_name: str = "", known: Mapping[str, str] | None = None
) -> Layout:
    """The ledger's layout: the named sheet's, else the one of a sheet named with the
    report year, else the first. LedgerError (Chinese) when no sheet has data or header."""
    if not any(_data_rows(sheet.rows) for sheet in sheets):
        raise LedgerError("台账是空的，没有任何数据。请确认选对了文件，或换用其他方式填写。")
    layouts = find_layouts(sheets, known)
    if not layouts:
        words = "、".join(FIELD_NAMES[name] for name in REQUIRED)
        raise LedgerError(
            f"在台账前 {HEADER_SCAN} 行里找不到表头（应有{words}等列）。"
            "请在表头一行写上这些列名后重新导入，或换用其他方式填写。"
        )
    for layout in layouts:
        if layout.sheet == sheet_name:
            return layout
    dated = [layout for layout in layouts if str(year) in layout.sheet]
    return (dated or layouts)[0]


def _data_rows(rows: Iterable[Sequence[Cell]]) -> bool:
    return any(_plain(cell) for row in rows for cell in row)


def samples(sheet: Sheet, layout: Layout, column: int, count: int = 3) -> list[str]:
    """The first few non-empty values of a column under the header, to confirm it."""
    found: list[str] = []
    for row in sheet.rows[layout.header_row :]:
        value = show_cell(row[column]) if column < len(row) else ""
        if value and value not in found:
            found.append(value)
        if len(found) == count:
            break
    return found


def show_cell(cell: Cell) -> str:
    """A cell as the clerk would read it (a date as 2024-03-05)."""
    if isinstance(cell, datetime):
        return cell.date().isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return "" if cell is None else str(cell).strip()


# ---------------------------------------------------------------- dates

_EXCEL_EPOCH = date(1899, 12, 30)
_DATE = re.compile(r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?")
_EMPTY_DATES = {"", "-", "—", "/", "无", "未答复", "未办结", "办理中", "正在办理"}


def parse_date(cell: Cell) -> date | None:
    """A date cell → date; None when empty. Excel dates, serial numbers (45356),
    2024-03-05, 2024.3.5, 2024/3/5, 2024年3月5日, 20240305. ValueError otherwise."""
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return _serial(float(cell))
    text = _plain(cell)
    if text in _EMPTY_DATES:
        return None
    match = _DATE.match(text)
    if match:
        return date(*(int(part) for part in match.groups()))
    if re.fullmatch(r"\d{8}", text):
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    if re.fullmatch(r"\d{4,5}(\.\d+)?", text):
        return _serial(float(text))
    raise ValueError(text)


def _serial(value: float) -> date:
    """An Excel serial day number (1900 date system) → date."""
    if not 1 <= value < 2958466:
        raise ValueError(str(value))
    return _EXCEL_EPOCH + timedelta(days=int(value))


# ---------------------------------------------------------------- values → table

APPLICANT_LABELS = dict(zip(APPLICANT_KEYS, APPLICANT_COLUMNS, strict=True))
_APPLICANT_TYPES = {
    "自然人": "natural", "个人": "natural", "公民": "natural", "群众": "natural",
    "商业企业": "business", "企业": "business", "公司": "business",
    "科研机构": "research", "社会公益组织": "public_interest",
    "法律服务机构": "legal_service", "律师事务所": "legal_service",
    "其他": "other_org", "其他组织": "other_org",
}  # fmt: skip
_APPLICANT_WORDS_BY_KEY = (
    ("legal_service", ("律师事务所", "律所", "法律服务所", "公证处", "司法鉴定")),
    ("research", ("研究院", "研究所", "研究中心", "科学院", "大学", "学院", "学校")),
    ("public_interest", ("协会", "基金会", "学会", "促进会", "公益", "志愿者")),
    ("business", ("公司", "企业", "厂", "合作社", "商行", "集团", "有限合伙", "个体工商户")),
    ("other_org", ("委员会", "村委会", "居委会", "工会", "联合会", "商会")),
)
# The commonest surnames; a short name beginning with one is a person.
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚"
    "邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳"
    "甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解"
    "牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边"
    "卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗"
    "燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索"
    "宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危"
    "玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"
)
_MASKED = re.compile(r"^[\u4e00-\u9fff][某*＊×xX]{1,3}$|^[\u4e00-\u9fff]{1,2}[某*＊×]{1,2}$")
_ORG_HINTS = ("局", "院", "所", "站", "社", "会", "处", "中心", "部", "办", "队", "馆", "政府")


def classify_applicant(text: str) -> str | None:
    """An applicant cell → its column key when the words make it certain, else None.
    A lawyer applying in their own name (张三（律师）) is a person: 自然人."""
    plain = re.sub(r"[（(][^）)]*[）)]", "", _plain(text))
    if not plain:
        return None
    if plain in _APPLICANT_TYPES:
        return _APPLICANT_TYPES[plain]
    for key, words in _APPLICANT_WORDS_BY_KEY:
        if any(word in plain for word in words):
            return key
    if _MASKED.match(plain):
        return "natural"
    person = 2 <= len(plain) <= 4 and re.fullmatch(r"[\u4e00-\u9fff·]+", plain)
    if person and plain[0] in _SURNAMES and not any(h in plain for h in _ORG_HINTS):
        return "natural"
    return None


# Outcome words, most specific first: the first rule whose words occur decides.
_OUTCOME_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("partly_granted", ("部分公开", "区分处理")),
    ("denied_state_secret", ("国家秘密",)),
    ("denied_security_stability", ("三安全一稳定", "国家安全", "公共安全", "经济安全", "社会稳定")),
    ("denied_third_party", ("第三方", "个人隐私", "商业秘密")),
    ("denied_internal_affairs", ("内部事务", "人事管理", "后勤管理", "内部工作流程")),
    ("denied_process_info", ("过程性", "讨论记录", "过程稿", "磋商信函", "请示报告")),
    ("denied_enforcement_file", ("执法案卷",)),
    ("denied_inquiry_matter", ("行政查询",)),
    ("denied_prohibited_by_law", ("法律行政法规禁止", "法律法规禁止", "禁止公开")),
    ("unavailable_not_held", ("不掌握", "信息不存在", "未制作", "未保存", "未获取")),
    ("unavailable_needs_creation", ("另行制作", "加工", "汇总分析")),
    ("unavailable_unclear", ("仍不明确", "内容不明确", "不明确")),
    ("rejected_petition", ("信访", "举报", "投诉")),
    ("rejected_duplicate", ("重复申请",)),
    ("rejected_publication", ("公开出版物", "出版物")),
    ("rejected_excessive", ("大量反复", "反复申请")),
    ("rejected_confirmation", ("要求确认", "要求行政机关确认", "重新出具")),
    ("other_no_correction", ("不补正", "未补正", "逾期补正")),
    ("other_unpaid_fee", ("缴纳", "缴费", "收费通知")),
    ("other_other", ("其他处理",)),
    ("granted", ("予以公开", "全部公开", "同意公开", "已公开", "公开")),
)
PENDING_WORDS = ("办理中", "正在办理", "未办结", "未答复", "延期答复", "待答复")


def classify_outcome(text: str) -> str | None:
    """A result cell → its outcome row key when the words make it certain, else None
    (不予公开 without a reason, for example, could be any of eight rows)."""
    plain = _plain(text)
    if not plain or any(word in plain for word in PENDING_WORDS):
        return None
    for key, words in _OUTCOME_WORDS:
        if any(word in plain for word in words):
            if key == "granted" and ("不予" in plain or "不公开" in plain):
                return None
            return key
    return None


@dataclass(frozen=True)
class Mappings:
    """The clerk's decisions, saved with the interview and offered again next year:
    value text → applicant key or outcome key, the columns by header, the sheet, and
    rows left out (by sheet!row, for this file only)."""

    applicant: Mapping[str, str] = field(default_factory=dict)
    outcome: Mapping[str, str] = field(default_factory=dict)
    columns: Mapping[str, str] = field(default_factory=dict)  # field → header text
    sheet: str = ""
    skipped: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"applicant": dict(self.applicant), "outcome": dict(self.outcome),
                "columns": dict(self.columns), "sheet": self.sheet,
                "skipped": list(self.skipped)}  # fmt: skip

    @classmethod
    def from_json(cls, data: Any) -> Mappings:
        """Mappings from stored JSON or a mappings file; entries of the wrong kind are
        refused with LedgerError naming them."""
        if not isinstance(data, Mapping):
            return cls()
        applicant = _mapping(data.get("applicant"), set(APPLICANT_KEYS), "applicant")
        outcome = _mapping(data.get("outcome"), set(OUTCOME_KEYS), "outcome")
        columns = _mapping(data.get("columns"), None, "columns")
        bad_fields = sorted(set(columns) - set(FIELDS))
        if bad_fields:
            raise LedgerError(
                f"columns 里的“{'、'.join(bad_fields)}”不是台账的列；可用：{'、'.join(FIELDS)}。"
            )
        skipped = tuple(str(item) for item in data.get("skipped") or ())
        return cls(applicant, outcome, columns, str(data.get("sheet") or ""), skipped)

    def decided(self, kind: str, text: str, key: str) -> Mappings:
        """These mappings with one value decided by the clerk (kind: applicant, outcome)."""
        entry = {_plain(text): key}
        other = Mappings(applicant=entry) if kind == "applicant" else Mappings(outcome=entry)
        return self.merged(other)

    def merged(self, other: Mappings) -> Mappings:
        """These mappings with `other`'s entries added on top (other wins)."""
        return Mappings(
            {**self.applicant, **other.applicant},
            {**self.outcome, **other.outcome},
            {**self.columns, **other.columns},
            other.sheet or self.sheet,
            tuple(dict.fromkeys((*self.skipped, *other.skipped))),
        )


def _mapping(data: Any, allowed: set[str] | None, name: str) -> dict[str, str]:
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise LedgerError(f"{name} 应是“台账里的文字: 分类”的对应表。")
    result = {}
    for text, key in data.items():
        key = APPLICANT_BY_LABEL.get(_plain(key), OUTCOME_BY_LABEL.get(_plain(key), str(key)))
        if allowed is not None and key not in allowed:
            raise LedgerError(f"{name} 里“{text}”对应的“{key}”不是可用的分类。")
        result[_plain(text) if allowed is not None else str(text)] = key
    return result


# Labels a mappings file may use instead of keys (自然人, 予以公开 …).
APPLICANT_BY_LABEL = {label: key for key, label in APPLICANT_LABELS.items()} | {
    "其他组织": "other_org"
}


def _outcome_labels() -> dict[str, str]:
    """Every way a mappings file may name an outcome row: 4.保护第三方合法权益,
    保护第三方合法权益, （三）4.保护第三方合法权益, 予以公开, 部分公开 …"""
    labels: dict[str, str] = {"予以公开": "granted", "部分公开": "partly_granted"}
    for spec in APPLICATION_ROWS:
        if spec.key in OUTCOME_KEYS:
            bare = re.sub(r"^\d+\.", "", spec.label)
            for label in (spec.label, bare, f"{spec.group[:3]}{spec.label}"):
                labels[_plain(label)] = spec.key
    return labels


OUTCOME_BY_LABEL = _outcome_labels()


def applicant_of(text: str, mappings: Mappings) -> str | None:
    """The clerk's mapping of an applicant value first, else the words."""
    return mappings.applicant.get(_plain(text)) or classify_applicant(text)


def outcome_of(text: str, mappings: Mappings) -> str | None:
    return mappings.outcome.get(_plain(text)) or classify_outcome(text)


# ---------------------------------------------------------------- rows → matrix


@dataclass(frozen=True)
class Entry:
    """One application of the ledger, its cells as text (dates parsed)."""

    row: int  # the sheet's row number, as Excel or WPS shows it
    number: str
    applicant: str
    received: date | None
    answered: date | None
    result: str


@dataclass(frozen=True)
class Issue:
    """A row that cannot be counted as it stands: what is wrong and what to do."""

    row: int
    message: str


@dataclass(frozen=True)
class Unknown:
    """A value (applicant or result text) the words do not decide, with its rows."""

    kind: str  # "applicant" or "outcome"
    text: str
    rows: tuple[int, ...]


_TOTAL_WORDS = ("合计", "总计", "小计", "共计")


def read_entries(sheet: Sheet, layout: Layout) -> tuple[list[Entry], list[Issue]]:
    """The application rows under the header; blank rows and total rows are skipped,
    rows whose dates cannot be read become issues."""
    entries: list[Entry] = []
    issues: list[Issue] = []
    columns = layout.columns
    for number, row in enumerate(sheet.rows[layout.header_row :], start=layout.header_row + 1):
        texts = [_plain(cell) for cell in row]
        if not any(texts) or any(t.startswith(_TOTAL_WORDS) for t in texts if t):
            continue  # a blank row, or a 合计/总计 row (in whichever column it is written)

        def cell(name: str, row: tuple[Cell, ...] = row) -> Cell:
            index = columns.get(name)
            return row[index] if index is not None and index < len(row) else None

        dates: dict[str, date | None] = {}
        for name in ("received", "answered"):
            try:
                dates[name] = parse_date(cell(name))
            except ValueError:
                issues.append(Issue(number, f"{FIELD_NAMES[name]}“{show_cell(cell(name))}”"
                                    "看不出是哪一天：请改成 2024-03-05 这样的日期后重新导入"))  # fmt: skip
                break
        else:
            entries.append(Entry(number, show_cell(cell("number")), show_cell(cell("applicant")),
                                 dates["received"], dates["answered"], show_cell(cell("result"))))  # fmt: skip
    return entries, issues


def row_issues(entries: Sequence[Entry], year: int) -> list[Issue]:
    """Rows that cannot be counted: no applicant, no received date, answered before
    received, answered in the year without a result, a 编号 used twice."""
    issues: list[Issue] = []
    first_row: dict[str, int] = {}
    for entry in entries:
        problem = _entry_problem(entry, year)
        if problem:
            issues.append(Issue(entry.row, problem))
        elif entry.number and entry.number in first_row:
            issues.append(Issue(entry.row, f"编号“{entry.number}”与第 {first_row[entry.number]} "
                                "行相同：如果是重复录入，请删去一行；如果是两件申请，请改正编号"))  # fmt: skip
        if entry.number:
            first_row.setdefault(entry.number, entry.row)
    return issues


def _entry_problem(entry: Entry, year: int) -> str | None:
    if not _plain(entry.applicant):
        return "没有申请人：请在台账里补上申请人（或申请人类型）"
    if entry.received is None:
        return "没有收到申请的日期：请补上"
    if entry.answered is not None and entry.answered < entry.received:
        return (f"答复日期 {entry.answered.isoformat()} 早于收到日期 "
                f"{entry.received.isoformat()}：请核对这两个日期")  # fmt: skip
    in_year = entry.answered is not None and entry.answered.year == year
    if in_year and not _plain(entry.result):
        return "有答复日期，却没有处理结果：请补上处理结果（如“予以公开”）"
    return None


@dataclass(frozen=True)
class Tally:
    """The counted ledger: for every (row key, column) the ledger rows counted there;
    rows left out (received after the year, or answered before it) with why."""

    cells: Mapping[tuple[str, int], tuple[int, ...]]
    left_out: tuple[tuple[int, str], ...]
    issues: tuple[Issue, ...]
    unknown: tuple[Unknown, ...]

    def count(self, key: str, column: int) -> int:
        return len(self.cells.get((key, column), ()))

    def matrix(self) -> dict[str, list[int]]:
        """The interview's apps_matrix answer: the 23 asked rows × six columns."""
        return {key: [self.count(key, c) for c in range(6)] for key in APPLICATION_KEYS[:-2]}

    def total(self, key: str) -> int:
        return sum(self.count(key, c) for c in range(6))

    def rows_of(self, key: str, column: int | None = None) -> tuple[int, ...]:
        """The ledger rows counted in one cell, or in a whole row when column is None."""
        columns = range(6) if column is None else (column,)
        return tuple(sorted(r for c in columns for r in self.cells.get((key, c), ())))

    @property
    def resolved(self) -> bool:
        return not self.issues and not self.unknown


def tally(entries: Sequence[Entry], year: int, mappings: Mappings) -> Tally:
    """Count the entries into the matrix by their dates, applicant and result."""
    cells: dict[tuple[str, int], list[int]] = {}
    left_out: list[tuple[int, str]] = []
    unknown: dict[tuple[str, str], list[int]] = {}
    bad = {issue.row for issue in row_issues(entries, year)}
    for entry in entries:
        if entry.row in bad or entry.received is None:
            continue
        placed = _place(entry, year, mappings)
        if isinstance(placed, str):
            left_out.append((entry.row, placed))
            continue
        for kind, text in placed.unknown:
            unknown.setdefault((kind, _plain(text)), []).append(entry.row)
        if placed.column is None:
            continue
        for key in placed.rows:
            cells.setdefault((key, placed.column), []).append(entry.row)
    texts = {(kind, _plain(t)): t for e in entries for kind, t in
             (("applicant", e.applicant), ("outcome", e.result))}  # fmt: skip
    return Tally(
        {key: tuple(rows) for key, rows in cells.items()},
        tuple(left_out),
        tuple(row_issues(entries, year)),
        tuple(Unknown(kind, texts[(kind, p)], tuple(rows)) for (kind, p), rows in unknown.items()),
    )


@dataclass(frozen=True)
class _Placement:
    column: int | None  # None while the applicant is unknown
    rows: tuple[str, ...]  # matrix row keys the entry counts in
    unknown: tuple[tuple[str, str], ...]


def _place(entry: Entry, year: int, mappings: Mappings) -> _Placement | str:
    """Where one entry counts, or why it is left out of this year's table."""
    assert entry.received is not None
    start, end = date(year, 1, 1), date(year, 12, 31)
    if entry.received > end:
        return f"收到于 {entry.received.isoformat()}，属于下一年度，不计入本年报告"
    if entry.answered is not None and entry.answered < start:
        return f"上一年度已答复（{entry.answered.isoformat()}），不计入本年报告"
    unknown: list[tuple[str, str]] = []
    applicant = applicant_of(entry.applicant, mappings)
    if applicant is None:
        unknown.append(("applicant", entry.applicant))
    rows = ["carried_over" if entry.received < start else "new"]
    if entry.answered is None or entry.answered > end:
        rows.append("carried_forward")
    else:
        outcome = outcome_of(entry.result, mappings)
        if outcome is None:
            unknown.append(("outcome", entry.result))
        else:
            rows += [outcome, "concluded"]
    column = None if applicant is None else APPLICANT_KEYS.index(applicant)
    return _Placement(column, tuple(rows), tuple(unknown))


def carried_difference(tally_: Tally, previous: Mapping[str, Any]) -> list[str]:
    """Where the ledger's 上年结转 differs from last year's 结转下年度 (R5), one line per
    column, with the ledger rows involved; empty when they agree or nothing is known."""
    by_type = previous.get("carried_forward_by_type")
    if not isinstance(by_type, Mapping):
        return []
    lines = []
    for column, key in enumerate(APPLICANT_KEYS):
        last, now = int(by_type.get(key) or 0), tally_.count("carried_over", column)
        if last != now:
            rows = "、".join(map(str, tally_.rows_of("carried_over", column))) or "无"
            lines.append(f"{APPLICANT_COLUMNS[column]}：去年报告结转下年度 {last} 件，"
                         f"台账上年结转 {now} 件（台账第 {rows} 行）")  # fmt: skip
    return lines


@dataclass(frozen=True)
class Imported:
    """A ledger read and counted: where it was found and what came of it."""

    layout: Layout
    entries: tuple[Entry, ...]
    tally: Tally


def import_ledger(sheets: Sequence[Sheet], year: int, mappings: Mappings) -> Imported:
    """Find the ledger in the sheets, read its rows and count them. Rows the clerk chose
    to leave out (mappings.skipped) are not counted; unreadable rows are issues."""
    layout = choose_layout(sheets, year, mappings.sheet, mappings.columns)
    sheet = next(s for s in sheets if s.name == layout.sheet)
    entries, unreadable = read_entries(sheet, layout)
    skipped = {row_key(layout, row) for row in range(len(sheet.rows) + 1)} & set(mappings.skipped)
    entries = [e for e in entries if row_key(layout, e.row) not in skipped]
    unreadable = [i for i in unreadable if row_key(layout, i.row) not in skipped]
    counted = tally(entries, year, mappings)
    issues = tuple(sorted((*unreadable, *counted.issues), key=lambda issue: issue.row))
    return Imported(layout, tuple(entries), Tally(counted.cells, counted.left_out, issues,
                                                  counted.unknown))  # fmt: skip


def row_key(layout: Layout, row: int) -> str:
    """How a row left out is remembered: sheet!row."""
    return f"{layout.sheet}!{row}"


def unknown_lines(tally_: Tally, limit: int = 20) -> list[str]:
    """The values still to be decided and the issues, one line each (Chinese)."""
    lines = [f"第 {issue.row} 行：{issue.message}" for issue in tally_.issues]
    for item in tally_.unknown:
        what = "申请人" if item.kind == "applicant" else "处理结果"
        rows = "、".join(map(str, item.rows[:limit])) + ("等" if len(item.rows) > limit else "")
        lines.append(f"{what}“{item.text or '（空）'}”不能确定归哪一类（第 {rows} 行）")
    return lines

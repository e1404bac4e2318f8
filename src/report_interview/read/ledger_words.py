"""A ledger's values → the table: applicant text → one of the six columns, result text
→ one of the 21 outcome rows, by the words clerks write; and the clerk's own decisions
(`Mappings`), which come first. Pure, stdlib only. What the words do not decide with
certainty is None: it is asked, never guessed."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..report.data import APPLICANT_COLUMNS, APPLICANT_KEYS, APPLICATION_ROWS, OUTCOME_KEYS
from .ledger_sheet import FIELDS, LedgerError, plain

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
    name = re.sub(r"[（(][^）)]*[）)]", "", plain(text))
    if not name:
        return None
    if name in _APPLICANT_TYPES:
        return _APPLICANT_TYPES[name]
    for key, words in _APPLICANT_WORDS_BY_KEY:
        if any(word in name for word in words):
            return key
    if _MASKED.match(name):
        return "natural"
    person = 2 <= len(name) <= 4 and re.fullmatch(r"[\u4e00-\u9fff·]+", name)
    if person and name[0] in _SURNAMES and not any(h in name for h in _ORG_HINTS):
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
    result = plain(text)
    if not result or any(word in result for word in PENDING_WORDS):
        return None
    for key, words in _OUTCOME_WORDS:
        if any(word in result for word in words):
            if key == "granted" and ("不予" in result or "不公开" in result):
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
        entry = {plain(text): key}
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
        key = APPLICANT_BY_LABEL.get(plain(key), OUTCOME_BY_LABEL.get(plain(key), str(key)))
        if allowed is not None and key not in allowed:
            raise LedgerError(f"{name} 里“{text}”对应的“{key}”不是可用的分类。")
        result[plain(text) if allowed is not None else str(text)] = key
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
                labels[plain(label)] = spec.key
    return labels


OUTCOME_BY_LABEL = _outcome_labels()


def applicant_of(text: str, mappings: Mappings) -> str | None:
    """The clerk's mapping of an applicant value first, else the words."""
    return mappings.applicant.get(plain(text)) or classify_applicant(text)


def outcome_of(text: str, mappings: Mappings) -> str | None:
    return mappings.outcome.get(plain(text)) or classify_outcome(text)

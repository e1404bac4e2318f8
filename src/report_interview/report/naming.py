"""Names in a report: how a body names itself (我镇, 我局 …), the accounts a clerk
lists, and the fields of a counts answer with their units ("公开栏（期）"). Stdlib only
and tiny: the interview's expressions use it before anything else of the report."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any


def self_name(org_name: object, unknown: str = "我单位") -> str:
    """The short self-reference a body uses in its report: 我镇, 我乡, 我街道, 我局 …;
    `unknown` when its name does not tell."""
    name = str(org_name or "").strip()
    name = name.removesuffix("人民政府")
    for suffix, short in (
        ("街道办事处", "我街道"),
        ("街道", "我街道"),
        ("委员会", "我委"),
        ("办公室", "我办"),
    ):
        if name.endswith(suffix):
            return short
    last = name[-1:] if name else ""
    return f"我{last}" if last in "镇乡县区市州旗局委办厅署院所站中心" and last else unknown


_TOWNSHIP = re.compile(r"(?:镇|乡|街道|街道办事处|苏木)$")
_DEPARTMENT = re.compile(r"(?:局|委|委员会|办|办公室|厅|署|中心|院|所|站|队|处)$")
_NOT_A_PLACE = re.compile("市场|城市|市政|市容|社区|园区|区域|地区|城区")
_LEVEL = re.compile(r"[县区旗市州盟]")


def org_kind(org_name: object, *, certain: bool = False) -> str:
    """The kind of body (report.data.ORG_KINDS) its name tells. By default a guess, as a
    report read from a file needs one: 镇/乡/街道 → township; 县/区/旗 (市/州/盟)人民政府
    → county (city) government; a 局/委/办 … of a 县/区/旗 (市/州/盟) → county (city)
    department; anything else → other. With `certain`, only what the name settles, ""
    for the rest (the interview asks): a township, a 县/区/旗人民政府 (county), a
    州/盟人民政府 (city); not a 市人民政府, since a 县级市's government (长垣市) is a
    county's as much as a 地级市's (新乡市) is a city's, nor a department (a 局 may be
    a county's or a city's)."""
    name = str(org_name or "").strip()
    base = name.removesuffix("人民政府")
    if _TOWNSHIP.search(base):
        return "township"
    if _DEPARTMENT.search(base):
        levels = _LEVEL.findall(_NOT_A_PLACE.sub("", base))
        if certain or not levels:
            return "" if certain else "other"
        return "county_department" if levels[-1] in "县区旗" else "city_department"
    last = base[-1:]
    if last and last in "县区旗":
        kind = "county_government"
    elif last and last in "市州盟":
        kind = "city_government"
    else:
        return "" if certain else "other"
    if certain and (base == name or last == "市"):
        return ""  # 滑县 alone may be its 县委 or 县政府; 某某市人民政府 may be either level
    return kind


_AREA_ENDS = "县区旗市州盟"
_AREA_BY_KIND = {"county_government": "全县", "city_government": "全市"}


def area_name(org_name: object, kind: object = "") -> str:
    """How a 县/区/市人民政府's report names its whole area where its figures are the
    area's sum (全县, 全区, 全旗, 全市 …): by the last character of its name before
    人民政府, else by its kind; "" for a body that has no area of its own."""
    name = str(org_name or "").strip().removesuffix("人民政府").removesuffix("政府")
    if kind not in _AREA_BY_KIND:
        return ""
    last = name[-1:]
    return f"全{last}" if last and last in _AREA_ENDS else _AREA_BY_KIND[str(kind)]


# The county (or province) written before a township's own name: 滑县 in 滑县八里营镇.
_REGION_BEFORE_TOWN = re.compile(r"^.+?[省市县区旗](?=[^省市县区旗]{2,}(?:镇|乡|街道)$)")


def answering_office(org_name: object, kind: object) -> str:
    """The office that usually answers questions on the report: a township's 党政办公室
    under the township's own name (滑县八里营镇人民政府 → 八里营镇党政办公室), else the
    body's 办公室 (滑县教育局办公室)."""
    name = str(org_name or "").strip()
    if not name:
        return ""
    if kind == "township":
        town = name.removesuffix("人民政府").removesuffix("办事处")
        return _REGION_BEFORE_TOWN.sub("", town) + "党政办公室"
    return name + "办公室"


_UNIT = re.compile(r"（([^（）]{1,3})）$")
_OPENING, _CLOSING = "“‘「『《〈（(【〔", "”’」』》〉）)】〕"


def split_names(text: object) -> list[str]:
    """ "微信公众号“甲”、抖音号“乙”" → its names: the items a clerk listed, split only
    where the prompt says (at 、 or a line break), never inside quotes or brackets, and
    each kept as typed (a comma is part of an item: "……不够，说明……" stays one)."""
    items: list[str] = []
    item: list[str] = []
    depth = 0
    for char in str(text or ""):
        if char in _OPENING:
            depth += 1
        elif char in _CLOSING:
            depth = max(depth - 1, 0)
        if char == "\n" or (char == "、" and depth == 0):
            items.append("".join(item))
            item = []
        else:
            item.append(char)
    items.append("".join(item))
    return [part.strip() for part in items if part.strip()]


def with_unit(items: Iterable[object], unit: str) -> list[str]:
    """Names as the fields of a counts question, each with the unit it is counted in."""
    return [f"{item}（{unit}）" for item in items]


def unit_of(label: str) -> str:
    """The unit a counts field is counted in: "公开栏（期）" → 期."""
    match = _UNIT.search(label)
    return match.group(1) if match else ""


def name_of(label: str) -> str:
    """A counts field without its unit: "公开栏（期）" → 公开栏."""
    return _UNIT.sub("", label)


def labels_of(values: Iterable[object], options: Iterable[Any]) -> list[str]:
    """Chosen option values as their labels, in the order given; own entries (其他) as
    the clerk wrote them."""
    labels = {getattr(o, "value", o): getattr(o, "label", o) for o in options}
    return [str(labels.get(value, value)) for value in values]


_NOT_IN_KEY = re.compile(r"[\s·・.。,，、\-—_]+")
# A region named before a body's name ("滑县" in 滑县牛屯镇) ends in one of these.
_REGION_END = "省市县区州旗盟"


def body_key(name: str) -> str:
    """A body's name as compared across reports and years: NFKC, no spaces or dots, and
    without the 人民政府/办事处 that one report writes and another leaves out
    (牛屯镇人民政府 = 牛屯镇, 城关街道办事处 = 城关街道)."""
    key = _NOT_IN_KEY.sub("", unicodedata.normalize("NFKC", name))
    for suffix in ("人民政府", "办事处"):
        if key.endswith(suffix) and len(key) > len(suffix):
            key = key.removesuffix(suffix)
    return key


def key_variants(key: str) -> tuple[str, ...]:
    """A body key and each shorter key it ends with after a region: 滑县牛屯镇 → 牛屯镇,
    河南省滑县自然资源局 → 滑县自然资源局, 自然资源局."""
    return (key, *(key[i:] for i in range(1, len(key) - 1) if key[i - 1] in _REGION_END))


def same_body(a: str, b: str) -> bool:
    """Whether two body keys name the same body: equal, or one is the other with the
    region in front (滑县牛屯镇 = 牛屯镇; 甲县城关镇 ≠ 乙县城关镇, 东城关镇 ≠ 城关镇)."""
    return a in key_variants(b) or b in key_variants(a)

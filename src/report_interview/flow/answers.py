"""Parse and validate one typed answer, forgiving how clerks type on a Chinese input method."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal

from ..report import text_rules
from ..report.numerals import CN_DIGITS, CN_PLAIN_DIGITS, normalize, parse_chinese_number

__all__ = [
    "MAX_AMOUNT", "MAX_COUNT", "AnswerError", "normalize", "parse_breakdown",
    "parse_chinese_number", "parse_choice", "parse_choices", "parse_decimal", "parse_integer",
    "parse_row", "parse_text", "parse_yesno",
]  # fmt: skip

# Every parser returns a value or raises AnswerError with one line of Chinese saying what
# to type instead. Choices worth knowing:
# - Numeric input is NFKC-normalised (１２ ， ． → 12 , .); a trailing 。 is ignored.
# - parse_decimal keeps the precision as typed: "12.50" → Decimal("12.50") (equal to
#   Decimal("12.5")); 无 → Decimal(0); "-0" → Decimal(0).
# - Two Chinese digits without a unit (三五, 七八) mean "three or five" and are refused;
#   three or more (一二三), or any with 〇/零 (二〇二三), are read digit by digit.
# - Colloquial elision is understood: 一百五 → 150, 两千三 → 2300, 一万二 → 12000.
# - In breakdowns and rows a comma separates cells, so 1,200 there is two numbers.

MAX_COUNT = 10_000_000  # default upper bound for counts: anything above is absurd for one body
MAX_AMOUNT = Decimal(10_000_000)  # default upper bound in 万元 (1000 亿元), equally absurd

# Numeric answers longer than this are refused before any conversion is attempted.
_MAX_NUMBER_CHARS = 50
_SHOWN_CHARS = 20

_NONE_WORDS = frozenset({"无", "没有", "没", "暂无", "无此项"})
_COUNT_UNITS = ("件次", "人次", "件", "条", "次", "个", "项", "份", "篇", "家")
_MINUS_SIGNS = ("-", "−", "负")

_INTEGER_RE = re.compile(r"[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+")
_DECIMAL_RE = re.compile(r"(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)(?:\.[0-9]*)?|\.[0-9]+")
_ITEM_SEPARATORS = re.compile(r"[\s,、;]+")
_CELL_SEPARATOR = re.compile(r"\s*[,、;]\s*|\s+")

_INTEGER_HINT = "请输入一个整数，例如 12；没有就输入 0。"


class AnswerError(ValueError):
    """Refused input; str(exc) is a Chinese message that says what to type instead."""


# Shared helpers ----------------------------------------------------------------------


def _door(text: str, *, one_line: bool = False, max_chars: int = text_rules.MAX_TYPED_CHARS) -> str:
    """text_rules.check_text as an AnswerError: every parser checks its input first,
    before any normalisation, so no control character or surrogate goes further."""
    try:
        return text_rules.check_text(text, one_line=one_line, max_chars=max_chars)
    except text_rules.TextError as exc:
        raise AnswerError(str(exc)) from None


def _shown(text: str) -> str:
    """The clerk's input quoted back in a message, cut short."""
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= _SHOWN_CHARS else one_line[:_SHOWN_CHARS] + "…"


def _clean_number(text: str) -> str:
    """Normalised numeric input without the 。 an input method may add."""
    return normalize(text).rstrip("。").strip()


def _strip_unit(s: str, units: Iterable[str]) -> str:
    """Drop one trailing unit word (12件 → 12), longest unit first."""
    for unit in sorted(units, key=len, reverse=True):
        if unit and s.endswith(unit) and len(s) > len(unit):
            return s[: -len(unit)].strip()
    return s


def _split_sign(s: str) -> tuple[bool, str]:
    """(negative, magnitude) for -3, −3 or 负三."""
    for sign in _MINUS_SIGNS:
        if s.startswith(sign):
            return True, s[len(sign) :].strip()
    return False, s


def _chinese_decimal(s: str) -> tuple[Decimal, str] | None:
    """十二点五 → (12.5, "5"): the value and its decimal digits; None when not Chinese."""
    head, point, tail = s.partition("点")
    whole = parse_chinese_number(head)
    if whole is None or (point and not tail) or not set(tail) <= CN_PLAIN_DIGITS:
        return None
    digits = "".join(str(CN_DIGITS[ch]) for ch in tail)
    return Decimal(f"{whole}.{digits}" if digits else whole), digits


def _check_range(
    value: Decimal, minimum: Decimal, maximum: Decimal, *, noun: str, unit: str, source: str
) -> None:
    """Refuse negatives, values below minimum and absurd sizes, naming the limit and
    the record (台账, 账目) to check against."""
    if value < minimum:
        if value < 0 <= minimum:
            raise AnswerError(f"{noun}不能是负数，请输入 0 或更大的数。")
        raise AnswerError(f"不能少于 {minimum:f} {unit}，请重新输入。")
    if value > maximum:
        raise AnswerError(
            f"这个数超出了合理范围（最多 {maximum:f} {unit}），请核对{source}后重新输入。"
        )


# Counts --------------------------------------------------------------------------------


def parse_integer(
    text: str, *, minimum: int = 0, maximum: int | None = None, unit: str = "件"
) -> int:
    """A count: 12, １２, 12件, 1,200, 十二, 无 (→ 0) …; maximum None means MAX_COUNT."""
    value = _count(_clean_number(_door(text)), unit)
    limit = MAX_COUNT if maximum is None else maximum
    _check_range(
        Decimal(value), Decimal(minimum), Decimal(limit), noun=f"{unit}数", unit=unit, source="台账"
    )
    return value


def _count(s: str, unit: str) -> int:
    """The signed whole number in s, before any range check."""
    if not s:
        raise AnswerError("请输入一个数字，例如 12；没有就输入 0。")
    if len(s) > _MAX_NUMBER_CHARS:
        raise AnswerError(f"输入太长了，这里只需要一个数。{_INTEGER_HINT}")
    body = _strip_unit(s, (unit, *_COUNT_UNITS))
    if body in _NONE_WORDS:
        return 0
    negative, magnitude = _split_sign(body)
    value = _whole_number(magnitude, unit, s)
    return -value if negative else value


def _whole_number(s: str, unit: str, typed: str) -> int:
    """An unsigned count written in Arabic or Chinese numerals; decimals are refused."""
    if _INTEGER_RE.fullmatch(s):
        return int(s.replace(",", ""))
    chinese = parse_chinese_number(s)
    if chinese is not None:
        return chinese
    decimal = _chinese_decimal(s)
    if ("." in s and _DECIMAL_RE.fullmatch(s)) or (decimal is not None and decimal[1]):
        raise AnswerError(f"{unit}数必须是整数，不能有小数点，请输入整数，例如 12。")
    raise AnswerError(f"没看懂“{_shown(typed)}”。{_INTEGER_HINT}")


# Amounts -------------------------------------------------------------------------------


def parse_decimal(
    text: str,
    *,
    minimum: Decimal = Decimal(0),
    maximum: Decimal | None = None,
    places: int = 4,
    unit: str = "万元",
) -> Decimal:
    """An exact amount: 9116.36, ９１１６．３６, 12.5万元, 1,234.5, 无 (→ 0); never a float.
    Precision is kept as typed; maximum None means MAX_AMOUNT."""
    value = _amount(_clean_number(_door(text)), places, unit)
    limit = MAX_AMOUNT if maximum is None else maximum
    _check_range(value, minimum, limit, noun="金额", unit=unit, source="账目")
    return value


def _amount(s: str, places: int, unit: str) -> Decimal:
    """The signed decimal in s, before any range check."""
    hint = f"请输入金额（单位：{unit}），例如 12.5；没有就输入 0。"
    if not s:
        raise AnswerError(hint)
    if len(s) > _MAX_NUMBER_CHARS:
        raise AnswerError(f"输入太长了，这里只需要一个数。{hint}")
    if unit == "万元" and s.endswith("元") and not s.endswith("万元"):
        raise AnswerError("这里的单位是万元，不是元：例如 3500 元请填 0.35。")
    body = _strip_unit(s, (unit, "万") if unit == "万元" else (unit,))
    if body in _NONE_WORDS:
        return Decimal(0)
    negative, magnitude = _split_sign(body)
    value = _unsigned_decimal(magnitude, places, f"没看懂“{_shown(s)}”。{hint}")
    return value.copy_negate() if negative and value else value


def _unsigned_decimal(s: str, places: int, garbage: str) -> Decimal:
    """An unsigned decimal in Arabic or Chinese numerals, at most `places` decimals."""
    if _DECIMAL_RE.fullmatch(s):
        value, digits = Decimal(s.replace(",", "")), s.partition(".")[2]
    else:
        parsed = _chinese_decimal(s)
        if parsed is None:
            raise AnswerError(garbage)
        value, digits = parsed
    if len(digits) > places:
        if places == 0:
            raise AnswerError("这里请输入整数，不要带小数。")
        raise AnswerError(f"最多保留 {places} 位小数，请四舍五入后再输入。")
    return value


# Yes / no and choices ------------------------------------------------------------------

_YES = frozenset({"是", "是的", "有", "有的", "对", "对的", "要", "需要", "好", "好的", "确认"})
_YES |= {"y", "yes", "1", "ok", "true"}
_NO = frozenset({"否", "不", "不是", "没有", "没", "无", "不要", "不需要", "不用", "不对"})
_NO |= {"n", "no", "0", "false"}


def parse_yesno(text: str) -> bool:
    """是/有/对/y/1 … → True, 否/不/没有/n/0 … → False."""
    word = normalize(_door(text)).rstrip("。.!").strip().casefold()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise AnswerError("请回答“是”或“否”（也可以输入 y 或 n）。")


def _options_list(options: Sequence[str]) -> str:
    return "；".join(f"{number}. {label}" for number, label in enumerate(options, 1))


def _match_key(text: str) -> str:
    return normalize(text).casefold()


def _choice_index(item: str, options: Sequence[str]) -> int:
    """The 0-based option an item names: exact label, 1-based number, or unique part of a label."""
    key = _match_key(item).rstrip(".、。").strip()
    labels = [_match_key(option) for option in options]
    if key in labels:
        return labels.index(key)
    if key.isascii() and key.isdigit():
        return _numbered_choice(key, options)
    found = [index for index, label in enumerate(labels) if key and key in label]
    if len(found) == 1:
        return found[0]
    if found:
        named = "、".join(options[index] for index in found)
        raise AnswerError(f"“{_shown(item)}”对应多个选项（{named}），请输入编号。")
    raise AnswerError(f"没有“{_shown(item)}”这个选项，请输入编号或名称：{_options_list(options)}。")


def _numbered_choice(key: str, options: Sequence[str]) -> int:
    """The 0-based index of the option numbered `key` (ASCII digits, counted from 1)."""
    number = int(key) if len(key) <= 6 else 0  # no int() of a pasted 5000-digit string
    if 1 <= number <= len(options):
        return number - 1
    raise AnswerError(
        f"没有第 {_shown(key)} 项，请输入 1 到 {len(options)} 之间的编号：{_options_list(options)}。"
    )


def parse_choice(text: str, options: Sequence[str]) -> str:
    """One option, by 1-based number (2, ２), exact label or a unique part of a label."""
    if not normalize(_door(text)):
        raise AnswerError(f"请选择一项，输入编号或名称：{_options_list(options)}。")
    return options[_choice_index(text, options)]


def parse_choices(text: str, options: Sequence[str]) -> list[str]:
    """Several options separated by ，,、; or spaces; duplicates dropped, options' order
    kept; empty text gives [] (the caller decides whether that is allowed)."""
    s = _protect_labels(normalize(_door(text)), options)
    chosen = {_choice_index(item, options) for item in _ITEM_SEPARATORS.split(s) if item}
    return [option for index, option in enumerate(options) if index in chosen]


def _protect_labels(s: str, options: Sequence[str]) -> str:
    """Replace whole labels that contain a separator (许可、处罚) by their number."""
    numbered = sorted(enumerate(options, 1), key=lambda pair: -len(pair[1]))
    for number, option in numbered:
        label = normalize(option)
        if _ITEM_SEPARATORS.search(label) and label in s:
            s = s.replace(label, f" {number} ")
    return s


# Breakdowns and rows -------------------------------------------------------------------


def parse_breakdown(text: str, categories: Sequence[str], total: int | None) -> dict[str, int]:
    """Split a known total over categories: numbers in category order (3 1 0 0 0 0) or
    named parts (自然人3 商业企业1, unnamed → 0); the sum must equal total unless None."""
    s = _clean_number(_door(text))
    if not s:
        raise AnswerError(
            f"请按顺序输入 {len(categories)} 个数，或写成“{categories[0]} 3”，没有就输入 0。"
        )
    if s in _NONE_WORDS:
        parts = dict.fromkeys(categories, 0)
    elif _category_pattern(categories).search(s):
        parts = _named_parts(s, categories)
    else:
        parts = _ordered_parts(s, categories)
    _check_sum(sum(parts.values()), total)
    return parts


def _category_pattern(categories: Sequence[str]) -> re.Pattern[str]:
    names = sorted((normalize(name) for name in categories), key=len, reverse=True)
    return re.compile("|".join(re.escape(name) for name in names if name))


def _named_parts(s: str, categories: Sequence[str]) -> dict[str, int]:
    """自然人 3，商业企业 1 → {自然人: 3, 商业企业: 1, others: 0}."""
    by_key = {normalize(name): name for name in categories}
    matches = list(_category_pattern(categories).finditer(s))
    prefix = s[: matches[0].start()].strip(" ,、;:")
    if prefix:
        raise AnswerError(
            f"没看懂“{_shown(prefix)}”，请写成“{categories[0]} 3，{categories[-1]} 1”这样。"
        )
    parts = dict.fromkeys(categories, 0)
    seen: set[str] = set()
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        name = by_key[match.group()]
        value = s[match.end() : following.start() if following else len(s)].strip(" ,、;:=\t")
        if name in seen:
            raise AnswerError(f"“{name}”填了两次，请每类只写一次。")
        if not value:
            raise AnswerError(f"“{name}”后面缺少数字，例如“{name} 3”。")
        seen.add(name)
        parts[name] = _labelled(value, name)
    return parts


def _labelled(item: str, label: str) -> int:
    """parse_integer, with the cell or category named in the refusal."""
    try:
        return parse_integer(item)
    except AnswerError as exc:
        raise AnswerError(f"{label}：{exc}") from None


def _ordered_parts(s: str, categories: Sequence[str]) -> dict[str, int]:
    """3 1 0 0 0 0 → the numbers in category order."""
    items = [item for item in _ITEM_SEPARATORS.split(s) if item]
    if len(items) != len(categories):
        order = "、".join(categories)
        raise AnswerError(
            f"需要 {len(categories)} 个数，收到 {len(items)} 个：请按“{order}”的顺序输入，"
            f"或写成“{categories[0]} 3，{categories[1]} 1”。"
        )
    return {
        name: _labelled(item, f"第 {index} 个数（{name}）")
        for index, (name, item) in enumerate(zip(categories, items, strict=True), 1)
    }


def _check_sum(actual: int, total: int | None) -> None:
    """合计 3，应为 4，还差 1 件未分配 / 多了 1 件."""
    if total is None or actual == total:
        return
    if actual < total:
        raise AnswerError(f"合计 {actual}，应为 {total}，还差 {total - actual} 件未分配。")
    raise AnswerError(f"合计 {actual}，应为 {total}，多了 {actual - total} 件。")


def parse_row(text: str, width: int = 6) -> tuple[int, ...]:
    """Exactly `width` counts pasted from a spreadsheet (tabs) or typed with spaces, commas
    or 、; an empty cell is refused rather than read as 0."""
    cells = _row_cells(_door(text))
    if not cells:
        raise AnswerError(
            f"请输入 {width} 个数，用空格或逗号隔开，例如 {' '.join(['0'] * width)}。"
        )
    if len(cells) != width:
        raise AnswerError(f"需要 {width} 个数，收到 {len(cells)} 个，请用空格、逗号或制表符隔开。")
    for index, cell in enumerate(cells, 1):
        if not cell:
            raise AnswerError(f"第 {index} 格为空，请填 0。")
    return tuple(_labelled(cell, f"第 {index} 格") for index, cell in enumerate(cells, 1))


def _row_cells(text: str) -> list[str]:
    """Cells of a row; tabs (a spreadsheet paste) keep empty cells, even at the ends."""
    s = unicodedata.normalize("NFKC", text).strip(" \r\n")
    if "\t" in s:
        return [cell.strip() for cell in s.split("\t")]
    s = s.strip()
    return _CELL_SEPARATOR.split(s) if s else []


# Free text -----------------------------------------------------------------------------


def parse_text(
    text: str, *, required: bool = True, max_length: int = 2000, one_line: bool = False
) -> str:
    """Free text, stripped; full-width punctuation is kept as typed (no NFKC here). A
    one-line field (a name, a phone number) refuses line breaks and tabs."""
    limit = min(max_length, text_rules.MAX_LINE_CHARS) if one_line else max_length
    too_long = f"最多 {limit} 字，请删减后再输入。"
    if len(text) > 2 * limit + 100:  # surrounding spaces aside: refused before any work
        raise AnswerError(f"内容太长：共 {len(text)} 字，{too_long}")
    s = _door(text, max_chars=2 * limit + 100).replace("\r\n", "\n").replace("\r", "\n").strip()
    if required and not s:
        raise AnswerError("这里需要填写内容，不能留空。")
    if len(s) > limit:
        raise AnswerError(f"内容太长：共 {len(s)} 字，{too_long}")
    return _door(s, one_line=one_line, max_chars=limit)

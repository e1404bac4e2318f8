"""Numbers written in words, as clerks and published reports write them: NFKC
normalisation (全角 digits) and Chinese numerals (十二, 一百零五, 二〇二三). Stdlib only;
used by the answer parsers of the interview and by the prose scanning of the checks."""

from __future__ import annotations

import unicodedata

# Chinese numerals --------------------------------------------------------------------

# Financial (大写) and traditional forms are read as their everyday equivalents.
_CN_VARIANTS = str.maketrans(
    "壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬億兩", "一二二三三四五六六七八九十百千万亿两"
)
_CN_ZEROS = "零〇"
CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
CN_DIGITS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_GROUPS = (("亿", 100_000_000), ("万", 10_000))
_CN_CHARS = frozenset(CN_DIGITS) | frozenset(_CN_UNITS) | {"万", "亿"}
CN_PLAIN_DIGITS = frozenset(CN_DIGITS) - {"两"}


def normalize(text: str) -> str:
    """NFKC (full-width digits, letters, punctuation and the ideographic space become
    half-width), then strip surrounding whitespace."""
    return unicodedata.normalize("NFKC", text).strip()


def parse_chinese_number(text: str) -> int | None:
    """十二 → 12, 一百零五 → 105, 两千三百 → 2300, 一万二千 → 12000, 〇 → 0,
    二〇二三 → 2023 (digit by digit); None when the text is not a Chinese numeral."""
    s = normalize(text).translate(_CN_VARIANTS)
    if not s or not set(s) <= _CN_CHARS:
        return None
    if set(s) <= CN_PLAIN_DIGITS:
        return _digit_by_digit(s)
    return _grouped(s)


def _digit_by_digit(s: str) -> int | None:
    """二〇二三 → 2023. Two digits without 〇/零 (三五) are an estimate, not a number."""
    if len(s) == 2 and not set(s) & set(_CN_ZEROS):
        return None
    value = 0
    for ch in s:
        value = value * 10 + CN_DIGITS[ch]
    return value


def _grouped(s: str) -> int | None:
    """A positional numeral, split at 亿 and 万 into runs below 一万."""
    total, rest, factor = 0, s, 1
    for mark, size in _CN_GROUPS:
        head, found, tail = rest.partition(mark)
        if not found:
            continue
        value = _section(head.removeprefix("零") if factor > 1 else head)
        if not value:
            return None
        total, rest, factor = total + value * size, tail, size
    last = _tail(rest, factor)
    return None if last is None else total + last


def _tail(s: str, factor: int) -> int | None:
    """The run after 万/亿: 零五 → 5, a lone 二 → 2 × factor/10 (一万二 = 12000)."""
    if factor == 1:
        return _section(s)
    if not s:
        return 0
    if s[0] in _CN_ZEROS:
        value = _section(s[1:])
        return value if value is not None and value < factor // 10 else None
    if len(s) == 1 and s in CN_PLAIN_DIGITS:
        return CN_DIGITS[s] * factor // 10
    return _section(s)


def _section(s: str) -> int | None:
    """A run below 一万 such as 三千零五, 十二 or 一百五; None when malformed."""
    if not s or s[0] in _CN_ZEROS:
        return None
    value, unit, digit, gap = 0, 10_000, None, False
    for ch in s:
        if ch in _CN_UNITS:
            size = _CN_UNITS[ch]
            bare_ten = size == 10 and (value == 0 or gap)
            if size >= unit or (digit is None and not bare_ten) or (gap and size * 10 >= unit):
                return None
            value, unit, digit, gap = value + (digit or 1) * size, size, None, False
        elif ch in _CN_ZEROS:
            if digit is not None or gap:
                return None
            gap = True
        elif digit is None and ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        else:
            return None
    return _finish_section(value, unit, digit, gap)


def _finish_section(value: int, unit: int, digit: int | None, gap: bool) -> int | None:
    """Place the trailing digit: ones after 零 or 十, else the next lower place (一百五)."""
    if digit is None:
        return None if gap else value
    if gap:
        return value + digit if unit >= 100 else None
    if unit in (10, 10_000):
        return value + digit
    return value + digit * unit // 10

"""Parsing one typed answer: every accepted form, and every refusal in plain Chinese."""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from report_interview.flow import answers
from report_interview.flow.answers import (
    MAX_COUNT,
    AnswerError,
    normalize,
    parse_breakdown,
    parse_chinese_number,
    parse_choice,
    parse_choices,
    parse_decimal,
    parse_integer,
    parse_row,
    parse_text,
    parse_yesno,
)

CJK = re.compile(r"[\u4e00-\u9fff]")
APPLICANTS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
CHANNELS = ("政府网站", "政务新媒体", "行政许可、行政处罚", "其他（自己填写）")


def refusal(parse: Callable[..., Any], *args: Any, **kwargs: Any) -> str:
    """Call a parser expecting a refusal; check it is one line of Chinese and return it."""
    with pytest.raises(AnswerError) as caught:
        parse(*args, **kwargs)
    message = str(caught.value)
    assert CJK.search(message), message
    assert "\n" not in message, message
    return message


def breakdown(*values: int) -> dict[str, int]:
    return dict(zip(APPLICANTS, values, strict=True))


# normalize and Chinese numerals --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("１２", "12", id="full-width-digits"),
        pytest.param("\u3000１２\u3000", "12", id="ideographic-spaces"),
        pytest.param("１，２００．５", "1,200.5", id="full-width-punctuation"),
        pytest.param("ｙｅｓ", "yes", id="full-width-letters"),
        pytest.param("  自然人 3 ", "自然人 3", id="strip-only-the-ends"),
        pytest.param("", "", id="empty"),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("零", 0, id="ling"),
        pytest.param("〇", 0, id="circle-zero"),
        pytest.param("三", 3, id="single-digit"),
        pytest.param("两", 2, id="liang"),
        pytest.param("十", 10, id="bare-ten"),
        pytest.param("十二", 12, id="twelve"),
        pytest.param("二十", 20, id="twenty"),
        pytest.param("二十五", 25, id="twenty-five"),
        pytest.param("一百零五", 105, id="hundred-ling-five"),
        pytest.param("一百一十", 110, id="hundred-ten"),
        pytest.param("一百五", 150, id="elided-hundred-fifty"),
        pytest.param("两百", 200, id="liang-hundred"),
        pytest.param("两千三百", 2300, id="two-thousand-three-hundred"),
        pytest.param("两千三", 2300, id="elided-two-thousand-three"),
        pytest.param("一千零十", 1010, id="thousand-ling-ten"),
        pytest.param("一千零一十", 1010, id="thousand-ling-one-ten"),
        pytest.param("一千零五十", 1050, id="thousand-ling-fifty"),
        pytest.param("一万", 10_000, id="wan"),
        pytest.param("十万", 100_000, id="ten-wan"),
        pytest.param("一万二千", 12_000, id="wan-two-thousand"),
        pytest.param("一万二", 12_000, id="elided-wan-two"),
        pytest.param("一万零五", 10_005, id="wan-ling-five"),
        pytest.param("三万零五百", 30_500, id="wan-ling-five-hundred"),
        pytest.param("一亿二千万", 120_000_000, id="yi-and-wan"),
        pytest.param("一亿零五万", 100_050_000, id="yi-ling-wan"),
        pytest.param("二〇二三", 2023, id="year-digit-by-digit"),
        pytest.param("一二三", 123, id="three-digits-digit-by-digit"),
        pytest.param("一〇", 10, id="two-digits-with-zero"),
        pytest.param("壹佰零伍", 105, id="financial-numerals"),
        pytest.param(" 十二 ", 12, id="surrounding-spaces"),
    ],
)
def test_chinese_numbers(text: str, expected: int) -> None:
    assert parse_chinese_number(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("12", id="arabic"),
        pytest.param("十二三", id="twelve-or-thirteen"),
        pytest.param("三五", id="three-or-five"),
        pytest.param("十十", id="repeated-unit"),
        pytest.param("百", id="bare-hundred"),
        pytest.param("万", id="bare-wan"),
        pytest.param("一百零", id="trailing-ling"),
        pytest.param("二十零五", id="ling-without-gap"),
        pytest.param("一百零十", id="ling-before-adjacent-place"),
        pytest.param("一千零零五", id="double-ling"),
        pytest.param("零十", id="leading-ling"),
        pytest.param("一万零五千", id="ling-then-thousands"),
        pytest.param("三千五百万万", id="double-wan"),
        pytest.param("十二件", id="with-unit"),
        pytest.param("一点五", id="decimal"),
    ],
)
def test_not_chinese_numbers(text: str) -> None:
    assert parse_chinese_number(text) is None


# Counts --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("12", 12, id="arabic"),
        pytest.param("１２", 12, id="full-width"),
        pytest.param(" 12 ", 12, id="spaces"),
        pytest.param("\u300012\u3000", 12, id="ideographic-spaces"),
        pytest.param("12件", 12, id="unit-jian"),
        pytest.param("12条", 12, id="unit-tiao"),
        pytest.param("12次", 12, id="unit-ci"),
        pytest.param("12个", 12, id="unit-ge"),
        pytest.param("12 件", 12, id="unit-after-space"),
        pytest.param("12件。", 12, id="trailing-ime-full-stop"),
        pytest.param("1,200", 1200, id="thousands-comma"),
        pytest.param("1，200", 1200, id="thousands-full-width-comma"),
        pytest.param("1,234,567", 1_234_567, id="two-separators"),
        pytest.param("007", 7, id="leading-zeros"),
        pytest.param("十二", 12, id="chinese"),
        pytest.param("十二件", 12, id="chinese-with-unit"),
        pytest.param("一百零五", 105, id="chinese-hundred-ling-five"),
        pytest.param("两百", 200, id="chinese-liang-hundred"),
        pytest.param("无", 0, id="wu"),
        pytest.param("没有", 0, id="meiyou"),
        pytest.param("0", 0, id="zero"),
        pytest.param("零", 0, id="ling"),
        pytest.param("-0", 0, id="minus-zero-is-zero"),
        pytest.param("10000000", MAX_COUNT, id="exactly-the-maximum"),
    ],
)
def test_integer_accepts(text: str, expected: int) -> None:
    assert parse_integer(text) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        pytest.param("", "请输入一个数字", id="empty"),
        pytest.param("   ", "请输入一个数字", id="blank"),
        pytest.param("-3", "不能是负数", id="negative"),
        pytest.param("－3", "不能是负数", id="full-width-minus"),
        pytest.param("负三", "不能是负数", id="chinese-negative"),
        pytest.param("1.5", "必须是整数", id="decimal"),
        pytest.param("3.0", "必须是整数", id="integral-decimal"),
        pytest.param("１．５", "必须是整数", id="full-width-decimal"),
        pytest.param("一点五", "必须是整数", id="chinese-decimal"),
        pytest.param("abc", "例如 12", id="letters"),
        pytest.param("十二三", "例如 12", id="approximate-chinese"),
        pytest.param("三五", "例如 12", id="three-or-five"),
        pytest.param("1,2", "例如 12", id="bad-thousands-grouping"),
        pytest.param("1_000", "例如 12", id="python-underscore"),
        pytest.param("1e3", "例如 12", id="exponent"),
        pytest.param("约12", "例如 12", id="approximately"),
        pytest.param("件", "例如 12", id="unit-alone"),
        pytest.param("10000001", "10000000", id="above-max-count"),
        pytest.param("一亿", "请核对台账", id="chinese-above-max"),
        pytest.param("9" * 60, "太长", id="absurdly-long"),
    ],
)
def test_integer_refuses(text: str, fragment: str) -> None:
    assert fragment in refusal(parse_integer, text)


def test_integer_messages_name_the_unit_and_say_what_to_type() -> None:
    assert refusal(parse_integer, "abc") == "没看懂“abc”。请输入一个整数，例如 12；没有就输入 0。"
    assert "件数必须是整数" in refusal(parse_integer, "1.5")
    assert "条数必须是整数" in refusal(parse_integer, "1.5", unit="条")
    assert "件数不能是负数" in refusal(parse_integer, "-3")


@pytest.mark.parametrize(
    ("text", "kwargs", "fragment"),
    [
        pytest.param("0", {"minimum": 1}, "不能少于 1 件", id="below-minimum"),
        pytest.param("-1", {"minimum": 1}, "不能是负数", id="negative-below-minimum"),
        pytest.param("101", {"maximum": 100}, "最多 100 件", id="above-maximum"),
        pytest.param("101", {"maximum": 100, "unit": "条"}, "最多 100 条", id="maximum-with-unit"),
        pytest.param("-6", {"minimum": -5}, "不能少于 -5 件", id="below-negative-minimum"),
    ],
)
def test_integer_limits_refuse(text: str, kwargs: dict[str, Any], fragment: str) -> None:
    assert fragment in refusal(parse_integer, text, **kwargs)


@pytest.mark.parametrize(
    ("text", "kwargs", "expected"),
    [
        pytest.param("1", {"minimum": 1}, 1, id="at-minimum"),
        pytest.param("100", {"maximum": 100}, 100, id="at-maximum"),
        pytest.param("20000000", {"maximum": 10**9}, 20_000_000, id="raised-maximum"),
        pytest.param("-5", {"minimum": -5}, -5, id="negative-minimum-allowed"),
        pytest.param("3条", {"unit": "条"}, 3, id="custom-unit"),
        pytest.param("3人次", {"unit": "人次"}, 3, id="two-character-unit"),
    ],
)
def test_integer_limits_accept(text: str, kwargs: dict[str, Any], expected: int) -> None:
    assert parse_integer(text, **kwargs) == expected


# Amounts -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("9116.36", "9116.36", id="decimal"),
        pytest.param("９１１６．３６", "9116.36", id="full-width"),
        pytest.param("0", "0", id="zero"),
        pytest.param("无", "0", id="wu"),
        pytest.param("没有", "0", id="meiyou"),
        pytest.param("12.5万元", "12.5", id="unit-wanyuan"),
        pytest.param("12.5万", "12.5", id="unit-wan"),
        pytest.param("12.5 万元", "12.5", id="unit-after-space"),
        pytest.param("1,234.5", "1234.5", id="thousands-comma"),
        pytest.param("1，234．5", "1234.5", id="full-width-thousands"),
        pytest.param("12.50", "12.50", id="precision-kept-as-typed"),
        pytest.param(".5", "0.5", id="leading-point"),
        pytest.param("0.1234", "0.1234", id="four-places"),
        pytest.param("十二", "12", id="chinese-integer"),
        pytest.param("十二点五", "12.5", id="chinese-decimal"),
        pytest.param("-0", "0", id="minus-zero-is-zero"),
        pytest.param("10000000", "10000000", id="exactly-the-maximum"),
    ],
)
def test_decimal_accepts(text: str, expected: str) -> None:
    value = parse_decimal(text)
    assert isinstance(value, Decimal)
    assert str(value) == expected


@pytest.mark.parametrize(
    ("text", "kwargs", "fragment"),
    [
        pytest.param("", {}, "请输入金额", id="empty"),
        pytest.param("-1", {}, "金额不能是负数", id="negative"),
        pytest.param("负1.5", {}, "金额不能是负数", id="chinese-negative"),
        pytest.param("1.23456", {}, "最多保留 4 位小数", id="too-many-places"),
        pytest.param("1.234", {"places": 2}, "最多保留 2 位小数", id="places-argument"),
        pytest.param("1.5", {"places": 0}, "整数", id="no-places"),
        pytest.param("abc", {}, "例如 12.5", id="letters"),
        pytest.param("NaN", {}, "例如 12.5", id="nan"),
        pytest.param("Infinity", {}, "例如 12.5", id="infinity"),
        pytest.param("inf", {}, "例如 12.5", id="inf"),
        pytest.param("1e3", {}, "例如 12.5", id="exponent"),
        pytest.param("1.2.3", {}, "例如 12.5", id="two-points"),
        pytest.param(".", {}, "例如 12.5", id="point-alone"),
        pytest.param("3500元", {}, "单位是万元", id="yuan-not-wanyuan"),
        pytest.param("10000000.01", {}, "最多 10000000 万元", id="above-default-maximum"),
        pytest.param("5", {"maximum": Decimal(4)}, "最多 4 万元", id="above-maximum"),
        pytest.param("0.5", {"minimum": Decimal(1)}, "不能少于 1 万元", id="below-minimum"),
        pytest.param("9" * 60, {}, "太长", id="absurdly-long"),
    ],
)
def test_decimal_refuses(text: str, kwargs: dict[str, Any], fragment: str) -> None:
    assert fragment in refusal(parse_decimal, text, **kwargs)


def test_decimal_other_unit_and_exactness() -> None:
    assert parse_decimal("3元", unit="元") == Decimal(3)
    assert parse_decimal("0.1") + parse_decimal("0.2") == Decimal("0.3")  # never a float


# Yes / no ------------------------------------------------------------------------------


YES_WORDS = {
    "shi": "是",
    "you": "有",
    "dui": "对",
    "yao": "要",
    "xuyao": "需要",
    "hao": "好",
    "y": "y",
    "upper-y": "Y",
    "yes": "yes",
    "upper-yes": "YES",
    "full-width-yes": "ｙｅｓ",
    "one": "1",
    "full-width-one": "１",
    "shide": "是的",
    "queren": "确认",
    "haode": "好的",
    "spaces-and-full-stop": " 是。",
}
NO_WORDS = {
    "fou": "否",
    "bu": "不",
    "meiyou": "没有",
    "wu": "无",
    "bushi": "不是",
    "buyao": "不要",
    "buxuyao": "不需要",
    "n": "n",
    "upper-n": "N",
    "no": "no",
    "upper-no": "NO",
    "zero": "0",
    "full-width-zero": "０",
}


@pytest.mark.parametrize("text", list(YES_WORDS.values()), ids=list(YES_WORDS))
def test_yes(text: str) -> None:
    assert parse_yesno(text) is True


@pytest.mark.parametrize("text", list(NO_WORDS.values()), ids=list(NO_WORDS))
def test_no(text: str) -> None:
    assert parse_yesno(text) is False


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("也许", id="maybe"),
        pytest.param("2", id="two"),
        pytest.param("是不是", id="question"),
        pytest.param("yes no", id="both"),
    ],
)
def test_yesno_refuses(text: str) -> None:
    assert "请回答“是”或“否”" in refusal(parse_yesno, text)


# Choices -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("2", "政务新媒体", id="number"),
        pytest.param("２", "政务新媒体", id="full-width-number"),
        pytest.param(" 2. ", "政务新媒体", id="number-with-point"),
        pytest.param("政府网站", "政府网站", id="exact-label"),
        pytest.param("新媒体", "政务新媒体", id="unique-part"),
        pytest.param("处罚", "行政许可、行政处罚", id="part-of-label-with-separator"),
        pytest.param("行政许可、行政处罚", "行政许可、行政处罚", id="label-with-separator"),
        pytest.param("其他(自己填写)", "其他（自己填写）", id="half-width-brackets"),
        pytest.param("其他", "其他（自己填写）", id="unique-prefix"),
    ],
)
def test_choice_accepts(text: str, expected: str) -> None:
    assert parse_choice(text, CHANNELS) == expected


def test_choice_exact_label_beats_a_longer_label_containing_it() -> None:
    assert parse_choice("网站", ("网站", "政府网站")) == "网站"


@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        pytest.param("", ("请选择一项", "1. 政府网站"), id="empty"),
        pytest.param("5", ("没有第 5 项", "1 到 4"), id="number-too-large"),
        pytest.param("0", ("没有第 0 项",), id="number-zero"),
        pytest.param("政", ("对应多个选项", "政府网站", "政务新媒体"), id="ambiguous"),
        pytest.param("电视", ("没有“电视”这个选项", "2. 政务新媒体"), id="unknown"),
        pytest.param("二", ("没有“二”这个选项",), id="chinese-number-not-a-choice-number"),
    ],
)
def test_choice_refuses(text: str, fragments: tuple[str, ...]) -> None:
    message = refusal(parse_choice, text, CHANNELS)
    assert all(fragment in message for fragment in fragments), message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("", [], id="empty"),
        pytest.param("  ", [], id="blank"),
        pytest.param("1", ["政府网站"], id="one"),
        pytest.param("1,2", ["政府网站", "政务新媒体"], id="comma"),
        pytest.param("1，2", ["政府网站", "政务新媒体"], id="full-width-comma"),
        pytest.param("1、2", ["政府网站", "政务新媒体"], id="dunhao"),
        pytest.param("1 2", ["政府网站", "政务新媒体"], id="space"),
        pytest.param("1；2", ["政府网站", "政务新媒体"], id="semicolon"),
        pytest.param("2 1", ["政府网站", "政务新媒体"], id="options-order-kept"),
        pytest.param("2,2,新媒体", ["政务新媒体"], id="duplicates-removed"),
        pytest.param("网站，4", ["政府网站", "其他（自己填写）"], id="labels-and-numbers"),
        pytest.param(
            "行政许可、行政处罚，1", ["政府网站", "行政许可、行政处罚"], id="label-with-dunhao"
        ),
        pytest.param("许可、处罚", ["行政许可、行政处罚"], id="parts-of-one-label"),
    ],
)
def test_choices_accept(text: str, expected: list[str]) -> None:
    assert parse_choices(text, CHANNELS) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        pytest.param("1,电视", "没有“电视”这个选项", id="unknown-item"),
        pytest.param("1 9", "没有第 9 项", id="number-too-large"),
        pytest.param("政", "对应多个选项", id="ambiguous-item"),
    ],
)
def test_choices_refuse(text: str, fragment: str) -> None:
    assert fragment in refusal(parse_choices, text, CHANNELS)


# Breakdowns ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("3 1 0 0 0 0", breakdown(3, 1, 0, 0, 0, 0), id="spaces"),
        pytest.param("3,1,0,0,0,0", breakdown(3, 1, 0, 0, 0, 0), id="commas"),
        pytest.param("3，1，0，0，0，0", breakdown(3, 1, 0, 0, 0, 0), id="full-width-commas"),
        pytest.param("3、1、0、0、0、0", breakdown(3, 1, 0, 0, 0, 0), id="dunhao"),
        pytest.param("3\t1\t0\t0\t0\t0", breakdown(3, 1, 0, 0, 0, 0), id="tabs"),
        pytest.param("３　１　０　０　０　０", breakdown(3, 1, 0, 0, 0, 0), id="full-width"),
        pytest.param("三 一 零 零 零 零", breakdown(3, 1, 0, 0, 0, 0), id="chinese-numerals"),
        pytest.param("0 0 0 0 0 4", breakdown(0, 0, 0, 0, 0, 4), id="last-category"),
        pytest.param("自然人3 商业企业1", breakdown(3, 1, 0, 0, 0, 0), id="named"),
        pytest.param("自然人 3，商业企业 1", breakdown(3, 1, 0, 0, 0, 0), id="named-spaced"),
        pytest.param("自然人三商业企业一", breakdown(3, 1, 0, 0, 0, 0), id="named-chinese"),
        pytest.param("自然人：3件；其他：1件", breakdown(3, 0, 0, 0, 0, 1), id="named-colon-unit"),
        pytest.param("商业企业1、自然人3", breakdown(3, 1, 0, 0, 0, 0), id="named-any-order"),
        pytest.param("自然人4", breakdown(4, 0, 0, 0, 0, 0), id="named-one"),
    ],
)
def test_breakdown_accepts(text: str, expected: dict[str, int]) -> None:
    result = parse_breakdown(text, APPLICANTS, 4)
    assert result == expected
    assert list(result) == list(APPLICANTS)


def test_breakdown_without_total_and_with_zero_total() -> None:
    assert parse_breakdown("5 0 0 0 0 2", APPLICANTS, None) == breakdown(5, 0, 0, 0, 0, 2)
    assert parse_breakdown("无", APPLICANTS, 0) == breakdown(0, 0, 0, 0, 0, 0)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("3 0 0 0 0 0", "合计 3，应为 4，还差 1 件未分配。", id="one-to-place"),
        pytest.param("自然人1", "合计 1，应为 4，还差 3 件未分配。", id="named-three-to-place"),
        pytest.param("3 1 1 0 0 0", "合计 5，应为 4，多了 1 件。", id="one-too-many"),
        pytest.param("无", "合计 0，应为 4，还差 4 件未分配。", id="none-but-total"),
    ],
)
def test_breakdown_sum_must_match_total(text: str, message: str) -> None:
    assert refusal(parse_breakdown, text, APPLICANTS, 4) == message


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        pytest.param("", "请按顺序输入 6 个数", id="empty"),
        pytest.param("3 1", "需要 6 个数，收到 2 个", id="too-few"),
        pytest.param("1 1 1 1 0 0 0", "需要 6 个数，收到 7 个", id="too-many"),
        pytest.param("3 x 0 0 0 1", "第 2 个数（商业企业）", id="bad-number-named-by-position"),
        pytest.param("3 -1 0 0 0 2", "不能是负数", id="negative"),
        pytest.param("3 0.5 0 0 0 0", "必须是整数", id="fraction"),
        pytest.param("自然人3 自然人1", "“自然人”填了两次", id="named-twice"),
        pytest.param("自然人 商业企业4", "“自然人”后面缺少数字", id="named-without-number"),
        pytest.param("3自然人 1商业企业", "没看懂“3”", id="number-before-name"),
        pytest.param("自然人3 个人1", "自然人：没看懂", id="unknown-category"),
    ],
)
def test_breakdown_refuses(text: str, fragment: str) -> None:
    assert fragment in refusal(parse_breakdown, text, APPLICANTS, 4)


# Rows ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("3\t1\t0\t0\t0\t0", (3, 1, 0, 0, 0, 0), id="tabs"),
        pytest.param("3\t1\t0\t0\t0\t0\r\n", (3, 1, 0, 0, 0, 0), id="spreadsheet-line-end"),
        pytest.param("3 1 0 0 0 0", (3, 1, 0, 0, 0, 0), id="spaces"),
        pytest.param("3  1   0 0 0 0", (3, 1, 0, 0, 0, 0), id="several-spaces"),
        pytest.param("3,1,0,0,0,0", (3, 1, 0, 0, 0, 0), id="commas"),
        pytest.param("3, 1, 0, 0, 0, 0", (3, 1, 0, 0, 0, 0), id="comma-space"),
        pytest.param("3，1，0，0，0，0", (3, 1, 0, 0, 0, 0), id="full-width-commas"),
        pytest.param("3、1、0、0、0、0", (3, 1, 0, 0, 0, 0), id="dunhao"),
        pytest.param("３　１　０　０　０　０", (3, 1, 0, 0, 0, 0), id="full-width"),
        pytest.param("三 一 零 零 零 十二", (3, 1, 0, 0, 0, 12), id="chinese-numerals"),
    ],
)
def test_row_accepts(text: str, expected: tuple[int, ...]) -> None:
    assert parse_row(text) == expected


def test_row_width() -> None:
    assert parse_row("1 2 3 4 5", width=5) == (1, 2, 3, 4, 5)
    assert "需要 7 个数，收到 6 个" in refusal(parse_row, "1 2 3 4 5 6", width=7)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        pytest.param("", "请输入 6 个数", id="empty"),
        pytest.param("3 1 0 0 0", "需要 6 个数，收到 5 个", id="too-few"),
        pytest.param("3 1 0 0 0 0 0", "需要 6 个数，收到 7 个", id="too-many"),
        pytest.param("3\t1\t\t0\t0\t0", "第 3 格为空，请填 0", id="empty-tab-cell"),
        pytest.param("\t1\t0\t0\t0\t0", "第 1 格为空，请填 0", id="empty-first-cell"),
        pytest.param("3\t1\t0\t0\t0\t", "第 6 格为空，请填 0", id="empty-last-cell"),
        pytest.param("3,,0,0,0,0", "第 2 格为空，请填 0", id="double-comma"),
        pytest.param("3 1 0 0 0 -1", "第 6 格：件数不能是负数", id="negative"),
        pytest.param("3 1 0 0 0 1.5", "第 6 格：件数必须是整数", id="fraction"),
        pytest.param("3 1 x 0 0 0", "第 3 格：没看懂“x”", id="garbage"),
    ],
)
def test_row_refuses(text: str, fragment: str) -> None:
    assert fragment in refusal(parse_row, text)


# Free text -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("  本机关按时公开。 ", "本机关按时公开。", id="stripped"),
        pytest.param(
            "第一段，\r\n第二段（略）", "第一段，\n第二段（略）", id="newlines-and-full-width"
        ),
        pytest.param("字" * 2000, "字" * 2000, id="exactly-max-length"),
    ],
)
def test_text_accepts(text: str, expected: str) -> None:
    assert parse_text(text) == expected


def test_text_optional_may_be_empty() -> None:
    assert parse_text("   ", required=False) == ""


@pytest.mark.parametrize(
    ("text", "kwargs", "fragment"),
    [
        pytest.param("", {}, "这里需要填写内容", id="empty"),
        pytest.param(" \n ", {}, "这里需要填写内容", id="blank"),
        pytest.param("字" * 2001, {}, "最多 2000 字", id="too-long"),
        pytest.param(
            "十个字十个字十个字", {"max_length": 5}, "最多 5 字", id="max-length-argument"
        ),
    ],
)
def test_text_refuses(text: str, kwargs: dict[str, Any], fragment: str) -> None:
    assert fragment in refusal(parse_text, text, **kwargs)


# Robustness and purity -----------------------------------------------------------------

ODD_INPUTS = [
    "",
    " ",
    "\x00",
    "\t\t\t",
    "\n",
    "٣",
    "𝟙𝟚",
    "Ⅻ",
    "½",
    "0x10",
    "1e309",
    "-",
    "负",
    ".",
    ",",
    "、、、",
    "万万",
    "亿",
    "零零零零",
    "一" * 5000,
    "9" * 5000,
    "十" * 100,
    "NaN",
    "-inf",
    "sNaN",
    "🙂",
    "自然人",
    "自然人自然人",
    "?",
    "帮助",
]
PARSERS: dict[str, Callable[[str], object]] = {
    "integer": parse_integer,
    "decimal": parse_decimal,
    "yesno": parse_yesno,
    "choice": lambda text: parse_choice(text, CHANNELS),
    "choices": lambda text: parse_choices(text, CHANNELS),
    "breakdown": lambda text: parse_breakdown(text, APPLICANTS, 4),
    "row": parse_row,
    "text": parse_text,
}


@pytest.mark.parametrize("name", list(PARSERS))
def test_odd_input_is_refused_in_chinese_never_a_traceback(name: str) -> None:
    for text in ODD_INPUTS:
        try:
            PARSERS[name](text)
        except AnswerError as exc:
            assert CJK.search(str(exc)) and "\n" not in str(exc), (text[:20], str(exc))
    assert parse_chinese_number("一" * 5000) is not None  # digit by digit, still no error


def test_answer_error_is_a_value_error() -> None:
    assert issubclass(AnswerError, ValueError)


def test_module_imports_only_the_standard_library() -> None:
    tree = ast.parse(Path(answers.__file__).read_text(encoding="utf-8"))
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    imported |= {  # relative imports are the program's own stdlib-only modules
        node.module or ""
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.level == 0
    }
    top_level = {name.split(".")[0] for name in imported}
    assert top_level <= set(sys.stdlib_module_names) | {"__future__"}, top_level

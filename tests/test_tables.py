"""Text laid out for the terminal by display width (chat/tables.py): wrapping never
starts a line with closing punctuation, never splits a number or a number from its
unit, and keeps the text; headings break between phrases."""

from __future__ import annotations

import itertools
import re

from hypothesis import given
from hypothesis import strategies as st

from report_interview.chat.tables import CLOSING, OPENING, width, wrap, wrap_phrases

CHINESE = st.text(
    alphabet="政府信息公开工作年度报告我镇共主动重点领域专栏村居务", min_size=1, max_size=8
)
NUMBER = st.from_regex(r"[1-9][0-9]{0,6}(\.[0-9]{1,2})?", fullmatch=True)
UNIT = st.sampled_from(["条", "件", "次", "期", "个", "年", "万元", "%", ""])
WORD = st.one_of(
    CHINESE,
    st.tuples(NUMBER, UNIT).map("".join),
    st.from_regex(r"[A-Za-z]{1,12}", fullmatch=True),
)
CLOSE = st.sampled_from(
    ["", "，", "。", "、", "；", "：", "？", "！", "）", "》", "”", "。”", "……"]
)
OPEN = st.sampled_from(["", "", "（", "《", "“", "("])
# Clauses as real text has them: punctuation next to words, a space or a dash between.
CLAUSE = st.tuples(OPEN, WORD, CLOSE, st.sampled_from(["", "", " ", "——"])).map("".join)
TEXT = st.lists(CLAUSE, max_size=40).map("".join)


def _digit_runs(text: str) -> list[str]:
    return re.findall(r"\d+(?:\.\d+)?", text)


@given(TEXT, st.integers(min_value=40, max_value=160), st.sampled_from(["", "  ", "助手："]))
def test_wrapped_lines_fit_keep_the_text_and_never_break_badly(
    text: str, columns: int, indent: str
) -> None:
    lines = wrap(text, indent=indent, columns=columns)
    assert all(width(line) <= columns for line in lines)
    body = [line.removeprefix(indent) for line in lines]
    assert not any(line[:1] in CLOSING for line in body)  # no line starts with ，。）…
    assert not any(line[-1:] in OPENING for line in body[:-1])  # none ends with （《“
    # the text is kept: only the spaces where a line breaks are dropped
    assert "".join(body).replace(" ", "") == text.strip().replace(" ", "")
    assert all(line.strip() in text for line in body)
    # no number is split, nor a number from the character after it (its unit)
    assert _digit_runs("".join(body)) == [run for line in body for run in _digit_runs(line)]
    for before, after in itertools.pairwise(body):
        assert not (before[-1:].isdigit() and after[:1] and width(after[0]) == 2)


def test_the_numbers_of_the_newcomers_report_stay_whole() -> None:
    text = "重点公开了财政预决算信息12条、乡村振兴信息30条、规划批前公示信息94条等领域的信息。"
    for columns in range(40, 100):
        lines = wrap(text, indent="", columns=columns)
        assert any("94条" in line for line in lines), lines


def test_a_word_longer_than_the_line_is_cut_not_lost() -> None:
    url = "https://www.hnhx.gov.cn/" + "a" * 100
    lines = wrap(url, indent="", columns=40)
    assert "".join(lines) == url and all(width(line) <= 40 for line in lines)


def test_a_banner_breaks_between_phrases_at_the_terminals_width() -> None:
    banner = (
        "━━ 第 4 部分，共 7 部分：三、收到和处理政府信息公开申请情况"
        "（本部分先问 2 个问题，其余视回答而定，已答 0 个） ━━"
    )
    assert wrap_phrases(banner, 80) == [
        "━━ 第 4 部分，共 7 部分：三、收到和处理政府信息公开申请情况",
        "（本部分先问 2 个问题，其余视回答而定，已答 0 个） ━━",
    ]
    assert wrap_phrases(banner, 160) == [banner]
    for columns in range(40, 120):
        lines = wrap_phrases(banner, columns)
        assert all(width(line) <= columns for line in lines)
        assert "".join(lines) == banner

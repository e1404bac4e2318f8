"""Names in a report (report/naming.py): how a body names itself, what its name settles,
and the items a clerk lists, split only where the prompt says."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from report_interview.report.naming import (
    answering_office,
    area_name,
    org_kind,
    self_name,
    split_names,
)


@pytest.mark.parametrize(
    ("name", "kind", "self_", "office"),
    [
        ("白道口镇人民政府", "township", "我镇", "白道口镇党政办公室"),
        ("城关街道办事处", "township", "我街道", "城关街道党政办公室"),
        ("某某乡", "township", "我乡", "某某乡党政办公室"),
        # the county before a township's name is not the office's (a newcomer's sheet)
        ("滑县八里营镇人民政府", "township", "我镇", "八里营镇党政办公室"),
        ("河南省滑县城关街道办事处", "township", "我街道", "城关街道党政办公室"),
        ("东区街道办事处", "township", "我街道", "东区街道党政办公室"),  # 东区 is its name
        ("滑县人民政府", "county_government", "我县", "滑县人民政府办公室"),
        ("滑县教育局", "", "我局", "滑县教育局办公室"),  # a county's or a city's: asked
        ("新乡市人民政府", "", "我市", "新乡市人民政府办公室"),  # 地级市 …
        ("长垣市人民政府", "", "我市", "长垣市人民政府办公室"),  # … or 县级市: asked
        ("某某管理处", "", "我单位", "某某管理处办公室"),
    ],
)
def test_what_a_name_settles(name: str, kind: str, self_: str, office: str) -> None:
    assert org_kind(name, certain=True) == kind
    assert self_name(name) == self_
    assert answering_office(name, kind or "county_department") == office
    assert self_name("某某管理处", "") == ""  # not known: the interview asks


@pytest.mark.parametrize(
    ("name", "guess", "certain"),
    [
        ("牛屯镇人民政府", "township", "township"),
        ("某某苏木", "township", "township"),
        ("滑县人民政府", "county_government", "county_government"),
        ("海淀区人民政府", "county_government", "county_government"),
        ("滑县", "county_government", ""),  # its 县委 too could be named so
        # a 市's government is a government, of a 县级市 or of a 地级市: the interview asks
        ("滑台市人民政府", "city_government", ""),
        ("延边朝鲜族自治州人民政府", "city_government", "city_government"),
        ("滑县教育局", "county_department", ""),
        ("新乡市教育局", "city_department", ""),
        ("新乡市市场监督管理局", "city_department", ""),  # 市场 is no place
        ("某某管理处", "other", ""),
        ("", "other", ""),
    ],
)
def test_a_name_guesses_its_kind_and_settles_only_what_is_certain(
    name: str, guess: str, certain: str
) -> None:
    """One function for the readers (a guess: a report read needs a kind) and the
    interview (only what the name settles; the rest is asked)."""
    assert org_kind(name) == guess
    assert org_kind(name, certain=True) == certain


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("微信公众号“厚重牛屯”、抖音号“牛屯发布”", ["微信公众号“厚重牛屯”", "抖音号“牛屯发布”"]),
        (
            "征地信息公开的及时性还不够、复议纠正1件，说明答复质量有待提高",
            ["征地信息公开的及时性还不够", "复议纠正1件，说明答复质量有待提高"],
        ),
        ("微信公众号“甲、乙”、村（居）务栏", ["微信公众号“甲、乙”", "村（居）务栏"]),
        ("土地征收；规划批前公示", ["土地征收；规划批前公示"]),
        ("甲\n乙、", ["甲", "乙"]),
    ],
)
def test_items_are_split_only_at_the_ideographic_comma_outside_quotes(
    text: str, items: list[str]
) -> None:
    assert split_names(text) == items


WORD = st.text(alphabet="征地信息公开，；,;及时性不够1 ", min_size=1, max_size=8)


@st.composite
def item(draw: st.DrawFn) -> str:
    """An item as typed: words, perhaps with a part in quotes or brackets, where a 、
    may stand (微信公众号“甲、乙”)."""
    quote = draw(st.sampled_from(["", "“”", "（）"]))
    inner = draw(st.text(alphabet="甲乙、，" if quote else "甲乙，", min_size=1, max_size=5))
    return (draw(WORD) + quote[:1] + inner + quote[1:] + draw(WORD)).strip()


@given(st.lists(item(), min_size=1, max_size=5))
def test_items_without_the_comma_come_back_as_typed(items: list[str]) -> None:
    """Commas, semicolons and 、 inside quotes or brackets stay in their item."""
    assert split_names("、".join(items)) == items


@pytest.mark.parametrize(
    ("name", "kind", "area"),
    [
        ("滑县人民政府", "county_government", "全县"),
        ("淮安市洪泽区人民政府", "county_government", "全区"),
        ("鄂托克旗人民政府", "county_government", "全旗"),
        ("淮安市人民政府", "city_government", "全市"),
        ("长垣市人民政府", "county_government", "全市"),  # a 县级市
        ("某某政府", "county_government", "全县"),  # the name does not tell: the kind does
        ("某某政府", "city_government", "全市"),
        ("滑县教育局", "county_department", ""),  # no area of its own
        ("牛屯镇人民政府", "township", ""),
    ],
)
def test_a_government_names_its_whole_area(name: str, kind: str, area: str) -> None:
    assert area_name(name, kind) == area

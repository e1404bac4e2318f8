"""The prose of the report, written from the answers and the tables.

Every number in a sentence here is read from the answers or from ReportData, so the
text cannot contradict the tables (R8); every year is the report year, or the next one
for plans (R10); points are numbered 一是、二是… by counting, never by hand. The
composers at the end (`COMPOSERS`) turn an interview's answers into the paragraphs the
clerk is shown to accept, edit or replace.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from .data import APPEAL_BLOCKS, APPEAL_RESULTS, GOVERNMENT_KINDS, OUTCOME_KEYS, ReportData
from .naming import labels_of, name_of, split_names

LEGAL_BASIS = (
    "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与"
    "政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》"
    "（国办公开办函〔2021〕30号）要求"
)
_DIGITS = "零一二三四五六七八九"

Names = Mapping[str, Any]


# ---------------------------------------------------------------- small helpers


def chinese_number(n: int) -> str:
    """1–99 in Chinese numerals, as used in 一是、十二是."""
    if not 0 < n < 100:
        raise ValueError(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else f"{_DIGITS[tens]}十")
    return head + (_DIGITS[ones] if ones else "")


def numbered(points: Sequence[str]) -> str:
    """Points as 一是…；二是…。 — one point needs no numbering."""
    items = [p.strip().rstrip("。；;，,") for p in points if p.strip()]
    if not items:
        return ""
    if len(items) == 1:
        return items[0] + "。"
    return "；".join(f"{chinese_number(i)}是{p}" for i, p in enumerate(items, 1)) + "。"


def listing(items: Sequence[str]) -> str:
    """A、B和C."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return "、".join(items[:-1]) + "和" + items[-1]


def _labels(names: Names, list_name: str, chosen: Iterable[str]) -> list[str]:
    """Labels of chosen option values (own entries kept as written), in the answer's
    order — the order a paired list (measures for problems) follows too."""
    return labels_of(chosen, names.get(list_name, []))


def _who(names: Names) -> str:
    return str(names.get("org_self") or "本机关")


def _year(names: Names) -> int:
    return int(names.get("report_year") or 0)


def _items(value: object) -> list[str]:
    """A list answer's items; older answers kept them as one text, a line each."""
    lines = value if isinstance(value, list) else str(value or "").splitlines()
    return [str(line).strip() for line in lines if str(line).strip()]


def _amount(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")


# ---------------------------------------------------------------- from the tables


def statistics_period(year: int) -> str:
    return f"本报告中所列数据统计期限自{year}年1月1日起至{year}年12月31日止。"


def preamble(report: ReportData, site: str = "", office: str = "", address: str = "",
             phone: str = "") -> str:  # fmt: skip
    """Legal basis, what the report holds, the statistics period, where to read it and
    whom to ask."""
    text = (
        f"{LEGAL_BASIS}，编制本报告。本报告由总体情况、主动公开政府信息情况、收到和处理政府信息"
        f"公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的"
        f"事项六部分组成。{statistics_period(report.year)}"
    )
    if site:
        text += f"本报告电子版可在{site}查阅或下载。"
    if office:
        details = "；".join(p for p in (f"地址：{address}" if address else "",
                                        f"电话：{phone}" if phone else "") if p)  # fmt: skip
        text += f"如对本报告有疑问，请与{office}联系" + (f"（{details}）" if details else "") + "。"
    return text


def _count(cells: Sequence[int | None]) -> int:
    total = cells[-1]
    return total if total is not None else 0


_OUTCOME_GROUPS = (
    ("予以公开", ("granted",)),
    ("部分公开", ("partly_granted",)),
    ("不予公开", tuple(k for k in OUTCOME_KEYS if k.startswith("denied_"))),
    ("无法提供", tuple(k for k in OUTCOME_KEYS if k.startswith("unavailable_"))),
    ("不予处理", tuple(k for k in OUTCOME_KEYS if k.startswith("rejected_"))),
    ("其他处理", tuple(k for k in OUTCOME_KEYS if k.startswith("other_"))),
)


def _outcomes(report: ReportData) -> str:
    parts = []
    for label, keys in _OUTCOME_GROUPS:
        count = sum(_count(report.applications[k]) for k in keys)
        if count:
            parts.append(f"{label}{count}件")
    return "、".join(parts)


def on_request(report: ReportData, area: str = "") -> str:
    """（二）依申请公开, written entirely from sections 三 and 四; `area` (全县, 全市 …)
    when the tables are the sum over the government's area (report-format.md §10)."""
    who = area or report.org.self_name or "本机关"
    new = _count(report.applications["new"])
    carried = _count(report.applications["carried_over"])
    concluded = _count(report.applications["concluded"])
    forward = _count(report.applications["carried_forward"])
    if new == 0 and carried == 0:
        text = f"{report.year}年，{who}未收到政府信息公开申请。"
    else:
        text = f"{report.year}年，{who}{'共' if area else ''}新收政府信息公开申请{new}件"
        text += f"，上年结转政府信息公开申请{carried}件" if carried else ""
        text += f"；本年度办结{concluded}件"
        outcomes = _outcomes(report)
        text += f"（其中{outcomes}）" if outcomes else ""
        text += f"，结转下年度继续办理{forward}件。" if forward else "。"
    return text + appeals_sentence(report)


_LITIGATION_KINDS = (
    ("litigation_direct", "未经复议直接起诉"),
    ("litigation_after_reconsideration", "复议后起诉"),
)


def appeals_sentence(report: ReportData) -> str:
    """四 in words, as its table gives it: the 复议 and 诉讼 cases with their results
    (结果维持、结果纠正、其他结果、尚未审结), the two kinds of 诉讼 each with its own."""
    cases = {key: _count(report.appeals[key]) for key, _ in APPEAL_BLOCKS}
    reconsideration = cases["reconsideration"]
    litigation = cases["litigation_direct"] + cases["litigation_after_reconsideration"]
    if reconsideration == 0 and litigation == 0:
        return "全年未发生因政府信息公开引起的行政复议、行政诉讼案件。"
    parts = []
    if reconsideration:
        results = _appeal_results(report.appeals["reconsideration"])
        parts.append(f"被申请行政复议{reconsideration}件，{results}")
    else:
        parts.append("未被申请行政复议")
    if litigation:
        kinds = [
            f"{name}{cases[key]}件，{_appeal_results(report.appeals[key])}"
            for key, name in _LITIGATION_KINDS
            if cases[key]
        ]
        parts.append(f"被提起行政诉讼{litigation}件（{'；'.join(kinds)}）")
    else:
        parts.append("未被提起行政诉讼")
    return f"全年因政府信息公开{'；'.join(parts)}。"


def _appeal_results(cells: Sequence[int | None]) -> str:
    """The results of one block of 四: “结果维持” for a single case, “其中结果维持1件、
    尚未审结1件” for several."""
    given = [(label, n) for label, n in zip(APPEAL_RESULTS, cells[:4], strict=True) if n]
    if len(given) == 1:
        label, n = given[0]
        return label if n == 1 else f"{label}{n}件"
    return "其中" + "、".join(f"{label}{n}件" for label, n in given)


# ---------------------------------------------------------------- 一、总体情况 from answers


def proactive(names: Names) -> str:
    """（一）主动公开: the total (unless 不详), each channel with its own count, the key
    areas (own ones as the clerk wrote them)."""
    total = names.get("proactive_total", 0)
    text = f"{_year(names)}年，{_who(names)}"
    text += "主动公开政府信息" if total is None else f"共主动公开政府信息{total}条"
    channels = _channel_phrases(names)
    counted = [phrase for phrase, has_count in channels if has_count]
    named = [phrase for phrase, has_count in channels if not has_count]
    if counted:  # the channels without a count in a clause of their own, not as a fragment
        text += "，其中" + "，".join(counted)
        text += f"；还通过{listing(named)}公开。" if named else "。"
    elif named:
        text += f"，主要通过{listing(named)}公开。"
    else:
        text += "。"
    areas = _area_phrases(names)
    if areas:
        text += f"重点公开了{listing(areas)}。"
    return text


# How a channel is named when it has no count, and the verb and unit of its count.
_CHANNELS = {
    "board": ("政务公开栏", "更新{name}{count}期"),
    "press": ("新闻发布会和新闻媒体", "召开新闻发布会{count}场"),
}
PRESS_FIELD = "新闻发布会（场）"


def board_name(names: Names) -> str:
    """The notice boards as the body has them: a township's village boards too, a 局's
    own board only."""
    if names.get("org_kind") == "township":
        return "政务公开栏、村（居）务公开栏"
    return "政务公开栏"


VILLAGE_BOARDS = "村（居）务公开栏数量"  # the counts field of a township's village boards


def boards(names: Names) -> str:
    """The notice boards with how many village boards there are, where the clerk said:
    政务公开栏、12个村（居）务公开栏."""
    villages = count_of(names.get("channel_counts"), VILLAGE_BOARDS)
    if names.get("org_kind") == "township" and villages:
        return f"政务公开栏、{villages}个村（居）务公开栏"
    return board_name(names)


def count_of(counts: object, name: str) -> int | None:
    """The count a counts answer gives the field named `name` (its unit aside); None when
    unknown (不详), not asked, or 0 (a channel with nothing counted names no number)."""
    if not isinstance(counts, Mapping):
        return None
    for field, value in counts.items():
        if name_of(str(field)) == name and isinstance(value, int) and value > 0:
            return value
    return None


def _channel_phrases(names: Names) -> list[tuple[str, bool]]:
    """Each channel chosen, in option order, named as the clerk named it, with its count
    where one was given: (phrase, whether it states a count)."""
    chosen = list(names.get("proactive_channels") or [])
    order = [c.value for c in names.get("channel_options", [])]
    counts = names.get("channel_counts") or {}
    phrases: list[tuple[str, bool]] = []
    for value in [v for v in order if v in chosen] + [v for v in chosen if v not in order]:
        if value == "website":
            phrases.append(_counted(str(names.get("website_name") or "政府网站"), counts, "公开"))
        elif value == "newmedia":
            accounts = split_names(names.get("newmedia_names")) or ["政务新媒体"]
            phrases += [_counted(account, counts, "发布") for account in accounts]
        elif value == "service_hall":
            phrases.append((service_hall(names), False))
        elif value in _CHANNELS:
            name, counted = _CHANNELS[value]
            field = board_name(names) if value == "board" else name_of(PRESS_FIELD)
            name = boards(names) if value == "board" else name
            count = count_of(counts, field)
            phrases.append(
                (counted.format(name=name, count=count), True) if count else (name, False)
            )
        else:
            phrases.append(_counted(value, counts, "公开"))
    return phrases


def service_hall(names: Names) -> str:
    """Where the public is served in person: a township's 便民服务中心, else the
    government's 政务服务大厅."""
    return "便民服务中心" if names.get("org_kind") == "township" else "政务服务大厅"


def _counted(name: str, counts: object, verb: str) -> tuple[str, bool]:
    count = count_of(counts, name)
    return (f"通过{name}{verb}{count}条", True) if count else (name, False)


def _area_phrases(names: Names) -> list[str]:
    """The key areas chosen with their counts: the listed ones as 财政预决算信息12条, own
    entries exactly as the clerk wrote them (土地征收信息96条, 规划批前公示)."""
    chosen = list(names.get("key_areas") or [])
    counts = names.get("key_area_counts") or {}
    options = {c.value: c.label for c in names.get("key_area_options", [])}
    phrases = []
    for value in [v for v in options if v in chosen] + [v for v in chosen if v not in options]:
        name = f"{options[value]}信息" if value in options else value
        count = count_of(counts, options.get(value, value))
        phrases.append(f"{name}{count}条" if count else name)
    return phrases


# Each practice chosen, said in the words of its option: nothing the clerk did not say
# (a reader takes “做到发布有记录、可追溯” for a fact of the body's).
_MANAGEMENT = {
    "secrecy": "严格执行信息发布前保密审查制度",
    "attribute": "对新制发的公文明确主动公开、依申请公开或不予公开的属性",
    "interpretation": "政策文件与解读材料同步发布",
    "three_reviews": "信息发布实行“三审三校”",
    "ledger": "建立政务公开工作台账",
    "catalogue": "动态调整政府信息公开目录",
    "staff": "明确政务公开分管领导和工作人员",
}


def management(names: Names) -> str:
    """（三）政府信息管理, the chosen practices as numbered points."""
    points = []
    for value in names.get("management_practices") or []:
        if value == "cleanup":
            cleaned = names.get("documents_cleaned")  # None: 不详
            count = f"，共清理规范性文件{cleaned}件" if cleaned else ""
            points.append(f"开展规范性文件清理{count}")
        else:
            points.append(_MANAGEMENT.get(value, value))
    return f"{_who(names)}进一步规范政府信息管理：{numbered(points)}" if points else ""


def documents_note(names: Names) -> str:
    """Why 现行有效件数 is not last year's plus issued minus repealed (R6)."""
    reason = str(names.get("documents_jump_reason") or "").strip().rstrip("。")
    if not reason:
        return ""
    in_force = names.get("documents_in_force", 0)
    return f"关于行政规范性文件现行有效件数：{reason}，截至本年底现行有效{in_force}件。"


def platforms(names: Names) -> str:
    """（四）政府信息公开平台建设."""
    site = names.get("website_name") or "政府网站信息公开专栏"
    media = names.get("newmedia_names") or "政务新媒体"
    issues = count_of(names.get("channel_counts"), board_name(names))
    hall = service_hall(names)
    phrases = {
        "website_column": f"维护{site}",
        "newmedia_manage": f"加强{media}的管理",
        "boards": f"更新{boards(names)}" + (f"{issues}期" if issues else ""),
        "reading_point": "设立政府信息公开查阅点",
        "service": f"在{hall}设立政务公开专区（窗口）",
    }
    points = [phrases.get(v, v) for v in names.get("platform_work") or []]
    return f"{_who(names)}持续加强政府信息公开平台建设：{numbered(points)}" if points else ""


_PENDING = re.compile(r"^(?:考核)?(?:结果)?(?:尚未|还没|未)(?:公布|出来|下达)")


def oversight(names: Names) -> str:
    """（五）监督保障: what was done (training, assessment) as numbered points, then the
    results of 工作考核、社会评议和责任追究 plainly in a sentence of their own (条例第五十条
    requires them of a 人民政府), never as an achievement."""
    who, done = _who(names), []
    training = _training(names)
    if training:
        done.append(f"全年{training}")
    if names.get("in_assessment"):
        done.append(f"将政务公开工作纳入{who}年度考核")
    sentences = [f"{who}强化政务公开监督保障：{numbered(done)}"] if done else []
    results = [_assessment(names), _review(names), _accountability(names)]
    results = [r for r in results if r]
    if names.get("org_kind") in GOVERNMENT_KINDS:
        sentences.append(f"关于工作考核、社会评议和责任追究结果：{'；'.join(results)}。")
    else:
        sentences.append(f"{'；'.join(results)}。")
    return "".join(sentences)


def _training(names: Names) -> str:
    """The trainings as the clerk gave them: organised by the body, attended (organised
    by the superior), each with its count, or without one where it was 不详 (None)."""
    parts = []
    for key, what in (("training_organised", "组织政务公开业务培训"),
                      ("training_attended", "参加上级组织的政务公开业务培训")):  # fmt: skip
        count = names.get(key, 0)
        if count is None or count:
            parts.append(what if count is None else f"{what}{count}次")
    return "、".join(parts)


def _assessment(names: Names) -> str:
    result = str(names.get("assessment_result") or "").strip().rstrip("。；;")
    if not result:
        return ""
    if _PENDING.match(result):
        return f"{_year(names)}年度政务公开工作考核结果尚未公布"
    return result


def _review(names: Names) -> str:
    if names.get("org_kind") not in GOVERNMENT_KINDS:
        return ""
    result = str(names.get("review_result") or "").strip().rstrip("。；;")
    if names.get("public_review") and result:
        return f"社会评议方面，{result}"
    return "本年度未开展政务公开社会评议"


def _accountability(names: Names) -> str:
    cases = int(names.get("accountability_cases") or 0)
    if cases:
        return f"因政府信息公开工作被追究责任{cases}起"
    return "全年未发生因政府信息公开工作被追究责任的情况"


# ---------------------------------------------------------------- 五 and 六


def problems(names: Names) -> str:
    """五: last year's problems and what became of them, this year's problems each with
    its measure, next year's plans (the only place the next year is named)."""
    year, who = _year(names), _who(names)
    paragraphs = []
    pairs = list(
        zip(_items(names.get("last_problems")), _items(names.get("rectification")), strict=False)
    )
    if pairs:
        done = [f"针对“{p.rstrip('。；;')}”的问题，{r.rstrip('。；;')}" for p, r in pairs]
        paragraphs.append(f"上年度报告提出问题的整改情况：{numbered(done)}")
    elif names.get("last_report") == "missing":
        paragraphs.append("因未能找到上年度报告，上年度所提问题的整改情况无法逐项说明。")
    else:
        paragraphs.append("上年度报告未提出需要整改的具体问题。")
    found = _labels(names, "problem_bank", names.get("problems_chosen") or [])
    measures = _items(names.get("problem_measures"))
    if found:
        paragraphs.append(f"{year}年，{who}政府信息公开工作还存在一些不足：{numbered(found)}")
    if found and len(measures) == len(found):  # the clerk's measure for each problem
        paragraphs.append(f"对此，{who}将采取以下改进措施：{numbered(measures)}")
    plans = _labels(names, "plan_bank", names.get("next_plans") or [])
    if plans:
        paragraphs.append(f"{year + 1}年，{who}将重点做好以下工作：{numbered(plans)}")
    return "\n".join(paragraphs)


def other_matters(names: Names, unpaid_fee_cases: int = 0, area: str = "") -> str:
    """六: 信息处理费 always stated (元, never the 万元 行政事业性收费 of 二), proposals,
    the superior's work points, anything else — never a bare 无. `area` (全县 …) when
    the applications ended for an unpaid fee are counted over the government's area."""
    year, who = _year(names), _who(names)
    amount = names.get("info_fee_amount")
    if names.get("info_fee_charged") and isinstance(amount, Decimal) and amount > 0:
        fee = f"{year}年，{who}依据《政府信息公开信息处理费管理办法》收取信息处理费{_amount(amount)}元。"
    else:
        fee = f"{year}年，{who}未收取信息处理费。"
    if unpaid_fee_cases:
        fee += f"{area}有" if area else "另有"
        fee += f"{unpaid_fee_cases}件申请因申请人逾期未按收费通知缴纳信息处理费，已不再处理。"
    paragraphs = [fee]
    if names.get("handles_proposals"):
        npc, cppcc = int(names.get("proposals_npc") or 0), int(names.get("proposals_cppcc") or 0)
        state = (
            "办理结果已全部公开"
            if names.get("proposals_published")
            else "办理结果的公开工作正在推进"
        )
        paragraphs.append(f"{year}年，{who}承办人大代表建议{npc}件、政协提案{cppcc}件，{state}。")
    elif names.get("handles_proposals") is False:  # answered: none this year
        paragraphs.append(f"{year}年，{who}未承办人大代表建议和政协提案。")
    points = _labels(names, "work_point_options", names.get("work_points") or [])
    if points:
        paragraphs.append(f"{who}认真落实上级{year}年政务公开工作要点：{numbered(points)}")
    paragraphs += _items(names.get("other_notes"))
    return "\n".join(paragraphs)


# ---------------------------------------------------------------- composers

COMPOSERS: Mapping[str, Callable[[Names], str]] = {
    "proactive": proactive,
    "management": management,
    "platforms": platforms,
    "oversight": oversight,
    "problems": problems,
}

"""Sentences of the report built from the answers and the tables.

Every number in a generated sentence is read from ReportData or the answers, so the
text cannot contradict the tables (R8), and every year is the report year (R10).
"""

from __future__ import annotations

from .report import APPEAL_BLOCKS, ReportData

LEGAL_BASIS = (
    "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与"
    "政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》"
    "（国办公开办函〔2021〕30号）要求"
)


def statistics_period(year: int) -> str:
    return f"本报告中所列数据统计期限自{year}年1月1日起至{year}年12月31日止。"


def preamble(report: ReportData) -> str:
    """Legal basis, what the report covers, and the statistics period."""
    return (
        f"{LEGAL_BASIS}，编制本报告。本报告由总体情况、主动公开政府信息情况、收到和处理政府信息"
        f"公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的"
        f"事项六部分组成。{statistics_period(report.year)}"
    )


def _count(cells: tuple[int | None, ...]) -> int:
    total = cells[-1]
    return total if total is not None else 0


def on_request(report: ReportData) -> str:
    """（二）依申请公开, written entirely from sections 三 and 四."""
    who = report.org.self_name or "本机关"
    new = _count(report.applications["new"])
    carried = _count(report.applications["carried_over"])
    concluded = _count(report.applications["concluded"])
    forward = _count(report.applications["carried_forward"])
    if new == 0 and carried == 0:
        text = f"{report.year}年，{who}未收到政府信息公开申请。"
    else:
        text = f"{report.year}年，{who}新收政府信息公开申请{new}件"
        text += f"，上年结转{carried}件" if carried else ""
        text += f"；本年度办结{concluded}件"
        text += f"，结转下年度继续办理{forward}件。" if forward else "，全部按时答复。"
    return text + appeals_sentence(report)


def appeals_sentence(report: ReportData) -> str:
    cases = {key: _count(report.appeals[key]) for key, _ in APPEAL_BLOCKS}
    reconsideration = cases["reconsideration"]
    litigation = cases["litigation_direct"] + cases["litigation_after_reconsideration"]
    if reconsideration == 0 and litigation == 0:
        return "全年未发生因政府信息公开引起的行政复议、行政诉讼案件。"
    return f"全年因政府信息公开被申请行政复议{reconsideration}件、被提起行政诉讼{litigation}件。"

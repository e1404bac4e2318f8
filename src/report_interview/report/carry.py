"""Last year's report carried into this year's interview.

`previous_from_report` (a published text or a data file, read into ReportData) and
`previous_from_answers` (a finished interview of last year, exact) both give the same
mapping: the `previous` of the flow's expressions, which offers last year's figures as
defaults ("confirm, don't collect") and the baselines of R5 and R6. Stdlib only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .data import APPLICANT_KEYS, ReportData
from .prose import named_problems, plain_text

# Keys of the mapping, for the flow's `previous.…` defaults.
PREVIOUS_KEYS = (
    "year", "org_name", "org_kind", "org_self", "carried_forward_total",
    "carried_forward_by_type", "documents_in_force", "regulations_in_force", "problems_list",
    "report_site", "contact_office", "contact_address", "contact_phone", "website_name",
    "newmedia_names", "proactive_channels", "handles_proposals", "in_assessment",
)  # fmt: skip
# Answers of this year's interview that are simply last year's (the body itself).
PREFILLED = ("org_name", "org_kind", "org_self")

_PHONE = re.compile(r"(?:联系)?电话[:：]?((?:\d{3,4}[-－—])?\d{7,8}(?:[、,，/]\d{7,8})?)")
_ADDRESS = re.compile(r"地址[:：]([^；;，,。）)\n]{4,40})")
_OFFICE = re.compile(r"请(?:与|联系)([^，,。（(]{2,30}?)(?:联系|。|（|\()")
_SITE = re.compile(r"(?:可在|可登录|可通过|在)([^，,。；;]{4,60}?)(?:查阅|下载|查看)")
_WEBSITE = re.compile(r"(?:通过|依托|在)([^，,。；;、]{2,40}专栏|[^，,。；;、]{2,40}?网站)")
_NEWMEDIA = re.compile(
    r"(微信公众号|公众号|微博|抖音号?|头条号|视频号)[“\"「]([^”\"」]{1,20})[”\"」]"
)


def _total(cells: tuple[int | None, ...]) -> int:
    total = cells[-1]
    return total if total is not None else sum(c or 0 for c in cells[:-1])


def _from_text(report: ReportData) -> dict[str, Any]:
    """Contact, download place, channels and platform names, as last year's text gave them."""
    found: dict[str, Any] = {}
    for key, pattern in (("contact_phone", _PHONE), ("contact_address", _ADDRESS),
                         ("contact_office", _OFFICE), ("report_site", _SITE)):  # fmt: skip
        value = _search(pattern, report.preamble)
        if value:
            found[key] = value
    overview = report.overview.proactive + "\n" + report.overview.platforms
    website, media = _WEBSITE.search(overview), _NEWMEDIA.search(overview)
    channels = []
    if website:
        found["website_name"] = website.group(1).strip()
        channels.append("website")
    if media:
        found["newmedia_names"] = f"{media.group(1)}“{media.group(2)}”"
        channels.append("newmedia")
    if "公开栏" in overview:
        channels.append("board")
    if channels:
        found["proactive_channels"] = channels
    if re.search("纳入[^。；;]{0,20}考核", report.overview.oversight):
        found["in_assessment"] = True  # a standing arrangement, offered again
    return found


def _search(pattern: re.Pattern[str], text: str) -> str:
    """The first group of `pattern` in `text` read without spaces and with 全角 digits
    made plain, given back as the text wrote it (brackets and all)."""
    plain, offsets = plain_text(text)
    match = pattern.search(plain)
    if not match:
        return ""
    start, end = match.span(1)
    return text[offsets[start] : offsets[end - 1] + 1].strip()


def previous_from_report(report: ReportData) -> dict[str, Any]:
    """What last year's report gives this year's interview."""
    forward = report.applications["carried_forward"]
    previous: dict[str, Any] = {
        "year": report.year,
        "org_name": report.org.name,
        "org_kind": report.org.kind,
        "org_self": report.org.self_name,
        "carried_forward_total": _total(forward),
        "carried_forward_by_type": {k: forward[c] or 0 for c, k in enumerate(APPLICANT_KEYS)},
        "problems_list": named_problems(report.problems),
        "handles_proposals": "人大代表建议" in report.other_matters
        and "未承办" not in report.other_matters,
    }
    for key, counts in (("documents_in_force", report.proactive.normative_documents),
                        ("regulations_in_force", report.proactive.regulations)):  # fmt: skip
        if counts.in_force is not None:
            previous[key] = counts.in_force
    return {**previous, **_from_text(report)}


# Answers of last year's interview that are this year's defaults as they are.
_ANSWERED = ("report_site", "contact_office", "contact_address", "contact_phone",
             "website_name", "newmedia_names", "proactive_channels", "handles_proposals",
             "in_assessment")  # fmt: skip


def previous_from_answers(report: ReportData, names: Mapping[str, Any]) -> dict[str, Any]:
    """A finished interview of last year: its report's figures, its exact answers, and
    the problems it named (the clerk's own words, one per item)."""
    previous = previous_from_report(report)
    for key in _ANSWERED:
        value = names.get(key)
        if value not in (None, "", []):
            previous[key] = value
    bank = {c.value: c.label for c in names.get("problem_bank", [])}
    chosen = [bank.get(v, v) for v in names.get("problems_chosen") or []]
    if chosen:
        previous["problems_list"] = chosen
    return previous

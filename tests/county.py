"""A county's bodies and their reports, made from varied report data: the material of
the summary tests and of bench/bench_summary.py. Each body's tables add up unless a
fault is asked for; its 依申请公开 paragraph is written from its tables (so R8 holds)."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from report_interview.report.data import (
    APPLICATION_KEYS,
    OUTCOME_KEYS,
    Cell,
    Org,
    ReportData,
    report_from_dict,
)
from report_interview.report.naming import self_name
from report_interview.report.narrative import on_request
from report_interview.write.render import render

from .conftest import reference_dict

TOWNS = (
    "牛屯", "白道口", "城关", "留固", "上官", "万古", "高平", "王庄", "老店", "枣村",
    "四间房", "八里营", "赵营", "大寨", "桑村", "老爷庙", "半坡店", "慈周寨", "焦虎", "小铺",
)  # fmt: skip
DEPARTMENTS = (
    "教育局", "公安局", "民政局", "财政局", "生态环境局", "住房和城乡建设局", "交通运输局",
    "水利局", "农业农村局", "商务局", "卫生健康委员会", "市场监督管理局", "应急管理局",
    "人力资源和社会保障局", "文化广电和旅游局", "审计局", "统计局", "医疗保障局",
)  # fmt: skip
FAULTS = ("row_total", "blank", "appeal_total", "balance")
PROBLEMS = (
    "政策解读形式较为单一", "栏目信息更新不够及时", "依申请公开答复规范性有待提高",
    "政务新媒体管理不够规范", "基层公开目录不够完善", "公开工作人员业务能力不足",
)  # fmt: skip


def body(i: int) -> tuple[str, str]:
    """The i-th body of the county: its name and kind (townships, then departments)."""
    if i < len(TOWNS):
        return f"{TOWNS[i]}镇人民政府", "township"
    return f"滑县{DEPARTMENTS[(i - len(TOWNS)) % len(DEPARTMENTS)]}", "county_department"


def varied(
    i: int, year: int, carried_over: Sequence[int] | None = None, fault: str = ""
) -> ReportData:
    """Body i's report of `year`: applications in a few columns spread over the outcome
    rows, some carried forward; 复议/诉讼 cases; 二 figures; one `fault` of FAULTS."""
    rng = random.Random(i * 7919 + year)
    name, kind = body(i)
    data = reference_dict()
    data["year"], data["org"] = year, {"name": name, "self": self_name(name), "kind": kind}
    carried = (
        list(carried_over) if carried_over is not None else [rng.choice((0, 0, 1)), 0, 0, 0, 0, 0]
    )
    rows = {key: [0] * 6 for key in APPLICATION_KEYS}
    for column in range(6):
        new = rng.choice((0, 1, 2, 3, 5, 8)) if column in (0, 1, 4) else rng.choice((0, 0, 1))
        forward = rng.randint(0, min(1, new + carried[column]))
        rows["new"][column], rows["carried_over"][column] = new, carried[column]
        rows["carried_forward"][column] = forward
        done = new + carried[column] - forward
        rows["concluded"][column] = done
        for _ in range(done):
            rows[rng.choice(OUTCOME_KEYS[:6] if rng.random() < 0.7 else OUTCOME_KEYS)][column] += 1
    data["applications"] = {key: [*cells, sum(cells)] for key, cells in rows.items()}
    data["appeals"] = {
        key: [rng.randint(0, 2), rng.randint(0, 1), 0, rng.randint(0, 1)]
        for key in ("reconsideration", "litigation_direct", "litigation_after_reconsideration")
    }
    issued, repealed, in_force = _documents(i, year)
    data["proactive"] = {
        "regulations": {"issued": 0, "repealed": 0, "in_force": 0},
        "normative_documents": {"issued": issued, "repealed": repealed, "in_force": in_force},
        "licensing": rng.randint(0, 500),
        "penalty": rng.randint(0, 40),
        "enforcement": rng.randint(0, 5),
        "fees_10k_yuan": str(Decimal(rng.randint(0, 99999)) / 100),
    }
    data["problems"] = _problems(i, year, data["org"]["self"])
    data["other_matters"] = "本年度未收取信息处理费。"  # R9 holds where fee notices went out
    report = report_from_dict(data)
    items = 100 + rng.randint(0, 300)
    overview = dataclasses.replace(
        report.overview,
        proactive=f"{year}年，{report.org.self_name}共主动公开政府信息{items}条。",
        on_request=on_request(report),
    )
    return broken(dataclasses.replace(report, overview=overview), fault)


def _documents(i: int, year: int) -> tuple[int, int, int]:
    """规范性文件 issued, repealed and in force: in force carries on from the year before
    (R6 holds)."""
    rng = random.Random(i * 104729 + year)
    issued, repealed = rng.randint(0, 5), rng.randint(0, 2)
    before = 20 + i if year <= 2020 else _documents(i, year - 1)[2]
    return issued, repealed, before + issued - repealed


def _problems(i: int, year: int, who: str) -> str:
    """五: what became of last year's problem (R13 holds), this year's, the plans."""
    last, now = (PROBLEMS[(i + y) % len(PROBLEMS)] for y in (year - 1, year))
    return (
        f"针对去年报告提出的“{last}”问题，{who}已制定整改措施，整改情况良好。\n"
        f"{year}年存在的主要问题是{now}。{year + 1}年，{who}将加强培训，逐项改进。"
    )


def broken(report: ReportData, fault: str) -> ReportData:
    """The report with one fault real reports have (or as it is for "")."""
    apps, appeals = dict(report.applications), dict(report.appeals)
    if fault == "row_total":  # R3: a printed 总计 one too many
        apps["new"] = (*apps["new"][:6], _plus(apps["new"][6], 1))
    elif fault == "blank":  # R7: a cell left blank
        apps["granted"] = (None, *apps["granted"][1:])
    elif fault == "appeal_total":  # R4: 复议 10 + 1 with 总计 0
        appeals["reconsideration"] = (10, 1, 0, 0, 0)
    elif fault == "balance":  # R1: one more carried forward than in hand
        row = apps["carried_forward"]
        apps["carried_forward"] = (_plus(row[0], 1), *row[1:6], _plus(row[6], 1))
    return dataclasses.replace(report, applications=apps, appeals=appeals)


def _plus(cell: Cell, amount: int) -> Cell:
    return None if cell is None else cell + amount


def write(report: ReportData, path: Path, fmt: str) -> Path:
    """The report written by the program's own writer in `fmt` (txt, md, json, html, docx)."""
    content = render(report, fmt)
    path = path.with_suffix(f".{fmt}")
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# The formats the bodies of a small county folder come in, in turn.
AREA_FORMATS = ("txt", "md", "json", "html", "docx", "txt")


def area_folder(folder: Path, year: int, count: int = 6) -> list[ReportData]:
    """A county office's folder for `year`: `count` bodies' reports in mixed formats
    (a subfolder each), plus what the sum must leave out — an older version of one
    report (a duplicate), last year's report of another body, a file that is no
    report, and the county government's own draft. The bodies' reports, in order."""
    import os

    reports = [varied(i, year) for i in range(count)]
    for i, report in enumerate(reports):
        write(report, folder / f"{i:02d}" / report.org.name, AREA_FORMATS[i % len(AREA_FORMATS)])
    old = write(varied(0, year, fault="row_total"), folder / "00" / "旧版", "txt")
    os.utime(old, (1, 1))  # the body's older version: left out as a duplicate
    write(varied(count, year - 1), folder / "去年" / body(count)[0], "txt")
    (folder / "说明.txt").write_text("各单位报告汇总说明：请按时报送。\n", encoding="utf-8")
    own = dataclasses.replace(varied(0, year), org=Org("滑县人民政府", "我县", "county_government"))
    write(own, folder / "滑县人民政府草稿", "txt")
    return reports


def county_answers() -> dict[str, Any]:
    """The answers of 滑县人民政府's interview on 2024 (the reference body's, as a county
    government's), without sections 三 and 四: typed, as an answers file gives them."""
    from .test_engine import ZERO_TOWNSHIP

    answers = {key: value for key, value in ZERO_TOWNSHIP.items()
               if key not in ("apps_new", "apps_carried", "has_cases")}  # fmt: skip
    answers.update(
        org_name="滑县人民政府",
        org_kind="county_government",
        org_self="我县",
        report_year=2024,
        website_name="滑县人民政府门户网站",
        newmedia_names="微信公众号“滑县发布”",
        channel_counts={
            "滑县人民政府门户网站（条）": 1200,
            "微信公众号“滑县发布”（条）": 800,
            "政务公开栏（期）": 12,
        },
        contact_office="滑县人民政府办公室",
        contact_address="滑县道口镇文明路1号",
        public_review=False,
    )
    return answers

"""Next year from last year: what last year's report gives this year's interview."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from report_interview.cli.main import main
from report_interview.cli.sources import make_engine
from report_interview.flow.engine import decode_all
from report_interview.flow.loader import load_flow
from report_interview.report.builder import build_report
from report_interview.report.carry import PREVIOUS_KEYS, previous_from_report
from report_interview.report.data import ReportData, dump_report_json
from report_interview.store import Store

from .test_engine import ZERO_TOWNSHIP, township_answers

FLOW = load_flow()


def last_year() -> ReportData:
    """The reference body's 2023 report, with 2 applications carried into 2024 and 7
    规范性文件 in force at the end of 2023."""
    e = make_engine(FLOW, this_year=2024)
    report = build_report(e.names(township_answers(e)))
    rows = dict(report.applications)
    for key in ("new", "carried_forward"):
        rows[key] = (1, 1, 0, 0, 0, 0, 2)
    docs = dataclasses.replace(report.proactive.normative_documents, issued=7, in_force=7)
    proactive = dataclasses.replace(report.proactive, normative_documents=docs)
    return dataclasses.replace(report, applications=rows, proactive=proactive)


def test_previous_from_a_report_carries_exactly_what_next_year_needs() -> None:
    previous = previous_from_report(last_year())
    assert set(previous) <= set(PREVIOUS_KEYS)
    assert previous["year"] == 2023
    assert (previous["org_name"], previous["org_kind"], previous["org_self"]) == (
        "牛屯镇人民政府", "township", "我镇",
    )  # fmt: skip
    assert previous["carried_forward_total"] == 2
    assert previous["carried_forward_by_type"] == {
        "natural": 1, "business": 1, "research": 0, "public_interest": 0,
        "legal_service": 0, "other_org": 0,
    }  # fmt: skip
    assert previous["documents_in_force"] == 7
    assert previous["contact_office"] == "牛屯镇党政办公室"
    assert previous["contact_address"] == "滑县牛屯镇人民路1号"
    assert previous["contact_phone"] == "0372-5123456"
    assert previous["report_site"].startswith("滑县人民政府门户网站")
    assert previous["website_name"] == "滑县人民政府门户网站“牛屯镇”信息公开专栏"
    assert previous["newmedia_names"] == "微信公众号“厚重牛屯”"
    assert previous["proactive_channels"] == ["website", "newmedia", "board"]
    assert any("更新不够及时" in p for p in previous["problems_list"])


def test_this_years_interview_offers_last_years_figures_as_defaults() -> None:
    e = make_engine(FLOW, this_year=2025, previous=previous_from_report(last_year()))
    answers: dict[str, Any] = {
        "org_name": "牛屯镇人民政府",
        "org_kind": "township",
        "org_self": "我镇",
    }
    default = lambda qid: e.default(FLOW.question(qid), answers)  # noqa: E731
    assert default("report_year") == 2024
    assert default("contact_office") == "牛屯镇党政办公室"
    assert default("proactive_channels") == ["website", "newmedia", "board"]
    assert default("apps_carried") == 2
    answers |= {"apps_new": 0, "apps_carried": 2, "apps_mode": "guided"}
    assert default("carried_by_type")["business"] == 1
    answers |= {"document_changes": {"issued": 1, "repealed": 0}}
    assert default("documents_in_force") == 8
    assert any("更新不够及时" in problem for problem in default("last_problems"))


def test_a_jump_in_documents_in_force_is_asked_and_explained_in_the_text() -> None:
    from report_interview.flow.fill import fill

    e = make_engine(FLOW, this_year=2025, previous=previous_from_report(last_year()))
    answers = {**ZERO_TOWNSHIP, "report_year": 2024, "documents_in_force": 5}
    answers["document_changes"] = {"issued": 1, "repealed": 0}
    answers |= fill(e, answers, {}, complete=True).accepted  # the paragraphs of 一
    assert e.next_question(answers) == FLOW.question("documents_jump_reason")
    answers["documents_jump_reason"] = "开展规范性文件清理，宣布失效3件"
    answers |= fill(e, answers, {}, complete=True).accepted
    report = build_report(e.names(answers))
    assert "开展规范性文件清理，宣布失效3件，截至本年底现行有效5件" in report.overview.management
    from report_interview.report.checks import run_checks

    r6 = [f.message for f in run_checks(report, last_year()) if f.rule == "R6"]
    assert len(r6) == 1 and "第一部分提到了文件清理" in r6[0]  # reported, with what to do
    assert {"documents_issued": 1, "documents_in_force": 8}.items() <= {
        **e.names({**answers, "documents_in_force": 8}),
        **answers, "documents_in_force": 8,
    }.items()  # fmt: skip
    assert "documents_jump_reason" not in {
        q.id for q in e.visible({**answers, "documents_in_force": 8})
    }


def _write(path: Path, report: ReportData) -> Path:
    path.write_text(dump_report_json(report), encoding="utf-8")
    return path


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("REPORT_INTERVIEW_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def _rest(tmp_path: Path, **changes: Any) -> Path:
    answers = {
        k: (format(v, "f") if isinstance(v, Decimal) else v)
        for k, v in ZERO_TOWNSHIP.items()
        if k not in ("org_name", "org_kind", "org_self")
    }
    answers |= {"report_year": 2024, "apps_carried": 2, "apps_mode": "guided",
                "documents_in_force": 7, "carried_by_type": {"natural": 1, "business": 1},
                "concluded_natural": 1, "groups_natural": ["granted"], "concluded_business": 1,
                "groups_business": ["granted"], "apps_forward_ok": "是", **changes}  # fmt: skip
    path = tmp_path / "rest.json"
    path.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
    return path


def test_new_with_previous_prefills_the_body_and_keeps_previous_for_resume(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    last = _write(tmp_path / "last.json", last_year())
    rest = _rest(tmp_path)
    code = main(["new", "--previous", str(last), "--answers", str(rest), "--no-input",
                 "--out", str(tmp_path)])  # fmt: skip
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "已读入 2023 年的报告：牛屯镇人民政府" in out.out
    (info,) = Store(home).list()
    meta, stored = Store(home).read(info.id)
    assert stored["org_name"] == "牛屯镇人民政府" and stored["org_kind"] == "township"
    assert meta["previous"]["carried_forward_total"] == 2
    text = (tmp_path / "牛屯镇人民政府2024年政府信息公开工作年度报告.txt").read_text(
        encoding="utf-8"
    )
    assert "上年结转政府信息公开申请2件" in text


def test_a_finished_interview_of_last_year_works_as_previous(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "2023.yaml"
    answers.write_text((Path(__file__).parent / "data" / "niutun-2023-answers.yaml").read_text("utf-8"),
                       encoding="utf-8")  # fmt: skip
    assert main(["new", "--answers", str(answers), "--no-input", "--out", str(tmp_path)]) == 0
    (finished,) = Store(home).list()
    capsys.readouterr()
    rest = _rest(tmp_path, apps_carried=0, apps_mode=None, documents_in_force=0)
    code = main(["new", "--previous", finished.id, "--answers", str(rest), "--no-input",
                 "--out", str(tmp_path)])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    newest = max(Store(home).list(), key=lambda i: i.year or 0)
    meta, _ = Store(home).read(newest.id)
    previous = meta["previous"]
    assert previous["year"] == 2023
    assert previous["problems_list"] == [
        "部分栏目信息更新不够及时",
        "政策解读形式单一，图解、音视频解读较少",
    ]
    assert previous["proactive_channels"] == ["website", "newmedia", "board"]
    assert previous["contact_phone"] == "0372-5123456"


def test_import_without_a_terminal_keeps_the_carried_interview(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    last = _write(tmp_path / "last.json", last_year())
    assert main(["import", str(last)]) == 1
    err = capsys.readouterr().err
    assert "对话需要在终端中进行" in err and "Traceback" not in err
    (info,) = Store(home).list()
    _, stored = Store(home).read(info.id)
    typed = decode_all(FLOW, stored)
    assert typed == {"org_name": "牛屯镇人民政府", "org_kind": "township", "org_self": "我镇"}


def test_previous_that_cannot_be_read_is_refused_before_anything_is_created(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "--previous", str(tmp_path / "missing.json"), "--no-input"]) == 2
    assert "找不到文件" in capsys.readouterr().err
    assert Store(home).list() == []


@pytest.mark.parametrize("fmt", ["docx", "html", "md"])
def test_import_and_new_previous_take_last_years_word_web_or_markdown_file(
    fmt: str, home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from report_interview.write.render import render

    content = render(last_year(), fmt)
    last = tmp_path / f"last.{fmt}"
    last.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    code = main(["new", "--previous", str(last), "--answers", str(_rest(tmp_path)),
                 "--no-input", "--out", str(tmp_path)])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    (info,) = Store(home).list()
    meta, _ = Store(home).read(info.id)
    assert meta["previous"]["carried_forward_total"] == 2

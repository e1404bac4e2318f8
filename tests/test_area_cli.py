"""`new --sum-of FOLDER --no-input`: a county government's report whose 三, 四 and 二's
许可、处罚、强制、收费 are the sum of its area's reports, taken without asking; and the
folders it refuses, each in one Chinese line."""

from __future__ import annotations

import shlex
from decimal import Decimal
from pathlib import Path

import pytest

from report_interview.cli.invocation import command
from report_interview.store import Store

from .county import area_folder, county_answers, varied, write
from .test_cli_interview import Run, _plain, home, listed, new_id, run, write_answers

assert home and run  # fixtures

TITLE = "滑县人民政府2024年政府信息公开工作年度报告"


def _answers(tmp_path: Path) -> Path:
    plain = {key: _plain(value) for key, value in county_answers().items()}
    return write_answers(tmp_path / "滑县.yaml", plain)


def test_the_sum_is_taken_without_asking(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "2024年报告"
    reports = area_folder(folder, 2024)
    out = tmp_path / "out"
    args = (
        "--answers",
        str(_answers(tmp_path)),
        "--no-input",
        "--out",
        str(out),
        "--formats",
        "txt",
    )
    result = run("new", "--sum-of", str(folder), *args)
    assert result.code == 0, result.err
    assert f"已汇总 {folder} 中 6 个单位的 2024 年度报告（全县）" in result.out
    assert "未计入汇总：[本单位的报告]" in result.out and "未计入汇总：[重复]" in result.out
    text = (out / f"{TITLE}.txt").read_text(encoding="utf-8")
    new = [sum(r.applications["new"][c] or 0 for r in reports) for c in range(7)]
    assert "一、本年新收政府信息公开申请数量\t\t\t" + "\t".join(map(str, new)) in text
    assert f"2024年，全县共新收政府信息公开申请{new[6]}件" in text
    licensing = sum(r.proactive.licensing or 0 for r in reports)
    assert f"行政许可\t{licensing}" in text
    meta, stored = Store().read(new_id(result))
    assert meta["area"]["bodies"] == 6 and meta["area"]["folder"] == str(folder)
    assert stored["area_sum"] == "area" and stored["fees"] == str(
        sum((r.proactive.fees_10k_yuan or Decimal(0) for r in reports), Decimal(0))
    )


def test_folders_that_give_nothing_to_sum_are_refused(run: Run, tmp_path: Path) -> None:
    answers = _answers(tmp_path)
    args = ("--answers", str(answers), "--no-input", "--out", str(tmp_path / "out"))
    missing = run("new", "--sum-of", str(tmp_path / "没有"), *args)
    assert missing.code == 2 and f"--sum-of：找不到文件夹 {tmp_path / '没有'}；" in missing.err
    assert "新建报告" not in missing.out  # refused before an interview is made
    assert run("new", "--sum-of", str(answers), *args).err.count("是一个文件") == 1
    (tmp_path / "空").mkdir()
    empty = run("new", "--sum-of", str(tmp_path / "空"), *args)
    assert empty.code == 2 and "中没有报告文件" in empty.err
    old = tmp_path / "去年的"
    write(varied(1, 2023), old / "去年", "txt")
    township = run("new", "--org", "牛屯镇人民政府", "--sum-of", str(old), "--no-input")
    assert township.code == 2 and "牛屯镇人民政府不是县级或市级人民政府" in township.err
    assert listed(run) == []  # every refusal above left no interview behind
    last_year = run("new", "--sum-of", str(old), *args)
    assert last_year.code == 1 and "没有可以汇总的 2024 年度报告" in last_year.err
    assert "这是 2023 年度的报告，本报告是 2024 年度的。" in last_year.out


def test_what_the_sum_needs_is_known_before_an_interview_is_made(run: Run, tmp_path: Path) -> None:
    """Without a terminal the sum needs the body's kind and the year: both are checked
    before anything is created, and --org is named as the way to give the body."""
    folder = tmp_path / "2024年报告"
    area_folder(folder, 2024)
    unknown = run("new", "--org", "某某管理处", "--year", "2024", "--sum-of", str(folder),
                  "--no-input")  # fmt: skip
    assert unknown.code == 2 and "（从单位名称“某某管理处”看不出来）：请用 --org" in unknown.err
    no_year = run("new", "--org", "滑县人民政府", "--sum-of", str(folder), "--no-input")
    assert no_year.code == 2 and "--sum-of 要先知道报告年度：请加上 --year" in no_year.err
    assert listed(run) == []


def test_a_city_government_named_by_org_is_summed(run: Run, tmp_path: Path) -> None:
    """--org 滑台市人民政府 is a government (a 县级市's or a 地级市's): the sum is taken;
    which level it is, the name does not settle, so org_kind is left to answer."""
    folder = tmp_path / "2024年报告"
    area_folder(folder, 2024)
    result = run("new", "--org", "滑台市人民政府", "--year", "2024", "--sum-of", str(folder),
                 "--no-input")  # fmt: skip
    assert result.code == 1, result.err
    # 滑县人民政府's draft is one of the bodies here: 7
    assert f"已汇总 {folder} 中 7 个单位的 2024 年度报告（全市）" in result.out
    assert "请在答案文件中给出 org_name" not in result.err
    assert "  org_kind：未回答（本单位属于哪一类？）" in result.err
    printed = command("resume", new_id(result), "--answers", "答案.yaml", "--sum-of", str(folder),
                      "--no-input")  # fmt: skip
    assert printed in result.err  # the folder again: its sum is the answer once the kind is


def test_without_a_terminal_nothing_is_promised_and_the_command_printed_finishes(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """new --sum-of without a terminal (and without --no-input): no “将读取…核对” said,
    the interview refused for want of a terminal, and the command it prints — with
    --sum-of — finishes the report as printed."""
    folder = tmp_path / "2024年报告"
    area_folder(folder, 2024)
    monkeypatch.chdir(tmp_path)
    first = run("new", "--org", "滑县人民政府", "--year", "2024", "--sum-of", str(folder))
    assert first.code == 1 and "对话需要在终端中进行" in first.err
    assert "将读取" not in first.out and "给您核对" not in first.out
    interview = new_id(first)
    printed = command("resume", interview, "--answers", "答案.yaml", "--sum-of", str(folder),
                      "--no-input")  # fmt: skip
    assert printed in first.err
    _answers(tmp_path).rename(tmp_path / "答案.yaml")
    done = run(*shlex.split(printed)[-7:])
    assert done.code == 0, done.err
    assert (tmp_path / f"{TITLE}.txt").is_file()
    assert Store().read(interview)[1]["area_folder"] == str(folder)

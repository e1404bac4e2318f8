"""`new/resume --ledger FILE [--ledger-map FILE]` without a terminal: unknown values
listed with their rows, resolved by a mappings file, saved, and offered next year."""

from __future__ import annotations

from pathlib import Path

from report_interview.store import Store

from .ledgers import EXAMPLE, write_xlsx
from .test_cli_interview import COMPLETE, Run, home, new_id, run, write_answers

assert home and run  # fixtures

NEW_ROW = "一、本年新收政府信息公开申请数量\t\t\t6\t1\t1\t1\t1\t0\t10"
TITLE_2024 = "牛屯镇人民政府2024年政府信息公开工作年度报告"


def test_unknown_values_then_a_mappings_file(run: Run, tmp_path: Path) -> None:
    ledger = write_xlsx(tmp_path / "台账.xlsx", EXAMPLE)
    answers = write_answers(tmp_path / "answers.yaml", COMPLETE)
    out = tmp_path / "out"
    args = ["--ledger", str(ledger), "--no-input", "--out", str(out)]
    first = run("new", "--answers", str(answers), "--year", "2024", *args)
    assert first.code == 1
    assert "处理结果“申请人撤回申请”不能确定归哪一类（第 12 行）" in first.err
    assert "--ledger-map" in first.err and not out.exists()
    assert "台账第 15 行：收到于 2025-01-03，属于下一年度，不计入本年报告" in first.out

    mapping = tmp_path / "对应表.yaml"
    mapping.write_text("outcome:\n  申请人撤回申请: （六）3.其他\n", encoding="utf-8")
    second = run("resume", new_id(first), *args, "--ledger-map", str(mapping))
    assert second.code == 0, second.err
    assert (
        "已从台账 台账.xlsx 导入第三部分：计入 11 件申请（新收 10 件，上年结转 1 件）。"
        in second.out
    )
    text = (out / f"{TITLE_2024}.txt").read_text(encoding="utf-8")
    assert NEW_ROW in text
    assert "本年度办结10件" in text and "结转下年度继续办理1件" in text
    meta, stored = Store().read(new_id(first))
    assert meta["ledger"]["mappings"]["outcome"] == {"申请人撤回申请": "other_other"}
    assert stored["apps_mode"] == "ledger" and stored["apps_new"] == 10


def test_next_year_uses_last_years_mappings(run: Run, tmp_path: Path) -> None:
    ledger = write_xlsx(tmp_path / "台账.xlsx", EXAMPLE)
    answers = write_answers(tmp_path / "answers.yaml", COMPLETE)
    mapping = tmp_path / "对应表.json"
    mapping.write_text('{"outcome": {"申请人撤回申请": "other_other"}}', encoding="utf-8")
    out = tmp_path / "out"
    args = ["--no-input", "--out", str(out)]
    last = run("new", "--answers", str(answers), "--year", "2024", "--ledger", str(ledger),
               "--ledger-map", str(mapping), *args)  # fmt: skip
    assert last.code == 0, last.err
    this_year = [[1, "2025-001", "郑十", "2025-01-03", "2025-01-20", "申请人撤回申请", ""],
                 [2, "2024-010", "周八", "2024-12-20", "2025-01-08", "予以公开", ""]]  # fmt: skip
    ledger_2025 = write_xlsx(tmp_path / "2025.xlsx", this_year, title=None)
    result = run("new", "--previous", new_id(last), "--answers", str(answers), "--year", "2025",
                 "--ledger", str(ledger_2025), *args)  # fmt: skip
    assert result.code == 0, result.err
    assert "上年结转与去年报告不一致" not in result.out  # 周八 was carried forward last year
    text = (out / "牛屯镇人民政府2025年政府信息公开工作年度报告.txt").read_text(encoding="utf-8")
    assert "二、上年结转政府信息公开申请数量\t\t\t1\t0\t0\t0\t0\t0\t1" in text
    assert "\t\t3.其他\t1\t0\t0\t0\t0\t0\t1" in text


def test_a_broken_ledger_keeps_what_was_saved(run: Run, tmp_path: Path) -> None:
    broken = tmp_path / "台账.xlsx"
    broken.write_bytes(b"not a workbook")
    first = run("new", "--org", "牛屯镇人民政府", "--year", "2024", "--no-input")
    result = run("resume", new_id(first), "--ledger", str(broken), "--no-input")
    assert result.code == 2
    assert "文件已损坏或不是 Excel 文件" in result.err and new_id(first) in result.err
    assert Store().read(new_id(first))[1]["org_name"] == "牛屯镇人民政府"

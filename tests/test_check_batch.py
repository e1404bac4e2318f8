"""check on published texts and on folders of reports; render of a published text."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from report_interview.cli.main import main
from report_interview.report.data import load_report_json

from .conftest import DATA, reference_dict

SAMPLE = DATA / "niutun-2023-sample.txt"
REFERENCE = DATA / "niutun-2023-reference.txt"


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "a-sample.txt")
    shutil.copy(REFERENCE, folder / "b-reference.txt")
    broken = reference_dict()
    broken["appeals"]["reconsideration"] = [10, 1, 0, 0, 0]
    (folder / "c-broken.json").write_text(json.dumps(broken, ensure_ascii=False), encoding="utf-8")
    (folder / "notes.xlsx").write_text("not a report", encoding="utf-8")  # skipped
    return folder


def test_a_folder_prints_each_report_and_a_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(_folder(tmp_path))]) == 1
    out = capsys.readouterr().out
    assert "共检查 3 份报告，1 份有错误或无法读取（另有 1 个文件不是报告，已跳过）：" in out
    lines = out.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("文件"))
    rows = [line.split() for line in lines[header + 1 : header + 4]]
    assert rows == [
        ["a-sample.txt", "牛屯镇人民政府", "2023", "0", "0"],
        ["b-reference.txt", "牛屯镇", "2023", "0", "2"],
        ["c-broken.json", "牛屯镇", "2023", "1", "2"],
    ]
    assert "[R4 错误]" in out
    assert out.count("notes.xlsx") == 1 and "已跳过：" in out and "不是年度报告" in out


def test_several_files_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SAMPLE), str(REFERENCE), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["org"], r["errors"], r["warnings"]) for r in rows] == [
        ("牛屯镇人民政府", 0, 0),
        ("牛屯镇", 0, 2),
    ]
    assert {f["rule"] for f in rows[1]["findings"]} == {"R10", "R13"}


def test_a_named_file_that_is_no_report_is_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "说明.txt"
    other.write_text("这不是一份年度报告。", encoding="utf-8")
    assert main(["check", str(SAMPLE), str(other)]) == 0
    captured = capsys.readouterr()
    assert f"已跳过：{other}：这不像是一份政府信息公开工作年度报告" in captured.out
    assert "（另有 1 个文件不是报告，已跳过）" in captured.out


def test_an_unreadable_report_is_listed_and_the_others_still_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04\x14\x00")
    assert main(["check", str(SAMPLE), str(bad)]) == 2
    captured = capsys.readouterr()
    assert "（无法读取）" in captured.out
    assert f"无法读取：{bad}" in captured.err and "Traceback" not in captured.err


def test_previous_year_brings_r5(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    last = reference_dict()
    last["year"] = 2022
    last["applications"]["new"] = [1, 0, 0, 0, 0, 0]
    last["applications"]["carried_forward"] = [1, 0, 0, 0, 0, 0]
    path = tmp_path / "2022.json"
    path.write_text(json.dumps(last, ensure_ascii=False), encoding="utf-8")
    assert main(["check", str(SAMPLE), "--previous", str(path)]) == 1
    out = capsys.readouterr().out
    assert (
        "[R5 错误]" in out and "上年结转 0 件，但 2022 年报告的“结转下年度继续办理”是 1 件" in out
    )


def test_render_a_published_text_as_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "ref.json"
    assert main(["render", str(REFERENCE), "--format", "json", "-o", str(out)]) == 0
    read = load_report_json(out.read_text(encoding="utf-8"))
    expected = load_report_json((DATA / "niutun-2023.json").read_text(encoding="utf-8"))
    assert read.applications == expected.applications
    assert read.appeals == expected.appeals
    assert read.proactive == expected.proactive


def test_render_a_published_text_in_the_clean_layout(tmp_path: Path) -> None:
    out = tmp_path / "clean.txt"
    assert main(["render", str(REFERENCE), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "本年废止件数" in text and "本年度止件数" not in text
    assert "\t\t3.其他\t0\t0\t0\t0\t0\t0\t0" in text


def _mixed_folder(tmp_path: Path) -> Path:
    """A township office's folder: one report in each format, an old .doc, a README
    and a named pipe."""
    from report_interview.write.render import render

    from .samples import with_cases

    folder = tmp_path / "mixed"
    folder.mkdir()
    report = with_cases()
    for fmt in ("docx", "html", "md"):
        content = render(report, fmt)
        path = folder / f"{fmt}-report.{fmt}"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    shutil.copy(DATA / "files" / "with-cases.pdf", folder / "pdf-report.pdf")
    shutil.copy(SAMPLE, folder / "txt-report.txt")
    (folder / "README.md").write_text("# 说明\n\n各乡镇报告。\n", encoding="utf-8")
    (folder / "旧格式.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64)
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.txt")
    return folder


def test_a_folder_of_mixed_formats_is_read_one_file_at_a_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["check", str(_mixed_folder(tmp_path))])
    captured = capsys.readouterr()
    assert code == 2  # the .doc cannot be read; the others are still checked
    assert "共检查 6 份报告，1 份有错误或无法读取（另有 1 个文件不是报告，已跳过）" in captured.out
    for name in ("docx-report.docx", "html-report.html", "md-report.md", "pdf-report.pdf"):
        assert any(
            line.startswith(name) and "滑县自然资源局" in line for line in captured.out.splitlines()
        )
    assert "另存为 .docx" in captured.err and "已跳过：" in captured.out
    assert "pipe.txt" not in captured.out + captured.err
    assert "正在检查" not in captured.err  # progress only on a terminal


def test_readme_alone_in_a_folder_does_not_fail_the_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "only"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "a.txt")
    (folder / "README.md").write_text("说明文件", encoding="utf-8")
    assert main(["check", str(folder)]) == 0
    assert "README.md：这不像是一份政府信息公开工作年度报告" in capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["docx", "html", "pdf"])
def test_render_and_previous_take_every_format(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from report_interview.write.render import render

    from .samples import with_cases

    source = tmp_path / f"in.{fmt}"
    if fmt == "pdf":
        shutil.copy(DATA / "files" / "with-cases.pdf", source)
    else:
        content = render(with_cases(), fmt)
        source.write_bytes(content if isinstance(content, bytes) else content.encode())
    out = tmp_path / "out.json"
    assert main(["render", str(source), "-o", str(out)]) == 0
    assert (
        load_report_json(out.read_text(encoding="utf-8")).applications == with_cases().applications
    )
    assert main(["check", str(SAMPLE), "--previous", str(source)]) in (0, 1)


def test_progress_is_shown_on_stderr_only_when_it_is_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)
    main(["check", str(_folder(tmp_path))])
    captured = capsys.readouterr()
    assert "正在检查 3/4：c-broken.json" in captured.err and "正在检查" not in captured.out


def test_check_walks_subfolders_unless_told_not_to(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "各乡镇"
    (root / "牛屯镇").mkdir(parents=True)
    shutil.copy(SAMPLE, root / "牛屯镇" / "报告.txt")
    assert main(["check", str(root)]) == 0
    assert "牛屯镇人民政府" in capsys.readouterr().out
    assert main(["check", str(root), "--no-subfolders"]) == 2
    assert "没有报告文件" in capsys.readouterr().err

"""`summary` over a county's folder: 32 bodies' reports in every format the program
writes (and one PDF), some with faults, one duplicate, one of another year, one
non-report, one broken file, and last year's folder. The workbook is read back with
openpyxl and compared with sums computed here; its problem list with what `check`
says of each file; the feedback letters with check's verdict."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from report_interview.cli.main import main
from report_interview.report.data import (
    APPEAL_KEYS,
    APPLICATION_KEYS,
    APPLICATION_ROWS,
    OUTCOME_KEYS,
    ReportData,
    report_from_dict,
)

from .conftest import DATA
from .county import FAULTS, varied, write
from .samples import with_cases

YEAR = 2023
FORMATS = (
    "txt",
    "json",
    "html",
    "md",
    "txt",
    "json",
    "html",
    "docx",
)  # Word files are slow to make
LAST_FORMATS = ("json", "txt", "md")
PDF = DATA / "files" / "with-cases.pdf"
NO_PREVIOUS, MISSING, CARRY_WRONG, DUPLICATED = 7, 30, 5, 3


def fault_of(i: int) -> str:
    """Four bodies with a fault of each kind (R3, R7, R4, R1)."""
    return FAULTS[i // 8] if i % 8 == 1 else ""


@dataclass(frozen=True)
class County:
    this: Path
    last: Path
    reports: dict[str, ReportData]  # each body's report that is summed, by name
    files: dict[str, Path]  # its file
    last_files: dict[str, Path]  # its last year's file, where there is one


def _make_county(root: Path) -> County:
    this, last = root / "2023", root / "2022"
    for folder in (this / "乡镇", this / "部门", last):
        folder.mkdir(parents=True)
    reports: dict[str, ReportData] = {}
    files: dict[str, Path] = {}
    last_files: dict[str, Path] = {}
    for i in range(32):
        before = varied(i, YEAR - 1)
        fmt = FORMATS[i % len(FORMATS)]
        if i != NO_PREVIOUS:
            last_files[before.org.name] = write(before, last / f"{i:02d}", LAST_FORMATS[i % 3])
        if i == MISSING:
            continue
        carried = (
            (9, 0, 0, 0, 0, 0) if i == CARRY_WRONG else before.applications["carried_forward"][:6]
        )
        report = varied(i, YEAR, carried, fault_of(i))
        folder = this / ("乡镇" if i < 20 else "部门")
        reports[report.org.name] = report
        files[report.org.name] = write(report, folder / f"{i:02d}", fmt)
    pdf = this / "部门" / "自然资源局.pdf"
    shutil.copy(PDF, pdf)
    reports["滑县自然资源局"], files["滑县自然资源局"] = with_cases(), pdf
    older = write(varied(DUPLICATED, YEAR, fault="blank"), this / "乡镇" / "03-旧版", "txt")
    day_before = time.time() - 86400
    os.utime(older, (day_before, day_before))
    write(varied(40, YEAR - 1), this / "部门" / "民政局-2022", "txt")
    (this / "说明.txt").write_text("各单位报告请于1月20日前报送。", encoding="utf-8")
    (this / "乡镇" / "坏的.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    return County(this, last, reports, files, last_files)


@dataclass(frozen=True)
class Run:
    county: County
    book: Path
    feedback: Path
    out: str
    code: int


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    root = tmp_path_factory.mktemp("county")
    county = _make_county(root)
    book, feedback = root / "汇总.xlsx", root / "意见"
    argv = ["summary", str(county.this), "--previous", str(county.last), "-o", str(book),
            "--feedback", str(feedback), "--jobs", "2"]  # fmt: skip
    code, out, _ = _run(argv)
    return Run(county, book, feedback, out, code)


# ---------------------------------------------------------------- sums computed here


def expected_matrix(reports: list[ReportData]) -> dict[str, list[int]]:
    """Section 三 of the area: each asked cell summed (blank as 0), （七）总计 the sum of
    the outcome rows, 结转下年度 what is in hand less what was concluded, totals added."""
    rows = {
        key: [sum(r.applications[key][c] or 0 for r in reports) for c in range(6)]
        for key in APPLICATION_KEYS
        if key not in ("concluded", "carried_forward")
    }
    rows["concluded"] = [sum(rows[key][c] for key in OUTCOME_KEYS) for c in range(6)]
    rows["carried_forward"] = [
        rows["new"][c] + rows["carried_over"][c] - rows["concluded"][c] for c in range(6)
    ]
    return {key: [*cells, sum(cells)] for key, cells in rows.items()}


def expected_appeals(reports: list[ReportData]) -> dict[str, list[int]]:
    sums = {
        key: [sum(r.appeals[key][c] or 0 for r in reports) for c in range(4)] for key in APPEAL_KEYS
    }
    return {key: [*cells, sum(cells)] for key, cells in sums.items()}


def _find(sheet: Worksheet, text: str, column: int = 1) -> int:
    return next(row for row in range(1, sheet.max_row + 1) if sheet.cell(row, column).value == text)


def _values(sheet: Worksheet, row: int, first: int, count: int) -> list[Any]:
    return [sheet.cell(row, first + i).value for i in range(count)]


def test_the_summed_tables_equal_the_sums_computed_independently(run: Run) -> None:
    reports = list(run.county.reports.values())
    sheet = openpyxl.load_workbook(run.book)["汇总表"]
    top = _find(sheet, "一、本年新收政府信息公开申请数量")
    matrix = expected_matrix(reports)
    for offset, spec in enumerate(APPLICATION_ROWS):
        assert _values(sheet, top + offset, 4, 7) == matrix[spec.key], spec.key
    head = _find(sheet, "行政复议", column=4)
    appeals = expected_appeals(reports)
    assert _values(sheet, head + 3, 4, 15) == [c for key in APPEAL_KEYS for c in appeals[key]]
    docs = _find(sheet, "行政规范性文件")
    expected_docs = [sum(getattr(r.proactive.normative_documents, f) for r in reports)
                     for f in ("issued", "repealed", "in_force")]  # fmt: skip
    assert _values(sheet, docs, 4, 3) == expected_docs
    for label, field in (
        ("行政许可", "licensing"),
        ("行政处罚", "penalty"),
        ("行政强制", "enforcement"),
    ):
        assert sheet.cell(_find(sheet, label), 4).value == sum(
            getattr(r.proactive, field) for r in reports
        )
    fees = sheet.cell(_find(sheet, "行政事业性收费"), 4).value
    assert fees == pytest.approx(float(sum(r.proactive.fees_10k_yuan or 0 for r in reports)))
    assert f"（{len(reports)} 个单位之和）" in sheet.cell(1, 1).value


def test_a_total_that_does_not_add_up_is_traced_to_its_body(run: Run) -> None:
    sheet = openpyxl.load_workbook(run.book)["汇总表"]
    row = _find(sheet, "三 · 一、本年新收政府信息公开申请数量 · 总计")
    recomputed, printed, gap, bodies = _values(sheet, row, 4, 4)
    assert (recomputed - printed, gap) == (-1, -1)
    assert bodies == "白道口镇人民政府"  # the body of fault "row_total"
    assert "四 · 行政复议 · 总计" in [sheet.cell(r, 1).value for r in range(1, sheet.max_row + 1)]
    assert "三 · 一、本年新收政府信息公开申请数量 · 总计：各格相加为" in run.out
    assert "（总计对不上的：白道口镇人民政府）" in run.out


def test_each_body_has_one_row_with_numbers_as_numbers_and_errors_in_red(run: Run) -> None:
    sheet = openpyxl.load_workbook(run.book)["各单位"]
    headers = [sheet.cell(3, c).value for c in range(1, sheet.max_column + 1)]
    rows = {sheet.cell(r, 1).value: r for r in range(4, sheet.max_row + 1)}
    assert set(rows) == set(run.county.reports)
    assert sheet.freeze_panes == "B4" and sheet.auto_filter.ref.startswith("A3:")
    new = headers.index("本年新收") + 1
    errors = headers.index("错误") + 1
    for name, report in run.county.reports.items():
        assert sheet.cell(rows[name], new).value == report.applications["new"][6]
        flawed = sheet.cell(rows[name], errors).value > 0
        assert sheet.cell(rows[name], 1).fill.fgColor.rgb.endswith("FFC7CE") == flawed
    faulty = {varied(i, YEAR).org.name for i in range(32) if fault_of(i)}
    assert all(sheet.cell(rows[name], errors).value > 0 for name in faulty)


@pytest.fixture(scope="module")
def checked(run: Run) -> dict[str, set[tuple[str, ...]]]:
    """What `check` says of each body's file (with its last year's file), as (file, rule,
    level, place, message), by body."""
    found = {}
    for name, path in run.county.files.items():
        last = run.county.last_files.get(name)
        argv = ["check", str(path), "--json", *(["--previous", str(last)] if last else [])]
        _, out, _ = _run(argv)
        found[name] = {
            (str(path), f["rule"], f["level"], f["place"], f["message"]) for f in json.loads(out)
        }
    return found


def test_the_problem_list_holds_every_finding_check_gives(
    run: Run, checked: dict[str, set[tuple[str, ...]]]
) -> None:
    sheet = openpyxl.load_workbook(run.book)["问题清单"]
    levels = {"错误": "error", "警告": "warning"}
    listed = {
        (row[1], row[2], levels[row[3]], row[4], row[5])
        for row in sheet.iter_rows(min_row=3, values_only=True)
    }
    assert listed == set().union(*checked.values())
    assert any(rule == "R5" for _, rule, *_ in listed)  # across the two folders


def test_what_is_left_out_is_listed_with_the_reason(run: Run) -> None:
    sheet = openpyxl.load_workbook(run.book)["未计入"]
    reasons = {Path(row[0]).name: row[1] for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert reasons == {
        "03-旧版.txt": "重复",
        "民政局-2022.txt": "其他年度",
        "说明.txt": "不是报告",
        "坏的.docx": "无法读取",
    }
    assert "未计入汇总的文件（4 个" in run.out
    assert run.code == 1  # errors in some reports, one file unreadable


def test_year_on_year_pairs_bodies_and_checks_the_carry_across_folders(run: Run) -> None:
    sheet = openpyxl.load_workbook(run.book)["同比"]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=4, values_only=True)}
    wrong = varied(CARRY_WRONG, YEAR).org.name
    assert str(rows[wrong][-1]).startswith("不一致")
    assert rows[varied(0, YEAR).org.name][-1] == "一致"
    assert rows[varied(NO_PREVIOUS, YEAR).org.name][2] == "未找到去年的报告"
    assert rows[varied(MISSING, YEAR).org.name][1] == "今年未收到报告"


def test_feedback_for_every_body_says_clean_only_where_check_is(
    run: Run, checked: dict[str, set[tuple[str, ...]]]
) -> None:
    county = run.county
    assert any(checked.values()) and not all(checked.values())  # some clean, some not
    for name, report in county.reports.items():
        title = f"关于《{report.title}》的审核意见"
        text = (run.feedback / f"{title}.txt").read_text(encoding="utf-8")
        findings = checked[name]
        assert ("未发现问题" in text) == (not findings), name
        assert all(f[4] in text for f in findings)
        document = docx.Document(str(run.feedback / f"{title}.docx"))
        assert document.paragraphs[0].text == title
    assert len(list(run.feedback.iterdir())) == 2 * len(county.reports)


def test_json_for_scripts_gives_the_same_sums_on_one_core(run: Run, tmp_path: Path) -> None:
    book = tmp_path / "b.xlsx"
    code, out, _ = _run(["summary", str(run.county.this), "-o", str(book), "--json", "--jobs", "1"])
    data = json.loads(out)
    assert code == 1 and data["year"] == YEAR and data["workbook"] == str(book)
    assert data["sum"]["applications"] == expected_matrix(list(run.county.reports.values()))
    assert {b["org"] for b in data["bodies"]} == set(run.county.reports)
    assert sorted(item["reason"] for item in data["left_out"]) == [
        "duplicate", "not_a_report", "other_year", "unreadable"
    ]  # fmt: skip


# ---------------------------------------------------------------- the command's edges


def _small_folder(root: Path, count: int = 3) -> Path:
    folder = root / "报告"
    folder.mkdir()
    for i in range(count):
        write(varied(i + 4, YEAR), folder / f"{i}", "json")
    return folder


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["-o", "汇总.csv"], "以 .xlsx 结尾"),
        (["-o", "x.xlsx", "--jobs", "0"], "--jobs 应是 1 或更大"),
    ],
    ids=["not-xlsx", "no-jobs"],
)
def test_wrong_options_are_refused_in_one_line(
    tmp_path: Path, extra: list[str], message: str
) -> None:
    code, _, err = _run(["summary", str(_small_folder(tmp_path)), *extra])
    assert code == 2 and message in err and "Traceback" not in err


def test_feedback_onto_a_file_is_refused(tmp_path: Path) -> None:
    taken = tmp_path / "意见"
    taken.write_text("x", encoding="utf-8")
    argv = ["summary", str(_small_folder(tmp_path)), "-o", str(tmp_path / "b.xlsx"),
            "--feedback", str(taken)]  # fmt: skip
    code, _, err = _run(argv)
    assert code == 2 and f"--feedback {taken} 不是文件夹" in err and taken.read_text() == "x"


def test_a_folder_with_nothing_to_sum_says_why(tmp_path: Path) -> None:
    folder = tmp_path / "空"
    folder.mkdir()
    (folder / "a.docx").write_bytes(b"PK\x03\x04")
    (folder / "说明.txt").write_text("说明", encoding="utf-8")
    code, out, err = _run(["summary", str(folder), "-o", str(tmp_path / "b.xlsx")])
    assert code == 2 and "没有可以汇总的报告" in err
    assert "[无法读取]" in err and "[不是报告]" in err and not out
    assert "未计入汇总的文件（2 个）：" in err and "详见工作簿" not in err  # none is written
    assert not (tmp_path / "b.xlsx").exists()


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        ([], "找不到 {missing}；"),
        (["--previous", "{missing}"], "--previous：找不到文件夹 {missing}；"),
    ],
    ids=["folder", "previous"],
)
def test_a_folder_named_that_is_not_there_is_refused_at_once(
    tmp_path: Path, extra: list[str], said: str
) -> None:
    missing = str(tmp_path / "nothere")
    folder = str(_small_folder(tmp_path))
    sources = [folder] if extra else [missing]
    argv = ["summary", *sources, *(arg.format(missing=missing) for arg in extra)]
    code, out, err = _run([*argv, "-o", str(tmp_path / "b.xlsx")])
    assert code == 2 and err == said.format(missing=missing) + err.split("；", 1)[1]
    assert len(err.splitlines()) == 1 and "详见工作簿" not in err and not out
    assert not (tmp_path / "b.xlsx").exists()


def test_clean_reports_exit_0_and_a_second_run_keeps_only_edited_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _small_folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, out, _ = _run(["summary", str(folder), "--feedback", "意见"])
    book = tmp_path / f"政府信息公开工作年度报告汇总（{YEAR}年度）.xlsx"
    assert code == 0 and book.exists() and f"已写入：{book.name}" in out
    letters = sorted(p.name for p in (tmp_path / "意见").iterdir())
    assert len(letters) == 6 and all("未发现问题" in (tmp_path / "意见" / n).read_text(encoding="utf-8")
                                     for n in letters if n.endswith(".txt"))  # fmt: skip
    # a second run replaces what the first wrote; a letter edited since is kept
    edited = tmp_path / "意见" / letters[0]
    edited.write_bytes(edited.read_bytes() + b"\n")
    code, out, _ = _run(["summary", str(folder), "--feedback", "意见"])
    assert code == 0 and not book.with_name(f"{book.stem}（2）.xlsx").exists()
    assert "注意：1 个审核意见文件的文件名已被占用" in out
    assert len(list((tmp_path / "意见").iterdir())) == 7
    assert edited.with_name(f"{edited.stem}（2）{edited.suffix}").exists()


def test_a_workbook_over_a_file_the_program_did_not_write_keeps_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """-o onto the clerk's own workbook (or the default name taken by one) keeps it: the
    new workbook is （2）, said; a workbook this program wrote is replaced."""
    folder = _small_folder(tmp_path)
    own = tmp_path / "汇总.xlsx"
    own.write_bytes(b"the clerk's own workbook")
    code, out, _ = _run(["summary", str(folder), "-o", str(own)])
    second = tmp_path / "汇总（2）.xlsx"
    assert code == 0 and own.read_bytes() == b"the clerk's own workbook"
    assert (
        f"注意：{own} 已存在（不是本程序写的，或写后改过），未覆盖；新文件另存为 汇总（2）.xlsx。"
        in out
    )
    assert f"已写入：{second}" in out and openpyxl.load_workbook(second).sheetnames[0] == "各单位"
    code, out, _ = _run(["summary", str(folder), "-o", str(own)])  # （2） is the program's
    assert code == 0 and sorted(p.name for p in tmp_path.glob("汇总*")) == [own.name, second.name]
    monkeypatch.chdir(tmp_path)
    default = tmp_path / f"政府信息公开工作年度报告汇总（{YEAR}年度）.xlsx"
    default.write_bytes(b"a file of the same name")
    code, out, err = _run(["summary", str(folder), "--json"])
    assert code == 0 and default.read_bytes() == b"a file of the same name"
    assert json.loads(out)["workbook"] == default.with_name(f"{default.stem}（2）.xlsx").name
    assert "未覆盖" in err  # said beside the JSON, not inside it


def test_a_second_run_inside_the_reports_folder_reads_only_the_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`summary .` twice in the reports' folder: the first run's workbook is no input
    to refuse as the output nor a file to list as left out; nor are the letters an
    earlier run wrote into a subfolder of it."""
    folder = _small_folder(tmp_path)
    write(varied(9, YEAR), folder / "乡镇" / "x", "txt")
    argv = ["summary", str(folder / "乡镇"), "-o", str(folder / "乡镇汇总.xlsx"), "--feedback"]
    code, _, _ = _run([*argv, str(folder / "意见")])  # the letters beside the 乡镇 folder
    assert code == 0 and len(list((folder / "意见").iterdir())) == 2
    monkeypatch.chdir(folder)
    for _ in range(2):
        code, out, err = _run(["summary", ".", "--json"])
        assert code == 0, err
        data = json.loads(out)
        assert data["left_out"] == [] and len(data["bodies"]) == 4
    assert (folder / f"政府信息公开工作年度报告汇总（{YEAR}年度）.xlsx").is_file()


@pytest.mark.parametrize(
    "name",
    [os.fsdecode(b"\xc5\xa3\xcd\xcd\xd5\xf2.json"), "\x1b[2J\x1b]0;x\x07牛屯镇.json"],
    ids=["gbk-name", "escape"],
)
def test_a_file_name_that_is_no_text_is_shown_as_a_mark(tmp_path: Path, name: str) -> None:
    """A GBK name unzipped on Linux (bytes that are not UTF-8) or a name holding ESC
    sequences: the workbook, the letters, the terminal and --json show � for what is
    no text; nothing crashes, nothing raw reaches the screen."""
    folder = _small_folder(tmp_path, count=1)
    write(varied(9, YEAR), folder / "x", "json").rename(folder / name)
    book, letters = tmp_path / "b.xlsx", tmp_path / "意见"
    argv = ["summary", str(folder), "-o", str(book), "--feedback", str(letters)]
    for extra in ([], ["--json"]):
        code, out, err = _run([*argv, *extra])
        assert code == 0, err
        assert "\x1b" not in out + err
        assert all(not 0xD800 <= ord(ch) <= 0xDFFF for ch in out + err)
    # the JSON names the file: � for bytes that are not UTF-8, an ESC written as \u001b
    assert ("\ufffd" in out) if "牛" not in name else ("\\u001b[2J" in out)
    files = [row[3] for row in openpyxl.load_workbook(book)["各单位"].iter_rows(min_row=4,
             values_only=True)]  # fmt: skip
    assert any("\ufffd" in file and file.endswith("牛屯镇.json" if "牛" in name else ".json")
               for file in files)  # fmt: skip
    texts = [path.read_text(encoding="utf-8") for path in letters.glob("*.txt")]
    assert len(texts) == 2 and any("\ufffd" in text and ".json）已收悉" in text for text in texts)
    assert all(str(folder) not in text for text in texts)


def test_two_bodies_whose_letters_have_one_name_keep_both(tmp_path: Path) -> None:
    """某县甲:乙局 and 某县甲?乙局 are two bodies whose letters get one safe file name: the
    second letter is （2）, not written over the first; a second run replaces both."""
    folder = tmp_path / "报告"
    for i, name in enumerate(("某县甲:乙局", "某县甲?乙局")):
        report = varied(20 + i, YEAR)
        write(dataclasses.replace(report, org=dataclasses.replace(report.org, name=name)),
              folder / f"{i}", "json")  # fmt: skip
    letters = tmp_path / "意见"
    argv = ["summary", str(folder), "-o", str(tmp_path / "b.xlsx"), "--feedback", str(letters)]
    for _ in range(2):
        code, out, _ = _run(argv)
        assert code == 0 and "注意：2 个审核意见文件的文件名已被占用" in out
        names = sorted(path.name for path in letters.iterdir())
        assert len(names) == 4 and sum("（2）" in name for name in names) == 2
    said = {path.read_text(encoding="utf-8").splitlines()[2] for path in letters.glob("*.txt")}
    assert said == {"某县甲:乙局：", "某县甲?乙局："}


def test_feedback_into_the_data_folder_is_refused_before_anything_is_written(
    tmp_path: Path,
) -> None:
    home = Path(os.environ["REPORT_INTERVIEW_HOME"])
    book = tmp_path / "b.xlsx"
    argv = ["summary", str(_small_folder(tmp_path)), "-o", str(book), "--feedback"]
    code, _, err = _run([*argv, str(home / "意见")])
    assert code == 2 and f"不能把文件写到数据文件夹 {home} 中" in err
    assert not book.exists() and not (home / "意见").exists()


def test_a_body_named_like_a_path_gets_its_letter_in_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "报告"
    folder.mkdir()
    report = varied(0, YEAR)
    odd = dataclasses.replace(report, org=dataclasses.replace(report.org, name="../../逃逸/牛屯镇"))
    write(odd, folder / "a", "json")
    code, _, _ = _run(["summary", str(folder), "-o", str(tmp_path / "b.xlsx"),
                       "--feedback", str(tmp_path / "意见")])  # fmt: skip
    assert code == 0
    assert {p.parent for p in (tmp_path / "意见").iterdir()} == {tmp_path / "意见"}
    assert not (tmp_path.parent / "逃逸").exists()


def test_last_years_folder_of_the_wrong_year_is_said_and_not_used(tmp_path: Path) -> None:
    folder = _small_folder(tmp_path)
    older = tmp_path / "更早"
    older.mkdir()
    write(varied(4, YEAR - 3), older / "a", "json")
    code, _, err = _run(["summary", str(folder), "--previous", str(older),
                         "-o", str(tmp_path / "b.xlsx")])  # fmt: skip
    assert code == 0 and "不做同比和跨年度核对" in err
    assert "同比" not in openpyxl.load_workbook(tmp_path / "b.xlsx").sheetnames


def test_letters_are_not_written_where_the_next_run_would_read_them(tmp_path: Path) -> None:
    folder = _small_folder(tmp_path)
    argv = ["summary", str(folder), "-o", str(tmp_path / "b.xlsx"), "--feedback"]
    code, _, err = _run([*argv, str(folder / "意见")])
    assert code == 2 and "下次汇总会把审核意见当作报告读取" in err
    assert not (folder / "意见").exists()
    assert _run([*argv, str(folder / "意见"), "--no-subfolders"])[0] == 0


# ---------------------------------------------------------------- real published reports

REAL = DATA / "real"


def _printed(name: str, org: str) -> ReportData:
    """A real report's tables as printed (NAME.cells.json, checked by eye)."""
    cells = json.loads((REAL / f"{name}.cells.json").read_text(encoding="utf-8"))
    return report_from_dict({"org": {"name": org}, "year": 2024, **cells})


def test_real_reports_of_a_city_and_a_district_sum_and_pair_with_last_year(
    tmp_path: Path,
) -> None:
    this, last = tmp_path / "2024", tmp_path / "2023"
    this.mkdir(), last.mkdir()
    for name in ("hongze-2024.pdf", "huaian-2024.pdf", "putuo-welfare-budget-2024-p1.pdf"):
        shutil.copy(REAL / name, this / name)
    copy = shutil.copy(REAL / "hongze-2024.layout.txt", this / "hongze-2024-复制.txt")
    os.utime(copy, (time.time() - 86400, time.time() - 86400))  # the older version
    shutil.copy(REAL / "hongze-2023.pdf", last / "hongze-2023.pdf")
    book = tmp_path / "b.xlsx"
    code, out, _ = _run(["summary", str(this), "--previous", str(last), "-o", str(book)])
    assert code == 0, out
    workbook = openpyxl.load_workbook(book)
    reasons = {
        Path(r[0]).name: r[1] for r in workbook["未计入"].iter_rows(min_row=3, values_only=True)
    }
    assert reasons == {
        "putuo-welfare-budget-2024-p1.pdf": "不是报告",
        "hongze-2024-复制.txt": "重复",
    }
    sheet = workbook["汇总表"]
    top = _find(sheet, "一、本年新收政府信息公开申请数量")
    matrix = expected_matrix([_printed("hongze-2024", "洪泽区"), _printed("huaian-2024", "淮安市")])
    for offset, spec in enumerate(APPLICATION_ROWS):
        assert _values(sheet, top + offset, 4, 7) == matrix[spec.key], spec.key
    assert matrix["new"][6] == 95 + 3119
    pairs = {row[0]: row[2] for row in workbook["同比"].iter_rows(min_row=4, values_only=True)}
    # 洪泽区人民政府 (2023) is 淮安市洪泽区人民政府 (2024): the region written in front
    assert pairs == {
        "淮安市洪泽区人民政府": str(last / "hongze-2023.pdf"),
        "淮安市人民政府": "未找到去年的报告",
    }

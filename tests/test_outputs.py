"""Report files: names that never become paths, targets that are refused, atomic writes,
files of an earlier run kept, and leftovers of killed processes swept (issue 14, 1–3)."""

from __future__ import annotations

import json
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from report_interview import files
from report_interview.cli.main import main
from report_interview.store import Store
from report_interview.write.names import MAX_NAME_BYTES, safe_file_name

from .conftest import DATA, reference_dict
from .test_cli_interview import COMPLETE, Run, home, run, write_answers

__all__ = ["home", "run"]  # fixtures shared with the interview commands' tests

ESCAPING = "../../escaped/牛屯镇"
REFERENCE = DATA / "niutun-2023.json"
RESERVED = ("CON", "nul", "Com1", "LPT9", "aux.txt", "PRN ")


@pytest.mark.parametrize(
    "title",
    [ESCAPING, "/etc/passwd", "a\\b", "C:\\x", "..", ".", "", "-rf", ".bashrc",
     "a\x00b", "a\nb\tc", "\x1b]0;title\x07名", "x\ud800y", "a/../../b", *RESERVED,
     "名" * 300, "a" * 300, "  ", "名. . ."],
)  # fmt: skip
def test_every_title_gives_one_safe_file_name(title: str) -> None:
    name = safe_file_name(title, "docx")
    assert name.endswith(".docx") and len(name.encode("utf-8")) <= MAX_NAME_BYTES
    stem = name.removesuffix(".docx")
    assert stem and not stem.startswith(("-", ".")) and ".." not in name
    assert not any(ch in name for ch in '/\\:*?"<>|') and name.isprintable()
    assert stem.split(".")[0].strip().upper() not in {
        r.split(".")[0].strip().upper() for r in RESERVED
    }
    assert Path(name).name == name


def test_a_plain_title_is_kept() -> None:
    assert safe_file_name("牛屯镇2023年政府信息公开工作年度报告", ".txt") == (
        "牛屯镇2023年政府信息公开工作年度报告.txt"
    )


def _report(tmp_path: Path, name: str = ESCAPING) -> Path:
    data = reference_dict()
    data["org"]["name"] = name
    source = tmp_path / "in" / "r.json"
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return source


def _all_files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


def test_render_of_a_body_named_like_a_path_writes_inside_the_folder(
    tmp_path: Path, capsys: Any
) -> None:
    source = _report(tmp_path)
    assert main(["render", str(source)]) == 0
    written = _all_files(tmp_path) - {source}
    (out,) = written
    assert out.parent == source.parent and "牛屯镇" in out.name
    assert not (tmp_path / "escaped").exists()


def test_new_with_a_body_named_like_a_path_writes_inside_out(run: Run, tmp_path: Path) -> None:
    answers = write_answers(tmp_path / "a.yaml", {**COMPLETE, "org_name": ESCAPING})
    out = tmp_path / "deep" / "out"
    result = run("new", "--answers", str(answers), "--no-input", "--out", str(out))
    assert result.code == 0, result.err
    assert {p.parent for p in _all_files(tmp_path / "deep")} == {out}
    assert not (tmp_path / "escaped").exists()


@pytest.mark.parametrize(
    ("output", "words"),
    [("x.pdf", ".pdf"), ("", "空"), ("  ", "空"), ("x.exe", ".exe")],
    ids=["pdf", "empty", "blank", "exe"],
)
def test_unknown_extensions_and_empty_names_are_refused_with_the_formats(
    tmp_path: Path, capsys: Any, output: str, words: str
) -> None:
    source = _report(tmp_path, "牛屯镇")
    before = _all_files(tmp_path)
    assert (
        main(["render", str(source), "-o", str(tmp_path / output) if output.strip() else output])
        == 2
    )
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and words in err and "docx" in err and "Traceback" not in err
    assert _all_files(tmp_path) == before


def test_output_into_the_data_folder_is_refused(run: Run, home: Path, tmp_path: Path) -> None:
    answers = write_answers(tmp_path / "a.yaml", COMPLETE)
    assert run("new", "--answers", str(answers), "--no-input", "--out", str(tmp_path)).code == 0
    (own,) = home.glob("*.json")
    before = own.read_bytes()
    result = run("render", str(_report(tmp_path, "x")), "-o", str(own), "--format", "json")
    assert result.code == 2 and "数据文件夹" in result.err
    assert own.read_bytes() == before
    refused = run("new", "--answers", str(answers), "--no-input", "--out", str(home))
    assert refused.code == 2 and "数据文件夹" in refused.err


def test_output_onto_the_input_or_a_hard_link_of_it_is_refused(tmp_path: Path, capsys: Any) -> None:
    source = _report(tmp_path, "牛屯镇")
    before = source.read_bytes()
    link = tmp_path / "link.json"
    os.link(source, link)
    for target in (source, link):
        assert main(["render", str(source), "-o", str(target), "--format", "json"]) == 2
        assert "就是输入文件" in capsys.readouterr().err
    assert source.read_bytes() == before


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_output_through_a_symbolic_link_is_refused(tmp_path: Path, capsys: Any) -> None:
    source = _report(tmp_path, "牛屯镇")
    victim = tmp_path / "victim.txt"
    victim.write_text("keep", encoding="utf-8")
    link = tmp_path / "out.txt"
    try:
        link.symlink_to(victim)
    except OSError:  # Windows without the privilege to make links
        pytest.skip("cannot make a symbolic link here")
    assert main(["render", str(source), "-o", str(link)]) == 2
    assert "链接" in capsys.readouterr().err
    assert victim.read_text(encoding="utf-8") == "keep" and link.is_symlink()


def test_a_file_of_an_earlier_run_is_kept_and_the_new_one_numbered(
    run: Run, tmp_path: Path
) -> None:
    answers = write_answers(tmp_path / "a.yaml", COMPLETE)
    out = tmp_path / "out"
    args = ("new", "--answers", str(answers), "--no-input", "--out", str(out), "--formats", "txt")
    assert run(*args).code == 0
    (first,) = out.iterdir()
    first.write_text("手工修改过的报告", encoding="utf-8")
    again = run(*args)
    assert again.code == 0 and "已存在" in again.out and "（2）" in again.out
    assert first.read_text(encoding="utf-8") == "手工修改过的报告"
    assert (out / f"{first.stem}（2）.txt").read_text(encoding="utf-8").startswith("牛屯镇")


def test_a_report_rendered_again_replaces_its_own_file_but_keeps_one_edited_since(
    tmp_path: Path, capsys: Any
) -> None:
    source = _report(tmp_path, "牛屯镇")
    assert main(["render", str(source)]) == 0
    assert main(["render", str(source)]) == 0  # the program's own file: replaced
    assert "未覆盖" not in capsys.readouterr().out
    (own,) = _all_files(source.parent) - {source}
    own.write_text("手工修改过", encoding="utf-8")  # now the clerk's file
    assert main(["render", str(source)]) == 0
    assert "未覆盖" in capsys.readouterr().out and own.read_text(encoding="utf-8") == "手工修改过"
    assert main(["render", str(source)]) == 0  # （2） is the program's: replaced again
    assert len(_all_files(source.parent)) == 3


def test_output_over_a_foreign_file_keeps_it_and_says_the_free_name(
    tmp_path: Path, capsys: Any
) -> None:
    source = _report(tmp_path, "牛屯镇")
    keep = tmp_path / "keep.docx"
    keep.write_bytes(b"the clerk's own document")
    assert main(["render", str(source), "-o", str(keep)]) == 0
    out = capsys.readouterr().out
    assert "未覆盖" in out and "keep（2）.docx" in out
    assert keep.read_bytes() == b"the clerk's own document"
    assert (tmp_path / "keep（2）.docx").read_bytes().startswith(b"PK")
    assert main(["render", str(source), "-o", str(keep)]) == 0  # （2） is ours now
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "keep.docx", "keep（2）.docx"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_output_onto_a_pipe_a_device_or_a_folder_is_refused_and_never_replaced(
    run: Run, tmp_path: Path
) -> None:
    source = _report(tmp_path, "牛屯镇")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    for target in (fifo, Path(os.devnull), tmp_path / "in"):
        result = run("render", str(source), "-o", str(target), "--format", "txt")
        assert result.code == 2 and len(result.err.strip().splitlines()) == 1, result.err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert stat.S_ISCHR(os.lstat(os.devnull).st_mode)
    answers = write_answers(tmp_path / "a.yaml", COMPLETE)
    for out in (fifo, source):  # --out must be a folder (or a new name)
        refused = run("new", "--answers", str(answers), "--no-input", "--out", str(out))
        assert refused.code == 2 and "不是文件夹" in refused.err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert not list((tmp_path / "home").glob("*.json"))  # refused before anything was made


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _report(tmp_path, "牛屯镇")
    out = tmp_path / "out.docx"
    out.write_bytes(b"old")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full_disk)
    assert main(["render", str(source), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "原有文件未改动" in err and len(err.strip().splitlines()) == 1
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out.docx"]


def test_orphan_locks_and_temporaries_are_swept_when_no_process_holds_them(tmp_path: Path) -> None:
    store = Store(tmp_path)
    with store.create(flow="f") as kept:
        kept.save_answer("q", 1)
    orphans = [
        tmp_path / "20260101-0000-dead.lock",  # a `new` killed before its first save
        tmp_path / ".20260101-0000-dead.json.abc.tmp",
        tmp_path / f".{kept.path.name}.xyz.tmp",  # a save of an existing one, killed
    ]
    for path in orphans:
        path.write_bytes(b"")
    with store.create(flow="f") as busy:  # held: nothing of it may go
        busy_temp = tmp_path / f".{busy.path.name}.held.tmp"
        busy_temp.write_bytes(b"")
        assert [i.id for i in store.list()]
        assert busy_temp.exists() and (tmp_path / f"{busy.id}.lock").exists()
    assert not any(path.exists() for path in orphans)
    assert (tmp_path / f"{kept.id}.lock").exists()  # an interview's own lock stays
    with store.open(kept.id) as again:
        assert again.answers() == {"q": 1}


def test_a_sweep_leaves_intact_interviews_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(tmp_path)
    with store.create(flow="f") as interview:
        interview.save_answer("q", 1)
    locked: list[str] = []
    real_sweep_one = Store._sweep_one
    monkeypatch.setattr(
        Store, "_sweep_one", lambda self, i: (locked.append(i), real_sweep_one(self, i))
    )
    store.list()
    assert locked == []  # no lock taken: a resume in another window is never refused


def test_no_file_name_is_made_from_a_title_but_through_safe_file_name() -> None:
    import report_interview

    package = Path(report_interview.__file__).parent
    offenders = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if ".title}." in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


@pytest.fixture(params=[0o022, 0o027], ids=["umask-022", "umask-027"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    """The process's umask set for one test, and restored after it."""
    before = os.umask(request.param)
    yield request.param
    os.umask(before)


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


@pytest.mark.skipif(sys.platform == "win32", reason="Windows files have no POSIX modes")
@pytest.mark.parametrize("fmt", ["docx", "txt", "html", "md", "json"])
def test_report_files_follow_the_umask(umask: int, fmt: str, tmp_path: Path, capsys: Any) -> None:
    out = tmp_path / f"报告.{fmt}"
    assert main(["render", str(REFERENCE), "-o", str(out)]) == 0
    assert _mode(out) == 0o666 & ~umask  # 0644 under 022: a colleague can open it
    assert main(["render", str(REFERENCE), "-o", str(out)]) == 0  # replaced: the same
    assert _mode(out) == 0o666 & ~umask


@pytest.mark.skipif(sys.platform == "win32", reason="Windows files have no POSIX modes")
def test_the_interview_writes_shared_reports_and_keeps_its_own_file_private(
    umask: int, run: Run, home: Path, tmp_path: Path
) -> None:
    answers = write_answers(tmp_path / "a.yaml", COMPLETE)
    out = tmp_path / "out"
    result = run("new", "--answers", str(answers), "--no-input", "--out", str(out), "--formats",
                 "docx,txt,html")  # fmt: skip
    assert result.code == 0, result.err
    written = _all_files(out)
    assert len(written) == 3 and {_mode(p) for p in written} == {0o666 & ~umask}
    assert {_mode(p) for p in home.glob("*.json")} == {0o600}  # the answers stay private


def test_the_record_of_writes_is_parsed_once_and_saved_once_for_a_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Many files written (summary's letters): the record is parsed once, not for every
    name looked at, and saved once at the end of the batch (outputs.recording); a write
    alone saves it at once. A record changed on disk since (another process, or lost) is
    read again."""
    from report_interview.cli import outputs

    parsed: list[Path] = []
    saved: list[Path] = []
    real_parsed, real_write = outputs._parsed, outputs.atomic_write_bytes

    def parse(path: Path) -> dict[str, object]:
        parsed.append(path)
        return real_parsed(path)

    def write(path: Path, payload: bytes, **kw: Any) -> None:
        saved.append(path)
        real_write(path, payload, **kw)

    monkeypatch.setattr(outputs, "_parsed", parse)
    monkeypatch.setattr(outputs, "atomic_write_bytes", write)
    with outputs.recording():
        for i in range(20):
            placed = outputs.place(tmp_path / "信.txt", data_home=None, taken=set(saved))
            outputs.write_file(placed.path, f"第 {i} 封", what=outputs.SUMMARY)
    record = outputs.data_folder() / "outputs" / "written.json"
    assert saved.count(record) == 1 and len(parsed) <= 1
    assert len(list(tmp_path.iterdir())) == 20  # 信.txt, 信（2）.txt …: none written over
    assert all(outputs.written_here(p, outputs.SUMMARY) for p in tmp_path.iterdir())
    assert not outputs.written_here(tmp_path / "信.txt", outputs.REPORT)
    outputs.write_file(tmp_path / "报告.txt", "报告")
    assert saved.count(record) == 2 and len(parsed) <= 1
    record.write_text('{"files": {}}', encoding="utf-8")  # the record lost meanwhile
    assert not outputs.written_here(tmp_path / "报告.txt") and len(parsed) <= 2

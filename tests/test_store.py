"""The interview store: files, atomic saves, the lock, unreadable files, listing."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from report_interview import store as store_module
from report_interview.store import (
    AtomicJSONStorage,
    InterviewInfo,
    LockedError,
    Store,
    StoreError,
    UnreadableError,
    data_home,
)

FLOW = "annual_report"
START = datetime(2026, 11, 26, 3, 47, tzinfo=timezone(timedelta(hours=8)))


class Clock:
    """A clock that moves one minute per call, so 'updated' orders are predictable."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "data", clock=Clock())


def run_child(home: Path, body: str) -> subprocess.Popen[str]:
    """Start a Python child that has `store` (a Store on home) and `kill()` ready."""
    prelude = textwrap.dedent(
        """
        import os, signal, sys
        from pathlib import Path
        from report_interview.store import Store
        store = Store(Path(sys.argv[1]))
        def kill():
            sys.stdout.flush()
            if hasattr(signal, "SIGKILL"):
                os.kill(os.getpid(), signal.SIGKILL)
            os._exit(9)
        """
    )
    return subprocess.Popen(
        [sys.executable, "-c", prelude + textwrap.dedent(body), str(home)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


# ---------------------------------------------------------------- round trip


def test_create_save_close_reopen_restores_answers_and_position(store: Store) -> None:
    with store.create(flow=FLOW, org="牛屯镇", year=2023) as interview:
        interview_id, path = interview.id, interview.path
        interview.save_answer("org_name", "牛屯镇", position="org_kind")
        interview.save_answer("apps_new", 3, position="apps_carried")
        interview.save_answers({"has_site": True, "kinds": ["自然人", "其他"]}, position="fees")
        interview.save_answer("apps_new", 5)  # changing an answer keeps the position

    assert path == store.home / f"{interview_id}.json"
    with store.open(interview_id) as again:
        assert again.answers() == {
            "org_name": "牛屯镇",
            "apps_new": 5,
            "has_site": True,
            "kinds": ["自然人", "其他"],
        }
        assert again.meta()["position"] == "fees"


def test_answers_are_one_document_each_and_values_are_replaced_whole(store: Store) -> None:
    with store.create(flow=FLOW) as interview:
        interview.save_answers({"a": {"x": 1, "y": 2}, "b": 1})
        interview.save_answer("a", {"z": 3})
        assert interview.answers() == {"a": {"z": 3}, "b": 1}
        data = json.loads(interview.path.read_text(encoding="utf-8"))
    assert sorted(doc["id"] for doc in data["answers"].values()) == ["a", "b"]
    assert all(set(doc) == {"id", "value"} for doc in data["answers"].values())


def test_meta_fields_are_created_and_updated(store: Store) -> None:
    with store.create(flow=FLOW, org="牛屯镇", year=2023) as interview:
        meta = interview.meta()
        assert meta == {
            "id": interview.id,
            "org": "牛屯镇",
            "year": 2023,
            "status": "in_progress",
            "progress": {},
            "position": None,
            "flow": FLOW,
            "created": meta["created"],
            "updated": meta["created"],
        }
        interview.update_meta(progress={"answered": 4, "total": 40, "section": "三"})
        interview.update_meta(status="finished", org="滑县牛屯镇", position="review")
        meta = interview.meta()
    assert meta["progress"] == {"answered": 4, "total": 40, "section": "三"}
    assert (meta["status"], meta["org"], meta["position"]) == ("finished", "滑县牛屯镇", "review")
    assert datetime.fromisoformat(meta["updated"]) > datetime.fromisoformat(meta["created"])


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        pytest.param({"status": "done"}, ValueError, id="unknown-status"),
        pytest.param({"year": "2023"}, TypeError, id="year-as-str"),
        pytest.param({"year": True}, TypeError, id="year-as-bool"),
        pytest.param({"progress": 50}, TypeError, id="progress-not-dict"),
        pytest.param({"created": "2020-01-01"}, TypeError, id="managed-field"),
        pytest.param({"org": Decimal("1")}, TypeError, id="not-json"),
    ],
)
def test_update_meta_refuses_bad_fields(
    store: Store, fields: dict[str, Any], error: type[Exception]
) -> None:
    with store.create(flow=FLOW) as interview:
        before = interview.path.read_bytes()
        with pytest.raises(error):
            interview.update_meta(**fields)
        assert interview.path.read_bytes() == before


def test_ids_are_short_sortable_and_unique(tmp_path: Path) -> None:
    fixed = Store(tmp_path, clock=lambda: START)
    interviews = [fixed.create(flow=FLOW) for _ in range(20)]
    ids = {interview.id for interview in interviews}
    assert len(ids) == 20
    assert all(re.fullmatch(r"20261126-0347-[0-9a-f]{4}", i) for i in ids)
    for interview in interviews:
        interview.close()


def test_closed_interview_refuses_use(store: Store) -> None:
    interview = store.create(flow=FLOW)
    interview.close()
    interview.close()  # closing twice is harmless
    with pytest.raises(RuntimeError):
        interview.save_answer("a", 1)


# ---------------------------------------------------------------- listing


def test_list_is_newest_first_with_fields(store: Store) -> None:
    with store.create(flow=FLOW, org="甲镇", year=2023) as first:
        pass
    with store.create(flow=FLOW, org="乙镇", year=2024) as second:
        second.update_meta(status="finished", progress={"answered": 40, "total": 40})
    with store.open(first.id) as first_again:
        first_again.save_answer("apps_new", 1)  # now the newest change

    infos = store.list()
    assert [info.id for info in infos] == [first.id, second.id]
    assert infos[1] == InterviewInfo(
        id=second.id,
        org="乙镇",
        year=2024,
        status="finished",
        progress={"answered": 40, "total": 40},
        created=infos[1].created,
        updated=infos[1].updated,
        path=second.path,
    )
    assert store.unreadable() == []


def test_latest_unfinished_skips_finished(store: Store) -> None:
    assert store.latest_unfinished() is None
    with store.create(flow=FLOW, org="甲镇") as older:
        pass
    with store.create(flow=FLOW, org="乙镇") as newer:
        newer.update_meta(status="finished")
    latest = store.latest_unfinished()
    assert latest is not None and latest.id == older.id


def test_list_of_missing_folder_is_empty(tmp_path: Path) -> None:
    missing = Store(tmp_path / "nowhere")
    assert missing.scan() == ([], [])
    assert not (tmp_path / "nowhere").exists()


def test_data_home_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("REPORT_INTERVIEW_HOME", str(tmp_path / "home"))
    assert data_home() == tmp_path / "home"
    with Store().create(flow=FLOW) as interview:
        assert interview.path.parent == tmp_path / "home"
    monkeypatch.delenv("REPORT_INTERVIEW_HOME")
    assert "report-interview" in str(data_home())


def test_save_does_not_scan_the_folder(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """A save stays flat however many interviews the folder holds."""
    with store.create(flow=FLOW) as interview:

        def refuse(*args: Any, **kwargs: Any) -> Any:
            raise AssertionError("the folder was scanned during a save")

        monkeypatch.setattr(Path, "glob", refuse)
        monkeypatch.setattr(Path, "iterdir", refuse)
        monkeypatch.setattr(os, "listdir", refuse)
        monkeypatch.setattr(os, "scandir", refuse)
        interview.save_answer("a", 1)
        interview.save_answers({"b": 2, "c": 3}, position="d")
        interview.update_meta(status="finished")


# ---------------------------------------------------------------- crashes


def test_resume_after_a_killed_process(store: Store) -> None:
    child = run_child(
        store.home,
        """
        interview = store.create(flow="annual_report", org="牛屯镇")
        interview.save_answer("q1", 1, position="q2")
        interview.save_answer("q2", "二", position="q3")
        interview.save_answer("q3", [3], position="q4")
        print(interview.id)
        kill()
        """,
    )
    out, _ = child.communicate(timeout=30)
    assert child.returncode != 0
    with store.open(out.strip()) as interview:  # the dead process's lock is gone
        assert interview.answers() == {"q1": 1, "q2": "二", "q3": [3]}
        assert interview.meta()["position"] == "q4"


@pytest.mark.parametrize(
    "save",
    [
        pytest.param(lambda i: i.save_answer("q3", 3, position="q4"), id="save_answer"),
        pytest.param(lambda i: i.save_answers({"q1": 9, "q3": 3}), id="save_answers"),
        pytest.param(lambda i: i.update_meta(status="finished"), id="update_meta"),
    ],
)
def test_crash_during_write_keeps_the_old_file(
    store: Store, monkeypatch: pytest.MonkeyPatch, save: Callable[[Any], None]
) -> None:
    interview = store.create(flow=FLOW)
    interview.save_answers({"q1": 1, "q2": "二"}, position="q3")
    before = interview.path.read_bytes()

    def crash(*args: Any, **kwargs: Any) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", crash)
        with pytest.raises(StoreError, match="之前保存的内容完好无损"):
            save(interview)

    assert interview.path.read_bytes() == before
    assert [p.name for p in store.home.iterdir() if p.suffix == ".tmp"] == []
    assert interview.answers() == {"q1": 1, "q2": "二"}
    interview.save_answer("q3", 3)  # the interview is still usable
    interview.close()
    with store.open(interview.id) as again:
        assert again.answers() == {"q1": 1, "q2": "二", "q3": 3}
        assert again.meta()["status"] == "in_progress"


def test_save_answers_is_one_write(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    replaced: list[Any] = []
    real_replace = os.replace

    def counting(source: Any, target: Any) -> None:
        replaced.append(target)
        real_replace(source, target)

    with store.create(flow=FLOW) as interview:
        monkeypatch.setattr(os, "replace", counting)
        interview.save_answers({f"q{n}": n for n in range(30)}, position="q30")
    assert len(replaced) == 1


def test_stray_temp_file_is_ignored_then_removed_on_open(store: Store) -> None:
    with store.create(flow=FLOW) as interview:
        interview.save_answer("q1", 1)
    temp = store.home / f".{interview.path.name}.x1y2z3.tmp"
    temp.write_bytes(b'{"meta": {"1": {"id"')  # a save cut short by a crash
    assert [info.id for info in store.list()] == [interview.id]
    assert store.unreadable() == []
    with store.open(interview.id) as again:
        assert again.answers() == {"q1": 1}
    assert not temp.exists()


# ---------------------------------------------------------------- the lock


def test_second_open_in_the_same_process_is_refused(store: Store) -> None:
    first = store.create(flow=FLOW)
    with pytest.raises(LockedError, match="正在另一个窗口中填写") as refused:
        store.open(first.id)
    assert first.id in str(refused.value)
    first.save_answer("q1", 1)  # the refused open changed nothing
    first.close()
    with store.open(first.id) as again:
        assert again.answers() == {"q1": 1}


def test_second_process_is_refused_until_the_first_closes(store: Store) -> None:
    with store.create(flow=FLOW) as interview:
        interview.save_answer("q1", 1)
    child = run_child(
        store.home,
        f"""
        interview = store.open({interview.id!r})
        print("open", flush=True)
        sys.stdin.readline()
        interview.close()
        print("closed", flush=True)
        sys.stdin.readline()
        """,
    )
    assert child.stdin is not None and child.stdout is not None
    try:
        assert child.stdout.readline().strip() == "open"
        with pytest.raises(LockedError, match=interview.id):
            store.open(interview.id)
        child.stdin.write("\n")
        child.stdin.flush()
        assert child.stdout.readline().strip() == "closed"
        with store.open(interview.id) as again:
            assert again.answers() == {"q1": 1}
    finally:
        child.communicate("\n", timeout=30)


# ---------------------------------------------------------------- unreadable files


UNREADABLE = [
    pytest.param(b"\x00\xff\xfe garbage \x89PNG", id="garbage-bytes"),
    pytest.param(b'{"meta": {"1": {"id": "x", "org": "\xe7\x89', id="truncated-json"),
    pytest.param(b"", id="empty-file"),
    pytest.param(b"[1, 2, 3]", id="json-list"),
    pytest.param(b'{"_default": {"1": {"a": 1}}}', id="json-without-meta"),
    pytest.param(
        b'{"meta": {"1": {"id": "x", "org": "", "year": null, "status": "paused", "progress": {},'
        b' "position": null, "flow": "f", "created": "2026-01-01T00:00:00",'
        b' "updated": "2026-01-01T00:00:00"}}}',
        id="meta-of-wrong-shape",
    ),
]


@pytest.fixture
def good_and_bad(store: Store) -> tuple[str, Path]:
    """A readable interview, and a file beside it whose content the test chooses."""
    with store.create(flow=FLOW) as interview:
        interview.save_answer("q1", 1)
    return interview.id, store.home / "20261126-0400-dead.json"


@pytest.mark.parametrize("content", UNREADABLE)
def test_unreadable_file_is_reported_and_left_untouched(
    store: Store, good_and_bad: tuple[str, Path], content: bytes
) -> None:
    good_id, bad = good_and_bad
    bad.write_bytes(content)
    with pytest.raises(UnreadableError) as refused:
        store.open(bad.stem)
    assert str(bad) in str(refused.value) and "已保留原文件未作改动" in str(refused.value)
    assert refused.value.path == bad
    assert bad.read_bytes() == content

    infos, unreadable = store.scan()
    assert [info.id for info in infos] == [good_id]
    assert unreadable == [bad]
    assert bad.read_bytes() == content


def test_unreadable_answers_table_is_reported(store: Store, good_and_bad: tuple[str, Path]) -> None:
    good_id, bad = good_and_bad
    data = json.loads((store.home / f"{good_id}.json").read_text(encoding="utf-8"))
    data["answers"]["1"] = {"value": 1}  # no question id
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(UnreadableError):
        store.open(bad.stem)


def test_refused_open_releases_its_lock(store: Store, good_and_bad: tuple[str, Path]) -> None:
    _, bad = good_and_bad
    bad.write_bytes(b"{")
    with pytest.raises(UnreadableError):
        store.open(bad.stem)
    (store.home / f"{bad.stem}.json").unlink()
    with pytest.raises(StoreError, match="找不到"):
        store.open(bad.stem)


@pytest.mark.parametrize("interview_id", ["20990101-0000-0000", "../etc/passwd", "a b", ""])
def test_unknown_id_is_a_store_error(store: Store, interview_id: str) -> None:
    with pytest.raises(StoreError, match="找不到"):
        store.open(interview_id)


# ---------------------------------------------------------------- values


@pytest.mark.parametrize(
    "value",
    [
        pytest.param(Decimal("9116.36"), id="decimal"),
        pytest.param({"fee": Decimal("1")}, id="nested-decimal"),
        pytest.param([1, {2}], id="set-in-list"),
        pytest.param((1, 2), id="tuple"),
        pytest.param({1: "a"}, id="int-key"),
        pytest.param(float("nan"), id="nan"),
        pytest.param(datetime(2026, 1, 1), id="datetime"),
    ],
)
def test_non_json_values_are_refused(store: Store, value: Any) -> None:
    with store.create(flow=FLOW) as interview:
        interview.save_answer("ok", 1)
        before = interview.path.read_bytes()
        with pytest.raises(TypeError):
            interview.save_answers({"fine": 2, "bad": value})
        assert interview.path.read_bytes() == before


def test_unicode_is_stored_readably(store: Store) -> None:
    with store.create(flow=FLOW, org="牛屯镇人民政府") as interview:
        interview.save_answer("problems", "公开内容不够全面，“三安全一稳定”")
    text = interview.path.read_text(encoding="utf-8")
    assert "牛屯镇人民政府" in text and "“三安全一稳定”" in text
    assert "\\u" not in text


# ---------------------------------------------------------------- the TinyDB storage


def test_atomic_storage_reads_none_for_new_and_empty_files(tmp_path: Path) -> None:
    storage = AtomicJSONStorage(tmp_path / "new.json")
    assert storage.read() is None
    assert not (tmp_path / "new.json").exists()  # reading never creates the file
    (tmp_path / "new.json").write_bytes(b"")
    assert storage.read() is None
    storage.write({"t": {"1": {"v": "值"}}})
    assert storage.read() == {"t": {"1": {"v": "值"}}}


def test_atomic_storage_batch_writes_nothing_on_error(tmp_path: Path) -> None:
    storage = AtomicJSONStorage(tmp_path / "db.json")
    storage.write({"t": {}})
    before = storage.path.read_bytes()
    with pytest.raises(KeyError), storage.batch():
        storage.write({"t": {"1": {"v": 1}}})
        assert storage.read() == {"t": {"1": {"v": 1}}}  # seen inside the batch only
        raise KeyError("boom")
    assert storage.path.read_bytes() == before
    assert storage.read() == {"t": {}}
    assert list(tmp_path.glob(store_module.temp_pattern(storage.path))) == []

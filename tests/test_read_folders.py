"""read/folders.py: the report files named and those found in folders and subfolders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from report_interview.read import folders
from report_interview.read.errors import ReadError
from report_interview.read.folders import Found, report_files


def _tree(root: Path) -> Path:
    """A county's folder: one subfolder per body, a hidden folder, a Word lock file."""
    for name in ("乡镇/白道口镇/报告.docx", "乡镇/八里营镇.pdf", "部门/教育局.html",
                 "汇总说明.txt", ".git/config.json", "~$报告.docx", "部门/台账.xlsx"):  # fmt: skip
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    return root


def _names(found: list[Found], root: Path) -> list[str]:
    return [str(f.path.relative_to(root)) for f in found]


def test_folders_are_walked_with_their_subfolders_in_sorted_order(tmp_path: Path) -> None:
    root = _tree(tmp_path / "报告")
    found = report_files([str(root)])
    assert _names(found, root) == [
        "汇总说明.txt",
        "乡镇/八里营镇.pdf",
        "乡镇/白道口镇/报告.docx",
        "部门/台账.xlsx",  # listed, to be skipped as no report
        "部门/教育局.html",
    ]
    assert all(f.in_folder for f in found)


def test_without_subfolders_only_the_folder_itself(tmp_path: Path) -> None:
    root = _tree(tmp_path / "报告")
    assert _names(report_files([str(root)], subfolders=False), root) == ["汇总说明.txt"]


def test_a_named_file_is_taken_as_named_even_when_missing(tmp_path: Path) -> None:
    assert report_files([str(tmp_path / "无.docx")]) == [Found(tmp_path / "无.docx", False)]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and symbolic links")
def test_pipes_are_never_listed_and_links_to_folders_never_followed(tmp_path: Path) -> None:
    root = tmp_path / "报告"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text("x", encoding="utf-8")
    os.mkfifo(root / "pipe.txt")
    (root / "sub" / "loop").symlink_to(root, target_is_directory=True)
    assert _names(report_files([str(root)]), root) == ["a.txt"]


def test_a_folder_with_too_many_entries_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(folders, "MAX_ENTRIES", 5)
    root = tmp_path / "盘"
    for i in range(3):
        (root / f"d{i}").mkdir(parents=True)
        for j in range(3):
            (root / f"d{i}" / f"{j}.bin").write_text("x", encoding="utf-8")
    with pytest.raises(ReadError, match="文件太多"):
        report_files([str(root)])

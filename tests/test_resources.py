"""flows/ and templates/ are found in a wheel layout and in an editable layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from report_interview.resources import resource_dir


@pytest.mark.parametrize("layout", ["wheel", "editable"])
def test_resource_dir_in_both_install_layouts(tmp_path: Path, layout: str) -> None:
    package = tmp_path / "src" / "report_interview"
    package.mkdir(parents=True)
    where = package if layout == "wheel" else tmp_path
    (where / "templates").mkdir()
    assert resource_dir("templates", package) == where / "templates"


def test_missing_resource_dir_is_a_chinese_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="重新安装"):
        resource_dir("flows", tmp_path / "a" / "b")


def test_installed_package_finds_its_templates() -> None:
    assert (resource_dir("templates") / "report.txt.j2").is_file()

"""write/feedback.py: the letter to each body, as text and as Word."""

from __future__ import annotations

import io
from datetime import date

import docx

from report_interview.report.collect import examine
from report_interview.write.feedback import CLEAN, feedback_letter, letter_files, letter_text

from .county import varied

DAY = date(2025, 1, 15)


def test_a_clean_report_gets_no_problem_found() -> None:
    body = examine("乡镇/牛屯镇.docx", 0, varied(4, 2023))
    text = letter_text(feedback_letter(body, DAY))
    first, *rest = text.splitlines()
    assert first == "关于《上官镇人民政府2023年政府信息公开工作年度报告》的审核意见"
    assert "上官镇人民政府：" in rest and CLEAN in text and "（文件：牛屯镇.docx）" in text
    assert "乡镇/" not in text  # the county office's own folders are not the body's business
    assert text.rstrip().endswith("2025年1月15日")


def test_each_finding_is_listed_with_its_place_and_what_to_change() -> None:
    body = examine("a.txt", 0, varied(1, 2023, fault="row_total"))
    text = letter_text(feedback_letter(body, DAY))
    assert CLEAN not in text
    assert f"发现须改正的错误 {body.errors} 处" in text
    assert "一、须改正的错误" in text
    for number, finding in enumerate(body.findings, 1):
        assert f"{number}. 位置：{finding.place}。{finding.message}（规则 {finding.rule}）" in text


def test_the_letter_is_written_as_word_in_the_reports_styles() -> None:
    body = examine("a.txt", 0, varied(2, 2023, fault="appeal_total"))
    letter = feedback_letter(body, DAY)
    (word_name, word), (text_name, text) = letter_files(letter)
    assert word_name == f"{letter.title}.docx" and text_name == f"{letter.title}.txt"
    assert isinstance(word, bytes) and isinstance(text, str)
    paragraphs = docx.Document(io.BytesIO(word)).paragraphs
    assert [(p.style.name, p.text) for p in paragraphs[:2]] == [
        ("公文标题", letter.title),
        ("主送机关", "城关镇人民政府："),
    ]
    assert paragraphs[-1].style.name == "成文日期"
    assert any(p.style.name == "一级标题" and p.text == "一、须改正的错误" for p in paragraphs)


def test_a_letter_names_the_other_versions_received() -> None:
    from report_interview.report.collect import collect

    report = varied(3, 2023)
    older = examine("乡镇/留固镇.html", 1.0, report)
    newer = examine("乡镇/留固镇.txt", 2.0, varied(3, 2023, fault="row_total"))
    collection = collect([older, newer], [])
    (body,) = collection.bodies
    text = letter_text(feedback_letter(body, DAY, collection.left_out))
    assert "另收到同一报告的其他版本（文件：留固镇.html），本次审核的是上面这一份" in text
    assert "各版本的数字不一致，请确认哪一份是定稿" in text

"""The county office's feedback to one body: a short letter titled 关于《…》的审核意见
that lists each finding of its report — where it is and what to change — or says
未发现问题 when the check found nothing at all. Written as text and as Word (the report's
公文 styles, write/word.py); every text in it as it may be shown (text_rules.for_display),
so a file name or a report's text holding a control character or bytes that are not
UTF-8 gives a � rather than a file that cannot be written."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath

from ..report.checks import ERROR, Finding
from ..report.collect import Examined, LeftOut
from ..report.layout import PROSE_INDENT
from ..report.narrative import chinese_number
from ..report.text_rules import for_display
from .names import safe_file_name

CLEAN = "未发现问题"


@dataclass(frozen=True)
class Letter:
    """A letter: its title, and its paragraphs as (kind, text); kinds as write/word.py
    LETTER_PARTS: addressee, heading, body, date."""

    title: str
    parts: tuple[tuple[str, str], ...]

    def file_name(self, suffix: str) -> str:
        return safe_file_name(self.title, suffix)


def feedback_letter(body: Examined, today: date, versions: Sequence[LeftOut] = ()) -> Letter:
    """The feedback on one body's report, dated `today`; `versions`: the other versions
    of it that were received (left out as duplicates), which the letter names."""
    report = body.report
    errors = [f for f in body.findings if f.level == ERROR]
    others = [f for f in body.findings if f.level != ERROR]
    received = f"你单位报送的《{report.title}》（文件：{_file_name(body.file)}）已收悉。"
    if versions:
        names = "、".join(_file_name(version.file) for version in versions)
        received += f"另收到同一报告的其他版本（文件：{names}），本次审核的是上面这一份"
        differ = any(version.differs for version in versions)
        received += "；各版本的数字不一致，请确认哪一份是定稿，只报送定稿。" if differ else "。"
    parts: list[tuple[str, str]] = [("addressee", f"{report.org.name}：")]
    kinds = (("须改正的错误", errors), ("请核对的问题", others))
    groups = [(name, items) for name, items in kinds if items]
    if not groups:
        parts.append(("body", f"{received}经审核，{CLEAN}，可按规定时限公开。"))
    else:
        found = [f"{name} {len(items)} 处" for name, items in groups]
        parts.append(("body", f"{received}经审核，发现{'、'.join(found)}，具体如下。"))
        for number, (heading, findings) in enumerate(groups, 1):
            parts.append(("heading", f"{chinese_number(number)}、{heading}"))
            parts += (("body", _item(i, f)) for i, f in enumerate(findings, 1))
        parts.append(("body", "请逐项修改后重新报送，并在规定时限内公开。"))
    parts.append(("date", f"{today.year}年{today.month}月{today.day}日"))
    safe = tuple((kind, for_display(text, lines=True)) for kind, text in parts)
    return Letter(for_display(f"关于《{report.title}》的审核意见"), safe)


def _file_name(file: str) -> str:
    """The file examined, by its name: the county office's own folders are not the
    body's business (and a name is all the body needs to know which version was read)."""
    return PurePath(file).name


def _item(number: int, finding: Finding) -> str:
    """One finding in plain words: where, what is wrong and what to change, the rule."""
    return f"{number}. 位置：{finding.place}。{finding.message}（规则 {finding.rule}）"


def letter_text(letter: Letter) -> str:
    """The letter as plain text: title, blank lines between paragraphs, body paragraphs
    indented by two ideographic spaces, the date pushed to the right."""
    lines = [letter.title]
    for kind, text in letter.parts:
        if kind == "body":
            text = PROSE_INDENT + text
        elif kind == "date":
            text = PROSE_INDENT * 12 + text
        lines.append(text)
    return "\n\n".join(lines) + "\n"


def letter_files(letter: Letter, author: str = "") -> Sequence[tuple[str, str | bytes]]:
    """(file name, content) of the letter as Word and as text."""
    from .word import render_letter_docx  # python-docx only when the letters are written

    return (
        (letter.file_name("docx"), render_letter_docx(letter.title, letter.parts, author)),
        (letter.file_name("txt"), letter_text(letter)),
    )

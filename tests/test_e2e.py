"""One end-to-end run of the real program in a pseudo-terminal: start an interview,
leave it with Ctrl-C, resume it, answer to the end and check the written report."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

from report_interview.chat.tables import width

pexpect = pytest.importorskip("pexpect")

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="pexpect.spawn needs a POSIX pseudo-terminal"
)

DOWN = "\x1b[B"
PROMPT = "您 › "  # drawn by prompt_toolkit once a line prompt is ready for keys
TITLE = "牛屯镇人民政府2023年政府信息公开工作年度报告"

# What the resumed interview asks a township without applications, in order, and the
# reply: text typed at a line prompt (Enter alone takes the offered answer or the
# written paragraph), or TICK to tick the first option of a multiple choice.
TICK = "<tick the first option>"
MENU = "<Enter on the first option>: "  # followed by that option's label
RESUMED: list[tuple[str, str]] = [
    ("报告发布后，公众在哪里可以查阅或下载？", "滑县人民政府门户网站"),
    ("对报告有疑问时，由哪个部门负责解答？", "牛屯镇党政办公室"),
    ("这个部门的地址是？", "滑县牛屯镇人民路1号"),
    ("联系电话是？", "0372-5123456"),
    ("通过哪些渠道主动公开？", TICK),
    ("是在哪个网站、哪个栏目公开的？", "滑县人民政府门户网站“牛屯镇”专栏"),
    ("今年各渠道分别发布了多少？", "166"),
    ("今年主动公开政府信息一共多少条？", ""),  # the channels' sum, as offered
    ("今年重点公开了哪些领域的信息？", TICK),
    ("这些领域各公开了多少条？", "12"),
    ("这是根据您的回答写好的“（一）主动公开”", ""),
    ("（三）政府信息管理：今年在信息管理上做了哪些工作？", TICK),
    ("这是写好的“（三）政府信息管理”", ""),
    ("（四）平台建设：今年在公开平台上做了哪些工作？", TICK),
    ("这是写好的“（四）政府信息公开平台建设”", ""),
    ("今年组织或参加了几次政务公开业务培训？", "4 0"),
    ("政务公开工作是否纳入了本单位年度考核？", "是"),
    ("上级对本单位政务公开工作的考核结果如何？", "考核结果尚未公布"),
    ("今年有没有就政务公开工作开展社会评议", "否"),
    ("这是写好的“（五）监督保障”", ""),
    ("今年制发、废止了几件行政规范性文件？", "0 0"),
    ("到年底，现行有效的行政规范性文件共有几件？", "0"),
    ("今年作出了多少件行政许可决定、行政处罚决定", "0 0 0"),
    ("今年行政事业性收费金额是多少万元？", "0"),
    ("今年一共新收到多少件政府信息公开申请？", "0"),
    ("去年年底还没办完、转到今年继续办理的申请有几件？", "0"),
    ("今年有没有因政府信息公开被申请行政复议或被提起行政诉讼？", "否"),
    ("去年的年度报告在第五部分提出过需要整改的问题吗？", MENU + "提出过，我来逐条写"),
    ("去年的年度报告中提出了哪些问题？", "信息更新不及时"),
    ("第 2 条（直接回车结束）", ""),
    ("针对“信息更新不及时”", "建立了每周更新制度"),
    ("今年的工作还存在哪些问题？", TICK),
    ("直接回车采用以上 1 条", ""),  # the measure offered for the problem ticked
    ("明年有哪些工作打算？", TICK),
    ("这是写好的第五部分", ""),
    ("是否收取了信息处理费？", "否"),
    ("是否承办了人大代表建议或政协提案？", "否"),
    ("落实了上级年度政务公开工作要点中的哪些工作？", TICK),
    ("还有其他需要报告的事项吗？", ""),
    ("这是写好的第六部分", ""),
]


class Terminal:
    """The program in a pseudo-terminal, answered like a person: wait for the question
    and for its prompt to be drawn, then type; never type ahead."""

    def __init__(self, home: Path, *args: str, size: tuple[int, int] = (40, 120)) -> None:
        rows, columns = size
        env = {
            **os.environ,
            "REPORT_INTERVIEW_HOME": str(home),
            "PROMPT_TOOLKIT_NO_CPR": "1",
            "TERM": "xterm",
            "COLUMNS": str(columns),
            "LINES": str(rows),
        }
        self.child = pexpect.spawn(
            sys.executable,
            ["-m", "report_interview", *args],
            env=env,
            encoding="utf-8",
            dimensions=size,
            timeout=15,
        )

    def answer(self, question: str, reply: str) -> None:
        """At a line prompt: type the reply and Enter."""
        self.child.expect_exact(question)
        self.child.expect_exact(PROMPT)
        self.child.send(reply + "\r")

    def choose(self, question: str, option: str) -> None:
        """At a menu: Enter on the highlighted option, once the menu shows `option`."""
        self.child.expect_exact(question)
        self.child.expect_exact(option)
        self.child.send("\r")

    def pick(self, question: str, option: str, downs: int) -> None:
        """At a menu: once `option` is drawn, move down `downs` options and Enter."""
        self.child.expect_exact(question)
        self.child.expect_exact(option)
        self.child.send(DOWN * downs + "\r")

    def tick(self, question: str) -> None:
        """Tick the first option of a multiple choice and confirm it."""
        self.child.expect_exact(question)
        self.child.expect_exact("○")  # the options are drawn
        self.child.send(" ")
        self.child.expect_exact("●")
        self.child.send("\r")

    def finish(self) -> int:
        self.child.expect(pexpect.EOF)
        self.child.close()
        status: int = self.child.exitstatus
        return status


def test_interrupt_resume_and_write_the_report(tmp_path: Path) -> None:
    home, out = tmp_path / "home", tmp_path / "out"

    first = Terminal(home, "new", "--out", str(out))
    first.answer("报告单位的全称是什么？", "牛屯镇人民政府")
    first.choose("本单位属于哪一类？", "乡镇人民政府或街道办事处")
    first.child.expect_exact("报告正文里本单位怎么自称？")
    first.answer("（直接回车 = 我镇）", "")  # Enter keeps the suggested name
    first.answer("这是哪一年的年度报告？", "2023")
    first.child.expect_exact(RESUMED[0][0])
    first.child.expect_exact(PROMPT)
    first.child.sendcontrol("c")
    first.child.expect(r" resume (\S+) 接着填")
    interview = first.child.match.group(1)
    assert first.finish() == 130

    second = Terminal(home, "resume", interview, "--out", str(out))
    second.child.expect_exact("欢迎回来！已保存 4 个回答")
    for question, reply in RESUMED:
        if reply == TICK:
            second.tick(question)
        elif reply.startswith(MENU):
            second.choose(question, reply.removeprefix(MENU))
        else:
            second.answer(question, reply)
    second.pick("这一页的回答都对吗？", "结束核对，到最后一步", 2)
    second.choose("全部问题都答完了。接下来？", "预览报告并生成文件")
    second.pick("报告内容确认无误吗？", "确认，生成文件", 1)
    second.choose("要生成哪些文件？", "Word 文档")  # Word and text are ticked: Enter
    second.child.expect_exact("报告已生成")
    assert second.finish() == 0

    assert (out / f"{TITLE}.docx").read_bytes().startswith(b"PK")  # the Word document too
    (report,) = out.glob("*.txt")
    assert report.name == f"{TITLE}.txt"
    text = report.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == TITLE
    assert "本报告中所列数据统计期限自2023年1月1日起至2023年12月31日止。" in text
    assert "2023年，我镇未收到政府信息公开申请。" in text
    assert (
        "2023年，我镇共主动公开政府信息166条，其中通过滑县人民政府门户网站“牛屯镇”专栏公开166条。"
        in text
    )
    assert "针对“信息更新不及时”的问题，建立了每周更新制度。" in text
    assert "2023年，我镇未收取信息处理费。" in text

    # Section 三: every data row of the matrix is seven zeros (six columns and the total).
    start = lines.index("三、收到和处理政府信息公开申请情况")
    end = lines.index("四、政府信息公开行政复议、行政诉讼情况")
    rows = [
        [cell for cell in line.split("\t") if re.fullmatch(r"\d+", cell)]
        for line in lines[start:end]
    ]
    rows = [cells for cells in rows if cells]
    assert len(rows) == 25
    assert all(cells == ["0"] * 7 for cells in rows)


ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\x1b[=>]")
ROOT = Path(__file__).resolve().parent.parent
PAGE_MENU, PREVIEW_MENU = "这一页的回答都对吗？", "报告内容确认无误吗？"
FINDINGS_MENU = "检查结果看完了吗？"  # the check results' page: nothing to answer there


def screen_lines(text: str) -> list[str]:
    """What a stretch of terminal output shows, line by line, without escape codes."""
    return [line for line in ANSI.sub("", text).replace("\r", "").split("\n")]


def page_on_screen(term: Terminal, *menus: str) -> list[str]:
    """The lines of the page shown before one of `menus` is asked: heading and body."""
    term.child.expect_exact(list(menus))
    lines = screen_lines(term.child.before)
    start = max(i for i, line in enumerate(lines) if "━━" in line)
    return lines[start : len(lines) - 1]  # up to the line that begins “助手：”


def assert_fits_80_by_24(page: list[str], options: int) -> None:
    """The page, with the blank line above its heading and the menu under it (the
    question, the hint line, the prompt and the options), fills at most 24 rows."""
    assert max(width(line) for line in page) <= 80, page
    assert 1 + len(page) + 3 + options <= 24, page


def test_review_and_preview_pages_fit_an_80_by_24_terminal(tmp_path: Path) -> None:
    home, out = tmp_path / "home", tmp_path / "out"
    answers = ROOT / "tests" / "data" / "niutun-2023-answers.yaml"
    term = Terminal(home, "new", "--answers", str(answers), "--out", str(out), size=(24, 80))
    # the paragraphs the answers file leaves to the program, and its optional other notes:
    # Enter once each prompt is drawn (its “您 › ” shows again when it is done)
    while term.child.expect_exact(["━━ 核对 1/7", "回车采用", "（没有就直接回车）"]):
        term.child.expect_exact(PROMPT)
        term.child.send("\r")
    pages = 0
    while True:
        page = page_on_screen(term, PAGE_MENU, FINDINGS_MENU)
        assert_fits_80_by_24(page, options=4)
        pages += 1
        if term.child.expect_exact(["核对完毕", "下一"]) == 0:
            break
        term.child.send("\r")
    assert pages >= 7 and page[0].startswith("━━ 检查结果")
    term.child.send("\r")
    term.choose("全部问题都答完了。接下来？", "预览报告并生成文件")
    while True:
        page = page_on_screen(term, PREVIEW_MENU)
        assert_fits_80_by_24(page, options=4)
        assert not any("\t" in line for line in page)
        if term.child.expect_exact(["下一页（第", "上一页"]) == 1:
            break  # the last page: “确认，生成文件” is highlighted
        term.child.send("\r")
    term.child.send("\r")
    term.choose("要生成哪些文件？", "Word 文档")
    term.child.expect_exact("报告已生成")
    assert term.finish() == 0


def test_the_start_menu_starts_from_last_years_report(tmp_path: Path) -> None:
    term = Terminal(tmp_path / "home")
    term.pick("您好！要做什么？", "从去年的报告开始", 1)
    term.answer("去年的年度报告在哪里？", "/没有/这个.txt")
    term.child.expect_exact("/没有/这个.txt：找不到文件")
    term.answer(
        "请重新输入，或直接回车返回菜单。", str(ROOT / "tests" / "data" / "niutun-2023.json")
    )
    term.child.expect_exact("已读入 2023 年的报告：牛屯镇；")
    term.child.expect_exact("您好！已从 2023 年的报告带入本单位的信息")
    term.child.expect_exact(PROMPT)
    term.child.sendcontrol("c")
    assert term.finish() == 130

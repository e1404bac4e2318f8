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
RESUMED: list[tuple[str, str]] = [
    ("对报告有疑问时，由哪个部门负责解答？", "牛屯镇党政办公室"),
    ("这个部门的地址是？", "滑县牛屯镇人民路1号"),
    ("联系电话是？", "0372-5123456"),
    ("通过哪些渠道主动公开？", TICK),
    ("是在哪个网站、哪个栏目公开的？", "滑县人民政府门户网站“牛屯镇”专栏"),
    ("今年各渠道分别发布了多少？", "166"),
    ("今年主动公开政府信息一共多少条？", ""),  # the channels' sum, as offered
    ("今年重点公开了哪些领域的信息？", TICK),
    ("这些领域各公开了多少条？", "12"),
    ("（三）政府信息管理：今年在信息管理上做了哪些工作？", TICK),
    ("（四）平台建设：今年在公开平台上做了哪些工作？", TICK),
    ("今年本单位组织了几次政务公开业务培训", "4 0 0"),
    ("政务公开工作是否纳入了本单位年度考核？", "是"),
    ("上级对本单位政务公开工作的考核结果如何？", "考核结果尚未公布"),
    ("今年有没有就政务公开工作开展社会评议", "否"),
    ("今年制发、废止了几件行政规范性文件？", "0 0"),
    ("到年底，现行有效的行政规范性文件共有几件？", "0"),
    ("今年作出了多少件行政许可决定、行政处罚决定", "0 0 0"),
    ("今年行政事业性收费金额是多少万元？", "0"),
    ("今年一共新收到多少件政府信息公开申请？", "0"),
    ("去年年底还没办完、转到今年继续办理的申请有几件？", "0"),
    ("今年有没有因政府信息公开被申请行政复议或被提起行政诉讼？", "否"),
    ("去年的年度报告第五部分提出了哪些问题？", "信息更新不及时"),
    ("第 2 条（直接回车结束）", ""),
    ("针对“信息更新不及时”", "建立了每周更新制度"),
    ("今年的工作还存在哪些问题？", TICK),
    ("直接回车采用以上 1 条", ""),  # the measure the bank offers for it, taken
    ("明年有哪些工作打算？", TICK),
    ("是否收取了信息处理费？", "否"),
    ("是否承办了人大代表建议或政协提案？", "否"),
    ("落实了上级年度政务公开工作要点中的哪些工作？", TICK),
    ("还有其他需要报告的事项吗？", ""),
]


class Terminal:
    """The program in a pseudo-terminal, answered like a person: wait for the question
    and for its prompt to be drawn, then type; never type ahead."""

    def __init__(
        self, home: Path, *args: str, size: tuple[int, int] = (40, 120), installed: bool = False
    ) -> None:
        """`installed`: the console script as pip installed it, not `python -m`."""
        rows, columns = size
        env = {
            **os.environ,
            "REPORT_INTERVIEW_HOME": str(home),
            "PROMPT_TOOLKIT_NO_CPR": "1",
            "TERM": "xterm",
            "COLUMNS": str(columns),
            "LINES": str(rows),
        }
        script = Path(sys.executable).with_name("report-interview")
        program, argv = (
            (str(script), []) if installed else (sys.executable, ["-m", "report_interview"])
        )
        self.child = pexpect.spawn(
            program,
            [*argv, *args],
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
    first.child.expect_exact("“本单位属于哪一类？”答为：乡镇人民政府或街道办事处")  # settled
    first.child.expect_exact("“报告正文里本单位怎么自称？”答为：我镇")
    first.answer("这是哪一年的年度报告？", "2023")
    first.child.expect_exact(RESUMED[0][0])
    first.child.expect_exact(PROMPT)
    first.child.sendcontrol("c")
    first.child.expect(r" resume (\S+) 接着填")
    interview = first.child.match.group(1)
    assert first.finish() == 130

    second = Terminal(home, "resume", interview, "--out", str(out))
    second.child.expect_exact("欢迎回来！已保存 2 个回答")
    for question, reply in RESUMED:
        if reply == TICK:
            second.tick(question)
        else:
            second.answer(question, reply)
    # the report review at 120×40: the opening edited in place, then page by page
    page, _ = page_on_screen(second)
    assert page[0] == "━━ 核对报告（第 1/3 页） ━━" and page[1].startswith("检查通过")
    assert_fits(page, 120, 40)
    second.child.expect_exact(PROMPT)
    second.child.send("1\r")
    second.child.expect_exact("这是按您的回答写好的报告开头。")
    second.child.expect_exact("电话：0372-5123456）。")  # the end of the text
    second.child.send("本报告由牛屯镇党政办公室编制。\r")  # typed at the end of the text
    second.child.expect_exact("【1】开头已保存。")
    replies = 0
    while True:
        page, last = page_on_screen(second)
        assert_fits(page, 120, 40)
        second.child.expect_exact(PROMPT)
        replies += 1
        if last:
            break
        second.child.send("\r")
    assert replies == 3  # one Enter a page, and w on the last
    second.child.send("w\r")
    second.child.expect_exact("报告已生成")
    assert second.finish() == 0

    assert (out / f"{TITLE}.docx").read_bytes().startswith(b"PK")  # the Word document too
    (report,) = out.glob("*.txt")
    assert report.name == f"{TITLE}.txt"
    text = report.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == TITLE
    assert "本报告中所列数据统计期限自2023年1月1日起至2023年12月31日止。" in text
    assert "电话：0372-5123456）。本报告由牛屯镇党政办公室编制。" in text  # the edit
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
# What the one line under a report page says: more pages to come, or the last one.
NEXT_PAGE, LAST_PAGE = "回车看下一页，输入编号修改", "输入 w 生成文件，输入编号修改"


def screen_lines(text: str) -> list[str]:
    """What a stretch of terminal output shows, line by line, without escape codes."""
    return [line for line in ANSI.sub("", text).replace("\r", "").split("\n")]


def page_on_screen(term: Terminal) -> tuple[list[str], bool]:
    """The lines of the report page shown before the line under it (heading and body),
    and whether it is the last page."""
    last = term.child.expect_exact([NEXT_PAGE, LAST_PAGE]) == 1
    lines = screen_lines(term.child.before)
    start = max(i for i, line in enumerate(lines) if "━━" in line)
    return lines[start : len(lines) - 1], last  # up to the line that begins “助手：”


def assert_fits(page: list[str], columns: int, rows: int) -> None:
    """The page, with the blank line above its heading and the one line under it (what
    to type, the prompt and the hint line), fills at most the terminal's rows."""
    assert max(width(line) for line in page) <= columns, page
    assert 1 + len(page) + 3 <= rows, page


def test_report_review_pages_fit_an_80_by_24_terminal(tmp_path: Path) -> None:
    home, out = tmp_path / "home", tmp_path / "out"
    answers = ROOT / "tests" / "data" / "niutun-2023-answers.yaml"
    term = Terminal(home, "new", "--answers", str(answers), "--out", str(out), size=(24, 80))
    # the paragraphs the answers file leaves to the program, and its optional other notes:
    # Enter once each prompt is drawn (its “您 › ” shows again when it is done)
    while term.child.expect_exact(["━━ 核对报告（第 1/", "回车采用", "（没有就直接回车）"]):
        term.child.expect_exact(PROMPT)
        term.child.send("\r")
    pages = 0
    while True:
        page, last = page_on_screen(term)
        assert_fits(page, 80, 24)
        assert not any("\t" in line for line in page)
        pages += 1
        term.child.expect_exact(PROMPT)
        if last:
            break
        term.child.send("\r")
    assert 5 <= pages <= 7 and "六、其他需要报告的事项" in page  # the end of the report
    term.child.send("x\r")  # nonsense is said in Chinese, the page stays
    term.child.expect_exact("没看懂这个输入。回车看下一页")
    term.child.expect_exact(PROMPT)
    term.child.send("w\r")
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

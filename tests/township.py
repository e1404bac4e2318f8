"""The fact sheet of a township without applications (issue 17: the interview in at most
40 questions and 50 interactions), and its replies: what the clerk answers at each
prompt, by the words the prompt starts with, in the order they come. Used by the
scripted conversation (test_banner.py) and by the pexpect count (test_e2e_count.py);
the sheet is printed in the README with the counts."""

from __future__ import annotations

from dataclasses import dataclass

from report_interview.flow.loader import load_flow

FLOW = load_flow()

SHEET = """\
白道口镇 2025 年政务公开情况（党政办整理）
单位：白道口镇人民政府；报告年度 2025 年
联系：白道口镇党政办公室，滑县白道口镇政府街1号，电话 0372-5678901
渠道：滑县人民政府门户网站“白道口镇”信息公开专栏 86 条；微信公众号“魅力白道口” 140 条；
      政务公开栏、村务公开栏全年更新 24 期，全镇 12 个村都有村务公开栏；去重后共 180 条
重点领域：财政预决算 10 条，乡村振兴 25 条，土地征收信息 96 条
信息管理：发布前保密审查；公文公开属性认定
平台：维护网站专栏；管好公众号；按期更新公开栏
监督：镇里组织政务公开培训 4 次，没有参加县里的培训；没有责任追究；
      政务公开纳入年度考核；县里考核结果：良好等次；没有搞社会评议
二：规范性文件制发 0、废止 0、现行有效 0；许可、处罚、强制都是 0；行政事业性收费 0
三、四：没有收到申请，去年也没有结转；没有复议、诉讼
去年报告的问题：部分栏目信息更新不够及时 —— 已建立栏目更新责任清单，每周检查
今年的问题：部分栏目信息更新不够及时（用清单里的措施）；
      征地信息公开的及时性还不够，群众反映查找不便 —— 征地信息在批复后5个工作日内公开
明年打算：标准化规范化建设；加强业务培训
六：没有收信息处理费；没有承办建议提案；落实上级要点：标准化规范化、重点领域信息公开；
      没有其他事项
"""


OTHER = "__other__"  # 其他（自己填写）: the last option of a multiple choice with own entries


@dataclass(frozen=True)
class Tick:
    """A multiple choice: the options ticked (values of the question's choices, OTHER
    for 其他（自己填写））."""

    question: str
    values: tuple[str, ...]

    def positions(self) -> list[int]:
        """Where the ticked options stand in the menu, top first."""
        question = FLOW.question(self.question)
        options = [c.value for c in question.choices] + ([OTHER] if question.other else [])
        return sorted(options.index(v) for v in self.values)


Reply = str | Tick

# (the words the prompt starts with, the reply): "" is Enter on what is offered.
QUESTIONS: list[tuple[str, Reply]] = [
    ("报告单位的全称是什么？", "白道口镇人民政府"),
    ("这是哪一年的年度报告？", "2025"),
    ("对报告有疑问时，由哪个部门负责解答？", ""),  # 白道口镇党政办公室, offered
    ("这个部门的地址是？", "滑县白道口镇政府街1号"),
    ("联系电话是？", "0372-5678901"),
    ("通过哪些渠道主动公开？", Tick("proactive_channels", ("website", "newmedia", "board"))),
    ("是在哪个网站、哪个栏目公开的？", "滑县人民政府门户网站“白道口镇”信息公开专栏"),
    ("政务新媒体账号叫什么名字？", "微信公众号“魅力白道口”"),
    ("今年各渠道分别发布了多少？", "86 140 24 12"),
    ("今年主动公开政府信息一共多少条？", "180"),
    ("今年重点公开了哪些领域的信息？", Tick("key_areas", ("budget", "rural", OTHER))),
    ("请写出“其他”的内容", "土地征收信息"),
    ("这些领域各公开了多少条？", "10 25 96"),
    ("（三）政府信息管理：", Tick("management_practices", ("secrecy", "attribute"))),
    ("（四）平台建设：", Tick("platform_work", ("website_column", "newmedia_manage", "boards"))),
    ("（五）监督保障：", "4 0 0"),
    ("政务公开工作是否纳入了本单位年度考核？", "是"),
    ("上级对本单位政务公开工作的考核结果如何？", "在县政府年度政务公开考核中获评良好等次"),
    ("今年有没有就政务公开工作开展社会评议", "否"),
    ("今年制发、废止了几件行政规范性文件？", "0 0"),
    ("到年底，现行有效的行政规范性文件共有几件？", "0"),
    ("今年作出了多少件行政许可决定", "0 0 0"),
    ("今年行政事业性收费金额是多少万元？", "0"),
    ("今年一共新收到多少件政府信息公开申请？", "0"),
    ("去年年底还没办完、转到今年继续办理的申请有几件？", "0"),
    ("今年有没有因政府信息公开被申请行政复议", "否"),
    ("第 1 条", "部分栏目信息更新不够及时"),  # last year's problems
    ("第 2 条", ""),
    ("1/1 针对“部分栏目信息更新不够及时”", "已建立栏目更新责任清单，每周检查"),
    ("今年的工作还存在哪些问题？", Tick("problems_chosen", ("slow_updates", OTHER))),
    ("第 1 条", "征地信息公开的及时性还不够，群众反映查找不便"),  # own problems, one a line
    ("第 2 条", ""),
    ("2/2 针对“征地信息公开的及时性还不够，群众反映查找不便”", "征地信息在批复后5个工作日内公开"),
    ("直接回车采用以上 2 条", ""),  # the measures, the bank's one as offered
    ("明年有哪些工作打算？", Tick("next_plans", ("standards", "training"))),
    ("今年答复政府信息公开申请时，是否收取了信息处理费？", "否"),
    ("今年本单位是否承办了人大代表建议或政协提案？", "否"),
    (
        "今年落实了上级年度政务公开工作要点中的哪些工作？",
        Tick("work_points", ("standards", "key_areas")),
    ),
    ("第 1 条", ""),  # other matters: none
]

# What the report must say of the sheet (every fact reaches it, each word as given).
FACTS = (
    "本报告电子版可在滑县人民政府门户网站“白道口镇”信息公开专栏查阅或下载。",
    "请与白道口镇党政办公室联系（地址：滑县白道口镇政府街1号；电话：0372-5678901）",
    "2025年，我镇共主动公开政府信息180条，其中通过滑县人民政府门户网站“白道口镇”信息公开专栏"
    "公开86条，通过微信公众号“魅力白道口”发布140条，更新政务公开栏、12个村（居）务公开栏24期。",
    "重点公开了财政预决算信息10条、乡村振兴信息25条和土地征收信息96条。",
    "全年组织政务公开业务培训4次",
    "2025年，我镇未收到政府信息公开申请。",
    "针对“部分栏目信息更新不够及时”的问题，已建立栏目更新责任清单，每周检查。",
    "二是征地信息公开的及时性还不够，群众反映查找不便。",
    "二是征地信息在批复后5个工作日内公开。",
    "2025年，我镇未收取信息处理费。",
)

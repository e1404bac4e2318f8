"""Report bodies shared by the round-trip tests of every reader: the reference
township report, and a county bureau with applications in every outcome row, 复议 and
诉讼 cases, 规范性文件 counts, a decimal fee and prose in every part."""

from __future__ import annotations

from report_interview.report.data import APPLICATION_KEYS, ReportData, report_from_dict

from .conftest import reference_dict

_NOT_OUTCOMES = ("new", "carried_over", "concluded", "carried_forward")


def reference() -> ReportData:
    """The reference report's data (tests/data/niutun-2023.json)."""
    return report_from_dict(reference_dict())


def with_cases() -> ReportData:
    """A body with applications in every outcome row (one count over a thousand),
    复议 and 诉讼 cases, 规范性文件 counts and a decimal fee; every total adds up and the
    text states the tables' counts, so a check of it finds no error."""
    data = reference_dict()
    data["org"] = {"name": "滑县自然资源局", "self": "我局", "kind": "county_department"}
    outcomes = [key for key in APPLICATION_KEYS if key not in _NOT_OUTCOMES]
    rows = {key: [(i + j) % 3 for j in range(6)] for i, key in enumerate(outcomes)}
    rows["granted"][0] = 1180
    rows["concluded"] = [sum(rows[key][j] for key in outcomes) for j in range(6)]
    rows["carried_over"] = [j % 2 for j in range(6)]
    rows["carried_forward"] = [1 if j < 3 else 0 for j in range(6)]
    rows["new"] = [rows["concluded"][j] + rows["carried_forward"][j] - rows["carried_over"][j]
                   for j in range(6)]  # fmt: skip
    data["applications"] = {key: [*cells, sum(cells)] for key, cells in rows.items()}
    new_total = sum(rows["new"])
    data["appeals"] = {
        "reconsideration": [2, 1, 0, 1, 4],
        "litigation_direct": [1, 0, 1, 0, 2],
        "litigation_after_reconsideration": [0, 1, 0, 1, 2],
    }
    data["proactive"] = {
        "regulations": {"issued": 0, "repealed": 0, "in_force": 0},
        "normative_documents": {"issued": 12, "repealed": 3, "in_force": 245},
        "licensing": 15230,
        "penalty": 8,
        "enforcement": 1,
        "fees_10k_yuan": "9116.36",
    }
    data["preamble"] = (
        "根据《中华人民共和国政府信息公开条例》编制本报告。\n"
        "本报告中所列数据统计期限自2023年1月1日起至2023年12月31日止。"
    )
    data["overview"]["proactive"] = "2023年主动公开各类信息166条，通过微信公众号公开202条。"
    data["overview"]["on_request"] = (
        f"2023年，我局共收到政府信息公开申请{new_total}件，主要集中在土地征收、不动产登记等方面，"
        "均已在法定期限内答复。\n对申请人反映的问题逐件登记。"
    )
    data["problems"] = (
        "针对去年报告提出的栏目更新不及时问题，我局已建立周更新制度，整改情况良好。\n"
        "一是部分栏目更新不够及时；二是政策解读形式较为单一。"
    )
    data["other_matters"] = "本年度收取信息处理费0元。"
    return report_from_dict(data)


def text_blocks(text: str) -> list[str | list[list[str]]]:
    """A text in the published layout as blocks: a paragraph (str) or a table (rows of
    cells, consecutive tab lines) — the material of hand-made Word and web fixtures."""
    blocks: list[str | list[list[str]]] = []
    for line in text.splitlines():
        if "\t" in line:
            last = blocks[-1] if blocks else None
            if isinstance(last, list):
                last.append(line.split("\t"))
            else:
                blocks.append([line.split("\t")])
        elif line.strip():
            blocks.append(line.strip())
    return blocks


def merged_down(rows: list[list[str]], columns: int) -> dict[tuple[int, int], int]:
    """Vertical merges a Word or web table would have in its first `columns` columns: a
    label with blank cells below it (in rows that carry values) spans those rows.
    Maps (row, column) of each label to its row span."""
    spans: dict[tuple[int, int], int] = {}
    for c in range(columns):
        for r, row in enumerate(rows):
            if not row[c] or not any(cell.isdigit() for cell in row):
                continue
            end = r + 1
            while (
                end < len(rows)
                and not rows[end][c]
                and all(not rows[end][k] for k in range(c))
                and any(cell.isdigit() for cell in rows[end])
            ):
                end += 1
            if end - r > 1:
                spans[(r, c)] = end - r
    return spans

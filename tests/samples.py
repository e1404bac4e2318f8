"""Report bodies shared by the round-trip tests of every reader: the reference
township report, and a county bureau with applications in every outcome row, 复议 and
诉讼 cases, 规范性文件 counts, a decimal fee and prose in every part."""

from __future__ import annotations

from report_interview.report.data import APPLICATION_KEYS, ReportData, report_from_dict

from .conftest import reference_dict


def reference() -> ReportData:
    """The reference report's data (tests/data/niutun-2023.json)."""
    return report_from_dict(reference_dict())


def with_cases() -> ReportData:
    """A body with applications, cases, documents and fees: every row total and 四 total
    right, the matrix's columns not balanced (R1, R2 find them), as in real reports."""
    data = reference_dict()
    data["org"] = {"name": "滑县自然资源局", "self": "我局", "kind": "county_department"}
    rows = {}
    for i, key in enumerate(APPLICATION_KEYS):
        cells = [(i + j) % 5 + (j == 0) for j in range(6)]
        rows[key] = [*cells, sum(cells)]
    rows["new"] = [1200, 3, 0, 1, 2, 0, 1206]
    data["applications"] = rows
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
    data["overview"]["on_request"] = (
        "2023年，我局共收到政府信息公开申请1206件，主要集中在土地征收、不动产登记等方面，"
        "均已在法定期限内答复。\n对申请人反映的问题逐件登记。"
    )
    data["problems"] = "一是部分栏目更新不够及时；二是政策解读形式较为单一。"
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

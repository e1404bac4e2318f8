"""How a body names itself in its report (我镇, 我局 …). Stdlib only and tiny: the
interview's expressions use it before anything else of the report is loaded."""

from __future__ import annotations


def self_name(org_name: object) -> str:
    """The short self-reference a body uses in its report: 我镇, 我乡, 我街道, 我局 …"""
    name = str(org_name or "").strip()
    name = name.removesuffix("人民政府")
    for suffix, short in (
        ("街道办事处", "我街道"),
        ("街道", "我街道"),
        ("委员会", "我委"),
        ("办公室", "我办"),
    ):
        if name.endswith(suffix):
            return short
    last = name[-1:] if name else ""
    return f"我{last}" if last in "镇乡县区市州旗局委办厅署院所站中心" and last else "我单位"

"""The rule catalogue as text: the terminal listing and docs/rules.md."""

from __future__ import annotations

from .checks import CATEGORIES, REGISTRY
from .checks.base import DOC_SECTIONS


def rules_text() -> str:
    lines = []
    for code, r in sorted(REGISTRY.items()):
        lines.append(f"{code}  {r.severity.label}  {CATEGORIES[r.category]}  {r.name}  {r.title}")
    return "\n".join(lines) + "\n"


def rules_markdown() -> str:
    """docs/rules.md, generated from the registry (`budget-audit rules --markdown`)."""
    out = [
        "# 检查规则目录",
        "",
        "本文件由 `budget-audit rules --markdown` 从规则注册表生成，请勿手工编辑。",
        "",
        "| 代码 | 名称 | 类别 | 默认级别 | 说明 |",
        "|---|---|---|---|---|",
    ]
    for code, r in sorted(REGISTRY.items()):
        cell = r.title.replace("|", "\\|")  # a bar inside a cell would end it
        out.append(f"| [{code}](#{code.lower()}) | `{r.name}` | {CATEGORIES[r.category]} | {r.severity.label} | {cell} |")
    for code, r in sorted(REGISTRY.items()):
        out += ["", f"## {code}", "", f"**{r.title}**", ""]
        out.append(f"- 名称：`{r.name}`；类别：{CATEGORIES[r.category]}；默认级别：{r.severity.label}")
        if r.params:
            params = "，".join(f"`{k}` = {v}" for k, v in sorted(r.params.items()))
            out.append(f"- 规则参数（默认值）：{params}")
        sections = r.doc_sections()
        for name in DOC_SECTIONS:
            out += ["", f"### {name}", "", sections.get(name, "")]
    return "\n".join(out) + "\n"

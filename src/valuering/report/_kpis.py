"""Suggested indicators for a terminal, and as ``[[indicators]]`` tables to paste into a model."""

from __future__ import annotations

import json

from valuering.kpis import IndicatorSuggestions
from valuering.model import Direction

__all__ = ["suggestions_toml", "text_suggestions"]


def text_suggestions(suggestions: IndicatorSuggestions, *, top: int = 10) -> str:
    """The suggestions grouped by layer, each with its formula, source and frequency (``top`` per
    layer).

    >>> from valuering import templates
    >>> from valuering.kpis import suggest_indicators
    >>> print(text_suggestions(suggest_indicators(templates.load("hub-office")), top=1))
    13 indicators suggested.
    <BLANKLINE>
    service-delivery (4):
      area-governance-delivery: Stage gates held on schedule (%, target 90)
        formula: gate reviews held by their planned date / gate reviews due; from gate review log, monthly
      ... and 3 more (--top N)
    <BLANKLINE>
    value-delivery (5):
      increased-visibility-of-project-progress-delivered: Projects with a current dashboard entry (%, target 95)
        formula: projects updated on the dashboard this period / active projects; from portfolio dashboard, monthly
      ... and 4 more (--top N)
    <BLANKLINE>
    value-recognition (4):
      increased-productivity-on-projects-perceived: Customers who credit the PMO with increased productivity on projects (%, target 70)
        formula: respondents answering 4 or 5 of 5 / respondents; from customer perception survey, half-yearly
      ... and 3 more (--top N)
    """
    count = len(suggestions)
    lines = [f"{count} indicator{'' if count == 1 else 's'} suggested."]
    layers: dict[str, list[str]] = {}
    for s in suggestions:
        t = s.template
        lower = ", lower is better" if t.direction is Direction.LOWER_IS_BETTER else ""
        layers.setdefault(t.layer.value, []).append(
            f"  {s.indicator.id}: {t.name} ({t.unit}, target {t.target:g}{lower})\n"
            f"    formula: {t.formula}; from {t.source}, {t.frequency}"
        )
    for layer, entries in layers.items():
        lines += ["", f"{layer} ({len(entries)}):", *entries[:top]]
        if len(entries) > top:
            lines.append(f"  ... and {len(entries) - top} more (--top N)")
    return "\n".join(lines)


def suggestions_toml(suggestions: IndicatorSuggestions) -> str:
    """The suggested indicators as ``[[indicators]]`` tables (formula, source and frequency as
    comments), to paste into a model file and set an ``actual`` on.

    >>> from valuering import io, templates
    >>> from valuering.kpis import suggest_indicators
    >>> pmo = templates.load("hub-office")
    >>> text = io.dumps(pmo, "toml") + suggestions_toml(suggest_indicators(pmo))
    >>> len(io.loads(text, "toml").indicators)
    16
    """
    blocks = []
    for s in suggestions:
        i, t = s.indicator, s.template
        lines = [
            "",
            f"# {t.formula}; from {t.source}, {t.frequency}",
            "[[indicators]]",
            f"id = {json.dumps(i.id)}",
            f"name = {json.dumps(i.name, ensure_ascii=False)}",
            f"layer = {json.dumps(i.layer.value)}",
            f"subject = {json.dumps(i.subject)}",
            f"unit = {json.dumps(i.unit, ensure_ascii=False)}",
        ]
        if i.direction is Direction.LOWER_IS_BETTER:
            lines.append(f"direction = {json.dumps(i.direction.value)}")
        lines.append(f"target = {i.target:g}")
        blocks.append("\n".join(lines))
    return "\n".join(blocks) + "\n" if blocks else ""

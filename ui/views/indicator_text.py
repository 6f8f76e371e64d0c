"""An indicator hit in words for the officer's review: the rule, its version, why it held."""

from __future__ import annotations

from ui.i18n import _
from workstation.services.views import IndicatorView


def indicator_heading(indicator: IndicatorView) -> str:
    return _("Risk rule “{rule}” · version {version} · weight {weight}").format(
        rule=indicator.rule, version=indicator.version, weight=indicator.weight
    )


def indicator_explanation(indicator: IndicatorView) -> str:
    """The rule's explanation lines (✓ held, ✗ did not) and its rationale."""
    lines = [indicator.description] if indicator.description else []
    for line in indicator.lines:
        mark = "✓" if line.held else "✗"
        lines.append(f"{'    ' * line.depth}{mark} {line.text}  —  {line.actual}")
    if indicator.rationale:
        lines.append(_("Why this rule exists: {rationale}").format(rationale=indicator.rationale))
    lines.append(_("An indicator, not a decision: check the traveller before acting."))
    return "\n".join(lines)

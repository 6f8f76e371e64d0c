"""An indicator hit as officers see it: the rule version that raised it and why it held."""

from __future__ import annotations

from sqlalchemy.orm import Session

from workstation.db.models import Hit, RiskRule, RuleVersion
from workstation.services.rulestore import rule_of
from workstation.services.views import (
    DecisionView,
    EntryView,
    HitView,
    IndicatorLine,
    IndicatorView,
)

RULES_LIST = "Risk rules"  # what hit lists show in place of a watchlist's name


def indicator_hit_view(session: Session, hit: Hit, decisions: tuple[DecisionView, ...]) -> HitView:
    version = session.get_one(RuleVersion, hit.rule_version_id)
    name = session.get_one(RiskRule, version.rule_id).name
    rule = rule_of(version)
    indicator = IndicatorView(
        rule=name,
        version=version.version_no,
        weight=version.weight,
        description=rule.description if rule else "",
        rationale=version.rationale,
        lines=tuple(indicator_lines(hit.explanation)),
    )
    return HitView(
        id=hit.id,
        traveller_id=hit.traveller_id,
        status=hit.status,
        score=hit.score,
        matched_name=hit.matched_name,
        reasons=(),
        entry=EntryView(
            id=0,
            watchlist=RULES_LIST,
            source_id=f"{name} v{version.version_no}",
            primary_name=name,
            names=(name,),
            birth_dates=(),
            sex=None,
            nationalities=(),
            documents=(),
            category="risk_indicator",
            handling_notes=indicator.description,
            list_kind="rules",
        ),
        decisions=decisions,
        kind="indicator",
        indicator=indicator,
    )


def indicator_lines(explanation: list[dict[str, object]]) -> list[IndicatorLine]:
    return [
        IndicatorLine(str(e["text"]), bool(e["held"]), str(e["actual"]), int(str(e["depth"])))
        for e in explanation
    ]

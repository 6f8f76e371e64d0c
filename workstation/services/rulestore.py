"""Risk rules in the store: versions, switching on and off, the unit's named lists, statistics.

A rule is identified by its name. Saving an edit adds a version (never edits one), so a hit
keeps pointing at the definition that raised it. A rule is switched on only when it validates
against the named lists as they are now; a list an enabled rule refers to cannot be removed.

Reading rules and their statistics needs ``view_statistics``; every change needs
``manage_rules`` and an :class:`Approval` (password again, justification kept in the audit).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from matching.rules import Rule, RuleFormatError, RuleSet, rule_from_json, rule_to_json
from matching.rules import validate as validate_rule
from workstation.db.models import Hit, RiskRule, RuleList, RuleVersion
from workstation.db.store import Store
from workstation.db.types import utcnow
from workstation.errors import InvalidInputError, NotFoundError
from workstation.security.roles import require
from workstation.services.audit import record_event
from workstation.services.ruleviews import LIST_KINDS, RuleListView, RuleStatistics, RuleSummary
from workstation.services.users import Approval, require_approval
from workstation.services.views import Actor

log = logging.getLogger(__name__)

Lists = dict[str, tuple[str, ...]]


def list_rules(store: Store, actor: Actor) -> list[RuleSummary]:
    """Every rule's current version with its statistics, by name."""
    require(actor.role, "view_statistics")
    with store.transaction() as session:
        lists = named_lists(session)
        stats = _statistics(session)
        return [
            _summary(rule_id, row, rule, stats.get(rule_id, RuleStatistics()), lists)
            for rule_id, row, rule in current_rules(session)
        ]


def rule_statistics(store: Store, actor: Actor) -> dict[str, RuleStatistics]:
    """Hits, open, confirmed, dismissed, escalated and held back, per rule name."""
    require(actor.role, "view_statistics")
    with store.transaction() as session:
        names = dict(session.execute(select(RiskRule.id, RiskRule.name)).all())
        stats = _statistics(session)
        return {name: stats.get(rule_id, RuleStatistics()) for rule_id, name in names.items()}


def load_rule(store: Store, actor: Actor, name: str) -> Rule:
    """The current version of the rule called ``name``."""
    require(actor.role, "view_statistics")
    with store.transaction() as session:
        return _current(session, name)[2]


def save_rule(
    store: Store, actor: Actor, rule: Rule, *, approval: Approval | None = None
) -> RuleSummary:
    """Store ``rule``: a new rule (version 1) or a new version of the rule of that name.

    The rule must validate against the named lists; an enabled rule stays enabled only if the
    saved rule says so. Audited with the version number.
    """
    justification = require_approval(actor, "manage_rules", approval)
    with store.transaction() as session:
        lists = named_lists(session)
        problems = validate_rule(replace(rule, version=1), lists)
        if problems:
            raise InvalidInputError(
                f"The rule '{rule.name}' cannot be saved: " + "; ".join(problems)
            )
        stored = session.scalar(select(RiskRule).where(RiskRule.name == rule.name.strip()))
        if stored is None:
            stored = RiskRule(name=rule.name.strip(), current_version=0)
            session.add(stored)
            session.flush()
        number = stored.current_version + 1
        saved = replace(rule, name=stored.name, version=number)
        row = RuleVersion(
            rule_id=stored.id,
            version_no=number,
            definition=rule_to_json(saved),
            weight=saved.weight,
            owner=saved.owner,
            rationale=saved.rationale,
            effective_from=saved.effective_from,
            effective_until=saved.effective_until,
            enabled=saved.enabled,
            created_by=actor.user_id,
        )
        session.add(row)
        stored.current_version = number
        session.flush()
        record_event(
            session,
            actor,
            "save_rule",
            "rule",
            [stored.id],
            justification=justification,
            rule=stored.name,
            version=number,
        )
        return _summary(stored.id, row, saved, _statistics(session).get(stored.id), lists)


def set_rule_enabled(
    store: Store, actor: Actor, name: str, enabled: bool, *, approval: Approval | None = None
) -> RuleSummary:
    """Switch a rule on or off (its current version). Switching on validates it against the
    named lists as they are now; audited either way."""
    justification = require_approval(actor, "manage_rules", approval)
    with store.transaction() as session:
        rule_id, row, rule = _current(session, name)
        lists = named_lists(session)
        if enabled:
            problems = validate_rule(rule, lists)
            if problems:
                raise InvalidInputError(
                    f"The rule '{name}' cannot be enabled: " + "; ".join(problems) + "."
                )
        row.enabled = enabled
        record_event(
            session,
            actor,
            "enable_rule" if enabled else "disable_rule",
            "rule",
            [rule_id],
            justification=justification,
            rule=name,
            version=row.version_no,
        )
        rule = replace(rule, enabled=enabled)
        return _summary(rule_id, row, rule, _statistics(session).get(rule_id), lists)


def list_rule_lists(store: Store, actor: Actor) -> list[RuleListView]:
    """The unit's named lists, by name, with the rules that refer to each."""
    require(actor.role, "view_statistics")
    with store.transaction() as session:
        users: dict[str, list[str]] = {}
        for _rule_id, _row, rule in current_rules(session):
            for list_name in rule.list_names:
                users.setdefault(list_name, []).append(rule.name)
        rows = session.scalars(select(RuleList).order_by(RuleList.name))
        return [
            RuleListView(r.name, r.kind, tuple(r.items), tuple(sorted(users.get(r.name, ()))))
            for r in rows
        ]


def save_rule_list(
    store: Store,
    actor: Actor,
    name: str,
    kind: str,
    items: list[str],
    *,
    approval: Approval | None = None,
) -> RuleListView:
    """Create or replace the named list ``name``; codes are upper-cased, blanks and repeats
    dropped. Audited (the list's name and size, not its content)."""
    justification = require_approval(actor, "manage_rules", approval)
    name = name.strip()
    if not name:
        raise InvalidInputError("Give the list a name (for example: source countries).")
    if kind not in LIST_KINDS:
        raise InvalidInputError(f"A list holds {', '.join(LIST_KINDS)}, not {kind!r}.")
    cleaned = tuple(dict.fromkeys(i.strip().upper() for i in items if i.strip()))
    with store.transaction() as session:
        row = session.scalar(select(RuleList).where(RuleList.name == name))
        if row is None:
            row = RuleList(name=name, kind=kind)
            session.add(row)
        row.kind, row.items = kind, list(cleaned)
        row.updated_at, row.updated_by = utcnow(), actor.user_id
        session.flush()
        record_event(
            session,
            actor,
            "save_rule_list",
            "rule_list",
            [row.id],
            justification=justification,
            name=name,
            size=len(cleaned),
        )
        return RuleListView(name, kind, cleaned)


def delete_rule_list(
    store: Store, actor: Actor, name: str, *, approval: Approval | None = None
) -> None:
    """Remove a named list no enabled rule refers to."""
    justification = require_approval(actor, "manage_rules", approval)
    with store.transaction() as session:
        row = session.scalar(select(RuleList).where(RuleList.name == name))
        if row is None:
            raise NotFoundError(f"There is no list called '{name}'.")
        using = sorted(
            rule.name
            for _id, version, rule in current_rules(session)
            if version.enabled and name in rule.list_names
        )
        if using:
            raise InvalidInputError(
                f"The list '{name}' is used by enabled rules ({', '.join(using)}): "
                "disable them or change them first."
            )
        record_event(
            session,
            actor,
            "delete_rule_list",
            "rule_list",
            [row.id],
            justification=justification,
            name=name,
        )
        session.delete(row)


def named_lists(session: Session) -> Lists:
    return {r.name: tuple(r.items) for r in session.scalars(select(RuleList))}


def current_rules(session: Session) -> list[tuple[int, RuleVersion, Rule]]:
    """Every rule's current version: (rule id, version row, rule as defined), by name.

    ``enabled`` and ``version`` come from the row; a definition this version cannot read is
    logged and left out."""
    rows = session.execute(
        select(RiskRule.id, RuleVersion)
        .join(RuleVersion, RuleVersion.rule_id == RiskRule.id)
        .where(RuleVersion.version_no == RiskRule.current_version)
        .order_by(RiskRule.name)
    ).all()
    found = []
    for rule_id, row in rows:
        rule = rule_of(row)
        if rule is not None:
            found.append((rule_id, row, rule))
    return found


def rule_of(row: RuleVersion) -> Rule | None:
    try:
        rule = rule_from_json(row.definition)
    except RuleFormatError as exc:
        log.error("rule version %d cannot be read: %s", row.id, exc)
        return None
    return replace(rule, version=row.version_no, enabled=row.enabled)


def enabled_rules(session: Session) -> tuple[RuleSet, dict[str, RuleVersion]]:
    """The enabled rules compiled (those that no longer validate are logged and left out), and
    each one's version row by rule name."""
    lists = named_lists(session)
    chosen: list[Rule] = []
    versions: dict[str, RuleVersion] = {}
    for _rule_id, row, rule in current_rules(session):
        if not row.enabled:
            continue
        problems = validate_rule(rule, lists)
        if problems:
            log.error("enabled rule %d is not valid, not applied: %s", row.rule_id, problems)
            continue
        chosen.append(rule)
        versions[rule.name] = row
    return RuleSet(chosen, lists), versions


def _current(session: Session, name: str) -> tuple[int, RuleVersion, Rule]:
    for rule_id, row, rule in current_rules(session):
        if rule.name == name:
            return rule_id, row, rule
    raise NotFoundError(f"There is no rule called '{name}'.")


def _statistics(session: Session) -> dict[int, RuleStatistics]:
    def count(status: str) -> Any:
        return func.sum(case((Hit.status == status, 1), else_=0))

    rows = session.execute(
        select(
            RuleVersion.rule_id,
            func.sum(case((Hit.status != "held_back", 1), else_=0)),
            count("open"),
            count("confirmed"),
            count("dismissed"),
            count("escalated"),
            count("held_back"),
        )
        .join(Hit, Hit.rule_version_id == RuleVersion.id)
        .group_by(RuleVersion.rule_id)
    ).all()
    return {rule_id: RuleStatistics(*(int(n or 0) for n in numbers)) for rule_id, *numbers in rows}


def _summary(
    rule_id: int,
    row: RuleVersion,
    rule: Rule,
    stats: RuleStatistics | None,
    lists: Lists,
) -> RuleSummary:
    return RuleSummary(
        id=rule_id,
        name=rule.name,
        version=row.version_no,
        enabled=row.enabled,
        weight=rule.weight,
        owner=rule.owner,
        description=rule.description,
        rationale=rule.rationale,
        effective_from=rule.effective_from,
        effective_until=rule.effective_until,
        statistics=stats or RuleStatistics(),
        problems=tuple(validate_rule(rule, lists)),
    )

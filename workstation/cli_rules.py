"""Risk-rule commands of the command line: ``rules list|show|enable|disable|whatif``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matching.rules import Condition, Group
    from workstation.cli_signin import SignedIn
    from workstation.db.store import Store
    from workstation.services.views import Actor


def add_rules_commands(commands: Any) -> None:
    r = commands.add_parser(
        "rules",
        help="risk-indicator rules: list, show, enable, disable, what-if",
        description="Rules are written and reviewed by supervisors; every hit they raise goes "
        "to an officer's review. Enabling and disabling need --justification and your "
        "password again; both are audited.",
    )
    actions = r.add_subparsers(dest="rules_action", required=True, metavar="ACTION")
    actions.add_parser("list", help="every rule: version, enabled, weight, hits and decisions")
    for name, text in (
        ("show", "a rule's conditions in words"),
        ("enable", "switch a rule on (it must be valid)"),
        ("disable", "switch a rule off"),
    ):
        p = actions.add_parser(name, help=text)
        p.add_argument("name", metavar="NAME")
        if name != "show":
            p.add_argument(
                "--justification", metavar="TEXT", help="why (required, kept in the audit)"
            )
    w = actions.add_parser("whatif", help="what the rule would have hit in the last days")
    w.add_argument("name", metavar="NAME")
    w.add_argument("--days", type=_positive, default=30, metavar="N", help="the last N days (30)")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"not a number of days, 1 or more: {text!r}")
    return value


def run_rules(store: Store, signed: SignedIn, args: argparse.Namespace) -> None:
    from workstation.services import rulestore

    actor = signed.actor
    action = args.rules_action
    if action == "list":
        _list(store, actor)
    elif action == "show":
        _show(store, actor, args.name)
    elif action in ("enable", "disable"):
        approval = signed.approval(args.justification)
        summary = rulestore.set_rule_enabled(
            store, actor, args.name, action == "enable", approval=approval
        )
        state = "enabled" if summary.enabled else "disabled"
        print(f"{summary.name} v{summary.version}: {state}")
    elif action == "whatif":
        from workstation.services.whatif import what_if

        result = what_if(store, actor, args.name, args.days)
        print(
            f"{result.rule}: {result.hit_count} hit(s) among {result.travellers} passenger(s) "
            f"of the last {result.days} day(s) on {len(result.flights)} flight(s); "
            f"{result.later_confirmed} later flagged for control"
        )
        for flight, count in result.flights:
            held = "  (runaway guard: held back)" if flight in result.held_back else ""
            print(f"  {flight}\t{count}{held}")


def _list(store: Store, actor: Actor) -> None:
    from workstation.services.rulestore import list_rules

    print("name\tversion\tenabled\tweight\thits\tconfirmed\tdismissed")
    for r in list_rules(store, actor):
        s = r.statistics
        enabled = "yes" if r.enabled else "no"
        print(
            f"{r.name}\tv{r.version}\t{enabled}\t{r.weight}\t{s.hits}\t{s.confirmed}\t{s.dismissed}"
        )


def _show(store: Store, actor: Actor, name: str) -> None:
    from workstation.services.rulestore import load_rule

    rule = load_rule(store, actor, name)
    print(f"{rule.name} (version {rule.version}, {'enabled' if rule.enabled else 'disabled'})")
    print(f"weight: {rule.weight}; owner: {rule.owner or '-'}")
    if rule.effective_from or rule.effective_until:
        since = rule.effective_from.isoformat() if rule.effective_from else "…"
        until = rule.effective_until.isoformat() if rule.effective_until else "…"
        print(f"in force: {since} to {until}")
    if rule.description:
        print(rule.description)
    print(f"why: {rule.rationale}")
    for line in condition_lines(rule.root):
        print(line)


def condition_lines(group: Group, depth: int = 0) -> list[str]:
    """The rule's groups and conditions in words, indented by nesting."""
    from matching.rules import Group, describe

    lines = [f"{'  ' * depth}{group.mode} of:"]
    for item in group.items:
        if isinstance(item, Group):
            lines += condition_lines(item, depth + 1)
        else:
            lines.append(f"{'  ' * (depth + 1)}- {_described(item, describe)}")
    return lines


def _described(condition: Condition, describe: Any) -> str:
    try:
        return str(describe(condition))
    except (KeyError, ValueError, TypeError):
        return f"{condition.field} {condition.operator} {condition.value!r} (not valid)"

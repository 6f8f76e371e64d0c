"""``retention run [--now ISO]`` and ``retention status``: the retention engine from the shell.

``run`` carries out at once what the application's hourly run would (as the system account,
recorded as one erasure). ``--now`` may move the clock back, never forward: a clock in the
future would delete and mask data before their periods end.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from workstation.errors import InvalidInputError

if TYPE_CHECKING:
    from workstation.db.store import Store
    from workstation.services.views import Actor


def utcnow() -> datetime:
    return datetime.now(UTC)


def add_retention_commands(commands: Any) -> None:
    """Add ``retention run`` and ``retention status`` to the main parser's subcommands."""
    r = commands.add_parser(
        "retention",
        help="delete and mask data past their retention periods, or show what is due",
        description="API-only travellers are deleted 24 h after arrival; PNR data are masked "
        "after 6 months and deleted after 5 years; data tied to a case (hit, flag, "
        "interdiction) are kept. Periods are in the settings.",
    )
    actions = r.add_subparsers(dest="retention_action", required=True, metavar="ACTION")
    run = actions.add_parser("run", help="run retention now (recorded as an erasure)")
    run.add_argument(
        "--now",
        type=parse_now,
        metavar="ISO",
        help="the clock to run at (UTC unless a zone is given); not later than the present",
    )
    actions.add_parser("status", help="what is due and what the last run did")


def parse_now(text: str) -> datetime:
    """An ISO date-time for ``--now``: UTC when no zone is given, never in the future."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a date-time (e.g. 2026-12-06T08:00): {text!r}"
        ) from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    if value > utcnow():
        raise argparse.ArgumentTypeError(
            f"--now {text} is in the future: retention would delete and mask data before their "
            "periods end"
        )
    return value


def run_retention_command(store: Store, actor: Actor, args: argparse.Namespace) -> int:
    from workstation.services.retention import retention_status, run_retention

    if args.retention_action == "run":
        now = args.now
        if now is not None and now > utcnow():  # parse_now checked; re-checked for callers
            raise InvalidInputError("--now may not be in the future.")
        report = run_retention(store, now=now, trigger=f"command line ({actor.username})")
        print(report.describe())
    else:
        for line in retention_status(store, actor).lines():
            print(line)
    return 0

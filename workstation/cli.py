"""The headless command line: ``python -m workstation [--db URL] COMMAND ...``.

Every command prints one clear line on stderr and exits non-zero when something is wrong.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from workstation.cli_audit import add_audit_commands, kept_head, run_audit
from workstation.cli_backup import BACKUP_COMMANDS, add_backup_commands, run_backup
from workstation.cli_data import DATA_COMMANDS, add_data_commands, run_data
from workstation.cli_retention import add_retention_commands, run_retention_command
from workstation.cli_rules import add_rules_commands, run_rules
from workstation.cli_users import add_users_commands, init_first_administrator, run_users
from workstation.cli_watchlist import add_watchlist_commands, run_watchlist
from workstation.config import current_username
from workstation.errors import WorkstationError
from workstation.version import version

if TYPE_CHECKING:
    from workstation.cli_signin import SignedIn
    from workstation.db.store import Store

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m workstation",
        description="Passenger targeting workstation, headless: import, screen, export. "
        "Every command signs in: --user NAME (default: the OS user), the password from "
        "$WORKSTATION_PASSWORD, else asked on the terminal. Exports, rule and account changes "
        "take --reason or --justification, kept in the audit with your approval.",
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        help="SQLAlchemy URL of the store "
        "(default: $WORKSTATION_DB_URL, else the embedded SQLite file)",
    )
    parser.add_argument("--demo", action="store_true", help="use the separate demo store")
    parser.add_argument(
        "--user", metavar="NAME", help="sign in as this account (default: the OS user name)"
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = commands.add_parser(
        "import", help="import passenger data files (manifests, API and PNR messages)"
    )
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    add_data_commands(commands)

    add_watchlist_commands(commands)
    add_rules_commands(commands)
    add_users_commands(commands)
    add_audit_commands(commands)
    add_backup_commands(commands)
    add_retention_commands(commands)

    s = commands.add_parser(
        "screen",
        help="screen the stored flights, or a passenger file against list files",
        description="Without PASSENGERS: screen the stored travellers against the stored lists "
        "and the enabled risk rules. "
        "With PASSENGERS and --watchlist: screen those files without any store and write hits.",
    )
    s.add_argument("passengers", nargs="?", type=Path, metavar="PASSENGERS")
    s.add_argument("--watchlist", action="append", type=Path, default=[], metavar="FILE")
    s.add_argument(
        "--out",
        type=Path,
        metavar="FILE.csv",
        help="hits file: one row per hit with its kind (watchlist or indicator); for stored "
        "flights, the hits this run raised, written as an audited disclosure",
    )
    s.add_argument(
        "--reason",
        metavar="TEXT",
        help="why and for whom the hits file is written (stored flights; required with --out)",
    )
    s.add_argument("--timings", action="store_true", help="print load/index/screen seconds")

    e = commands.add_parser(
        "export",
        help="export for supervisors (audited as a disclosure)",
        description="Write the flagged travellers or the unit's statistics for a period. Every "
        "export is audited as a disclosure with its reason; the file states who exported it.",
    )
    e.add_argument("what", choices=["flagged", "statistics"], help="what to export")
    e.add_argument("--out", type=Path, required=True, metavar="FILE.csv|FILE.xlsx")
    e.add_argument("--from", dest="since", type=_day, metavar="YYYY-MM-DD", help="first day")
    e.add_argument("--to", dest="until", type=_day, metavar="YYYY-MM-DD", help="last day")
    e.add_argument(
        "--reason",
        default="",
        metavar="TEXT",
        help="why and for whom (required, kept in the audit)",
    )
    return parser


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except WorkstationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted; nothing was changed", file=sys.stderr)
        return 130


def _run(args: argparse.Namespace) -> int:
    if args.command == "screen" and args.passengers is not None:
        return _screen_files(args)
    from workstation.cli_signin import sign_in

    store = _open_store(args)
    try:
        if args.command == "users" and args.users_action == "init":
            return init_first_administrator(store, args)
        # the kept head is read before signing in adds events (and may rewrite the anchor)
        kept = kept_head(store, args) if args.command == "audit" else None
        signed = sign_in(store, args.user, demo=args.demo, current_user=current_username())
        actor = signed.actor
        if args.command in DATA_COMMANDS:
            return run_data(store, signed, args)
        elif args.command == "users":
            return run_users(store, signed, args)
        elif args.command == "audit":
            return run_audit(store, actor, args, kept)
        elif args.command in BACKUP_COMMANDS:
            return run_backup(store, actor, args)
        elif args.command == "retention":
            return run_retention_command(store, actor, args)
        elif args.command == "watchlist":
            run_watchlist(store, signed, args)
        elif args.command == "rules":
            run_rules(store, signed, args)
        elif args.command == "screen":
            from workstation.cli_signin import checked_justification
            from workstation.security.roles import require
            from workstation.services.screening import screen_stored

            if args.out is not None:  # refused before screening, not after
                checked_justification(args.reason, "--reason")
                require(actor.role, "export")
            r = screen_stored(store, actor)
            print(
                f"screened {r.travellers} traveller(s) against {r.entries} entries: "
                f"{r.hits} hit(s), {r.new_hits} new; {r.indicator_hits} new risk-indicator hit(s)"
            )
            for held in r.held_back:
                print(f"held back by the runaway guard: {held}", file=sys.stderr)
            if args.out is not None:
                from workstation.services.hitsfile import write_run_hits

                approval = signed.approval(args.reason, "--reason")
                written = write_run_hits(
                    store, actor, r.run_id, args.out, reason=args.reason, approval=approval
                )
                print(f"{written.path}: {written.rows} hit(s)")
        elif args.command == "export":
            _export(store, signed, args)
        return 0
    finally:
        store.close()


def _open_store(args: argparse.Namespace) -> Store:
    """The store the command works on, with its keys; ``--demo`` opens the demo store, never
    the real one (:func:`workstation.opening.open_store`)."""
    from workstation.cli_signin import ask_passphrase
    from workstation.opening import open_store

    return open_store(args.db, demo=args.demo, ask=ask_passphrase)


def _export(store: Store, signed: SignedIn, args: argparse.Namespace) -> None:
    from workstation.services.export import export_flagged, export_statistics
    from workstation.services.flagged import FlaggedFilter
    from workstation.services.report import Period

    actor = signed.actor
    approval = signed.approval(args.reason, "--reason")
    if args.what == "flagged":
        filters = FlaggedFilter(period=Period(args.since, args.until))
        summary = export_flagged(
            store, actor, args.out, reason=args.reason, filters=filters, approval=approval
        )
        print(f"{summary.path}: {summary.rows} flagged traveller(s)")
    else:
        summary = export_statistics(
            store,
            actor,
            args.out,
            reason=args.reason,
            since=args.since,
            until=args.until,
            approval=approval,
        )
        print(f"{summary.path}: statistics, {summary.rows} line(s)")


def _screen_files(args: argparse.Namespace) -> int:
    from workstation.standalone import screen_files

    if not args.watchlist or args.out is None:
        raise WorkstationError("screen PASSENGERS needs --watchlist FILE and --out FILE.csv")
    hits, timings, warnings = screen_files(args.passengers, args.watchlist, args.out)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"{args.out}: {hits} hit(s)")
    if args.timings:
        print(timings.line(), file=sys.stderr)
    return 0

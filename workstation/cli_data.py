"""Passenger-data commands of the command line: import, the inbox, the passenger list and the
data-quality table."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workstation.errors import InputFileError

if TYPE_CHECKING:
    from workstation.cli_signin import SignedIn
    from workstation.db.store import Store
    from workstation.services.views import Actor

DATA_COMMANDS = frozenset({"import", "watch", "passengers", "quality"})
RETENTION_INTERVAL = 3600.0  # seconds between retention runs while watching


def add_data_commands(commands: Any) -> None:
    """Add ``watch``, ``passengers`` and ``quality`` to the parser's sub-commands."""
    w = commands.add_parser(
        "watch",
        help="import passenger files as they land in a folder",
        description="Poll DIR: a file whose size held still between two polls is imported, its "
        "flights screened, and moved to DIR/archive/YYYY-MM-DD/ (or DIR/quarantine/ with a "
        "FILE.error.txt when refused). Ctrl+C stops.",
    )
    w.add_argument("folder", type=Path, nargs="?", metavar="DIR", help="default: the setting")
    w.add_argument("--interval", type=float, default=5.0, metavar="S", help="seconds per poll")
    w.add_argument("--once", action="store_true", help="take what is there, then exit")

    p = commands.add_parser("passengers", help="write the passenger list (audited disclosure)")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.csv|FILE.xlsx")
    p.add_argument("--flight", metavar="JU211", help="only this flight")
    p.add_argument("--date", type=_day, metavar="YYYY-MM-DD", help="departure day (local)")
    p.add_argument(
        "--reason",
        default="",
        metavar="TEXT",
        help="why and for whom (required, kept in the audit)",
    )

    q = commands.add_parser("quality", help="data quality per carrier")
    q.add_argument("--days", type=int, default=7, metavar="N", help="the last N days (7)")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def run_data(store: Store, signed: SignedIn, args: argparse.Namespace) -> int:
    actor = signed.actor
    if args.command == "import":
        return _import(store, actor, args.files)
    if args.command == "watch":
        return _watch(store, actor, args)
    if args.command == "passengers":
        from workstation.services.passengerlist import export_passengers

        approval = signed.approval(args.reason, "--reason")
        summary = export_passengers(
            store,
            actor,
            args.out,
            reason=args.reason,
            flight=args.flight,
            day=args.date,
            approval=approval,
        )
        print(f"{summary.path}: {summary.rows} traveller(s)")
        return 0
    from workstation.db.types import utcnow
    from workstation.services.quality import quality_report, quality_table

    until = utcnow()
    lines = quality_report(store, actor, since=until - timedelta(days=args.days), until=until)
    print(quality_table(lines) if lines else f"nothing received in the last {args.days} day(s)")
    return 0


def _import(store: Store, actor: Actor, files: list[Path]) -> int:
    from workstation.services.failures import record_import_failure
    from workstation.services.imports import import_passenger_files

    try:
        summaries = import_passenger_files(store, actor, files)
    except InputFileError as exc:
        record_import_failure(store, actor, exc.path, str(exc), channel="cli")
        raise
    for s in summaries:
        note = " (already imported: nothing done)" if s.duplicate else ""
        booked = f", {s.bookings} booking(s)" if s.bookings else ""
        print(f"{s.file_name}: {s.flights} flight(s), {s.travellers} traveller(s){booked}{note}")
    return 0


def _watch(store: Store, actor: Actor, args: argparse.Namespace) -> int:
    from workstation.config import Settings
    from workstation.errors import WorkstationError
    from workstation.services.inbox import InboxOutcome, watch_inbox
    from workstation.services.retention import run_retention

    folder = args.folder or (Path(s) if (s := Settings.load().inbox_dir) else None)
    if folder is None:
        raise WorkstationError("watch needs DIR, or an inbox folder in the settings")

    def show(outcome: InboxOutcome) -> None:
        print(f"{outcome.file_name}: {outcome.status}: {outcome.detail}", flush=True)

    next_retention = time.monotonic()

    def sleep_and_keep(seconds: float) -> None:
        """Sleep between polls; the retention engine runs at start and then every hour."""
        nonlocal next_retention
        if time.monotonic() >= next_retention:
            next_retention = time.monotonic() + RETENTION_INTERVAL
            try:
                print(run_retention(store).describe(), file=sys.stderr, flush=True)
            except WorkstationError as exc:  # logged; the watch goes on
                print(f"retention failed: {exc}", file=sys.stderr, flush=True)
        time.sleep(seconds)

    try:
        watch_inbox(
            store,
            actor,
            folder,
            interval=args.interval,
            once=args.once,
            on_outcome=show,
            sleep=sleep_and_keep,
        )
    except KeyboardInterrupt:  # a file being imported was rolled back and stays in DIR
        print("stopped watching", file=sys.stderr)
    return 0

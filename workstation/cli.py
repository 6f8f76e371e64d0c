"""The headless command line: ``python -m workstation [--db URL] COMMAND ...``.

Every command prints one clear line on stderr and exits non-zero when something is wrong.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from workstation.cli_watchlist import add_watchlist_commands, run_watchlist
from workstation.config import Paths, current_username, resolve_db_url
from workstation.errors import WorkstationError

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m workstation",
        description="Passenger targeting workstation, headless: import, screen, export.",
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        help="SQLAlchemy URL of the store "
        "(default: $WORKSTATION_DB_URL, else the embedded SQLite file)",
    )
    parser.add_argument("--demo", action="store_true", help="use the separate demo store")
    parser.add_argument("--user", metavar="NAME", help="act as this user (default: the OS user)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = commands.add_parser("import", help="import passenger data files (manifests)")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")

    add_watchlist_commands(commands)

    s = commands.add_parser(
        "screen",
        help="screen the stored flights, or a passenger file against list files",
        description="Without PASSENGERS: screen the stored travellers against the stored lists. "
        "With PASSENGERS and --watchlist: screen those files without any store and write hits.",
    )
    s.add_argument("passengers", nargs="?", type=Path, metavar="PASSENGERS")
    s.add_argument("--watchlist", action="append", type=Path, default=[], metavar="FILE")
    s.add_argument("--out", type=Path, metavar="FILE.csv", help="hits file (with PASSENGERS)")
    s.add_argument("--timings", action="store_true", help="print load/index/screen seconds")

    e = commands.add_parser("export", help="export for supervisors")
    e.add_argument("what", choices=["flagged"], help="what to export")
    e.add_argument("--out", type=Path, required=True, metavar="FILE.csv|FILE.xlsx")
    return parser


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
    from workstation.db.store import Store
    from workstation.services.users import sign_in

    store = Store(resolve_db_url(args.db, Paths.default(), demo=args.demo))
    try:
        actor = sign_in(store, args.user or current_username())
        if args.command == "import":
            from workstation.services.imports import import_passenger_files

            for s in import_passenger_files(store, actor, args.files):
                note = " (already imported: nothing done)" if s.duplicate else ""
                print(f"{s.file_name}: {s.flights} flight(s), {s.travellers} traveller(s){note}")
        elif args.command == "watchlist":
            run_watchlist(store, actor, args)
        elif args.command == "screen":
            from workstation.services.screening import screen_stored

            r = screen_stored(store, actor)
            print(
                f"screened {r.travellers} traveller(s) against {r.entries} entries: "
                f"{r.hits} hit(s), {r.new_hits} new"
            )
        elif args.command == "export":
            from workstation.services.export import export_flagged

            summary = export_flagged(store, actor, args.out)
            print(f"{summary.path}: {summary.rows} flagged traveller(s)")
        return 0
    finally:
        store.close()


def _screen_files(args: argparse.Namespace) -> int:
    from workstation.standalone import screen_files

    if not args.watchlist or args.out is None:
        raise WorkstationError("screen PASSENGERS needs --watchlist FILE and --out FILE.csv")
    hits, timings = screen_files(args.passengers, args.watchlist, args.out)
    print(f"{args.out}: {hits} hit(s)")
    if args.timings:
        print(timings.line(), file=sys.stderr)
    return 0

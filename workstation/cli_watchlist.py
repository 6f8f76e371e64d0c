"""``python -m workstation watchlist ...``: import, list, diff, on and off, export entries."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from workstation.cli_signin import SignedIn
    from workstation.db.store import Store
    from workstation.services.views import Actor, ListDiff, WatchlistSummary


def add_watchlist_commands(commands: Any) -> None:
    """Add ``watchlist`` and its actions to the top-level subparsers."""
    wl = commands.add_parser(
        "watchlist", help="watchlists: import, list, diff, enable, disable, set, entries"
    )
    actions = wl.add_subparsers(dest="watchlist_command", required=True, metavar="ACTION")
    wi = actions.add_parser(
        "import",
        help="import list files (together) as the list's next version",
        description="Import list files as the list's next version, then re-screen recent and "
        "future flights against the added and changed entries.",
    )
    wi.add_argument("files", nargs="+", type=Path, metavar="FILE")
    wi.add_argument("--name", required=True, help="the list's name, e.g. 'UN consolidated'")
    wi.add_argument(
        "--rescreen-hours",
        type=int,
        default=None,
        metavar="H",
        help="re-screen flights that departed up to H hours ago (default 72), and future ones",
    )
    actions.add_parser("list", help="the lists, their current versions and options")
    wd = actions.add_parser("diff", help="what changed between two versions of a list")
    wd.add_argument("name", metavar="NAME")
    wd.add_argument("--from", dest="old", type=int, metavar="N", help="older version number")
    wd.add_argument("--to", dest="new", type=int, metavar="M", help="newer version number")
    for action, text in (("enable", "screen against the list"), ("disable", "stop screening")):
        actions.add_parser(action, help=text).add_argument("name", metavar="NAME")
    ws = actions.add_parser("set", help="a list's alert threshold and priority")
    ws.add_argument("name", metavar="NAME")
    ws.add_argument("--threshold", type=float, metavar="SCORE", help="alert at this score (1-100)")
    ws.add_argument("--priority", type=int, metavar="N", help="the list's priority (0-99)")
    we = actions.add_parser("entries", help="export the entries of the lists in force to CSV")
    we.add_argument("--name", metavar="NAME", help="only this list (default: every enabled list)")
    we.add_argument("--out", type=Path, required=True, metavar="FILE.csv")
    we.add_argument(
        "--reason", metavar="TEXT", help="why and for whom (required, kept in the audit)"
    )


def run_watchlist(store: Store, signed: SignedIn, args: argparse.Namespace) -> None:
    from workstation.services import watchlists

    actor = signed.actor
    command = args.watchlist_command
    if command == "import":
        _import(store, actor, args)
    elif command == "list":
        for w in watchlists.list_watchlists(store, actor):
            print(_list_line(w))
    elif command == "diff":
        from workstation.services.listdiff import diff_versions

        _print_diff(diff_versions(store, actor, args.name, old=args.old, new=args.new))
    elif command in ("enable", "disable", "set"):
        enabled = {"enable": True, "disable": False}.get(command)
        threshold, priority = getattr(args, "threshold", None), getattr(args, "priority", None)
        summary = watchlists.set_watchlist_options(
            store, actor, args.name, enabled=enabled, threshold=threshold, priority=priority
        )
        print(_list_line(summary))
    elif command == "entries":
        from workstation.services.listexport import export_entries

        approval = signed.approval(args.reason, "--reason")
        exported = export_entries(store, actor, args.out, name=args.name, approval=approval)
        print(f"{exported.path}: {exported.rows} entries")


def _import(store: Store, actor: Actor, args: argparse.Namespace) -> None:
    from workstation.services.rescreen import RESCREEN_HOURS
    from workstation.services.watchlists import import_watchlist

    hours = RESCREEN_HOURS if args.rescreen_hours is None else args.rescreen_hours
    s = import_watchlist(store, actor, args.files, args.name, rescreen_hours=hours)
    note = " (same as the current version: nothing done)" if s.duplicate else ""
    print(
        f"{s.watchlist.name}: version {s.watchlist.version_no}, "
        f"{s.watchlist.entry_count} entries, {s.watchlist.skipped_count} skipped{note}"
    )
    if not s.duplicate:
        window = f"flights of the last {hours} hours and future ones"
        print(f"re-screened {window}: {s.new_hits} new hit(s)")


def _list_line(w: WatchlistSummary) -> str:
    threshold = f"{w.threshold:g}" if w.threshold is not None else "default"
    imported = f", since {w.imported_at:%Y-%m-%d %H:%M} UTC" if w.imported_at else ""
    kind = " (national, kept by hand)" if w.kind == "national" else ""
    return (
        f"{w.name}{kind}: version {w.version_no}, {w.entry_count} entries{imported}, "
        f"threshold {threshold}, priority {w.priority}, {'on' if w.enabled else 'off'}"
    )


def _print_diff(d: ListDiff) -> None:
    older = f"version {d.old_version}" if d.old_version is not None else "nothing"
    print(
        f"{d.watchlist}: {older} -> version {d.new_version}: {len(d.added)} added, "
        f"{len(d.removed)} removed, {len(d.changed)} changed, {d.unchanged} unchanged"
    )
    for e in d.added:
        print(f"+ {e.source_id}  {e.primary_name}")
    for e in d.removed:
        print(f"- {e.source_id}  {e.primary_name}")
    for c in d.changed:
        print(f"~ {c.source_id}  {c.after.primary_name}")
        for f in c.fields:
            print(f"    {f.field}: {_values(f.before)} -> {_values(f.after)}")


def _values(values: tuple[str, ...]) -> str:
    return "; ".join(values) or "(none)"

"""Audit-chain commands of the command line: ``audit verify [--head FILE]`` and ``audit head``.

``verify`` checks every event's MAC in order and the store's own head; events cut from the end
(with the head row rewritten to match) show only against a head kept elsewhere: the anchor file
the workstation keeps, or the line ``Audit chain: N events, last #ID, MAC hex`` printed in every
export and by ``audit head``.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workstation.errors import InputFileError

if TYPE_CHECKING:
    from workstation.db.store import Store
    from workstation.security.auditchain import ChainHead
    from workstation.services.views import Actor

_HEAD_LINE = re.compile(r"Audit chain: (\d+) events, last #(\d+), MAC ([0-9a-fA-F]{64})")


def add_audit_commands(commands: Any) -> None:
    a = commands.add_parser(
        "audit",
        help="the audit chain: verify it, print its head",
        description="Every audit event is chained to the one before by a keyed MAC, so an "
        "edited, deleted or reordered event shows.",
    )
    actions = a.add_subparsers(dest="audit_action", required=True, metavar="ACTION")
    v = actions.add_parser(
        "verify",
        help="check the chain (auditors); exit 1 naming the first bad event",
        description="Check every event's MAC in order, the store's head, and a head kept "
        "outside the store: --head FILE, else the workstation's anchor file when it keeps one.",
    )
    v.add_argument(
        "--head",
        type=Path,
        metavar="FILE",
        help="a kept head: the anchor file (JSON), or a file holding the line "
        "'Audit chain: N events, last #ID, MAC hex' (from an export or `audit head`)",
    )
    actions.add_parser("head", help="print the chain's head, to keep outside the store")


def kept_head(store: Store, args: argparse.Namespace) -> ChainHead | None:
    """The head ``audit verify`` compares with: ``--head FILE``, else the store's anchor file.

    Read before the command signs in: signing in adds events, and the anchor file follows
    the chain as it grows again after a cut.
    """
    if args.audit_action != "verify":
        return None
    return read_kept_head(args.head) if args.head is not None else _store_anchor(store)


def run_audit(
    store: Store, actor: Actor, args: argparse.Namespace, kept: ChainHead | None = None
) -> int:
    """``audit head`` or ``audit verify``; ``kept`` is :func:`kept_head` read before sign-in."""
    from workstation.services.audit import chain_head, verify_chain

    if args.audit_action == "head":
        print(chain_head(store).describe())
        return 0
    check = verify_chain(store, actor, anchor=kept)
    if check.ok:
        print(check.describe())
        return 0
    print(f"error: {check.describe()}", file=sys.stderr)
    return 1


def _store_anchor(store: Store) -> ChainHead | None:
    if store.anchor is None:
        return None
    try:
        return store.anchor.read()
    except ValueError as exc:
        raise InputFileError(store.anchor.path, str(exc)) from exc


def read_kept_head(path: Path) -> ChainHead:
    """The head in ``path``: an anchor file's JSON, or the last ``Audit chain:`` line in it."""
    from workstation.db.auditseal import AnchorFile
    from workstation.security.auditchain import EMPTY_HEAD, ChainHead

    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputFileError(path, "no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputFileError(path, f"cannot be read as text ({exc})") from exc
    if text.lstrip().startswith("{"):
        try:
            kept = AnchorFile(path).read()
        except ValueError as exc:
            raise InputFileError(path, "not an audit chain anchor file (JSON)") from exc
        return kept if kept is not None else EMPTY_HEAD
    found = _HEAD_LINE.findall(text)
    if not found:
        if "Audit chain: empty." in text:
            return EMPTY_HEAD
        raise InputFileError(
            path, "no line 'Audit chain: N events, last #ID, MAC ...' and not an anchor file"
        )
    count, last_id, mac = found[-1]
    return ChainHead(int(count), int(last_id), bytes.fromhex(mac))

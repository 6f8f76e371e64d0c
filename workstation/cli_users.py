"""Account commands of the command line: ``users init|add|list|set|passwd``.

``users init`` makes a new store's first administrator and needs no sign-in; it is refused once
any account exists. Every other change is an administrator's, approved with the password and a
``--justification`` kept in the audit. New passwords come from ``WORKSTATION_NEW_PASSWORD`` or
are typed twice; never from an argument.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from workstation.cli_signin import NEW_PASSWORD_ENV, PASSWORD_ENV, read_new_password
from workstation.errors import InvalidInputError
from workstation.security.roles import ROLES

if TYPE_CHECKING:
    from workstation.cli_signin import SignedIn
    from workstation.db.store import Store
    from workstation.services.users import UserView


def add_users_commands(commands: Any) -> None:
    u = commands.add_parser(
        "users",
        help="accounts: init, add, list, set, passwd",
        description="Accounts and roles. Passwords are read from "
        f"${PASSWORD_ENV} (yours) and ${NEW_PASSWORD_ENV} (a new one), else asked on the "
        "terminal. Administrators' changes need --justification, kept in the audit.",
    )
    actions = u.add_subparsers(dest="users_action", required=True, metavar="ACTION")
    i = actions.add_parser(
        "init",
        help="create the store's first administrator (only while it has no accounts)",
        description=f"The password is ${PASSWORD_ENV}, else typed twice.",
    )
    i.add_argument("name", metavar="NAME")
    i.add_argument("--display-name", metavar="TEXT", help="the name shown (default: NAME)")

    a = actions.add_parser(
        "add",
        help="create an account (administrators)",
        description=f"The new account's password is ${NEW_PASSWORD_ENV}, else typed twice.",
    )
    a.add_argument("name", metavar="NAME")
    a.add_argument("--role", required=True, choices=ROLES)
    a.add_argument("--display-name", metavar="TEXT", help="the name shown (default: NAME)")
    _justification(a)

    actions.add_parser("list", help="every account, its role and state (administrators)")

    s = actions.add_parser(
        "set",
        help="change an account: role, enabled, lockout, password (administrators)",
        description=f"--password sets the password to ${NEW_PASSWORD_ENV}, else typed twice.",
    )
    s.add_argument("name", metavar="NAME")
    s.add_argument("--role", choices=ROLES)
    state = s.add_mutually_exclusive_group()
    state.add_argument("--disable", dest="active", action="store_false", default=None)
    state.add_argument("--enable", dest="active", action="store_true", default=None)
    s.add_argument("--unlock", action="store_true", help="lift a lockout after failed sign-ins")
    s.add_argument("--password", action="store_true", help="set a new password")
    _justification(s)

    actions.add_parser(
        "passwd",
        help="change your own password",
        description=f"The new password is ${NEW_PASSWORD_ENV}, else typed twice.",
    )


def _justification(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--justification", metavar="TEXT", help="why (required, kept in the audit)")


def init_first_administrator(store: Store, args: argparse.Namespace) -> int:
    """``users init NAME``: the first account, an administrator."""
    from workstation.services.users import create_first_administrator

    password = read_new_password(args.name, PASSWORD_ENV)
    actor = create_first_administrator(store, args.name, password, display_name=args.display_name)
    print(f"{actor.username}: administrator created; sign in with --user {actor.username}")
    return 0


def run_users(store: Store, signed: SignedIn, args: argparse.Namespace) -> int:
    from workstation.services import users

    actor = signed.actor
    action = args.users_action
    if action == "list":
        print("name\tdisplay name\trole\tstate\tfailed sign-ins\tlast sign-in (UTC)")
        for view in users.list_users(store, actor):
            print(_line(view))
    elif action == "add":
        approval = signed.approval(args.justification)
        password = read_new_password(args.name, NEW_PASSWORD_ENV)
        view = users.create_user(
            store,
            actor,
            args.name,
            password,
            args.role,
            approval,
            display_name=args.display_name,
        )
        print(_line(view))
    elif action == "set":
        if args.role is None and args.active is None and not args.unlock and not args.password:
            raise InvalidInputError(
                "Say what to change: --role, --disable or --enable, --unlock, --password."
            )
        approval = signed.approval(args.justification)
        new_password = read_new_password(args.name, NEW_PASSWORD_ENV) if args.password else None
        view = users.update_user(
            store,
            actor,
            args.name,
            approval,
            role=args.role,
            active=args.active,
            password=new_password,
            unlock=args.unlock,
        )
        print(_line(view))
    elif action == "passwd":
        if signed.password is None:
            raise InvalidInputError("The demo account has no password to change.")
        new = read_new_password(actor.username, NEW_PASSWORD_ENV)
        users.change_own_password(store, actor, signed.password, new)
        print(f"{actor.username}: password changed")
    return 0


def _line(view: UserView) -> str:
    state = "active" if view.active else "disabled"
    if not view.has_password:
        state += ", no password"
    last = f"{view.last_login_at:%Y-%m-%d %H:%M}" if view.last_login_at else "-"
    return (
        f"{view.username}\t{view.display_name}\t{view.role}\t{state}\t{view.failed_logins}\t{last}"
    )

"""The demo store's account: a supervisor signed in by itself, with the password "demo".

Only for the demo store (generated data): every desk shows, and the re-authentication that
exports and rule changes ask for can be tried with the password the status bar states. The
hash is set directly because "demo" is far too short for the rules of a real account.
"""

from __future__ import annotations

from sqlalchemy import select

from ui.desk_window import DEMO_PASSWORD
from workstation.db.models import User
from workstation.db.store import Store
from workstation.security.passwords import hash_password, verify_password
from workstation.services.users import sign_in_unchecked
from workstation.services.views import Actor

DEMO_USER = "demo"


def demo_account(store: Store) -> Actor:
    """Sign the demo supervisor in (made on first use); never call this on a real store."""
    sign_in_unchecked(store, DEMO_USER, role="supervisor", display_name="Demo supervisor")
    with store.transaction() as session:
        user = session.scalar(select(User).where(User.username == DEMO_USER))
        assert user is not None
        user.role = "supervisor"
        user.active = True
        user.failed_logins = 0
        user.last_failed_at = None
        if not user.password_hash or not verify_password(user.password_hash, DEMO_PASSWORD):
            user.password_hash = hash_password(DEMO_PASSWORD)
    return sign_in_unchecked(store, DEMO_USER, role="supervisor")

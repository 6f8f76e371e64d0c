"""What the signed-in user may do, for showing and hiding parts of the window.

The services refuse anyway (:func:`workstation.security.roles.require`); the window only hides
what a role cannot use, so nobody is offered a button that can only fail.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from workstation.security.roles import allows
from workstation.services.users import Approval
from workstation.services.views import Actor


def can(actor: Actor, permission: str) -> bool:
    """True when ``actor``'s role allows ``permission``."""
    return allows(actor.role, permission)


def sees_case_data(actor: Actor) -> bool:
    """Officers and supervisors work on flights and travellers; administrators and auditors not."""
    return can(actor, "view_case_data")


def takes_approval(fn: Callable[..., Any]) -> bool:
    """True when the service ``fn`` has the ``approval`` keyword (privileged services do)."""
    try:
        return "approval" in inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False


def with_approval(fn: Callable[..., Any], approval: Approval | None) -> dict[str, Any]:
    """``{"approval": approval}`` for a service that takes it, else nothing (older services)."""
    return {"approval": approval} if takes_approval(fn) else {}

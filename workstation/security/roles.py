"""Roles and what each may do: the table the services check before acting.

Permissions are enforced in the services (``require(actor.role, "export")``), never only by
hiding buttons. An administrator manages users and settings but sees no case data by default;
an auditor reads the audit trail and the retention status, nothing else.
"""

from __future__ import annotations

from workstation.errors import PermissionDeniedError

OFFICER = "officer"
SUPERVISOR = "supervisor"
ADMINISTRATOR = "administrator"
AUDITOR = "auditor"
ROLES = (OFFICER, SUPERVISOR, ADMINISTRATOR, AUDITOR)

# Each permission with the words used in a refusal: "Your role ... does not allow <words>."
DESCRIPTIONS: dict[str, str] = {
    "import_files": "importing passenger files",
    "screen": "screening flights",
    "search": "searching travellers",
    "view_case_data": "viewing travellers, hits and cases",
    "review": "reviewing hits",
    "flag": "flagging travellers",
    "record_interdiction": "recording interdictions",
    "export": "exporting data",
    "print": "printing data",
    "view_masked_data": "viewing data older than the masking period",
    "manage_lists": "importing and changing watchlists",
    "manage_rules": "changing screening rules",
    "view_statistics": "viewing statistics",
    "manage_users": "creating and changing user accounts",
    "manage_settings": "changing the workstation's settings",
    "view_audit": "reading the audit trail",
    "verify_audit": "verifying the audit chain",
    "view_retention": "viewing the retention status",
    "backup": "backing up the store",
}
ALL_PERMISSIONS = frozenset(DESCRIPTIONS)

_OFFICER = frozenset(
    {
        "import_files",
        "screen",
        "search",
        "view_case_data",
        "review",
        "flag",
        "record_interdiction",
    }
)
_SUPERVISOR = _OFFICER | {
    "export",
    "print",
    "view_masked_data",
    "manage_lists",
    "manage_rules",
    "view_statistics",
    "backup",
}
_ADMINISTRATOR = frozenset({"manage_users", "manage_settings", "view_retention", "backup"})
_AUDITOR = frozenset({"view_audit", "verify_audit", "view_retention"})

PERMISSIONS: dict[str, frozenset[str]] = {
    OFFICER: _OFFICER,
    SUPERVISOR: _SUPERVISOR,
    ADMINISTRATOR: _ADMINISTRATOR,
    AUDITOR: _AUDITOR,
}

# Actions that ask for the password again and a justification, both recorded in the audit.
PRIVILEGED = frozenset({"export", "print", "view_masked_data", "manage_rules", "manage_users"})


def _check_permission(permission: str) -> None:
    if permission not in ALL_PERMISSIONS:
        raise ValueError(f"unknown permission {permission!r}")  # a bug, not a user's mistake


def allows(role: str, permission: str) -> bool:
    """True when ``role`` may do ``permission``; an unknown role may do nothing."""
    _check_permission(permission)
    return permission in PERMISSIONS.get(role, frozenset())


def roles_allowed(permission: str) -> tuple[str, ...]:
    """The roles that may do ``permission``, in the order of :data:`ROLES`."""
    _check_permission(permission)
    return tuple(r for r in ROLES if permission in PERMISSIONS[r])


def is_privileged(permission: str) -> bool:
    """True when the action needs re-authentication and a justification."""
    _check_permission(permission)
    return permission in PRIVILEGED


def require(role: str, permission: str) -> None:
    """Refuse with :class:`PermissionDeniedError` unless ``role`` may do ``permission``."""
    if allows(role, permission):
        return
    words = DESCRIPTIONS[permission]
    if role not in PERMISSIONS:
        raise PermissionDeniedError(
            f"The role {role!r} is not known, so {words} is refused. "
            "Ask an administrator to give your account one of: " + ", ".join(ROLES) + "."
        )
    allowed = roles_allowed(permission)
    raise PermissionDeniedError(
        f"Your role ({role}) does not allow {words}; it needs the role "
        + " or ".join(allowed)
        + ". Ask a supervisor or an administrator."
    )

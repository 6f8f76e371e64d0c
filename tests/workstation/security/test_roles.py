"""The role table and refusals."""

from __future__ import annotations

import pytest

from workstation.errors import PermissionDeniedError
from workstation.security.roles import (
    ALL_PERMISSIONS,
    PERMISSIONS,
    PRIVILEGED,
    ROLES,
    allows,
    is_privileged,
    require,
    roles_allowed,
)
from workstation.services.users import ROLES as SERVICE_ROLES


def test_the_roles_are_those_the_user_service_knows() -> None:
    assert set(ROLES) == set(SERVICE_ROLES) == set(PERMISSIONS)


def test_every_permission_in_the_table_is_named() -> None:
    assert set().union(*PERMISSIONS.values()) <= ALL_PERMISSIONS
    assert PRIVILEGED <= ALL_PERMISSIONS


def test_a_supervisor_can_do_everything_an_officer_can_and_export() -> None:
    assert PERMISSIONS["officer"] < PERMISSIONS["supervisor"]
    for permission in ("export", "manage_lists", "manage_rules", "view_statistics"):
        assert allows("supervisor", permission)
        assert not allows("officer", permission)


def test_an_administrator_sees_no_case_data_by_default() -> None:
    for permission in ("view_case_data", "search", "review", "export", "view_masked_data"):
        assert not allows("administrator", permission)
    assert allows("administrator", "manage_users")
    assert allows("administrator", "manage_settings")


def test_an_auditor_only_reads_the_audit_and_the_retention_status() -> None:
    assert PERMISSIONS["auditor"] == {"view_audit", "verify_audit", "view_retention"}


def test_an_officer_exporting_is_refused_with_the_role_that_may() -> None:
    with pytest.raises(PermissionDeniedError) as caught:
        require("officer", "export")
    assert str(caught.value) == (
        "Your role (officer) does not allow exporting data; it needs the role supervisor. "
        "Ask a supervisor or an administrator."
    )
    require("supervisor", "export")


def test_an_unknown_role_is_refused_everything() -> None:
    assert not any(allows("guest", p) for p in ALL_PERMISSIONS)
    with pytest.raises(PermissionDeniedError, match="role 'guest' is not known"):
        require("guest", "review")


def test_a_misspelt_permission_is_a_bug_not_a_refusal() -> None:
    with pytest.raises(ValueError, match="unknown permission"):
        require("supervisor", "exprot")


def test_export_unmasking_rule_and_user_changes_are_privileged() -> None:
    for permission in ("export", "view_masked_data", "manage_rules", "manage_users"):
        assert is_privileged(permission)
    assert not is_privileged("review")
    assert roles_allowed("view_masked_data") == ("supervisor",)

"""Accounts and the audit chain on the command line, run as a user (and an attacker) would.

The attacker holds the store file: they drop the append-only triggers and edit, delete,
reorder or cut events with plain SQL. They do not hold the audit key, so ``audit verify``
names the first event that no longer fits; a cut end shows against a head kept elsewhere.
"""

from __future__ import annotations

import shutil
from contextlib import closing
from pathlib import Path

import pytest

from tests.workstation.clicase import ADMIN, PASSWORD, CliStore, cli_store, connect, run_cli

AUDITOR = "auditor.cli"
WHY = ("--justification", "new colleague in the morning shift")


def test_the_first_administrator_is_made_once_then_adds_and_lists_accounts(
    tmp_path: Path,
) -> None:
    store = cli_store(tmp_path)
    again = run_cli(
        "--db", store.url, "users", "init", "mallory", env={"WORKSTATION_PASSWORD": PASSWORD}
    )
    assert again.returncode == 1
    assert again.stderr.strip() == (
        "error: This store already has accounts; an administrator must create new ones."
    )
    new = {"WORKSTATION_NEW_PASSWORD": "the officer's own password"}
    added = store.run(ADMIN, "users", "add", "ana", "--role", "officer", *WHY, env=new)
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith("ana\tana\tofficer\tactive\t0\t-")
    signed_in = store.run("ana", "import", "--help", password="the officer's own password")
    assert signed_in.returncode == 0
    listed = store.run(ADMIN, "users", "list")
    assert listed.returncode == 0, listed.stderr
    assert [line.split("\t")[:4] for line in listed.stdout.splitlines()] == [
        ["name", "display name", "role", "state"],
        [ADMIN, ADMIN, "administrator", "active"],
        ["ana", "ana", "officer", "active"],
    ]
    refused = store.run("ana", "users", "list", password="the officer's own password")
    assert refused.returncode == 1
    assert "does not allow creating and changing user accounts" in refused.stderr


def test_a_new_store_asks_for_its_first_administrator(tmp_path: Path) -> None:
    result = CliStore(tmp_path / "new.sqlite3").run("anyone", "watchlist", "list")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "error: This store has no accounts yet: create the first administrator with "
        "`python -m workstation users init NAME`."
    )


def test_sign_in_needs_the_right_password_and_says_so(tmp_path: Path) -> None:
    store = cli_store(tmp_path, {"ana": "officer"})
    assert store.run("ana", "watchlist", "list").returncode == 0
    wrong = store.run("ana", "watchlist", "list", password="not the password at all")
    assert (wrong.returncode, wrong.stderr) == (1, "error: Wrong user name or password.\n")
    unknown = store.run("nobody", "watchlist", "list")
    assert (unknown.returncode, unknown.stderr) == (1, "error: Wrong user name or password.\n")
    none = run_cli(
        "--db", store.url, "--user", "ana", "watchlist", "list"
    )  # no variable, no terminal
    assert none.returncode == 1
    assert none.stderr == "error: no password: set WORKSTATION_PASSWORD or run from a terminal\n"


def test_five_wrong_passwords_lock_the_account_until_an_administrator_unlocks_it(
    tmp_path: Path,
) -> None:
    store = cli_store(tmp_path, {"ana": "officer"})
    for attempt in range(1, 6):
        wrong = store.run("ana", "watchlist", "list", password=f"wrong password number {attempt}")
        assert wrong.returncode == 1
    assert "Too many failed sign-in attempts (5)" in wrong.stderr
    locked = store.run("ana", "watchlist", "list")  # the right password, refused while locked
    assert locked.returncode == 1
    assert locked.stderr.startswith("error: Too many failed sign-in attempts (5). Try again in")
    unlocked = store.run(ADMIN, "users", "set", "ana", "--unlock", *WHY)
    assert unlocked.returncode == 0, unlocked.stderr
    assert store.run("ana", "watchlist", "list").returncode == 0


def test_an_administrator_disables_an_account_and_a_user_changes_their_password(
    tmp_path: Path,
) -> None:
    store = cli_store(tmp_path, {"ana": "officer"})
    unexplained = store.run(ADMIN, "users", "set", "ana", "--disable")
    assert unexplained.returncode == 1 and "--justification TEXT" in unexplained.stderr
    assert store.run(ADMIN, "users", "set", "ana", "--disable", *WHY).returncode == 0
    disabled = store.run("ana", "watchlist", "list")
    assert disabled.stderr == "error: The account 'ana' is disabled; ask an administrator.\n"
    assert store.run(ADMIN, "users", "set", "ana", "--enable", *WHY).returncode == 0
    new = {"WORKSTATION_NEW_PASSWORD": "ana's brand new password"}
    changed = store.run("ana", "users", "passwd", env=new)
    assert (changed.returncode, changed.stdout) == (0, "ana: password changed\n")
    assert store.run("ana", "watchlist", "list").returncode == 1  # the old password no longer works
    assert (
        store.run("ana", "watchlist", "list", password="ana's brand new password").returncode == 0
    )


# --- the audit chain ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def chained_store(tmp_path_factory: pytest.TempPathFactory) -> CliStore:
    """A store with a few dozen audit events, copied by each test that tampers with it."""
    store = cli_store(tmp_path_factory.mktemp("chain"), {AUDITOR: "auditor", "ana": "officer"})
    for _ in range(3):
        assert store.run("ana", "watchlist", "list").returncode == 0
    return store


def _copy(store: CliStore, tmp_path: Path) -> CliStore:
    """The store file and the files kept beside it (keys' parameters, anchor), renamed."""
    copy = CliStore(tmp_path / "copy.sqlite3")
    for file in store.path.parent.glob(store.path.name + "*"):
        shutil.copy2(file, tmp_path / file.name.replace(store.path.name, copy.path.name, 1))
    return copy


def _tamper(db: Path, *statements: tuple[str, tuple[object, ...]]) -> None:
    """Edit the file as an attacker: drop the append-only triggers, then run ``statements``."""
    with closing(connect(db)) as conn:
        conn.execute("DROP TRIGGER audit_events_no_update")
        conn.execute("DROP TRIGGER audit_events_no_delete")
        for sql, parameters in statements:
            conn.execute(sql, parameters)
        conn.commit()


def _ids(db: Path) -> list[int]:
    with closing(connect(db)) as conn:
        return [int(r[0]) for r in conn.execute("SELECT id FROM audit_events ORDER BY id")]


def _verify(store: CliStore, *args: str | Path) -> tuple[int, str, str]:
    result = store.run(AUDITOR, "audit", "verify", *args)
    return result.returncode, result.stdout, result.stderr


def test_an_intact_chain_verifies(chained_store: CliStore, tmp_path: Path) -> None:
    store = _copy(chained_store, tmp_path)
    code, out, err = _verify(store)
    assert (code, err) == (0, "")
    assert out.startswith("audit chain intact") and "Audit chain: " in out
    refused = store.run("ana", "audit", "verify")
    assert refused.returncode == 1 and "does not allow verifying the audit chain" in refused.stderr


def test_an_edited_event_is_named(chained_store: CliStore, tmp_path: Path) -> None:
    store = _copy(chained_store, tmp_path)
    edited = _ids(store.path)[3]
    sql = "UPDATE audit_events SET justification = ? WHERE id = ?"
    _tamper(store.path, (sql, ("nothing to see here", edited)))
    code, out, err = _verify(store)
    assert (code, out) == (1, "")
    assert err.startswith(f"error: audit chain BROKEN at event #{edited}: event #{edited} was")


def test_a_deleted_event_is_named(chained_store: CliStore, tmp_path: Path) -> None:
    store = _copy(chained_store, tmp_path)
    ids = _ids(store.path)
    _tamper(store.path, ("DELETE FROM audit_events WHERE id = ?", (ids[4],)))
    code, _out, err = _verify(store)
    assert code == 1
    assert f"at event #{ids[5]}: event #{ids[5]} does not follow #{ids[3]}" in err


def test_two_swapped_events_are_named(chained_store: CliStore, tmp_path: Path) -> None:
    store = _copy(chained_store, tmp_path)
    first, second = _ids(store.path)[2], _ids(store.path)[6]
    columns = (
        "at, user_id, username, role, workstation, action, object_type, object_ids, "
        "justification, details, mac"
    )
    with closing(connect(store.path)) as conn:
        read = f"SELECT {columns} FROM audit_events WHERE id = ?"
        rows = {n: tuple(conn.execute(read, (n,)).fetchone()) for n in (first, second)}
    assert rows[first][5] != rows[second][5]  # two different actions, swapped below
    update = f"UPDATE audit_events SET ({columns}) = ({', '.join('?' * 11)}) WHERE id = ?"
    _tamper(store.path, (update, (*rows[second], first)), (update, (*rows[first], second)))
    code, _out, err = _verify(store)
    assert code == 1
    assert f"at event #{first}: event #{first} was altered" in err


def test_a_cut_end_with_the_head_row_fixed_shows_against_a_kept_head(
    chained_store: CliStore, tmp_path: Path
) -> None:
    store = _copy(chained_store, tmp_path)
    head = store.run(AUDITOR, "audit", "head")
    assert head.returncode == 0, head.stderr
    assert head.stdout.startswith("Audit chain: ")
    kept = tmp_path / "kept-head.txt"
    kept.write_text(f"copied from an export\n{head.stdout}", encoding="utf-8")
    ids = _ids(store.path)
    with closing(connect(store.path)) as conn:
        [(mac,)] = conn.execute("SELECT mac FROM audit_events WHERE id = ?", (ids[-4],))
    _tamper(
        store.path,
        ("DELETE FROM audit_events WHERE id > ?", (ids[-4],)),
        (
            "UPDATE audit_chain_head SET count = count - 3, last_id = ?, last_mac = ?",
            (ids[-4], mac),
        ),
    )
    code, _out, err = _verify(store)  # the anchor file the workstation keeps beside the store
    assert code == 1
    assert err.startswith("error: audit chain BROKEN at event #")
    assert "but the kept head says" in err and "events were removed from its end" in err
    code, _out, err = _verify(store, "--head", kept)  # the chain has grown again since
    assert code == 1
    assert f"event number {ids[-1]} does not end with the kept head's MAC" in err


def test_a_cut_end_stays_visible_after_the_chain_grows_past_the_kept_head(
    chained_store: CliStore, tmp_path: Path
) -> None:
    """The anchor beside the store is not replaced by a head that does not extend it."""
    store = _copy(chained_store, tmp_path)
    ids = _ids(store.path)
    with closing(connect(store.path)) as conn:
        [(mac,)] = conn.execute("SELECT mac FROM audit_events WHERE id = ?", (ids[-3],))
    _tamper(
        store.path,
        ("DELETE FROM audit_events WHERE id > ?", (ids[-3],)),
        (
            "UPDATE audit_chain_head SET count = count - 2, last_id = ?, last_mac = ?",
            (ids[-3], mac),
        ),
    )
    for _ in range(3):  # three new events: the chain is longer than the kept head again
        assert store.run("ana", "watchlist", "list").returncode == 0
    assert len(_ids(store.path)) > len(ids)
    code, _out, err = _verify(store)
    assert code == 1
    assert "is no longer in the store; it is kept for verification" in err  # the warning
    assert "error: audit chain BROKEN at event #" in err
    assert "does not end with the kept head's MAC: the chain was rewritten" in err


def test_a_kept_head_is_read_from_an_anchor_file_or_an_export_line(tmp_path: Path) -> None:
    from workstation.cli_audit import read_kept_head
    from workstation.db.auditseal import AnchorFile
    from workstation.errors import InputFileError
    from workstation.security.auditchain import ChainHead

    head = ChainHead(12, 40, bytes(range(32)))
    AnchorFile(tmp_path / "anchor.json").write(head)
    assert read_kept_head(tmp_path / "anchor.json") == head
    line = tmp_path / "export.csv"
    line.write_text(f"Exported by x\n{head.describe()}\nname,surname\n", encoding="utf-8-sig")
    assert read_kept_head(line) == head
    (tmp_path / "other.txt").write_text("nothing here", encoding="utf-8")
    with pytest.raises(InputFileError, match=r"other\.txt: no line .Audit chain"):
        read_kept_head(tmp_path / "other.txt")
    with pytest.raises(InputFileError, match=r"absent\.json: no such file"):
        read_kept_head(tmp_path / "absent.json")


def test_the_demo_signs_in_without_a_password_and_never_opens_the_real_store(
    tmp_path: Path,
) -> None:
    real = tmp_path / "real.sqlite3"
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "WORKSTATION_DB_URL": f"sqlite:///{real}"}
    why = ("--justification", "showing the rules to visitors")
    enabled = run_cli(
        "--demo", "--db", f"sqlite:///{real}", "rules", "enable", "Cash payment", *why, env=env
    )
    assert enabled.returncode == 0, enabled.stderr
    assert enabled.stdout == "Cash payment v1: enabled\n"
    assert not real.exists()
    [demo] = (tmp_path / "data").rglob("demo-workstation.sqlite3")
    with closing(connect(demo)) as conn:
        rows = conn.execute("SELECT username, role, justification FROM audit_events ORDER BY id")
        assert ("demo", "supervisor", "showing the rules to visitors") in list(rows)

"""The watchlists window: list options, the changes between versions, national lookouts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from tests.workstation.listcase import write_list
from ui.data_actions import DataActions
from ui.dialogs.lookout_dialog import LookoutDialog
from ui.dialogs.retire_dialog import RetireLookoutDialog
from ui.jobs import JobRunner
from ui.models.diff_model import ADDED, CHANGED, REMOVED
from ui.models.watchlists_model import ENABLED, THRESHOLD
from ui.watchlists_window import WatchlistsWindow
from workstation.db.store import Store
from workstation.services.lookouts import NATIONAL_LIST, LookoutInput, list_lookouts
from workstation.services.views import Actor
from workstation.services.watchlists import import_watchlist, list_watchlists

REGIONAL = "Regional"
ZARKO = "NL-001,Ђорђевић Жарко,Đorđević Žarko,1979-04-12,M,SRB,009876543,drugs,Inform customs"
ZARKO_V2 = "NL-001,Ђорђевић Жарко,Đorđević Žarko,1979-04-21,M,SRB,P1234567,drugs,Inform customs"
MEHMET = "NL-002,Mehmet Yıldırım,,1983,M,TUR,,migrant smuggling,Secondary inspection"
LJUBICA = "NL-003,Ljubica Marković,Љубица Марковић,1968,F,SRB,,wanted,Arrest on warrant"
BESNIK = "NL-004,Бесник Ахмети,Besnik Ahmeti,1977-09-02,M,MKD,,trafficking,Refer to police"


def import_two_versions(store: Store, actor: Actor, directory: Path) -> None:
    """Version 1, then version 2: NL-001 changed, NL-002 removed, NL-004 added, NL-003 kept."""
    import_watchlist(
        store, actor, [write_list(directory, "v1.csv", ZARKO, MEHMET, LJUBICA)], REGIONAL
    )
    v2 = write_list(directory, "v2.csv", ZARKO_V2, LJUBICA, BESNIK)
    import_watchlist(store, actor, [v2], REGIONAL)


@pytest.fixture
def lists_store(file_store: Store, actor: Actor, tmp_path: Path) -> Store:
    import_two_versions(file_store, actor, tmp_path)
    return file_store


@pytest.fixture
def window(qtbot: QtBot, lists_store: Store, actor: Actor) -> Iterator[WatchlistsWindow]:
    runner = JobRunner()
    host = DataActions(lists_store, actor, runner, None)  # type: ignore[arg-type]
    win = WatchlistsWindow(lists_store, actor, host, runner)
    qtbot.addWidget(win)
    win.refresh()
    yield win
    runner.shutdown()


def _options(store: Store, actor: Actor) -> dict[str, tuple[bool, float | None, int]]:
    return {w.name: (w.enabled, w.threshold, w.priority) for w in list_watchlists(store, actor)}


def test_the_lists_table_shows_version_entries_and_kind(
    window: WatchlistsWindow, qtmodeltester: ModelTester
) -> None:
    model = window.lists_view.model
    qtmodeltester.check(model)
    row = model.row_of(REGIONAL)
    assert row is not None
    texts = [model.index(row, c).data() for c in range(model.columnCount())]
    assert texts[:5] == [REGIONAL, "imported", "2", "3", "—"]


def test_unticking_enabled_switches_the_list_off_in_the_store(
    window: WatchlistsWindow, lists_store: Store, actor: Actor
) -> None:
    model = window.lists_view.model
    index = model.index(model.row_of(REGIONAL) or 0, ENABLED)
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert model.setData(index, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert _options(lists_store, actor)[REGIONAL][0] is False
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked


def test_editing_the_threshold_stores_it_and_a_bad_one_is_refused(
    window: WatchlistsWindow, lists_store: Store, actor: Actor, shown_boxes: list[str]
) -> None:
    model = window.lists_view.model
    index = model.index(model.row_of(REGIONAL) or 0, THRESHOLD)
    assert model.setData(index, 72.5)
    assert _options(lists_store, actor)[REGIONAL][1] == 72.5
    assert index.data() == "72.5"
    assert not model.setData(index, 0.0)
    assert _options(lists_store, actor)[REGIONAL][1] == 72.5
    assert any("threshold" in box for box in shown_boxes)


def test_the_diff_view_shows_added_removed_and_changed_fields(
    window: WatchlistsWindow, qtmodeltester: ModelTester
) -> None:
    window.diff_view.show_diff(REGIONAL)
    model = window.diff_view.model
    qtmodeltester.check(model)
    rows = {(r.kind, r.source_id, r.field, r.before, r.after) for r in model._rows}
    assert (CHANGED, "NL-001", "Dates of birth", "1979-04-12", "1979-04-21") in rows
    assert (CHANGED, "NL-001", "Documents", "009876543", "P1234567") in rows
    assert {(k, s) for k, s, *_ in rows} == {
        (CHANGED, "NL-001"),
        (REMOVED, "NL-002"),
        (ADDED, "NL-004"),
    }
    assert "1 added, 1 removed, 1 changed, 1 the same" in window.diff_view.summary.text()
    window.diff_view.show_box.setCurrentIndex(window.diff_view.show_box.findData(ADDED))
    assert window.diff_view.proxy.rowCount() == 1


def test_a_lookout_without_a_name_cannot_be_saved(qtbot: QtBot) -> None:
    dialog = LookoutDialog()
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()
    assert "at least one name" in dialog.error.text()
    dialog.names.setPlainText("Марко Петровић\nMarko Petrović")
    dialog.birth_dates.setText("1979-04")
    assert dialog.ok_button.isEnabled(), dialog.error.text()
    assert dialog.value().names == ("Марко Петровић", "Marko Petrović")
    dialog.birth_dates.setText("1979-13-45")
    assert not dialog.ok_button.isEnabled()
    assert "not a date" in dialog.error.text()


def test_a_lookout_photo_must_be_jpeg_or_png(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = LookoutDialog()
    qtbot.addWidget(dialog)
    dialog.names.setPlainText("Marko Petrović")
    gif = tmp_path / "face.gif"
    gif.write_bytes(b"GIF89a" + bytes(100))
    dialog.photo.set_photo_file(gif)
    assert not dialog.ok_button.isEnabled()
    assert "JPEG or PNG" in dialog.error.text()
    png = tmp_path / "face.png"
    png.write_bytes(PNG_1X1)
    dialog.photo.set_photo_file(png)
    assert dialog.ok_button.isEnabled()
    assert dialog.value().photo == PNG_1X1


def test_creating_editing_and_retiring_a_lookout_through_the_window(
    window: WatchlistsWindow,
    lists_store: Store,
    actor: Actor,
    monkeypatch: pytest.MonkeyPatch,
    qtmodeltester: ModelTester,
) -> None:
    view = window.lookouts_view
    first = LookoutInput(
        names=("Драган Петковић", "Dragan Petković"),
        birth_dates=("1979",),
        nationalities=("SRB",),
        category="drugs",
        handling_notes="Do not alert; call the duty officer",
        photo=PNG_1X1,
    )
    monkeypatch.setattr(LookoutDialog, "ask", classmethod(lambda cls, *a, **k: first))
    view.new_button.click()
    (made,) = list_lookouts(lists_store, actor)
    assert (made.names, made.birth_dates, made.has_photo) == (first.names, ("1979",), True)
    qtmodeltester.check(view.model)
    assert view.current() is not None and view.current().source_id == made.source_id

    seen: list[object] = []

    def edit(cls: object, parent: object, existing: object = None, photo: object = None) -> object:
        seen.append((existing, photo))
        return LookoutInput(names=first.names, birth_dates=("1979-04-12",), category="drugs")

    monkeypatch.setattr(LookoutDialog, "ask", classmethod(edit))
    view.edit_button.click()
    assert seen[0] == (made, PNG_1X1)  # the dialog is opened on the lookout and its photo
    (edited,) = list_lookouts(lists_store, actor)
    assert edited.birth_dates == ("1979-04-12",) and edited.has_photo

    monkeypatch.setattr(RetireLookoutDialog, "ask", classmethod(lambda cls, *a: False))
    view.retire_button.click()
    assert len(list_lookouts(lists_store, actor)) == 1
    monkeypatch.setattr(RetireLookoutDialog, "ask", classmethod(lambda cls, *a: True))
    view.retire_button.click()
    assert list_lookouts(lists_store, actor) == []
    national = window.lists_view.model.row_of(NATIONAL_LIST)
    assert national is not None
    assert window.lists_view.model.watchlist(national).version_no == 3


def test_searching_lookouts_filters_by_any_name_or_document(
    window: WatchlistsWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = window.lookouts_view
    for names, doc in ((("Ана Јовић", "Ana Jović"), "A111"), (("Petar Ilić",), "B222")):
        lookout = LookoutInput(names=names, documents=(doc,))
        monkeypatch.setattr(LookoutDialog, "ask", classmethod(lambda cls, *a, made=lookout: made))
        view.new_button.click()
    view.search.setText("jović")
    assert view.proxy.rowCount() == 1
    view.search.setText("b222")
    assert view.proxy.index(0, 1).data() == "Petar Ilić"


def test_the_lists_menu_opens_the_watchlists_window(
    make_window: object, lists_store: Store, actor: Actor
) -> None:
    main = make_window(lists_store, actor)  # type: ignore[operator]
    main.lists_menu.action.trigger()
    opened = main.lists_menu.window
    assert opened is not None and opened.isVisible()
    assert opened.lists_view.model.row_of(REGIONAL) is not None
    main.close()
    assert not opened.isVisible()


# A 1x1 white PNG.
PNG_1X1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000"
    "907753de0000000c49444154789c63f8ffff3f0005fe02fe0def46b80000000049454e44ae426082"
)

"""The members app's Python side on a real demo database, driven through its widgets found by role and label:
refused values at the field, add, edit, remove only after a yes, a refused upload, the export links."""

from __future__ import annotations

import datetime as dt

import ipywidgets as widgets
import pytest

from netvaerk_lib.apps.members import MembersApp
from netvaerk_lib.demo import create_demo
from netvaerk_lib.store import Store
from netvaerk_lib.ui.finder import find, find_all, visible


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "netvaerk.sqlite") as opened:
        create_demo(opened)
        yield opened


def names(store) -> list[str]:
    return [m.name for m in store.list_members(store.default_network().id)]


def error_at(app, label: str) -> str:
    widget = find(app, widgets.Widget, label)
    box = next(box for box in find_all(app, widgets.VBox) if widget in box.children)
    return find(box, widgets.HTML).value


def fill_new_member(app, name: str, practice_type: str = "Psykolog") -> None:
    find(app, widgets.Text, "Navn *").value = name
    dropdown = find(app, widgets.Dropdown, "Praksistype *")
    dropdown.value = next(value for text, value in dropdown.options if text == practice_type)


def test_a_bad_value_is_refused_at_the_field_and_nothing_is_saved(store):
    app = MembersApp(store)
    before = names(store)
    fill_new_member(app, "Karin Lund")
    find(app, widgets.Text, "Fødselsår").value = "19x5"
    find(app, widgets.Button, "Tilføj medlem").click()
    assert "Fødselsår: &#x27;19x5&#x27; er ikke et tal." in error_at(app, "Fødselsår")
    assert "Noget skal rettes" in app.messages.value and names(store) == before
    assert find(app, widgets.Text, "Navn *").value == "Karin Lund"  # what was typed stays
    find(app, widgets.Text, "Fødselsår").value = "1979"
    find(app, widgets.Button, "Tilføj medlem").click()
    assert "Karin Lund er tilføjet." in app.messages.value and error_at(app, "Fødselsår") == ""
    assert "Karin Lund" in names(store)
    assert find(app, widgets.Dropdown, "Medlem").label == "Karin Lund"
    assert "Karin Lund" in find(app, widgets.HTML, "medlemmer Navn Praksistype", exact=False).value


def test_an_edit_keeps_what_the_form_does_not_show(store):
    network = store.default_network()
    member = store.list_members(network.id)[0]
    member.expected_gain = "Sparring om ledelse"
    store.update_member(member)
    app = MembersApp(store)
    find(app, widgets.Dropdown, "Medlem").value = member.id
    assert find(app, widgets.Text, "Navn *").value == member.name
    find(app, widgets.Text, "Navn *").value = "Nyt <b>navn</b>"
    find(app, widgets.Button, "Gem ændringer").click()
    saved = store.get_member(member.id)
    assert saved.name == "Nyt <b>navn</b>" and saved.expected_gain == "Sparring om ledelse"
    assert "Nyt &lt;b&gt;navn&lt;/b&gt;" in app.messages.value


def test_a_member_is_removed_only_after_a_yes(store):
    app = MembersApp(store)
    assert find(app, widgets.Button, "Fjern medlem").disabled
    member = store.list_members(store.default_network().id)[0]
    find(app, widgets.Dropdown, "Medlem").value = member.id
    find(app, widgets.Button, "Fjern medlem").click()
    yes = find(app, widgets.Button, "Ja, fjern og slet oplysningerne")
    warning = find(app, widgets.HTML, "fjernes fra netværket", exact=False)
    assert member.name in warning.value and all(visible(w) for w in (yes, warning))
    find(app, widgets.Button, "Annullér").click()
    assert member.name in names(store)
    assert not find_all(app, widgets.HTML, "fjernes fra netværket", exact=False)
    find(app, widgets.Button, "Fjern medlem").click()
    find(app, widgets.Button, "Ja, fjern og slet oplysningerne").click()
    assert member.name not in names(store) and "Medlemmet er fjernet" in app.messages.value
    assert find(app, widgets.Dropdown, "Medlem").value == 0


def test_an_upload_of_the_wrong_kind_imports_nothing(store):
    app = MembersApp(store)
    before = names(store)
    find(app, widgets.FileUpload).value = ({"name": "liste.txt", "content": b"Navn\nAnna", "size": 9,
                                            "type": "text/plain", "last_modified": dt.datetime(2026, 1, 1)},)
    report = find(app, widgets.HTML, "Filen skal være en .csv- eller .xlsx-fil", exact=False)
    assert "nv-import-problems" in report.value and names(store) == before


def test_an_upload_imports_the_file(store):
    app = MembersApp(store)
    content = "Navn;Praksistype\r\nÅse Østergård;Dyrlæge\r\n".encode("utf-8-sig")
    find(app, widgets.FileUpload).value = ({"name": "m.csv", "content": content, "size": len(content),
                                            "type": "text/csv", "last_modified": dt.datetime(2026, 1, 1)},)
    assert "1 medlem" in find(app, widgets.HTML, "er importeret.", exact=False).value
    assert "Åse Østergård" in names(store)
    assert "Åse Østergård" in find(app, widgets.HTML, "medlemmer Navn Praksistype", exact=False).value


def test_the_export_gives_an_excel_and_a_csv_link(store):
    app = MembersApp(store)
    find(app, widgets.Button, "Lav eksportfiler").click()
    links = find(app, widgets.HTML, "Hent som Excel (.xlsx) Hent som CSV").value
    assert 'download="medlemmer-' in links and "data:text/csv;base64," in links

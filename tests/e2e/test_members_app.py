"""The members app, driven as a facilitator would: import a file, see the members, fix a bad value."""

from pathlib import Path

import pytest
from harness import running_server


@pytest.fixture(scope="module")
def server():
    """A server of this module's own: these tests add members, which the other modules must not see."""
    with running_server("netvaerk-e2e-members-") as running:
        yield running

GOOD_CSV = ("Navn;E-mail;Praksistype;År i faget;År som leder;Ansatte;Region;Køn;Fødselsår\r\n"
            "Åse Østergård;aase@example.dk;Dyrlæge;20;8;6;Region Nordjylland;Kvinde;1975\r\n"
            "Bjørn Ærenfeldt;bjoern@example.dk;Fysioterapeut;12;4;3;Region Sjælland;Mand;1984\r\n")
BAD_CSV = ("Navn;E-mail;Praksistype;Region;Fødselsår\r\n"
           "Gitte Hald;gitte@example.dk;Tandlæge;Region Midtjylland;1970\r\n"
           "Hans Holm;hans@example.dk;Tømrer;Region Midtjylland;1968\r\n")


def _write(tmp_path: Path, name: str, text: str, encoding: str) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _upload(page, path: Path) -> None:
    with page.expect_file_chooser() as chooser:
        page.locator(".nv-member-files").get_by_role("button", name="Vælg fil").click()
    chooser.value.set_files(str(path))


def test_import_a_danish_excel_file_and_see_the_members(page, open_app, shoot, axe, server, tmp_path):
    open_app(page, "medlemmer")
    shoot(page, "members-desktop")
    axe(page)
    _upload(page, _write(tmp_path, "medlemmer.csv", GOOD_CSV, "utf-8-sig"))
    page.get_by_text("2 medlemmer er importeret.").wait_for()
    table = page.locator(".nv-members-list table")
    assert "Åse Østergård" in table.inner_text()
    assert "Bjørn Ærenfeldt" in table.inner_text()
    with server.store() as store:
        names = [m.name for m in store.list_members(store.default_network().id)]
    assert "Åse Østergård" in names and "Bjørn Ærenfeldt" in names


def test_a_bad_file_imports_nothing_and_names_the_row(page, open_app, shoot, server, tmp_path):
    with server.store() as store:
        before = len(store.list_members(store.default_network().id))
    open_app(page, "medlemmer")
    _upload(page, _write(tmp_path, "forkert.csv", BAD_CSV, "cp1252"))
    problems = page.locator(".nv-import-problems")
    problems.wait_for()
    text = problems.inner_text()
    assert "intet er gemt" in text
    assert "Række 3" in text and "Praksistype" in text and "Tømrer" in text
    shoot(page, "members-import-error")
    with server.store() as store:
        assert len(store.list_members(store.default_network().id)) == before
    assert "Gitte Hald" not in page.locator(".nv-members-list").inner_text()


def test_a_bad_value_is_refused_at_the_field_and_a_good_one_saved(page, open_app, server):
    open_app(page, "medlemmer")
    form = page.locator(".nv-member-form")
    form.get_by_label("Navn *").fill("Karin Lund")
    form.get_by_label("Praksistype *").select_option(label="Psykolog")
    form.get_by_label("Fødselsår").fill("19x5")
    form.get_by_role("button", name="Tilføj medlem").click()
    birth_year_field = form.locator(".nv-field", has=page.get_by_label("Fødselsår"))
    birth_year_field.locator(".nv-field-error").get_by_text("Fødselsår: '19x5' er ikke et tal.").wait_for()
    with server.store() as store:
        assert "Karin Lund" not in [m.name for m in store.list_members(store.default_network().id)]
    form.get_by_label("Fødselsår").fill("1979")
    form.get_by_role("button", name="Tilføj medlem").click()
    page.get_by_text("Karin Lund er tilføjet.").wait_for()
    with server.store() as store:
        karin = [m for m in store.list_members(store.default_network().id) if m.name == "Karin Lund"]
    assert len(karin) == 1 and karin[0].birth_year == 1979 and karin[0].practice_type == "psychologist"


def test_typed_text_is_shown_escaped(page, open_app, server):
    open_app(page, "medlemmer")
    form = page.locator(".nv-member-form")
    form.get_by_label("Navn *").fill('<img src=x onerror="window.__pwned=1">Eva')
    form.get_by_label("Praksistype *").select_option(label="Tandlæge")
    form.get_by_role("button", name="Tilføj medlem").click()
    page.locator(".nv-members-list").get_by_text('<img src=x onerror="window.__pwned=1">Eva').wait_for()
    assert page.evaluate("window.__pwned") is None


def test_members_app_on_a_phone(phone, open_app, shoot, axe):
    open_app(phone, "medlemmer")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
    shoot(phone, "members-phone")
    axe(phone)

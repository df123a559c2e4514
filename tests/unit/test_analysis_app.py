"""The consultant app's logic without a browser: filters re-checked in Python, typed text escaped.

Widgets are found by role and label (``netvaerk_lib.ui.finder``) in the app and in the sections the notebook
shows (``app.section(name)``), and driven by setting values and clicking buttons."""

from __future__ import annotations

import ipywidgets as widgets
import pytest

from netvaerk_lib.analysis.sample import AS_OF, build_network
from netvaerk_lib.apps.consultant import ConsultantApp, table_html
from netvaerk_lib.model import Member, Network
from netvaerk_lib.store import Store
from netvaerk_lib.ui.finder import find, find_all, text_of


@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "app.sqlite") as opened:
        yield opened


def section_text(app, name: str) -> str:
    return " ".join(text_of(block) for block in find_all(app.section(name), widgets.HTML))


def section_html(app, *names: str) -> str:
    return "".join(block.value for name in names for block in find_all(app.section(name), widgets.HTML))


def error_at(app, label: str) -> str:
    widget = find(app, widgets.Widget, label)
    box = next(box for box in find_all(app, widgets.VBox) if widget in box.children)
    return find(box, widgets.HTML).value


def test_no_network_says_so(store):
    app = ConsultantApp(store=store, as_of=AS_OF)
    assert "Der er ingen netværk endnu" in app.messages.value
    assert "Der er ingen netværk endnu" in section_text(app, "warning")
    assert find(app.section("downloads"), widgets.Button, "Lav PDF-rapport").disabled


def test_period_filter_end_before_start_is_refused_at_the_field(store):
    build_network(store)
    app = ConsultantApp(store=store, as_of=AS_OF)
    find(app, widgets.Text, "Fra dato").value = "1.6.2026"
    find(app, widgets.Text, "Til dato").value = "1.1.2026"
    assert "Til-datoen ligger før fra-datoen" in error_at(app, "Til dato")
    assert "Perioden 1. jun. 2026 – …" in section_text(app, "warning")  # the last good choice stays shown
    find(app, widgets.Text, "Til dato").value = "2026-12-31"
    assert error_at(app, "Til dato") == ""
    assert "Perioden 1. jun. 2026 – 31. dec. 2026" in section_text(app, "warning")


def test_a_forged_network_id_is_refused(store):
    build_network(store)
    app = ConsultantApp(store=store, as_of=AS_OF)
    network = find(app, widgets.Dropdown, "Netværk")
    network.options = [*network.options, ("Falsk", 999)]
    network.value = 999
    assert "Vælg et netværk fra listen." in error_at(app, "Netværk")
    find(app.section("downloads"), widgets.Button, "Lav PDF-rapport").click()
    assert "Vælg et netværk fra listen" in app.messages.value
    assert section_html(app, "downloads").count("<a") == 0


def test_typed_names_are_escaped(store):
    ids = build_network(store, name="<script>alert('x')</script> netværk")
    store.add_member(ids["network"], Member(name="<b>Fed</b>", practice_type="vet"))
    store.add_network(Network(name="Andet & bedre"))
    app = ConsultantApp(store=store, as_of=AS_OF)
    find(app, widgets.Dropdown, "Netværk").value = ids["network"]
    html = section_html(app, "overview", "warning", "topics")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Andet &amp; bedre" in html
    live = table_html(app.result.members[["name", "attendance_rate"]])
    assert "&lt;b&gt;Fed&lt;/b&gt;" in live and "<b>" not in live


def test_downloads_are_data_links(store):
    build_network(store)
    app = ConsultantApp(store=store, as_of=AS_OF)
    downloads = app.section("downloads")
    find(downloads, widgets.Button, "Lav PDF-rapport").click()
    assert 'download="rapport_testnetvaerket.pdf"' in section_html(app, "downloads")
    assert 'href="data:application/pdf;base64,JVBER' in section_html(app, "downloads")
    find(downloads, widgets.Button, "Lav Excel-fil med tabellerne").click()
    assert 'download="tabeller_testnetvaerket.xlsx"' in section_html(app, "downloads")

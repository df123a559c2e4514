"""The consultant app's logic without a browser: filters re-checked in Python, typed text escaped."""

from __future__ import annotations

import datetime as dt

import pytest

from netvaerk_lib.analysis.sample import AS_OF, build_network
from netvaerk_lib.apps.consultant import ConsultantApp, table_html
from netvaerk_lib.model import Member, Network
from netvaerk_lib.store import Store


@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "app.sqlite") as opened:
        yield opened


def test_no_network_says_so(store):
    app = ConsultantApp(store=store, as_of=AS_OF)
    assert "Der er ingen netværk endnu" in app.messages.value
    assert "Der er ingen netværk endnu" in app.sections["warning"].value
    assert app.pdf_button.disabled


def test_period_filter_end_before_start_is_refused_at_the_field(store):
    build_network(store)
    app = ConsultantApp(store=store, as_of=AS_OF)
    app.start_field.widget.value = dt.date(2026, 6, 1)
    app.end_field.widget.value = dt.date(2026, 1, 1)
    assert "Til-datoen ligger før fra-datoen" in app.end_field.error.value
    assert "Perioden 1. jun. 2026 – …" in app.sections["warning"].value  # the last good choice stays shown
    app.end_field.widget.value = dt.date(2026, 12, 31)
    assert app.end_field.error.value == ""
    assert "Perioden 1. jun. 2026 – 31. dec. 2026" in app.sections["warning"].value


def test_a_forged_network_id_is_refused(store):
    build_network(store)
    app = ConsultantApp(store=store, as_of=AS_OF)
    app.network_field.widget.options = [*app.network_field.widget.options, ("Falsk", 999)]
    app.network_field.widget.value = 999
    assert "Vælg et netværk fra listen." in app.network_field.error.value
    with pytest.raises(Exception, match="Vælg et netværk fra listen"):
        app._checked_filters()


def test_typed_names_are_escaped(store):
    ids = build_network(store, name="<script>alert('x')</script> netværk")
    store.add_member(ids["network"], Member(name="<b>Fed</b>", practice_type="vet"))
    store.add_network(Network(name="Andet & bedre"))
    app = ConsultantApp(store=store, as_of=AS_OF)
    app.network_field.widget.value = ids["network"]
    html = app.sections["overview"].value + app.sections["warning"].value + app.sections["topics"].value
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Andet &amp; bedre" in html
    live = table_html(app.result.members[["name", "attendance_rate"]])
    assert "&lt;b&gt;Fed&lt;/b&gt;" in live and "<b>" not in live


def test_downloads_are_data_links(store):
    build_network(store)
    app = ConsultantApp(store=store, as_of=AS_OF)
    app._on_pdf()
    assert 'download="rapport_testnetvaerket.pdf"' in app.download.value
    assert 'href="data:application/pdf;base64,JVBER' in app.download.value
    app._on_xlsx()
    assert 'download="tabeller_testnetvaerket.xlsx"' in app.download.value

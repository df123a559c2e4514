"""The consultant app computes each analysis once per network and period, draws a section only once it is
shown, lists the networks in natural order, and reads typed period dates the Danish way.

The computations are counted by wrapping the real functions (they still run on a real SQLite file)."""

from __future__ import annotations

import collections
import datetime as dt

import ipywidgets as widgets
import pytest

from netvaerk_lib.analysis.choice import check_choice, read_date
from netvaerk_lib.analysis.sample import AS_OF, build_network
from netvaerk_lib.analysis.synthetic import generate
from netvaerk_lib.apps.consultant import app as consultant
from netvaerk_lib.apps.consultant import sections
from netvaerk_lib.model import Network, ValidationError
from netvaerk_lib.store import Store
from netvaerk_lib.ui.finder import find


@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "consult.sqlite") as opened:
        yield opened


@pytest.fixture()
def calls(monkeypatch):
    """How often each computation ran: the real functions, counted."""
    counted = collections.Counter()

    def counting(module, name):
        real = getattr(module, name)

        def wrapper(*args, **kwargs):
            counted[name] += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, wrapper)

    counting(consultant, "analyse_network")
    counting(consultant, "overview")
    for name in ("overview_html", "attendance_html", "evaluation_html", "multiples_html"):
        counting(consultant, name)
    return counted


def browser_shows(app, name: str) -> None:
    """What the page's ES module sends once the browser shows a section's charts."""
    app.sections[name]._handle_custom_msg({"type": "shown"}, [])


def test_each_network_and_period_is_computed_once(store, calls):
    generate(store, networks=3, years=1, seed=3)
    app = consultant.ConsultantApp(store=store, as_of=AS_OF)
    for name in ("overview", "warning", "attendance", "evaluation", "topics"):
        app.section(name)
    browser_shows(app, "attendance")
    browser_shows(app, "evaluation")
    network = find(app, widgets.Dropdown, "Netværk")
    first, second = network.options[0][1], network.options[1][1]
    network.value = first
    network.value = second
    network.value = first
    network.value = second
    assert calls["overview"] == 1
    assert calls["analyse_network"] == 2
    assert calls["attendance_html"] == 2 and calls["evaluation_html"] == 2
    start = find(app, widgets.Text, "Fra dato")
    start.value = "1.1.2026"
    start.value = ""
    start.value = "1.1.2026"
    assert calls["overview"] == 2  # the whole period and 1.1.2026 onwards, each once
    assert calls["analyse_network"] == 3
    assert calls["overview_html"] == 2


def test_a_section_is_drawn_only_once_it_is_shown(store, calls):
    generate(store, networks=2, years=1, seed=4)
    app = consultant.ConsultantApp(store=store, as_of=AS_OF)
    assert calls["attendance_html"] == calls["evaluation_html"] == calls["overview_html"] == 0
    app.section("overview")
    app.section("attendance")
    assert calls["overview_html"] == 1
    assert calls["attendance_html"] == 0  # its charts wait for the browser
    assert app.sections["attendance"].placeholder == "Graferne tegnes …"
    browser_shows(app, "attendance")
    assert calls["attendance_html"] == 1 and calls["evaluation_html"] == 0
    assert 'class="nv-chart nv-chart-cancellation"' in app.sections["attendance"].value
    browser_shows(app, "attendance")  # a second view of the same section draws nothing new
    assert calls["attendance_html"] == 1


def test_the_small_charts_of_every_network_are_drawn_on_request_and_kept(store, calls):
    generate(store, networks=3, years=1, seed=5)
    app = consultant.ConsultantApp(store=store, as_of=AS_OF)
    overview = app.section("overview")
    assert calls["multiples_html"] == 0 and "nv-chart-multiples" not in app.multiples.value
    show = find(overview, widgets.Button, "Vis en lille graf for hvert netværk")
    show.click()
    assert "nv-chart-multiples" in app.multiples.value
    find(overview, widgets.Button, "Skjul de små grafer").click()
    assert app.multiples.value == ""
    find(overview, widgets.Button, "Vis en lille graf for hvert netværk").click()
    assert calls["multiples_html"] == 1


def test_networks_are_listed_in_natural_order(store):
    for name in ("Netværk 10", "Netværk 2", "netværk 1", "Alfa"):
        store.add_network(Network(name=name))
    app = consultant.ConsultantApp(store=store, as_of=AS_OF)
    labels = [label for label, _ in find(app, widgets.Dropdown, "Netværk").options]
    assert labels == ["Alfa", "netværk 1", "Netværk 2", "Netværk 10"]


@pytest.mark.parametrize(("typed", "day"), [
    ("5.3.2026", dt.date(2026, 3, 5)), ("05-03-2026", dt.date(2026, 3, 5)), ("5/3/2026", dt.date(2026, 3, 5)),
    ("2026-03-05", dt.date(2026, 3, 5)), ("  ", None), ("", None),
])
def test_typed_dates_are_read_day_first(typed, day):
    assert read_date(typed) == day


@pytest.mark.parametrize("typed", ["5.3.202", "5.3", "32.1.2026", "i går", "2026-02-30"])
def test_a_half_typed_or_wrong_date_is_refused_at_its_field_in_danish(typed):
    with pytest.raises(ValidationError) as refused:
        check_choice([1], 1, typed, None)
    assert refused.value.for_field("start") == [f"'{typed}' er ikke en dato. Skriv den som dag.måned.år, fx 5.3.2026."]


def test_a_wrong_date_keeps_the_last_good_period_shown(store):
    build_network(store)
    app = consultant.ConsultantApp(store=store, as_of=AS_OF)
    app.section("warning")
    find(app, widgets.Text, "Fra dato").value = "1.6.2026"
    shown = app.sections["warning"].value
    find(app, widgets.Text, "Fra dato").value = "1.6.202"
    assert app.sections["warning"].value == shown
    assert "er ikke en dato" in app.start_field.error.value
    assert sections.period_text(app.state.data).startswith("Perioden 1. jun. 2026")

"""The start page's Python side: the network at a glance, and what it says without a network."""

from __future__ import annotations

import ipywidgets as widgets
import pytest

from netvaerk_lib.apps.start import StartApp
from netvaerk_lib.demo import create_demo
from netvaerk_lib.store import Store
from netvaerk_lib.ui.finder import find


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "netvaerk.sqlite") as opened:
        yield opened


def test_the_network_at_a_glance(store):
    create_demo(store)
    network = store.default_network()
    members = len(store.list_members(network.id))
    held = sum(1 for meeting in store.list_meetings(network.id) if meeting.status == "held")
    app = StartApp(store)
    find(app, widgets.HTML, network.name)
    glance = find(app, widgets.HTML, f"{members} medlemmer", exact=False)
    assert str(held) in glance.value and "Næste møde" in glance.value


def test_without_a_network_it_says_so(store):
    app = StartApp(store)
    find(app, widgets.HTML, "Der er ingen netværk endnu", exact=False)

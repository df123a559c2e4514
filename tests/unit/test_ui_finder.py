"""The test helper that finds widgets by role and text, not by position."""

import ipywidgets as widgets
import pytest

from netvaerk_lib.ui.finder import find, find_all, text_of, visible


def page():
    save = widgets.Button(description="Gem")
    hidden = widgets.Button(description="Slet", layout={"display": "none"})
    note = widgets.HTML("<p>Der er <strong>3</strong> af 5 til stede &amp; klar</p>")
    return widgets.VBox([widgets.HBox([save, hidden]), note, widgets.Text(description="Navn")]), save, hidden, note


def test_widgets_are_found_by_role_and_label_wherever_they_sit():
    root, save, hidden, _note = page()
    assert find(root, widgets.Button, "Gem") is save
    assert find(root, widgets.Button, "Slet") is hidden and not visible(hidden) and visible(save)
    assert [w.description for w in find_all(root, widgets.Button)] == ["Gem", "Slet"]


def test_html_blocks_are_found_by_their_text_without_markup():
    root, _save, _hidden, note = page()
    assert text_of(note) == "Der er 3 af 5 til stede & klar"
    assert find(root, widgets.HTML, "3 af 5", exact=False) is note


def test_a_missing_or_ambiguous_widget_names_what_is_there():
    root, *_ = page()
    with pytest.raises(LookupError, match="Gem"):
        find(root, widgets.Button, "Gem alt")
    with pytest.raises(LookupError, match="2 Button"):
        find(root, widgets.Button)

"""The calm page shown instead of an app when the database file cannot be used (empty, damaged, foreign, newer).

The facilitator's apps say which file and what to do (the store's message); the members' form only says to try
again later: a member sees no file path. Nothing is written to the file.
"""

from __future__ import annotations

import ipywidgets as widgets
from IPython.display import display

from ..store.check import DatabaseFileError
from ..texts import t


class UnavailablePage:
    """Stands in for an app; an analysis notebook's later calls on the app (``app.show_section(...)``) do
    nothing, so the page shows the one message instead of an error per cell."""

    def __init__(self, error: DatabaseFileError, for_members: bool):
        from . import escape, html_block, stylesheet

        self.error = error
        text = t("store.unavailable_member") if for_members else str(error)
        title = t("apps.evaluation.title") if for_members else t("store.unavailable_title")
        self.widget = widgets.VBox([
            stylesheet(),
            html_block(f'<header class="nv-header"><h1>{escape(title)}</h1></header>'),
            html_block(f'<div class="nv-message nv-warning" role="alert">{escape(text)}</div>', "nv-messages"),
        ])
        self.widget.add_class("nv-app")
        self.widget.add_class("nv-unavailable")

    def show(self) -> None:
        display(self.widget)

    def _ipython_display_(self) -> None:
        self.show()

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        return lambda *args, **kwargs: None

"""A list of typed points, each with a remove button, drawn in the browser (``points.js``) from one list: adding
or removing a point sends the list once, where a row of ipywidgets per point sends a handful of widgets."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import anywidget
import traitlets

HERE = Path(__file__).parent


class PointList(anywidget.AnyWidget):
    """``points``: ``{"id", "text", "remove", "tooltip"}`` per point; ``empty``: what shows when there are none.
    ``on_remove(callback)``: ``callback(id)`` for a remove button pressed (the id as the browser sent it)."""

    _esm = HERE / "points.js"
    points = traitlets.List().tag(sync=True)
    empty = traitlets.Unicode("").tag(sync=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._removers: list[Callable[[object], None]] = []
        self.on_msg(self._on_message)

    def on_remove(self, callback: Callable[[object], None]) -> None:
        self._removers.append(callback)

    def _on_message(self, _widget, content, _buffers) -> None:
        if isinstance(content, dict) and content.get("type") == "remove":
            for callback in self._removers:
                callback(content.get("id"))

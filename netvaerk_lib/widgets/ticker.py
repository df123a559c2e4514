"""A hidden widget that asks Python to refresh every few seconds (a browser timer: no thread touches the store)."""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets

HERE = Path(__file__).parent
REFRESH_SECONDS = 5


class Ticker(anywidget.AnyWidget):
    """Sends a tick every ``seconds``; ``callback`` runs for each tick (and for nothing else the browser sends)."""

    _esm = HERE / "ticker.js"
    seconds = traitlets.Int(REFRESH_SECONDS).tag(sync=True)

    def __init__(self, callback, **kwargs):
        super().__init__(**kwargs)
        self.layout.display = "none"
        self.on_msg(lambda _widget, content, _buffers: callback() if content == {"type": "tick"} else None)

"""HTML drawn by Python only once a browser shows it (an anywidget whose ES module is ``shown_html.js``).

For content that is slow to make, such as charts: the page is sent without it, the browser says when it shows
the widget, and ``on_shown`` then runs (once); the content arrives as soon as it is drawn.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import anywidget
import traitlets

HERE = Path(__file__).parent


class ShownHTML(anywidget.AnyWidget):
    """``value`` (HTML) as the page shows it, ``placeholder`` until there is some; ``shown`` once a browser
    showed it."""

    _esm = HERE / "shown_html.js"
    value = traitlets.Unicode("").tag(sync=True)  # HTML, named as ipywidgets names it
    placeholder = traitlets.Unicode("").tag(sync=True)

    def __init__(self, on_shown: Callable[[], None], **kwargs):
        super().__init__(**kwargs)
        self.shown = False
        self._on_shown = on_shown
        self.on_msg(self._message)

    def _message(self, _widget, content, _buffers) -> None:
        if content == {"type": "shown"} and not self.shown:  # nothing else the browser sends is acted on
            self.shown = True
            self._on_shown()

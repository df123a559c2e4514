"""Find widgets in a rendered app by role and text, as a person (or a screen reader) would.

Tests use this instead of child positions (``app.widget.children[4].children[1]``), so that a layout can change
without the tests knowing. A widget's *text* is what a person reads on it: a button's or a field's label
(``description``), the label of a ``FormField`` around it, or, for an HTML block, its text without the markup.
Roles are ipywidgets classes: ``find(app, widgets.Button, "Gem dagsordenen")``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import ipywidgets as widgets

_TAG = re.compile(r"<[^>]+>")


def walk(root) -> Iterator[widgets.Widget]:
    """Every widget under ``root`` (an app, a panel with ``.widget``, or a widget), depth first, in page order."""
    widget = getattr(root, "widget", root)
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def text_of(widget: widgets.Widget) -> str:
    """What a person reads on the widget: its label, or an HTML block's text."""
    description = getattr(widget, "description", "") or ""
    if isinstance(widget, widgets.HTML | widgets.HTMLMath) and not description:
        return " ".join(html.unescape(_TAG.sub(" ", widget.value)).split())
    return description


def find_all(root, role: type = widgets.Widget, text: str | None = None, *, exact: bool = True) -> list:
    """All widgets of ``role`` under ``root`` whose text is ``text`` (or contains it, with ``exact=False``)."""
    found = []
    for widget in walk(root):
        if not isinstance(widget, role):
            continue
        if text is not None:
            label = text_of(widget)
            if (label != text) if exact else (text not in label):
                continue
        found.append(widget)
    return found


def find(root, role: type = widgets.Widget, text: str | None = None, *, exact: bool = True):
    """The one widget of ``role`` with ``text``; fails with what was there when there is none or several."""
    found = find_all(root, role, text, exact=exact)
    if len(found) != 1:
        labels = sorted({text_of(w) for w in walk(root) if isinstance(w, role) and text_of(w)})
        raise LookupError(f"{len(found)} {role.__name__} with text {text!r}; there are: {labels[:40]}")
    return found[0]


def visible(widget: widgets.Widget) -> bool:
    """Whether the widget is shown (not hidden by ``layout.display = 'none'`` or ``visibility: hidden``)."""
    layout = getattr(widget, "layout", None)
    return not layout or (layout.display != "none" and layout.visibility != "hidden")

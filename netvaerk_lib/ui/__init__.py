"""Shared widget layer: the App base class, the one stylesheet, forms with errors at the field, escaping.

Widgets never write SQL: they call Store methods and domain functions. Every callback that reacts to a
browser event goes through :meth:`App.guarded`, so an error is logged without personal data and the
person sees a calm Danish message instead of a traceback, and nothing already saved is lost.
"""

from __future__ import annotations

import base64
import functools
import html
import logging
import os
import traceback
from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets
from IPython.display import display

from netvaerk_lib.model import ValidationError
from netvaerk_lib.store import Store, open_store
from netvaerk_lib.store.check import DatabaseFileError
from netvaerk_lib.texts import t

log = logging.getLogger("netvaerk")
STYLESHEET = Path(__file__).with_name("style.css")


def escape(text: object) -> str:
    """HTML-escape anything a person typed before it goes into an HTML widget."""
    return html.escape(str(text), quote=True)


def stylesheet() -> widgets.HTML:
    return widgets.HTML(f"<style>{STYLESHEET.read_text(encoding='utf-8')}</style>", layout={"display": "none"})


def button(label: str, *, kind: str = "", icon: str = "", tooltip: str = "") -> widgets.Button:
    """A button with an accessible name; ``kind`` is primary/success/danger/warning or ''."""
    # Layout and classes given at creation travel with the widget itself, not as messages after it.
    return widgets.Button(description=label, button_style=kind, tooltip=tooltip or label,
                          layout=widgets.Layout(width="auto"), _dom_classes=["nv-button"])


def html_block(content: str = "", css_class: str = "") -> widgets.HTML:
    return widgets.HTML(content, _dom_classes=[css_class] if css_class else [])


def download_link(data: bytes, file_name: str, mime: str, label: str, css_class: str = "") -> str:
    """A link that saves ``data`` as ``file_name`` from the page itself (no file on the server to fetch)."""
    source = base64.b64encode(data).decode("ascii")
    classes = " ".join(filter(None, ["nv-download", css_class]))
    return (f'<a class="{classes}" download="{escape(file_name)}" href="data:{mime};base64,{source}">'
            f'{escape(label)}</a>')


def card(children: list[widgets.Widget], title: str = "", css_class: str = "") -> widgets.VBox:
    heading = [html_block(f"<h2>{escape(title)}</h2>")] if title else []
    return widgets.VBox(heading + list(children), _dom_classes=["nv-card", *([css_class] if css_class else [])])


def log_exception(where: str, error: BaseException) -> None:
    """Log where it failed and the stack, but not the message: messages may hold what a person typed."""
    stack = "".join(traceback.format_tb(error.__traceback__))
    log.error("%s failed with %s\n%s", where, type(error).__name__, stack)


class App:
    """Base of every app: store, stylesheet, header, message area, body, guarded callbacks."""

    title_key = "app.name"
    home_link = True
    for_members = False  # a member's page never shows a file path, only "try again later"

    def __new__(cls, store: Store | None = None, *args, **kwargs):
        """Open the store first: a file that cannot be used gives a calm page instead of the app."""
        app = super().__new__(cls)
        if store is None:
            try:
                app._opened_store = open_store()
            except DatabaseFileError as error:
                log.error("the database file cannot be used: %s", error.kind)
                return UnavailablePage(error, cls.for_members)
        return app

    def __init__(self, store: Store | None = None):
        self.store = store if store is not None else self.__dict__.pop("_opened_store", None) or open_store()
        self.messages = html_block("", "nv-messages")
        self.body = widgets.VBox()
        self.body.add_class("nv-body")
        home = ""
        if self.home_link:
            home = f'<a class="nv-home" href="start.ipynb">{escape(t("common.back_to_start"))}</a>'
        header = html_block(f'<header class="nv-header">{home}<h1>{escape(t(self.title_key))}</h1></header>')
        self.widget = widgets.VBox([stylesheet(), header, self.messages, self.body])
        self.widget.add_class("nv-app")

    def show(self) -> None:
        display(self.widget)

    def _ipython_display_(self) -> None:
        self.show()

    def say(self, text: str, kind: str = "info") -> None:
        """Show a message above the body; ``kind`` is info, success, warning or error."""
        role = "alert" if kind == "error" else "status"
        self.messages.value = f'<div class="nv-message nv-{kind}" role="{role}">{escape(text)}</div>'

    def clear_message(self) -> None:
        self.messages.value = ""

    def open_network(self):
        """The network the app works on (the default one); None, with a message saying so, when there is none."""
        network = self.store.default_network()
        if network is None:
            self.say(t("common.no_network"), "warning")
        return network

    def guarded(self, callback: Callable) -> Callable:
        """Wrap a widget callback: validation errors are shown, anything else is logged and apologised for."""

        @functools.wraps(callback)
        def run(*args, **kwargs):
            try:
                return callback(*args, **kwargs)
            except ValidationError as error:
                self.say(str(error), "error")
            except Exception as error:  # noqa: BLE001 - the person must never see a traceback
                log_exception(f"{type(self).__name__}.{getattr(callback, '__name__', 'callback')}", error)
                self.say(t("common.unexpected_error"), "error")
            return None

        return run


class FormField:
    """A labelled input with its own error line, so a refused value is shown at the field.

    The label is the widget's own description, which ipywidgets renders as a ``<label for=...>``: screen
    readers announce it, and the stylesheet puts it above the input.
    """

    def __init__(self, name: str, widget: widgets.Widget, label: str, required: bool = False):
        self.name, self.widget = name, widget
        widget.description = f"{label} *" if required else label
        widget.style.description_width = "initial"
        self.error = html_block("", "nv-field-error")
        widget.layout.width = "100%"
        widget.add_class("nv-input")
        self.box = widgets.VBox([widget, self.error])
        self.box.add_class("nv-field")

    @property
    def value(self) -> object:
        return self.widget.value

    def show_error(self, messages: list[str]) -> None:
        self.error.value = "".join(f'<div role="alert">{escape(m)}</div>' for m in messages)
        if messages:
            self.box.add_class("nv-invalid")
        else:
            self.box.remove_class("nv-invalid")


class Form:
    """Fields by name; errors from a ValidationError go to their fields."""

    def __init__(self, fields: list[FormField]):
        self.fields = {f.name: f for f in fields}
        self.widget = widgets.VBox([f.box for f in fields])
        self.widget.add_class("nv-form")

    def raw_values(self) -> dict[str, str]:
        return {name: "" if f.value is None else str(f.value) for name, f in self.fields.items()}

    def clear_errors(self) -> None:
        for f in self.fields.values():
            f.show_error([])

    def show_errors(self, error: ValidationError) -> list[str]:
        """Put each message at its field; return the messages that belong to no field here."""
        self.clear_errors()
        rest = []
        for problem in error.errors:
            if problem.field in self.fields:
                self.fields[problem.field].show_error(error.for_field(problem.field))
            else:
                rest.append(problem.message)
        return rest


def request_query() -> str:
    """The page's query string. A preheated kernel runs this notebook before anyone asks for the page; it waits
    here (everything above is already loaded) until Voilà hands it a request."""
    if os.environ.get("VOILA_PREHEAT") == "True":
        from voila.utils import wait_for_request  # noqa: PLC0415 - only a preheated Voilà kernel has it to wait for

        wait_for_request()
    return os.environ.get("QUERY_STRING", "")


class UnavailablePage:
    """Stands in for an app; an analysis notebook's later calls on the app (``app.show_section(...)``) do
    nothing, so the page shows the one message instead of an error per cell."""

    def __init__(self, error: DatabaseFileError, for_members: bool):
        self.error = error
        text = t("store.unavailable_member") if for_members else t(error.text_key, path=error.path)
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

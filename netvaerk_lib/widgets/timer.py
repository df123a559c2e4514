"""The timer widget: an anywidget whose ES module (``timer.js``) keeps the time in the browser.

The browser computes the remaining time from a deadline, so the countdown stays exact while the kernel is
busy, and it talks to the kernel only when a control is used: each event carries the phase and its running
total of used time. :class:`TimerWidget` checks every event again with :class:`PhaseLog` before it counts,
and hands the checked totals to a recorder (the store, in the app). The widget is self-contained, so the
facilitator dashboard can embed it: ``TimerWidget(program, recorder)``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import anywidget
import traitlets

from netvaerk_lib.model.timers import Program
from netvaerk_lib.texts import t
from netvaerk_lib.timers.log import BadEvent, PhaseLog, Recorder

HERE = Path(__file__).parent
log = logging.getLogger("netvaerk")

TEXT_KEYS = (
    "start", "pause", "resume", "next", "previous", "finish", "plus_minute", "reset", "mute", "unmute",
    "enable_sound", "projector", "exit_projector", "phase_of", "next_phase", "last_phase", "ready", "paused",
    "overtime", "overtime_hint", "overtime_hint_last", "done", "help", "remaining", "overtime_aria",
)


def widget_texts() -> dict[str, str]:
    """The texts the browser shows, from the catalogue (``timers.widget.*``), in the current language."""
    return {key: t(f"timers.widget.{key}") for key in TEXT_KEYS}


class TimerWidget(anywidget.AnyWidget):
    _esm = HERE / "timer.js"
    _css = HERE / "timer.css"

    program = traitlets.Dict().tag(sync=True)
    texts = traitlets.Dict().tag(sync=True)
    muted = traitlets.Bool(False).tag(sync=True)
    # Where the run is, as far as checked events tell (read-only for the browser: not synced).
    status = traitlets.Unicode("idle")
    phase_index = traitlets.Int(0)

    def __init__(self, program: Program, recorder: Recorder | None = None, **kwargs):
        super().__init__(texts=widget_texts(), **kwargs)
        self._listeners: list[Callable[[str, PhaseLog], None]] = []
        self.refused = 0
        self.load(program, recorder)
        self.on_msg(self._on_message)

    def load(self, program: Program, recorder: Recorder | None = None) -> None:
        """Show another program; the browser starts it from the beginning. A run still going is ended."""
        if not program.phases:
            raise ValueError("a timer program needs at least one phase")
        previous = getattr(self, "phase_log", None)
        if previous is not None and previous.status in ("running", "paused") and previous.recorder:
            previous.recorder.end()
        self.phase_log = PhaseLog(program, recorder)
        self.status, self.phase_index = "idle", 0
        self.program = {**program.to_json(), "serial": self.program.get("serial", 0) + 1}

    def on_event(self, callback: Callable[[str, PhaseLog], None]) -> None:
        """Call ``callback(event, log)`` after each checked event (e.g. to refresh a planned-vs-used table)."""
        self._listeners.append(callback)

    def _on_message(self, _widget, content, _buffers) -> None:
        try:
            event = self.phase_log.apply(content)
        except BadEvent as error:
            self.refused += 1
            log.warning("timer event refused: %s", error)
            return
        self.status, self.phase_index = self.phase_log.status, self.phase_log.index
        for callback in self._listeners:
            callback(event, self.phase_log)

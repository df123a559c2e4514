"""The member's evaluation ("Evaluering"): reached by a personal one-time code, anonymous, one screen.

The code comes from the page address (``?code=ABC234``) or is typed. Voilà hands the query string to the
kernel as ``QUERY_STRING``: in the environment of a kernel started for the request, or, for a preheated kernel
(the member server keeps a pool), only once a page request has taken it, so :func:`request_query` waits for
that first. Nothing else is needed: no login, no name. This module imports
only what the form needs (no pandas, no matplotlib), so the page opens quickly on a phone.
"""

from __future__ import annotations

import os
from urllib.parse import parse_qs

from ..evaluation.codes import display
from ..evaluation.form_widget import EvaluationFormWidget
from ..evaluation.submission import CheckedCode, CodeProblem, check_code, submit
from ..model import ValidationError
from ..texts import long_date, t
from ..ui import App, log_exception

MAX_CODE_ATTEMPTS = 10  # wrong codes per page: guessing a code takes a new page (and kernel) every 10 tries


def code_from_query(query: str | None) -> str:
    """The ``code`` parameter of a query string ('code=ABC234&x=1' -> 'ABC234'), or ''."""
    values = parse_qs(query or "", keep_blank_values=True).get("code") or [""]
    return values[0][:32]


def request_query() -> str:
    """The page's query string. A preheated kernel runs this notebook before anyone asks for the page; it waits
    here (everything above is already loaded) until Voilà hands it a request."""
    if os.environ.get("VOILA_PREHEAT") == "True":
        from voila.utils import wait_for_request

        wait_for_request()
    return os.environ.get("QUERY_STRING", "")


def _ratings(value: object) -> dict[str, object]:
    """The ratings as the browser sent them, kept as they are for validation (only the shape is fixed here)."""
    return {str(key): rating for key, rating in value.items()} if isinstance(value, dict) else {}


class EvaluationFormApp(App):
    title_key = "apps.evaluation.title"
    home_link = False  # members reach only this page
    for_members = True

    def __init__(self, store=None, query: str | None = None):
        super().__init__(store)
        self.checked: CheckedCode | None = None
        self.done = False
        self.failed_codes = 0
        self.form = EvaluationFormWidget()
        self.form.on_msg(self.guarded(self._on_message))
        self.body.children = [self.form]
        self.widget.add_class("nv-evaluation-form")
        code = code_from_query(request_query() if query is None else query)
        if code:
            self.enter_code(code)

    # -- the two things a member does ----------------------------------------------------------------------

    def enter_code(self, typed: object) -> bool:
        """Check a code; show the questions, or say why the code cannot be used. Nothing is stored."""
        if self.done:
            return False
        typed = typed if isinstance(typed, str) else ""
        if self.failed_codes >= MAX_CODE_ATTEMPTS:
            self._answer(step="code", code=typed[:16], errors={"code": [t("evaluation.code.too_many")]})
            return False
        try:
            self.checked = check_code(self.store, typed)
        except CodeProblem as problem:
            self.failed_codes += 1
            self._answer(step="code", code=typed[:16], errors={"code": [problem.message]})
            return False
        meeting = self.store.get_meeting(self.checked.meeting_id)
        self.form.questions = [{"key": q.key, "kind": q.kind, "label": q.label(), "required": q.required}
                               for q in self.checked.questions]
        self.form.meeting = t("evaluation.form.meeting", date=long_date(meeting.starts_at))
        self._answer(step="form", code=display(self.checked.code), errors={}, problem="")
        return True

    def send(self, content: dict) -> bool:
        """Store the answers if the code is still good and every answer passes; else say what to fix."""
        if self.done:
            self.form.send_state()  # a repeat whose first answer may have been lost: send the whole state again
            return False
        if self.checked is None:
            return False  # a form sent without a code: ignored
        share_goal = content.get("share_goal", False)
        try:
            submit(self.store, self.checked.code, _ratings(content.get("ratings")),
                   _ratings(content.get("texts")), share_goal=share_goal, goal_text=content.get("goal_text", ""))
        except CodeProblem as problem:
            self._answer(problem=problem.message, errors={})
            return False
        except ValidationError as error:
            fields = {e.field for e in error.errors}
            self._answer(problem="", errors={name: error.for_field(name) for name in fields})
            return False
        self.done = True
        self.form.goal_shared = share_goal is True
        self._answer(step="done", problem="", errors={})
        return True

    # -- plumbing ----------------------------------------------------------------------------------------------

    def _on_message(self, _widget, content, _buffers) -> None:
        if not isinstance(content, dict):
            return
        try:
            if content.get("type") == "code":
                self.enter_code(content.get("code"))
            elif content.get("type") == "submit":
                self.send(content)
        except Exception as error:
            log_exception("EvaluationFormApp", error)
            self._answer(problem=t("common.unexpected_error"))
        finally:
            self.form.serial += 1  # ends the browser's "sending" state whatever happened

    def _answer(self, **changes) -> None:
        with self.form.hold_sync():
            for name, value in changes.items():
                setattr(self.form, name, value)

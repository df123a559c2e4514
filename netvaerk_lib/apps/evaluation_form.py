"""The member's evaluation ("Evaluering") as a Voilà app: the form's host in Voilà and JupyterLab.

Members use the same form on the members' server (:mod:`netvaerk_lib.web`, no kernel); this app is the
facilitator's preview and ``notebooks/evaluering.ipynb``. The code comes from the page address
(``?code=ABC234``) or is typed. Voilà hands the query string to the kernel as ``QUERY_STRING``: in the
environment of a kernel started for the request, or, for a preheated kernel, only once a page request has
taken it, so :func:`request_query` waits for that first. This module imports only what the form needs (no
pandas, no matplotlib), so the page opens quickly.
"""

from __future__ import annotations

from urllib.parse import parse_qs

from netvaerk_lib.evaluation.codes import display
from netvaerk_lib.evaluation.submission import CheckedCode, CodeProblem, check_code, submit
from netvaerk_lib.model import ValidationError
from netvaerk_lib.texts import t
from netvaerk_lib.ui import App, log_exception, request_query
from netvaerk_lib.widgets.evaluation_form import EvaluationFormWidget, form_state

MAX_CODE_ATTEMPTS = 10  # wrong codes per page: guessing a code takes a new page (and kernel) every 10 tries


def code_from_query(query: str | None) -> str:
    """The ``code`` parameter of a query string ('code=ABC234&x=1' -> 'ABC234'), or ''."""
    values = parse_qs(query or "", keep_blank_values=True).get("code") or [""]
    return values[0][:32]


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
        self._answer(**form_state(self.store, self.checked), step="form", code=display(self.checked.code),
                     errors={}, problem="")
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

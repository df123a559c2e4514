"""What the members' server answers to the form's two messages: the same evaluation rules as in Voilà.

Each answer is the set of model values that change (``step``, ``code``, ``questions``, ``errors`` ...), which
the browser's model adapter (``widgets/http_model.js``) applies as a kernel's comm would.
"""

from __future__ import annotations

from netvaerk_lib.evaluation.codes import display
from netvaerk_lib.evaluation.submission import CodeProblem, check_code, submit
from netvaerk_lib.model import ValidationError
from netvaerk_lib.store import Store
from netvaerk_lib.texts import t
from netvaerk_lib.widgets.evaluation_form import form_state


class WrongCode(Exception):
    """A code that does not exist: counted by the server's limit on guessing."""

    def __init__(self, changes: dict):
        self.changes = changes
        super().__init__("unknown code")


def _ratings(value: object) -> dict[str, object]:
    """The ratings or texts as the browser sent them (only the shape is fixed here; the rules check values)."""
    return {str(key): rating for key, rating in value.items()} if isinstance(value, dict) else {}


def enter_code(store: Store, typed: object) -> dict:
    """The questions for a usable code, or the reason at the code field (:class:`WrongCode` for an unknown one)."""
    typed = typed if isinstance(typed, str) else ""
    try:
        checked = check_code(store, typed)
    except CodeProblem as problem:
        changes = {"step": "code", "code": typed[:16], "errors": {"code": [problem.message]}, "problem": ""}
        if problem.reason == "unknown":
            raise WrongCode(changes) from problem
        return changes
    return {**form_state(store, checked), "step": "form", "code": display(checked.code), "errors": {},
            "problem": ""}


def send_answers(store: Store, content: dict) -> dict:
    """Store the answers if the code is still good and every answer passes; else what to fix."""
    share_goal = content.get("share_goal", False)
    try:
        submit(store, content.get("code") if isinstance(content.get("code"), str) else None,
               _ratings(content.get("ratings")), _ratings(content.get("texts")), share_goal=share_goal,
               goal_text=content.get("goal_text", ""))
    except CodeProblem as problem:
        if problem.reason == "unknown":
            raise WrongCode({"problem": problem.message, "errors": {}}) from problem
        return {"problem": problem.message, "errors": {}}
    except ValidationError as error:
        fields = {e.field for e in error.errors}
        return {"problem": "", "errors": {name: error.for_field(name) for name in fields}}
    return {"step": "done", "goal_shared": share_goal is True, "problem": "", "errors": {}}


def too_many(message_type: str) -> dict:
    """The answer once an address has tried too many wrong codes: at the code field, or over the form."""
    message = t("web.too_many_codes")
    if message_type == "submit":
        return {"problem": message, "errors": {}}
    return {"step": "code", "errors": {"code": [message]}, "problem": ""}

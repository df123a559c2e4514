"""The member's evaluation form as one small browser widget (anywidget): plain HTML form controls.

Why not a column of ipywidgets: a native ``<form>`` gives real radio groups (``fieldset``/``legend``, arrow
keys, one tab stop per question), labels a screen reader announces, large touch targets and one widget model
instead of twenty, so the page is ready sooner on a phone. The browser only collects and shows; every value
is checked again in Python (:mod:`netvaerk_lib.evaluation.submission`) when it arrives, and every text is set
as ``textContent``, never as HTML.

Python -> browser: ``step`` ('code', 'form', 'done'), ``questions``, ``errors`` (field -> messages),
``problem`` (a message for the whole form), ``serial`` (bumped after every answer to a message, which ends
the browser's "sending" state). Browser -> Python: ``{"type": "code", "code": ...}`` and
``{"type": "submit", "ratings": {...}, "texts": {...}, "share_goal": bool, "goal_text": str}``.

Two hosts run the one module: Voilà and JupyterLab through this widget (its kernel answers the messages), and
the members' server (:mod:`netvaerk_lib.web`) through ``http_model.js``, a model adapter that posts the same
messages as JSON and applies the answer. Both use :func:`form_texts` and :func:`form_state`.
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets

from netvaerk_lib.evaluation.submission import MAX_ANSWER_TEXT, MAX_GOAL_TEXT, CheckedCode
from netvaerk_lib.store import Store
from netvaerk_lib.texts import long_date, t

HERE = Path(__file__).parent

TEXT_KEYS = (
    "code_intro", "code_label", "code_hint", "code_button", "meeting", "anonymous", "required",
    "scale_low", "scale_high", "count", "goal_legend", "goal_share", "goal_hint", "goal_label", "send",
    "sending", "summary", "done_title", "done_text", "done_goal", "done_close", "code_shown",
    "no_connection",
)


LIMITS = {"text": MAX_ANSWER_TEXT, "goal": MAX_GOAL_TEXT}


def form_texts() -> dict[str, str]:
    return {key: t(f"evaluation.form.{key}") for key in TEXT_KEYS}


def form_state(store: Store, checked: CheckedCode) -> dict:
    """The questions and the meeting's date for a usable code: what both hosts show on the form step."""
    meeting = store.get_meeting(checked.meeting_id)
    return {"questions": [{"key": q.key, "kind": q.kind, "label": q.label(), "required": q.required}
                          for q in checked.questions],
            "meeting": t("evaluation.form.meeting", date=long_date(meeting.starts_at))}


class EvaluationFormWidget(anywidget.AnyWidget):
    _esm = HERE / "evaluation_form.js"
    _css = HERE / "evaluation_form.css"

    texts = traitlets.Dict().tag(sync=True)
    limits = traitlets.Dict(LIMITS).tag(sync=True)
    step = traitlets.Unicode("code").tag(sync=True)
    code = traitlets.Unicode("").tag(sync=True)  # shown on the form; prefilled in the code field
    meeting = traitlets.Unicode("").tag(sync=True)
    questions = traitlets.List().tag(sync=True)
    errors = traitlets.Dict().tag(sync=True)
    problem = traitlets.Unicode("").tag(sync=True)
    goal_shared = traitlets.Bool(False).tag(sync=True)
    serial = traitlets.Int(0).tag(sync=True)

    def __init__(self, **kwargs):
        super().__init__(texts=form_texts(), **kwargs)

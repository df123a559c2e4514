"""The member's side: check a code, validate the answers, spend the code and store the answers.

Everything a form sends is checked again here (a browser can send any value or click a disabled button).
The answers are stored without member, code or time, and never beside the code's spend: the spend goes to
the database, the answer, sealed (:mod:`netvaerk_lib.evaluation.sealing`), to the inbox file, in transactions
of their own (see ``store.evaluation``). The optional goal is the one thing a member chooses to share under
their own name; it goes to the goal follow-up when the evaluation closes (until then it waits with the spend,
never with the answer).
"""

from __future__ import annotations

from dataclasses import dataclass

from netvaerk_lib.evaluation import codes, sealing
from netvaerk_lib.evaluation.closing import close_due, is_due
from netvaerk_lib.model import CONTROL_CHARACTERS, Evaluation, EvaluationQuestion, FieldError, Goal, ValidationError
from netvaerk_lib.store import Store
from netvaerk_lib.texts import t

RATING_RANGE = range(1, 6)
MAX_ANSWER_TEXT = 1000
MAX_GOAL_TEXT = 500
GOAL_FIELD = "goal"


class CodeProblem(Exception):
    """The code cannot be used: ``reason`` is 'unknown', 'spent' or 'closed'; ``message`` says so in Danish."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return t(f"evaluation.code.{self.reason}")


@dataclass(frozen=True)
class CheckedCode:
    """A code that may be used now: which meeting and which form. The member id stays here, never in answers."""

    code: str
    code_hash: str
    meeting_id: int
    member_id: int
    questions: tuple[EvaluationQuestion, ...]


def check_code(store: Store, typed: str | None) -> CheckedCode:
    """The usable code behind what was typed or linked, or :class:`CodeProblem`."""
    code = codes.normalize(typed)
    if code is None:
        raise CodeProblem("unknown")
    try:
        close_due(store)
    except sealing.SealProblem:
        pass  # the facilitator is told where they close; for the member an evaluation past its time is closed
    sessions = {codes.code_hash(session.salt, code): session for session in store.evaluation_sessions()}
    found = store.find_evaluation_codes(sessions)
    if not found:
        raise CodeProblem("unknown")
    found.sort(key=lambda stored: (not sessions[stored.code_hash].is_open, stored.spent))
    stored = found[0]
    session = sessions[stored.code_hash]
    if not session.is_open or is_due(store, session.meeting_id):
        raise CodeProblem("closed")
    if stored.spent:
        raise CodeProblem("spent")
    return CheckedCode(code, stored.code_hash, stored.meeting_id, stored.member_id,
                       tuple(store.question_set(session.question_set_id)))


def _encodable(text: str) -> bool:
    """Text a file can hold (a lone half of a surrogate pair, which a crafted request can send, is not)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def validate_answers(questions, ratings: dict, texts: dict, *, share_goal: bool = False,
                     goal_text: object = "") -> tuple[dict[str, int], dict[str, str], str | None]:
    """Check every answer against the form; (ratings, texts, goal or None), or :class:`ValidationError`.

    Ratings must be whole numbers 1-5, required questions answered, texts within their limits; answers to
    questions that are not on the form are refused.
    """
    errors: list[FieldError] = []
    by_key = {question.key: question for question in questions}
    for key in set(ratings) | set(texts):
        question = by_key.get(key)
        wrong_kind = question is not None and (key in ratings) != (question.kind == "rating")
        if question is None or wrong_kind:
            errors.append(FieldError(str(key), t("evaluation.error.not_on_form")))
    clean_ratings: dict[str, int] = {}
    clean_texts: dict[str, str] = {}
    for question in questions:
        label = question.label()
        if question.kind == "rating":
            value = ratings.get(question.key)
            if value is None:
                if question.required:
                    errors.append(FieldError(question.key, t("evaluation.error.rating_required", question=label)))
            elif isinstance(value, bool) or not isinstance(value, int) or value not in RATING_RANGE:
                errors.append(FieldError(question.key, t("evaluation.error.rating_range", question=label)))
            else:
                clean_ratings[question.key] = value
        else:
            value = texts.get(question.key)
            if value is not None and not isinstance(value, str):
                errors.append(FieldError(question.key, t("evaluation.error.not_text", question=label)))
                continue
            text = (value or "").strip()
            if not text:
                if question.required:
                    errors.append(FieldError(question.key, t("evaluation.error.text_required", question=label)))
            elif len(text) > MAX_ANSWER_TEXT:
                errors.append(FieldError(question.key, t("evaluation.error.too_long", question=label,
                                                         limit=MAX_ANSWER_TEXT, length=len(text))))
            elif CONTROL_CHARACTERS.search(text) or not _encodable(text):
                errors.append(FieldError(question.key, t("evaluation.error.unreadable_text", question=label)))
            else:
                clean_texts[question.key] = text
    goal = None
    if share_goal is True:
        text = goal_text.strip() if isinstance(goal_text, str) else ""
        if not text:
            errors.append(FieldError(GOAL_FIELD, t("evaluation.error.goal_required")))
        elif len(text) > MAX_GOAL_TEXT:
            errors.append(FieldError(GOAL_FIELD, t("evaluation.error.goal_too_long", limit=MAX_GOAL_TEXT,
                                                   length=len(text))))
        else:
            goal = text
    elif share_goal is not False:
        errors.append(FieldError(GOAL_FIELD, t("evaluation.error.not_on_form")))
    if errors:
        raise ValidationError(errors)
    return clean_ratings, clean_texts, goal


def submit(store: Store, typed_code: str | None, ratings: dict, texts: dict, *, share_goal: bool = False,
           goal_text: object = "") -> CheckedCode:
    """Spend the code and store the answers (and the shared goal); all or nothing.

    Raises :class:`CodeProblem` (closed evaluation, unknown or spent code) or :class:`ValidationError`
    and then nothing is stored. Two submissions with the same code: exactly one is stored.

    The answer is sealed first, padded to the form's longest answer. Then, holding the inbox's write lock (so
    that a close cannot fall in between), the spend (and the goal) is committed in the database, and after it
    the sealed answer in the inbox. Should the answer not be stored after the spend committed, the spend is
    undone, so the member may send again. Should the process stop between the two commits, the code is spent
    without an answer (the member was not told "saved"); never is an answer stored without its spend.
    """
    checked = check_code(store, typed_code)
    clean_ratings, clean_texts, goal = validate_answers(checked.questions, ratings, texts, share_goal=share_goal,
                                                         goal_text=goal_text)
    session = store.evaluation_session(checked.meeting_id)
    if session is None or not session.is_open:
        raise CodeProblem("closed")  # closed since the code was checked
    session = sealing.ensure_key(store, session)
    sealed = sealing.seal(session, Evaluation(checked.meeting_id, clean_ratings, clean_texts),
                          sealing.padded_length(checked.questions, MAX_ANSWER_TEXT))
    spent, goal_key = False, None
    try:
        with store.inbox_transaction():
            goal_key = _spend(store, checked, goal)
            spent = True
            store.add_pending_evaluation(checked.meeting_id, sealed)
    except BaseException:
        if spent:
            store.undo_spend(checked.code_hash, goal_key)
        raise
    return checked


def _spend(store: Store, checked: CheckedCode, goal: str | None) -> str | None:
    """Spend the code (and keep the shared goal aside) in one database transaction; the goal's key, if any.

    Checked again under the lock: another kernel may have spent the code or closed the evaluation meanwhile."""
    with store.transaction():
        session = store.evaluation_session(checked.meeting_id)
        if session is None or not session.is_open or is_due(store, checked.meeting_id):
            raise CodeProblem("closed")
        if not store.find_evaluation_codes([checked.code_hash]):
            raise CodeProblem("unknown")  # the facilitator replaced it with a new code meanwhile
        if not store.mark_code_spent(checked.code_hash):
            raise CodeProblem("spent")
        if goal is None:
            return None
        return store.add_shared_goal(Goal(member_id=checked.member_id, text=goal, meeting_id=checked.meeting_id))

"""The facilitator's side of access: open and close a meeting's evaluation, issue codes, links and QR codes."""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from urllib.parse import quote, urlsplit, urlunsplit

import segno

from netvaerk_lib.evaluation import codes
from netvaerk_lib.model.evaluation import EvaluationSession
from netvaerk_lib.store import Store

FORM_NOTEBOOK = "evaluering.ipynb"


@dataclass(frozen=True)
class Progress:
    """How far a meeting's evaluation has come: answers so far against members present."""

    is_open: bool
    answered: int
    present: int
    codes_issued: int


def open_evaluation(store: Store, meeting_id: int) -> EvaluationSession:
    """Open (or reopen) the evaluation; the first opening fixes the network's current question set."""
    session = store.evaluation_session(meeting_id)
    question_set_id = session.question_set_id if session else \
        store.current_question_set_id(store.get_meeting(meeting_id).network_id)
    return store.set_evaluation_status(meeting_id, "open", question_set_id)


def close_evaluation(store: Store, meeting_id: int) -> EvaluationSession:
    """Close the evaluation: its codes no longer work. Nothing is deleted; the write-ahead log, which could
    pair a spent code with its answer, is emptied."""
    if store.evaluation_session(meeting_id) is None:
        open_evaluation(store, meeting_id)
    session = store.set_evaluation_status(meeting_id, "closed")
    store.forget_write_history()
    return session


def present_member_ids(store: Store, meeting_id: int) -> list[int]:
    return sorted(member_id for member_id, record in store.attendance(meeting_id).items()
                  if record.status == "present")


def issue_codes(store: Store, meeting_id: int, member_ids: list[int] | None = None) -> dict[int, str]:
    """A new personal code for each member named (default: every present member without a code yet).

    Returns member id -> code; the code itself is shown once and only its hash is stored. Asking again for a
    member with an unspent code replaces that code (the old one stops working); members who have answered
    are skipped.
    """
    session = store.evaluation_session(meeting_id) or open_evaluation(store, meeting_id)
    existing = {code.member_id: code for code in store.evaluation_codes(meeting_id)}
    if member_ids is None:
        member_ids = [member_id for member_id in present_member_ids(store, meeting_id) if member_id not in existing]
    wanted = [member_id for member_id in member_ids if not (member_id in existing and existing[member_id].spent)]
    issued: dict[int, str] = {}
    taken = {code.code_hash for code in existing.values()}
    for member_id in wanted:
        code = codes.new_code()
        while codes.code_hash(session.salt, code) in taken:
            code = codes.new_code()
        taken.add(codes.code_hash(session.salt, code))
        issued[member_id] = code
    store.replace_evaluation_codes(meeting_id, {member_id: codes.code_hash(session.salt, code)
                                                for member_id, code in issued.items()})
    return issued


def progress(store: Store, meeting_id: int) -> Progress:
    session = store.evaluation_session(meeting_id)
    return Progress(is_open=bool(session and session.is_open), answered=store.evaluation_count(meeting_id),
                    present=len(present_member_ids(store, meeting_id)),
                    codes_issued=len(store.evaluation_codes(meeting_id)))


def form_url(environ: dict | None = None) -> str:
    """The address of the member form, as seen from a member's phone.

    ``NETVAERK_PUBLIC_URL`` (the server's public base address) wins; otherwise the address of the current
    Voilà page (``SERVER_NAME``, ``SERVER_PORT``, ``SCRIPT_NAME``, which Voilà puts in the kernel's
    environment) with the notebook name replaced by the form's.
    """
    environ = os.environ if environ is None else environ
    script = environ.get("SCRIPT_NAME") or f"/voila/render/{FORM_NOTEBOOK}"
    form_path = script.rsplit("/", 1)[0] + "/" + FORM_NOTEBOOK
    public = environ.get("NETVAERK_PUBLIC_URL")
    if public:
        parts = urlsplit(public.rstrip("/"))
        return urlunsplit((parts.scheme, parts.netloc, parts.path + form_path, "", ""))
    host = environ.get("SERVER_NAME") or "localhost"
    port = environ.get("SERVER_PORT")
    netloc = f"{host}:{port}" if port and port not in ("80", "443") else host
    scheme = "https" if port == "443" else "http"
    return urlunsplit((scheme, netloc, form_path, "", ""))


def form_link(code: str, base_url: str) -> str:
    """The form's address with the code in the query, so that scanning the QR code opens the form ready."""
    return f"{base_url}?code={quote(code)}"


def qr_svg(link: str) -> str:
    """The link as an inline SVG QR code (quiet zone included, sized by its container through the viewBox)."""
    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="svg", scale=6, xmldecl=False, svgns=True, nl=False,
                                     title=link, svgclass="evaluation-qr", omitsize=True)
    return buffer.getvalue().decode("utf-8")


def qr_png(link: str, scale: int = 8) -> bytes:
    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="png", scale=scale)
    return buffer.getvalue()

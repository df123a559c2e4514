"""The facilitator's side of access: issue codes, follow attendance, count, links and QR codes.

Opening and closing live in :mod:`netvaerk_lib.evaluation.closing` (the member form needs them without QR
codes); they are named here too, as the facilitator's apps know them."""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from urllib.parse import quote, urlsplit, urlunsplit

import segno

from netvaerk_lib.evaluation import codes
from netvaerk_lib.evaluation.closing import close_after, close_due, close_evaluation, fail, open_evaluation
from netvaerk_lib.store import Store

__all__ = ["Progress", "close_after", "close_due", "close_evaluation", "follow_attendance", "form_link", "form_url",
           "issue_codes", "open_evaluation", "present_member_ids", "progress", "qr_png", "qr_svg"]

FORM_NOTEBOOK = "evaluering.ipynb"


@dataclass(frozen=True)
class Progress:
    """How far a meeting's evaluation has come: how many present members have answered ("N af M til stede").

    ``state`` is 'not_opened', 'open' or 'closed'. ``answered`` never exceeds ``present``: an answer stays when
    its member is later re-marked as away, and the count must not tell whose it was."""

    state: str
    answered: int
    present: int

    @property
    def is_open(self) -> bool:
        return self.state == "open"

    @property
    def is_closed(self) -> bool:
        return self.state == "closed"


def present_member_ids(store: Store, meeting_id: int) -> list[int]:
    return sorted(member_id for member_id, record in store.attendance(meeting_id).items()
                  if record.status == "present")


def issue_codes(store: Store, meeting_id: int, member_ids: list[int] | None = None) -> dict[int, str]:
    """A new personal code for each present member named (default: every present member without a code yet).

    Returns member id -> code; the code itself is shown once and only its hash is stored. Asking again for a
    member replaces their code (the old one stops working). Every present member asked for gets a code, the
    same way, whether or not they have answered: a member who has answered gets one that the form says is
    used, so what the facilitator sees tells nobody who has answered. Members not present get none.
    """
    session = store.evaluation_session(meeting_id)
    if session is None or not session.is_open:
        raise fail("code", "evaluation.code.closed")
    existing = {code.member_id: code for code in store.evaluation_codes(meeting_id)}
    present = present_member_ids(store, meeting_id)
    if member_ids is None:
        member_ids = [member_id for member_id in present if member_id not in existing]
    wanted = [member_id for member_id in dict.fromkeys(member_ids) if member_id in set(present)]
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


def follow_attendance(store: Store, meeting_id: int, member_id: int, status: str) -> None:
    """Codes follow attendance: a member marked as not present (afbud, udeblevet) loses an unused code."""
    if status != "present":
        store.void_evaluation_code(meeting_id, member_id)


def progress(store: Store, meeting_id: int) -> Progress:
    """'N af M til stede har svaret', the same in every view: N counts the answers (spent codes while open,
    released answers after the close), M the members marked present now."""
    session = store.evaluation_session(meeting_id)
    present = len(present_member_ids(store, meeting_id))
    if session is None:
        return Progress("not_opened", 0, present)
    answered = store.spent_code_count(meeting_id) if session.is_open else store.evaluation_count(meeting_id)
    return Progress(session.status, min(answered, present), present)


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

"""Sealed answers: while an evaluation is open, its answers reach the files only sealed, all of one length.

Opening an evaluation makes a key pair. The public key is stored with the session, so that every kernel and the
members' server can seal; the private key is a file of its own (mode 0600) in a per-user folder outside the
database's folder (:func:`key_dir`), named by a random id, not by the meeting. An answer is sealed with HPKE
(RFC 9180: X25519, HKDF-SHA256, ChaCha20-Poly1305, the meeting bound in as ``info``) after its canonical JSON
is padded to the longest answer the meeting's form allows, so that neither content nor size tells anything.

The close reads the private key, opens every sealed answer at once, and only after the answers are committed in
the database wipes the key file (overwritten, then removed). A close that finds no key changes nothing: the
answers wait, sealed, until the key is put back. So a copy of the database files taken at any moment holds no
answer in clear that could be tied to a code's spend; see docs/CONFIDENTIALITY.md.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import secrets
from collections.abc import Callable, Sequence
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric import x25519

from netvaerk_lib.model import Evaluation, EvaluationQuestion, FieldError, ValidationError
from netvaerk_lib.model.evaluation import EvaluationSession
from netvaerk_lib.store import Store
from netvaerk_lib.texts import t

KEY_DIR_ENV = "NETVAERK_KEY_DIR"
SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)
KEY_SUFFIX = ".key"
# The widest a character of an answer's text can be in its JSON: four bytes of UTF-8 (control characters,
# which JSON would write as six, are refused at the field).
WIDEST_CHARACTER = "\U0010ffff"


class SealProblem(ValidationError):
    """The sealed answers cannot be opened (the key file is missing, unreadable or wrong); nothing was changed.
    The message is for the facilitator, in Danish."""

    def __init__(self, key: str, **values: object):
        super().__init__([FieldError("evaluation", t(key, **values))])


def key_dir(environ: dict | None = None) -> Path:
    """Where private keys live: ``NETVAERK_KEY_DIR``, else ``$XDG_STATE_HOME/netvaerk/keys`` (default
    ``~/.local/state/netvaerk/keys``): the user's state, not the database's folder."""
    environ = os.environ if environ is None else environ
    if environ.get(KEY_DIR_ENV):
        return Path(environ[KEY_DIR_ENV])
    state = environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "netvaerk" / "keys"


def key_path(key_id: str) -> Path:
    return key_dir() / f"{key_id}{KEY_SUFFIX}"


def _sync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def new_key(database: Path) -> tuple[str, str]:
    """Make a key pair and write the private key to a new file (0600) outside the database's folder; returns
    (public key, key id). Refused when the key folder is inside the database's folder: a copy of that folder
    would then carry the key beside the sealed answers."""
    folder = key_dir()
    if folder.resolve().is_relative_to(database.resolve().parent):
        raise SealProblem("evaluation.seal.key_dir_inside", folder=folder, variable=KEY_DIR_ENV)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    private = x25519.X25519PrivateKey.generate()
    key_id = secrets.token_hex(16)
    descriptor = os.open(key_path(key_id), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(descriptor, private.private_bytes_raw())
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    _sync_folder(folder)
    return private.public_key().public_bytes_raw().hex(), key_id


def wipe_key(key_id: str) -> None:
    """Overwrite the private key file, then remove it (gone already: nothing to do)."""
    path = key_path(key_id)
    try:
        with path.open("r+b") as handle:
            handle.write(b"\0" * max(path.stat().st_size, 32))
            handle.flush()
            os.fsync(handle.fileno())
    except FileNotFoundError:
        return
    path.unlink(missing_ok=True)
    _sync_folder(path.parent)


def ensure_key(store: Store, session: EvaluationSession) -> EvaluationSession:
    """The session with a sealing key: one opened before answers were sealed gets one now (once, whichever
    kernel is first)."""
    if session.public_key is not None or not session.is_open:
        return session
    public_key, key_id = new_key(store.path)
    if not store.set_evaluation_key(session.meeting_id, public_key, key_id):
        wipe_key(key_id)
    return store.evaluation_session(session.meeting_id)


def _canonical(ratings: dict, texts: dict) -> bytes:
    return json.dumps({"ratings": ratings, "texts": texts}, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def padded_length(questions: Sequence[EvaluationQuestion], max_text: int) -> int:
    """The length every answer to this form is padded to: that of the longest answer the form allows (every
    rating given, every text at its limit in the widest characters)."""
    ratings = {question.key: 5 for question in questions if question.kind == "rating"}
    texts = {question.key: WIDEST_CHARACTER * max_text for question in questions if question.kind != "rating"}
    return len(_canonical(ratings, texts))


def _info(meeting_id: int) -> bytes:
    return f"netvaerk evaluation answer, meeting {meeting_id}".encode("ascii")


def seal(session: EvaluationSession, evaluation: Evaluation, length: int) -> str:
    """The answer's canonical JSON, padded with spaces to ``length`` and sealed to the session's public key."""
    plain = _canonical(dict(evaluation.ratings), dict(evaluation.texts))
    if len(plain) > length:
        raise ValueError("an answer is longer than its form allows")  # the form's limits were checked first
    public_key = x25519.X25519PublicKey.from_public_bytes(bytes.fromhex(session.public_key))
    sealed = SUITE.encrypt(plain.ljust(length, b" "), public_key, info=_info(session.meeting_id))
    return base64.b64encode(sealed).decode("ascii")


def _private_key(key_id: str) -> x25519.X25519PrivateKey:
    path = key_path(key_id)
    try:
        return x25519.X25519PrivateKey.from_private_bytes(path.read_bytes())
    except (OSError, ValueError) as error:
        raise SealProblem("evaluation.seal.key_missing", path=path) from error


def opener(session: EvaluationSession) -> Callable[[list], list[Evaluation]]:
    """What opens the session's sealed answers, all together, at its close: the private key is read now, so a
    missing key stops the close before anything changes (:class:`SealProblem`)."""
    private = _private_key(session.key_id) if session.key_id else None

    def open_one(entry: object) -> Evaluation:
        if isinstance(entry, dict):  # written in clear before answers were sealed
            return Evaluation(session.meeting_id, entry["ratings"], entry["texts"])
        if private is None:
            raise SealProblem("evaluation.seal.cannot_open")
        try:
            plain = SUITE.decrypt(base64.b64decode(str(entry), validate=True), private, info=_info(session.meeting_id))
        except (InvalidTag, ValueError, binascii.Error) as error:
            raise SealProblem("evaluation.seal.cannot_open") from error
        answer = json.loads(plain)
        return Evaluation(session.meeting_id, answer["ratings"], answer["texts"])

    return lambda pool: [open_one(entry) for entry in pool]


def forget_keys(store: Store) -> None:
    """Wipe the key files of closed evaluations (their answers are in the database): after each close, and
    again should a close have stopped between the release and the wipe."""
    waiting = store.keys_to_forget()
    if waiting:
        store.tidy_inbox()
    for meeting_id, key_id in waiting:
        wipe_key(key_id)
        store.forget_evaluation_key(meeting_id)

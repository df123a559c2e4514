"""Personal one-time codes: short, easy to type on a phone, from an alphabet without look-alikes.

Only a salted hash of a code is stored. The code space is small on purpose (it is typed by hand), so the
hash keeps the codes from being read off the database file, not from a determined brute force; the
evaluation is closed after the meeting, which ends the codes' use.
"""

from __future__ import annotations

import hashlib
import secrets

# No 0/O, 1/I/L: nothing that reads as another character on a small screen.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
_IGNORED = " -_.\t"


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalize(typed: str | None) -> str | None:
    """The code in canonical form ('abc-def ' -> 'ABCDEF'), or None if it cannot be a code."""
    if not isinstance(typed, str):
        return None
    code = "".join(char for char in typed.upper() if char not in _IGNORED)
    if len(code) != CODE_LENGTH or any(char not in ALPHABET for char in code):
        return None
    return code


def display(code: str) -> str:
    """'ABCDEF' -> 'ABC DEF' (two groups read more easily aloud and off a screen)."""
    half = len(code) // 2
    return f"{code[:half]} {code[half:]}"


def code_hash(salt: str, code: str) -> str:
    return hashlib.sha256(f"{salt}:{code}".encode()).hexdigest()

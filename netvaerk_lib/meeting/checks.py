"""The checks every run-the-meeting rule makes on what a browser sent."""

from __future__ import annotations

from netvaerk_lib.model import FieldError, ValidationError
from netvaerk_lib.texts import t


def is_id(value: object) -> bool:
    """A row id as the rules accept it: a whole number, not a bool, float or text that happens to compare equal."""
    return isinstance(value, int) and not isinstance(value, bool)


def refuse(field_name: str, key: str, /, **values: object) -> ValidationError:
    """The Danish error for ``field_name`` (raise it)."""
    return ValidationError([FieldError(field_name, t(key, **values))])

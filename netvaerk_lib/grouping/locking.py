"""Locking a grouping: who sits with whom, in which role, checked again before it is saved."""

from __future__ import annotations

import datetime as dt

from netvaerk_lib.grouping.roles import sparring_problems
from netvaerk_lib.model import FieldError, ValidationError
from netvaerk_lib.model.grouping import KINDS, ROLES, Seating
from netvaerk_lib.store import Store
from netvaerk_lib.texts import t


def seating_problems(seating: Seating, kind: str, members: set[int]) -> list[FieldError]:
    """Everything wrong with a seating: the kind, the roles, everyone a member and placed once per round, and
    for sparring the one model (same groups every round, the case to each member at most once)."""
    errors = []
    if kind not in KINDS:
        errors.append(FieldError("kind", t("grouping.error.kind")))
    for number, groups in enumerate(seating, start=1):
        placed = [seat.member for seats in groups for seat in seats]
        if len(set(placed)) != len(placed):
            errors.append(FieldError("seating", t("grouping.error.placed_twice", round=number)))
        if any(member not in members for member in placed):
            errors.append(FieldError("seating", t("grouping.error.not_member", round=number)))
        if kind in ROLES and any(seat.role not in ROLES[kind] for seats in groups for seat in seats):
            errors.append(FieldError("seating", t("grouping.error.role", round=number)))
    if not any(seats for groups in seating for seats in groups):
        errors.append(FieldError("seating", t("grouping.error.empty")))
    elif kind == "sparring":
        errors += [FieldError("seating", t(key)) for key in sparring_problems(seating)]
    return errors


def lock_grouping(store: Store, meeting_id: int, kind: str, seating: Seating, at: dt.datetime | None = None) -> int:
    """Lock a grouping for a meeting; all rows or none. Returns its id.

    Checked again here (a browser can send anything): the kind, the roles, everyone a member of the meeting's
    network and placed at most once per round.
    """
    meeting = store.get_meeting(meeting_id)
    errors = seating_problems(seating, kind, {member.id for member in store.list_members(meeting.network_id)})
    if errors:
        raise ValidationError(errors)
    return store.save_grouping(meeting_id, kind, seating, at)

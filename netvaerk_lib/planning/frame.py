"""The network's practical frame: costs per member, the trial period's checkpoint, sensible defaults.

The guide: agree the frame first, try one model for three to four meetings, then evaluate and adjust.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from netvaerk_lib.model import FieldError, Meeting, Network, ValidationError
from netvaerk_lib.texts import kroner, number, t

DEFAULT_TIMES = {"daytime": dt.time(9, 0), "after_closing": dt.time(17, 0), "weekend": dt.time(10, 0)}
DEFAULT_WEEKDAYS = {"daytime": 3, "after_closing": 3, "weekend": 5}  # Thursday, or Saturday for weekends


@dataclass(frozen=True)
class FeeSplit:
    fee_kr: int
    members: int
    per_member_kr: float
    meetings_per_year: int

    @property
    def per_member_year_kr(self) -> float:
        return self.per_member_kr * self.meetings_per_year

    def describe(self) -> str:
        """'2.000 kr. pr. møde delt på 10 medlemmer: 200 kr. hver, 1.200 kr. om året'."""
        if not self.fee_kr:
            return t("planning.fee.none")
        if not self.members:
            return t("planning.fee.no_members", fee=kroner(self.fee_kr))
        return t("planning.fee.split", fee=kroner(self.fee_kr), members=self.members,
                 each=kroner(self.per_member_kr), year=kroner(self.per_member_year_kr))


def meetings_per_year(network: Network) -> int:
    return 12 // network.frequency_months


def fee_split(network: Network, member_count: int) -> FeeSplit:
    """The external facilitator's fee per meeting shared equally by the members."""
    per_member = network.facilitator_fee_kr / member_count if member_count else 0.0
    return FeeSplit(network.facilitator_fee_kr, member_count, per_member, meetings_per_year(network))


def checkpoint_index(network: Network, meetings: list[Meeting]) -> int | None:
    """The position in ``meetings`` (in date order) after which the trial period ends: the 3rd or 4th meeting
    that is not cancelled. None when there are not that many meetings yet."""
    counted = 0
    for index, meeting in enumerate(sorted(meetings, key=lambda m: m.starts_at)):
        if meeting.status == "cancelled":
            continue
        counted += 1
        if counted == network.trial_meetings:
            return index
    return None


def checkpoint_meeting_id(network: Network, meetings: list[Meeting]) -> int | None:
    index = checkpoint_index(network, meetings)
    return sorted(meetings, key=lambda m: m.starts_at)[index].id if index is not None else None


def default_time(network: Network) -> dt.time:
    return DEFAULT_TIMES.get(network.time_of_day, dt.time(17, 0))


def default_weekday(network: Network) -> int:
    return DEFAULT_WEEKDAYS.get(network.time_of_day, 3)


def frame_summary(network: Network) -> list[tuple[str, str]]:
    """(label, value) lines describing the frame, for the app and the printed contract."""
    hours = network.length_minutes / 60
    if network.length_minutes % 30 == 0:
        length = t("planning.frame.hours", hours=number(hours, 1 if network.length_minutes % 60 else 0))
    else:
        length = t("common.minutes", n=network.length_minutes)
    venue = t(f"venue_mode.{network.venue_mode}")
    if network.venue_detail.strip() and network.venue_mode != "practice":
        venue = f"{venue}: {network.venue_detail.strip()}"
    return [
        (t("field.frequency_months"), t(f"frequency_months.{network.frequency_months}")),
        (t("planning.frame.length"), length),
        (t("field.time_of_day"), t(f"time_of_day.{network.time_of_day}")),
        (t("field.venue_mode"), venue),
        (t("field.cost_model"), t(f"cost_model.{network.cost_model}")),
        (t("field.trial_meetings"), t("planning.frame.trial", n=network.trial_meetings)),
    ] + ([(t("field.facilitator"), network.facilitator.strip())] if network.facilitator.strip() else [])


WHOLE_NUMBER_FIELDS = ("length_minutes", "facilitator_fee_kr", "late_cancellation_hours")


def frame_from_form(network: Network, values: dict[str, object]) -> Network:
    """The network with the frame as a person filled it in: whole numbers may be written '4.500' or '4 500'.
    A number that is not one is refused at its field; the rest is checked when the network is saved."""
    errors, numbers = [], {}
    for name in WHOLE_NUMBER_FIELDS:
        text = str(values.get(name, getattr(network, name)) or "")
        try:
            numbers[name] = int(text.strip().replace(".", "").replace(" ", ""))
        except ValueError:
            errors.append(FieldError(name, t("error.not_a_number", field=t(f"field.{name}"), value=text)))
    if errors:
        raise ValidationError(errors)
    return replace(network, frequency_months=int(values["frequency_months"]), time_of_day=values["time_of_day"],
                   venue_mode=values["venue_mode"], venue_detail=str(values["venue_detail"]).strip(),
                   cost_model=values["cost_model"], facilitator=str(values["facilitator"]).strip(),
                   trial_meetings=int(values["trial_meetings"]), **numbers)

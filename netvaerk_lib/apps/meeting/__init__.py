"""Kør mødet: the facilitator's dashboard during the meeting, one module per section."""

from netvaerk_lib.apps.meeting.app import MeetingApp

__all__ = ["MeetingApp"]

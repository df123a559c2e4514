"""Exercise timers: programs of timed phases built from the guide's exercises, a browser-side timer widget
(``timers.widget``, imported on its own so the library works without anywidget), and the phase log."""

from netvaerk_lib.model.timers import Phase, PhaseUse, Program, TimerRun
from netvaerk_lib.timers.log import BadEvent, PhaseLog
from netvaerk_lib.timers.programs import (
    free_program,
    interview_set,
    parse_free_lines,
    presentation_round,
    sparring_rounds,
    sparring_split,
)

__all__ = [
    "BadEvent", "Phase", "PhaseLog", "PhaseUse", "Program", "TimerRun", "free_program", "interview_set",
    "parse_free_lines", "presentation_round", "sparring_rounds", "sparring_split",
]

"""Every app the start page links to: notebook file, title and description keys, and who it is for.

The start page lists the apps whose notebook exists, so an area appears as soon as its notebook lands.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AppEntry:
    notebook: str
    title_key: str
    description_key: str
    audience: str  # "facilitator", "member" or "consultant"


APPS = (
    AppEntry("koer_moedet.ipynb", "apps.run_meeting.title", "apps.run_meeting.description", "facilitator"),
    AppEntry("medlemmer.ipynb", "apps.members.title", "apps.members.description", "facilitator"),
    AppEntry("planlaegning.ipynb", "apps.planning.title", "apps.planning.description", "facilitator"),
    AppEntry("interviews.ipynb", "apps.interviews.title", "apps.interviews.description", "facilitator"),
    AppEntry("sparringsgrupper.ipynb", "apps.sparring.title", "apps.sparring.description", "facilitator"),
    AppEntry("oevelsestimer.ipynb", "apps.timer.title", "apps.timer.description", "facilitator"),
    AppEntry("evalueringsresultater.ipynb", "apps.evaluation_results.title", "apps.evaluation_results.description",
             "facilitator"),
    AppEntry("evaluering.ipynb", "apps.evaluation.title", "apps.evaluation.description", "member"),
    AppEntry("konsulent.ipynb", "apps.consultant.title", "apps.consultant.description", "consultant"),
)

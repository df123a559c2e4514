"""The themes section: give a meeting its theme, see which topics are covered, add the group's own topics."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from netvaerk_lib.apps.planning.parts import Page, choice, labelled, set_options, set_value
from netvaerk_lib.apps.planning.state import PlanningState, meeting_options
from netvaerk_lib.model import Meeting, Topic
from netvaerk_lib.planning import service
from netvaerk_lib.planning.topics import add_own_topic, coverage, suggest_uncovered
from netvaerk_lib.texts import long_date, short_date, t
from netvaerk_lib.ui import button, card, escape, html_block


class ThemesSection:
    def __init__(self, page: Page, on_theme_set: Callable[[int], None]):
        """``on_theme_set`` hears which meeting got a new theme (its agenda's template names the theme)."""
        self.page, self.on_theme_set = page, on_theme_set
        self.theme_meeting = choice([], None, t("planning.app.meeting"))
        self.theme_topic = choice([], None, t("planning.app.theme"))
        self.own_topic = widgets.Text("", description=t("planning.app.own_topic"))
        labelled(self.theme_meeting, self.theme_topic, self.own_topic)
        self.theme_topic.layout.width = "100%"
        set_theme = button(t("planning.app.set_theme"), kind="primary")
        set_theme.on_click(page.guarded(self.set_theme))
        add_topic = button(t("planning.app.add_topic"))
        add_topic.on_click(page.guarded(self.add_topic))
        self.coverage = html_block()
        self.widget = card([
            html_block(f"<p>{escape(t('planning.app.themes_intro'))}</p>"), self.theme_meeting, self.theme_topic,
            set_theme, self.coverage, self.own_topic, add_topic,
        ], title=t("planning.app.themes_title"), css_class="nv-plan-themes")

    def render(self, state: PlanningState) -> None:
        set_options(self.theme_meeting, meeting_options(state.planned))
        set_options(self.theme_topic, [(t("planning.app.no_theme"), 0)] + [(topic.title, topic.id)
                                                                            for topic in state.topics])
        set_value(self.coverage, coverage_html(state.topics, state.meetings))

    def set_theme(self, _button=None) -> None:
        page = self.page
        meeting = page.own_meeting(self.theme_meeting.value)
        topic_id = int(self.theme_topic.value or 0) or None
        service.set_meeting_topic(page.store, meeting.id, topic_id)  # checks the topic belongs to this network
        page.say(t("planning.app.theme_set", date=long_date(meeting.starts_at)), "success")
        self.on_theme_set(meeting.id)
        page.reload()

    def add_topic(self, _button=None) -> None:
        page = self.page
        topic = add_own_topic(page.store, page.state.network.id, self.own_topic.value)
        self.own_topic.value = ""
        page.say(t("planning.app.topic_added", title=topic.title), "success")
        page.reload()


def coverage_html(topics: list[Topic], meetings: list[Meeting]) -> str:
    dates = {m.id: short_date(m.starts_at) for m in meetings}
    items = "".join(
        f'<li class="{"nv-covered" if entry.covered else "nv-uncovered"}">{escape(entry.topic.title)}'
        f' <span class="nv-sub">'
        f'{escape(", ".join(dates[i] for i in entry.meeting_ids) or t("planning.app.not_yet"))}</span></li>'
        for entry in coverage(topics, meetings))
    suggestions = suggest_uncovered(topics, meetings)
    suggest = (f'<p><strong>{escape(t("planning.app.suggest"))}</strong> '
               f'{escape(" · ".join(topic.title for topic in suggestions))}</p>') if suggestions else ""
    return f'<h3>{escape(t("planning.app.coverage"))}</h3>{suggest}<ul class="nv-coverage">{items}</ul>'

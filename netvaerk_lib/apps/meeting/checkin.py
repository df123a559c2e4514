"""Check-in: one row per member with present, cancelled (afbud) and absent, and "the rest are here". An afbud
row also says when it came (i god tid, sent, i dag), which the consultant's late-cancellation figures use."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from netvaerk_lib.apps.meeting.parts import ChoiceRow, follow_rows
from netvaerk_lib.apps.meeting.state import Context, Section
from netvaerk_lib.meeting.checkin import check_in, check_in_rows
from netvaerk_lib.model import CANCELLATION_NOTICES
from netvaerk_lib.texts import t
from netvaerk_lib.timezone import moment
from netvaerk_lib.ui import button, card, escape, html_block

STATUSES = ("present", "cancelled", "absent")


class CheckInSection(Section):
    """``attendance_changed()`` is called after each check-in: who takes part in the exercises follows it."""

    def __init__(self, context: Context, attendance_changed: Callable[[], None]):
        self.attendance_changed = attendance_changed
        self.rows: list[ChoiceRow] = []
        self.notices: dict[int, ChoiceRow] = {}  # beside each row (by id of the row): when an afbud came
        super().__init__(context)

    def build(self) -> widgets.Widget:
        self.row_box = widgets.VBox()
        self.summary = html_block()
        everyone = button(t("run.checkin.all_present"), kind="primary")
        everyone.on_click(self.handler(self._on_all_present))
        hint = t("run.checkin.notice_hint", hours=self.state.network.late_cancellation_hours)
        intro = html_block(f'<p>{escape(t("run.checkin.intro"))} {escape(hint)}</p>')
        return card([intro, everyone, self.summary, self.row_box], title=t("run.section.checkin"),
                    css_class="nv-run-checkin")

    def render(self) -> None:
        rows = check_in_rows(self.store, self.state.meeting)
        if len(self.rows) != len(rows):
            self.rows = follow_rows(self.rows, len(rows), self._row)
            self.row_box.children = [row.widget for row in self.rows]
        for shown, row in zip(self.rows, rows, strict=True):
            notice = self.notices[id(shown)]
            shown.show(row.member.id, f'<span class="nv-run-name">{escape(row.member.name)}</span>',
                       row.member.name, row.status)
            notice.show(row.member.id, "", row.member.name, row.notice)
            for choice in notice.buttons.values():
                choice.layout.display = "" if row.status == "cancelled" else "none"
        counts = {status: sum(1 for row in rows if row.status == status) for status in STATUSES}
        waiting = sum(1 for row in rows if row.status is None)
        self.summary.value = f'<p role="status">{escape(t("run.checkin.summary", waiting=waiting, **counts))}</p>'

    def _row(self) -> ChoiceRow:
        row = ChoiceRow("attendance", STATUSES, "run.checkin.mark", "nv-run-checkin-row", "nv-run-name",
                        self._on_check_in, self.context.guarded)
        notice = ChoiceRow("notice", CANCELLATION_NOTICES, "run.checkin.mark_notice", "nv-run-notice-row",
                           "nv-run-name", self._on_notice, self.context.guarded)
        row.widget.children += tuple(notice.buttons.values())
        self.notices[id(row)] = notice
        return row

    def _on_check_in(self, member_id: object, status: str) -> None:
        check_in(self.store, self.state.meeting, member_id, status, at=moment())
        self.attendance_changed()

    def _on_notice(self, member_id: object, notice: str) -> None:
        check_in(self.store, self.state.meeting, member_id, "cancelled", notice, at=moment())
        self.attendance_changed()

    def _on_all_present(self, _button=None) -> None:
        for row in check_in_rows(self.store, self.state.meeting):
            if row.status is None:
                check_in(self.store, self.state.meeting, row.member.id, "present")
        self.attendance_changed()

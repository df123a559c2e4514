"""The evaluation panel: open and close a meeting's evaluation, issue and show the personal codes (text, QR,
slips), and the count of answers. The results page and Kør mødet both show it.

What it shows is about attendance, never about answering: every present member has a row and gets a code the
same way, slips are printed for everyone present, and the only trace of the answers is the count
"N af M til stede har svaret" (``evaluation.sessions.progress``).

The panel keeps its state in one place (:class:`AccessState`) and paints it in one :meth:`render`; every
handler runs a rule from ``netvaerk_lib.evaluation``, updates the state and calls :meth:`render`.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field

import ipywidgets as widgets

from netvaerk_lib.evaluation import codes, results, sessions
from netvaerk_lib.evaluation.sealing import SealProblem
from netvaerk_lib.evaluation.slips import Slip, code_slips_pdf
from netvaerk_lib.model import FieldError, ValidationError
from netvaerk_lib.texts import clock, long_date, t, tn
from netvaerk_lib.ui import App, button, card, download_link, escape, html_block
from netvaerk_lib.widgets.ticker import Ticker


def chart(png: bytes, alt: str) -> widgets.HTML:
    """A chart as an image with a text alternative (``widgets.Image`` has no alt text, so an inline data URL)."""
    source = base64.b64encode(png).decode("ascii")
    return html_block(f'<img class="nv-eval-chart" src="data:image/png;base64,{source}" alt="{escape(alt)}">')


@dataclass
class AccessState:
    """What the panel shows. Codes exist in clear only here (the store keeps hashes)."""

    meeting_id: int | None = None
    codes: dict[int, str] = field(default_factory=dict)  # member id -> code made on this page
    big: int | None = None  # the member whose code is shown big
    slips: str = ""  # the download link of the latest slips (HTML)
    answered: int | None = None  # the count last shown, to notice news
    phase: str | None = None  # 'not_opened', 'open' or 'closed' as last shown


class EvaluationAccessPanel:
    """Open/close the meeting's evaluation, issue and show the personal codes (text + QR), the count.

    After a reload the codes made earlier are not known any more: "Ny kode" or the slips make fresh ones (the
    old ones stop working).
    """

    def __init__(self, app: App, meeting_id: int | None = None, form_url: str | None = None,
                 on_count_change=None, on_close=None):
        self.app, self.store = app, app.store
        self.form_url = form_url or sessions.form_url()
        self.state = AccessState()
        self.on_count_change = on_count_change  # callable(answered) for the embedding app
        self.on_close = on_close  # callable() after the evaluation was closed here
        self.status = html_block("", "nv-eval-status")
        self.note = html_block(f'<p class="nv-eval-muted">{escape(t("evaluation.access.anonymous_note"))}</p>')
        self.open_button = button(t("evaluation.access.open"), kind="primary")
        self.close_button = button(t("evaluation.access.close"))
        self.renew_button = button(t("evaluation.access.renew_all"))
        self.slips_button = button(t("evaluation.access.slips"))
        self.slips = html_block("", "nv-eval-slips")
        self.open_button.on_click(app.guarded(self._on_open))
        self.slips_button.on_click(app.guarded(self._on_slips))
        self.close_button.on_click(app.guarded(self._on_close))
        self.renew_button.on_click(app.guarded(self._on_renew_all))
        self.big = widgets.VBox()
        self.big.add_class("nv-eval-big")
        self.big_card = html_block()
        self.hide_button = button(t("evaluation.access.hide_big"))
        self.hide_button.on_click(app.guarded(self._on_hide_big))
        self.rows = widgets.VBox()
        self.rows.add_class("nv-eval-codes")
        self._rows: dict[int, tuple[widgets.HTML, widgets.Button, widgets.Button]] = {}
        self.ticker = Ticker(app.guarded(self.refresh_count))
        buttons = widgets.HBox([self.open_button, self.close_button, self.renew_button, self.slips_button])
        buttons.add_class("nv-row")
        self.widget = card([self.status, self.note, buttons, self.slips, self.big, self.rows, self.ticker],
                           title=t("evaluation.access.title"), css_class="nv-eval-access")
        if meeting_id is not None:
            self.show_meeting(meeting_id)

    @property
    def meeting_id(self) -> int | None:
        return self.state.meeting_id

    @property
    def codes(self) -> dict[int, str]:
        return self.state.codes

    # -- rendering -------------------------------------------------------------------------------------------

    def show_meeting(self, meeting_id: int) -> None:
        self.state = AccessState(meeting_id)
        self.render()

    def refresh(self) -> None:
        """Attendance or the evaluation may have changed elsewhere: paint again from the store."""
        self.render()

    def refresh_count(self) -> None:
        """The ticker's call: only the count and the buttons (cheap, every few seconds); everything when the
        evaluation was opened or closed elsewhere meanwhile."""
        if self.state.meeting_id is None:
            return
        state = self._progress()
        if state.state != self.state.phase:
            self.render()
        else:
            self._render_status(state)

    def render(self) -> None:
        if self.state.meeting_id is None:
            return
        state = self._progress()
        if not state.is_open:  # closed here or elsewhere: the codes no longer work, so they are not shown
            self.state.codes, self.state.big, self.state.slips = {}, None, ""
        self._render_status(state)
        self._render_rows(state)
        self._render_big(state)
        self.slips.value = self.state.slips if state.is_open else ""

    def _progress(self) -> sessions.Progress:
        try:
            sessions.close_due(self.store)
        except SealProblem as problem:  # past its time but without its key: it stays open, and the reason is shown
            self.app.say(str(problem), "error")
        return sessions.progress(self.store, self.state.meeting_id)

    def _render_status(self, state: sessions.Progress) -> None:
        self.state.phase = state.state
        key = {"open": "evaluation.access.is_open", "closed": "evaluation.access.is_closed"}.get(
            state.state, "evaluation.access.not_opened")
        count = results.progress_text(state.answered, state.present)
        session = self.store.evaluation_session(self.state.meeting_id)
        closes = ""
        if state.is_open and session.closes_at is not None:
            when = t("evaluation.access.closes_at", when=f"{long_date(session.closes_at)} {clock(session.closes_at)}")
            closes = f' · <span class="nv-eval-closes">{escape(when)}</span>'
        self.status.value = (f'<p class="nv-eval-state" role="status" aria-live="polite">'
                             f'<strong>{escape(t(key))}</strong> · <span class="nv-eval-count">{escape(count)}</span>'
                             f'{closes}</p>')
        self.open_button.layout.display = "" if state.state == "not_opened" else "none"
        for shown_when_open in (self.close_button, self.renew_button, self.slips_button):
            shown_when_open.layout.display = "" if state.is_open else "none"
        if state.answered != self.state.answered:
            changed = self.state.answered is not None
            self.state.answered = state.answered
            if changed and self.on_count_change:
                self.on_count_change(state.answered)

    def _render_rows(self, state: sessions.Progress) -> None:
        present = sessions.present_member_ids(self.store, self.state.meeting_id)
        if not present:
            self._rows = {}
            self.rows.children = [html_block(f"<p>{escape(t('evaluation.access.no_present'))}</p>")]
            return
        names = self._member_names()
        order = sorted(present, key=lambda m: names[m].casefold())
        if list(self._rows) != order:  # the people changed: new rows; otherwise rows are updated in place
            self._rows = {member_id: self._row_widgets(member_id, names[member_id]) for member_id in order}
            self.rows.children = [self._row_box(*parts) for parts in self._rows.values()]
        for member_id, (info, show, renew) in self._rows.items():
            info.value = self._row_html(member_id, names[member_id])
            show.layout.display = "" if state.is_open and member_id in self.state.codes else "none"
            renew.layout.display = "" if state.is_open else "none"

    def _row_widgets(self, member_id: int, name: str) -> tuple[widgets.HTML, widgets.Button, widgets.Button]:
        show = button(t("evaluation.access.show_big"), tooltip=t("evaluation.access.show_big_for", name=name))
        show.on_click(self.app.guarded(lambda _b, m=member_id: self._on_show_big(m)))
        renew = button(t("evaluation.access.renew"), tooltip=t("evaluation.access.renew_for", name=name))
        renew.on_click(self.app.guarded(lambda _b, m=member_id: self._renew([m])))
        return html_block(), show, renew

    @staticmethod
    def _row_box(info: widgets.HTML, show: widgets.Button, renew: widgets.Button) -> widgets.HBox:
        buttons = widgets.HBox([show, renew])
        buttons.add_class("nv-row")
        row = widgets.HBox([info, buttons])
        row.add_class("nv-row")
        row.add_class("nv-eval-member")
        return row

    def _row_html(self, member_id: int, name: str) -> str:
        """The member's code if this page made it; else the same words for everyone (the store's code rows
        would tell who has answered)."""
        code = self.state.codes.get(member_id)
        if code:
            link = sessions.form_link(code, self.form_url)
            qr_label = escape(t("evaluation.access.qr_for", name=name))
            return (f'<div class="nv-eval-code-row"><div class="nv-eval-qr-small" role="img" aria-label="{qr_label}">'
                    f'{sessions.qr_svg(link)}</div>'
                    f'<div><strong>{escape(name)}</strong><br><span class="nv-eval-code-text">'
                    f'{escape(codes.display(code))}</span></div></div>')
        return (f'<div class="nv-eval-code-row"><div><strong>{escape(name)}</strong><br>'
                f'<span class="nv-eval-muted">{escape(t("evaluation.access.code_not_here"))}</span></div></div>')

    def _render_big(self, state: sessions.Progress) -> None:
        member_id = self.state.big
        code = self.state.codes.get(member_id) if member_id is not None else None
        if not state.is_open or code is None:
            self.state.big = None
            self.big.children = []
            return
        name = self._member_names()[member_id]
        link = sessions.form_link(code, self.form_url)
        qr_label = escape(t("evaluation.access.qr_for", name=name))
        self.big_card.value = (
            f'<div class="nv-eval-big-card"><h3>{escape(name)}</h3>'
            f'<div class="nv-eval-qr-big" role="img" aria-label="{qr_label}">{sessions.qr_svg(link)}</div>'
            f'<p class="nv-eval-big-code">{escape(codes.display(code))}</p>'
            f'<p class="nv-eval-link">{escape(t("evaluation.access.or_open", url=self.form_url))}</p></div>')
        self.big.children = [self.big_card, self.hide_button]

    def _member_names(self) -> dict[int, str]:
        """Every member of the meeting's network by id; an erased member has a placeholder name."""
        network_id = self.store.get_meeting(self.state.meeting_id).network_id
        return {member.id: member.name or t("common.erased_member")
                for member in self.store.list_members(network_id, include_erased=True)}

    # -- acting ------------------------------------------------------------------------------------------------

    def _require_meeting(self) -> None:
        if self.state.meeting_id is None:  # an embedding page that has not chosen a meeting yet
            raise ValidationError([FieldError("meeting", t("evaluation.results.bad_meeting"))])

    def _require_open(self) -> None:
        self._require_meeting()
        if not self._progress().is_open:  # the button may be stale in the browser
            raise ValidationError([FieldError("code", t("evaluation.code.closed"))])

    def _present(self) -> list[int]:
        return sessions.present_member_ids(self.store, self.state.meeting_id)

    def _on_open(self, _button=None) -> None:
        self._require_meeting()
        sessions.open_evaluation(self.store, self.state.meeting_id)
        self.state.codes.update(sessions.issue_codes(self.store, self.state.meeting_id))
        self.app.say(t("evaluation.access.opened"), "success")
        self.render()

    def _on_close(self, _button=None) -> None:
        self._require_meeting()
        sessions.close_evaluation(self.store, self.state.meeting_id)
        self.state.codes, self.state.big, self.state.slips = {}, None, ""
        self.app.say(t("evaluation.access.closed"), "info")
        self.render()
        if self.on_close:
            self.on_close()

    def _on_show_big(self, member_id: int) -> None:
        if member_id not in self.state.codes:
            raise ValidationError([FieldError("code", t("evaluation.access.no_code"))])
        self.state.big = member_id
        self.render()

    def _on_hide_big(self, _button=None) -> None:
        self.state.big = None
        self.render()

    def _on_slips(self, _button=None) -> None:
        """A PDF with a slip for every present member; those whose code this page does not hold get a new one."""
        self._require_open()
        present = self._present()
        if not present:
            raise ValidationError([FieldError("code", t("evaluation.access.slips_none"))])
        missing = [member_id for member_id in present if member_id not in self.state.codes]
        if missing:
            self.state.codes.update(sessions.issue_codes(self.store, self.state.meeting_id, missing))
        names = self._member_names()
        chosen = sorted((Slip(names[m], self.state.codes[m]) for m in present), key=lambda s: s.name.casefold())
        meeting = self.store.get_meeting(self.state.meeting_id)
        data = code_slips_pdf(chosen, long_date(meeting.starts_at), self.form_url)
        name = f"kodesedler-{meeting.starts_at:%Y-%m-%d}.pdf"
        self.state.slips = download_link(data, name, "application/pdf",
                                         t("evaluation.access.slips_ready", count=len(chosen)))
        self.render()

    def _on_renew_all(self, _button=None) -> None:
        self._renew(self._present())

    def _renew(self, member_ids: list[int]) -> None:
        self._require_open()
        present = set(self._present())
        issued = sessions.issue_codes(self.store, self.state.meeting_id, [m for m in member_ids if m in present])
        self.state.codes.update(issued)
        self.state.slips = ""  # slips printed before hold codes that no longer work
        self.app.say(tn("evaluation.access.renewed", len(issued)), "info")
        self.render()

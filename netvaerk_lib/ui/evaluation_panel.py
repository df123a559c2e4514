"""The evaluation panel: open and close a meeting's evaluation, issue and show the personal codes (text, QR,
slips), and the live count. The results page and Kør mødet both show it."""

from __future__ import annotations

import base64

import ipywidgets as widgets

from netvaerk_lib.evaluation import codes, results, sessions
from netvaerk_lib.evaluation.slips import Slip, code_slips_pdf
from netvaerk_lib.model import FieldError, ValidationError
from netvaerk_lib.texts import long_date, t
from netvaerk_lib.ui import App, button, card, download_link, escape, html_block
from netvaerk_lib.widgets.ticker import Ticker


def chart(png: bytes, alt: str) -> widgets.HTML:
    """A chart as an image with a text alternative (``widgets.Image`` has no alt text, so an inline data URL)."""
    source = base64.b64encode(png).decode("ascii")
    return html_block(f'<img class="nv-eval-chart" src="data:image/png;base64,{source}" alt="{escape(alt)}">')


class EvaluationAccessPanel:
    """Open/close the meeting's evaluation, issue and show the personal codes (text + QR), the live count.

    Codes exist in clear only in this panel's memory (the store keeps hashes): after a reload, "new codes"
    makes fresh ones for everyone who has not answered; the old ones stop working.
    """

    def __init__(self, app: App, meeting_id: int | None = None, form_url: str | None = None):
        self.app, self.store = app, app.store
        self.meeting_id = meeting_id
        self.form_url = form_url or sessions.form_url()
        self.codes: dict[int, str] = {}
        self.status = html_block("", "nv-eval-status")
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
        self.rows = widgets.VBox()
        self.rows.add_class("nv-eval-codes")
        self.ticker = Ticker(app.guarded(self.refresh_count))
        self.on_count_change = None  # callable(answered) for the embedding app
        self._answered: int | None = None
        buttons = widgets.HBox([self.open_button, self.close_button, self.renew_button, self.slips_button])
        buttons.add_class("nv-row")
        self.widget = card([self.status, buttons, self.slips, self.big, self.rows, self.ticker],
                           title=t("evaluation.access.title"), css_class="nv-eval-access")
        if meeting_id is not None:
            self.show_meeting(meeting_id)

    # -- reading ---------------------------------------------------------------------------------------------

    def show_meeting(self, meeting_id: int) -> None:
        self.meeting_id, self.codes, self._answered = meeting_id, {}, None
        self.big.children = []
        self.slips.value = ""
        self.refresh()

    def refresh(self) -> None:
        self.refresh_count()
        self._paint_rows()

    def refresh_count(self) -> None:
        if self.meeting_id is None:
            return
        state = sessions.progress(self.store, self.meeting_id)
        key = "evaluation.access.is_open" if state.is_open else (
            "evaluation.access.is_closed" if self.store.evaluation_session(self.meeting_id) else
            "evaluation.access.not_opened")
        count = results.progress_text(state.answered, state.present)
        self.status.value = (f'<p class="nv-eval-state" role="status" aria-live="polite">'
                             f'<strong>{escape(t(key))}</strong> · <span class="nv-eval-count">{escape(count)}</span>'
                             f'</p>')
        self.open_button.layout.display = "none" if state.is_open else ""
        self.close_button.layout.display = "" if state.is_open else "none"
        self.renew_button.layout.display = "" if state.is_open else "none"
        self.slips_button.layout.display = "" if state.is_open else "none"
        if state.answered != self._answered:
            changed = self._answered is not None
            self._answered = state.answered
            if changed and self.on_count_change:
                self.on_count_change(state.answered)

    def _paint_rows(self) -> None:
        present = sessions.present_member_ids(self.store, self.meeting_id)
        if not present:
            self.rows.children = [html_block(f"<p>{escape(t('evaluation.access.no_present'))}</p>")]
            return
        session = self.store.evaluation_session(self.meeting_id)
        issued = {code.member_id for code in self.store.evaluation_codes(self.meeting_id)}
        names = self._member_names()
        self.rows.children = [self._row(names[member_id], member_id, session is not None and session.is_open,
                                        member_id in issued)
                              for member_id in sorted(present, key=lambda m: names[m].casefold())]

    def _member_names(self) -> dict[int, str]:
        """Every member of the meeting's network by id; an erased member has a placeholder name."""
        network_id = self.store.get_meeting(self.meeting_id).network_id
        return {member.id: member.name or t("common.erased_member")
                for member in self.store.list_members(network_id, include_erased=True)}

    def _answered_members(self) -> set[int]:
        """The members whose code is spent (an answer is stored, unlinked from them)."""
        return {code.member_id for code in self.store.evaluation_codes(self.meeting_id) if code.spent}

    def _row(self, name: str, member_id: int, is_open: bool, issued: bool) -> widgets.Widget:
        code = self.codes.get(member_id)
        if code:
            link = sessions.form_link(code, self.form_url)
            qr_label = escape(t("evaluation.access.qr_for", name=name))
            info = (f'<div class="nv-eval-code-row"><div class="nv-eval-qr-small" role="img" aria-label="{qr_label}">'
                    f'{sessions.qr_svg(link)}</div>'
                    f'<div><strong>{escape(name)}</strong><br><span class="nv-eval-code-text">'
                    f'{escape(codes.display(code))}</span></div></div>')
        else:
            state = "evaluation.access.code_handed_out" if issued else "evaluation.access.no_code"
            info = (f'<div class="nv-eval-code-row"><div><strong>{escape(name)}</strong><br>'
                    f'<span class="nv-eval-muted">{escape(t(state))}</span></div></div>')
        actions = []
        if is_open and code:
            show = button(t("evaluation.access.show_big"), tooltip=t("evaluation.access.show_big_for", name=name))
            show.on_click(self.app.guarded(lambda _b, m=member_id, n=name: self._show_big(m, n)))
            actions.append(show)
        if is_open:
            renew = button(t("evaluation.access.renew"), tooltip=t("evaluation.access.renew_for", name=name))
            renew.on_click(self.app.guarded(lambda _b, m=member_id: self._renew([m])))
            actions.append(renew)
        buttons = widgets.HBox(actions)
        buttons.add_class("nv-row")
        row = widgets.HBox([html_block(info), buttons])
        row.add_class("nv-row")
        row.add_class("nv-eval-member")
        return row

    def _show_big(self, member_id: int, name: str) -> None:
        code = self.codes.get(member_id)
        if code is None:
            raise ValidationError([FieldError("code", t("evaluation.access.no_code"))])
        link = sessions.form_link(code, self.form_url)
        hide = button(t("evaluation.access.hide_big"))
        hide.on_click(self.app.guarded(lambda _b: setattr(self.big, "children", [])))
        qr_label = escape(t("evaluation.access.qr_for", name=name))
        self.big.children = [html_block(
            f'<div class="nv-eval-big-card"><h3>{escape(name)}</h3>'
            f'<div class="nv-eval-qr-big" role="img" aria-label="{qr_label}">{sessions.qr_svg(link)}</div>'
            f'<p class="nv-eval-big-code">{escape(codes.display(code))}</p>'
            f'<p class="nv-eval-link">{escape(t("evaluation.access.or_open", url=self.form_url))}</p></div>'), hide]

    # -- acting ------------------------------------------------------------------------------------------------

    def _require_meeting(self) -> None:
        if self.meeting_id is None:  # an embedding page that has not chosen a meeting yet
            raise ValidationError([FieldError("meeting", t("evaluation.results.bad_meeting"))])

    def _require_open(self) -> None:
        self._require_meeting()
        session = self.store.evaluation_session(self.meeting_id)
        if session is None or not session.is_open:  # the button may be stale in the browser
            raise ValidationError([FieldError("code", t("evaluation.code.closed"))])

    def _on_open(self, _button=None) -> None:
        self._require_meeting()
        sessions.open_evaluation(self.store, self.meeting_id)
        self.codes.update(sessions.issue_codes(self.store, self.meeting_id))
        self.app.say(t("evaluation.access.opened"), "success")
        self.refresh()

    def _on_close(self, _button=None) -> None:
        self._require_meeting()
        sessions.close_evaluation(self.store, self.meeting_id)
        self.codes = {}
        self.big.children = []
        self.slips.value = ""
        self.app.say(t("evaluation.access.closed"), "info")
        self.refresh()
        if self.on_count_change:
            self.on_count_change(self._answered)

    def _on_slips(self, _button=None) -> None:
        """A PDF with a slip for every present member whose code this page still holds (codes made here)."""
        self._require_open()
        names, answered = self._member_names(), self._answered_members()
        present = set(sessions.present_member_ids(self.store, self.meeting_id))
        chosen = [Slip(names[m], code) for m, code in self.codes.items() if m in present and m not in answered]
        if not chosen:
            raise ValidationError([FieldError("code", t("evaluation.access.slips_none"))])
        chosen.sort(key=lambda slip: slip.name.casefold())
        meeting = self.store.get_meeting(self.meeting_id)
        data = code_slips_pdf(chosen, long_date(meeting.starts_at), self.form_url)
        name = f"kodesedler-{meeting.starts_at:%Y-%m-%d}.pdf"
        self.slips.value = download_link(data, name, "application/pdf",
                                         t("evaluation.access.slips_ready", count=len(chosen)))

    def _on_renew_all(self, _button=None) -> None:
        self._require_meeting()
        answered = self._answered_members()
        self._renew([m for m in sessions.present_member_ids(self.store, self.meeting_id) if m not in answered])

    def _renew(self, member_ids: list[int]) -> None:
        self._require_open()
        present = set(sessions.present_member_ids(self.store, self.meeting_id))
        issued = sessions.issue_codes(self.store, self.meeting_id, [m for m in member_ids if m in present])
        self.codes.update(issued)
        self.slips.value = ""  # slips printed before hold codes that no longer work
        skipped = len(member_ids) - len(issued)
        self.app.say(t("evaluation.access.renewed", count=len(issued)) +
                     (" " + t("evaluation.access.renew_skipped") if skipped else ""), "info")
        self.refresh()



"""The members app: list, add, edit and remove members, import/export a file, see the composition.

The page shows one :class:`MembersState`; every handler reads the widgets, runs the rule from
``members.editing`` and renders.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

import ipywidgets as widgets

from netvaerk_lib.members import composition
from netvaerk_lib.members.editing import (
    ExportFile,
    export_files,
    import_upload,
    network_member,
    remove_member,
    save_member,
)
from netvaerk_lib.members.files import MemberFileError
from netvaerk_lib.model import Member, ValidationError, label
from netvaerk_lib.texts import t, tn
from netvaerk_lib.ui import App, Form, FormField, button, card, download_link, escape, html_block

NEW = 0  # the selector's value for "a new member"
TEXT_FIELDS = ("name", "email", "years_in_profession", "years_as_leader", "practice_size", "birth_year",
               "practice_address")
LIST_COLUMNS = ("practice_type", "region", "years_as_leader", "practice_size")


def form_values(member: Member | None) -> dict[str, object]:
    """The form for a member (empty for a new one): text fields as text, choices as their codes."""
    values = {}
    for name in Member.EDITABLE_FIELDS:
        value = getattr(member, name) if member else None
        values[name] = "" if value is None else str(value) if name in TEXT_FIELDS else value
    return values


@dataclass
class MembersState:
    """What the page shows: the members, the one chosen in the form and the form as typed, and the files."""

    members: list[Member]
    selected: int = NEW
    values: dict[str, object] = field(default_factory=lambda: form_values(None))
    errors: dict[str, list[str]] = field(default_factory=dict)
    pending_removal: int | None = None  # the member whose removal waits for a yes
    notice: tuple[str, str] | None = None  # (text, kind) to show above the page, once
    imported: int | None = None  # members imported from the last file
    refused: list[str] = field(default_factory=list)  # why the last file was refused
    exports: list[ExportFile] = field(default_factory=list)

    def choose(self, member: Member | None) -> None:
        """The form for this member (or a new one), as saved; no errors, no removal waiting."""
        self.selected = member.id if member else NEW
        self.values, self.errors, self.pending_removal = form_values(member), {}, None

    def chosen(self) -> Member | None:
        return next((m for m in self.members if m.id == self.selected), None)


def _choices(kind: str) -> list[tuple[str, str]]:
    return [("", "")] + [(label(kind, code), code) for code in Member.CHOICE_FIELDS[kind]]


def _input(name: str) -> widgets.Widget:
    if name in Member.CHOICE_FIELDS:
        return widgets.Dropdown(options=_choices(name), value="")
    return widgets.Text(value="")


class MembersApp(App):
    title_key = "apps.members.title"

    def __init__(self, store=None):
        super().__init__(store)
        self.network = self.open_network()
        if self.network is None:
            return
        self._rendering = False
        self._build_widgets()
        self.state = MembersState(members=self.members())
        self.render()

    def _build_widgets(self) -> None:
        self.table = html_block()
        self.composition = html_block()
        self.selector = widgets.Dropdown(description=t("members.choose_member"), layout={"width": "100%"},
                                         style={"description_width": "initial"})
        self.selector.add_class("nv-input")
        self.form = Form([FormField(name, _input(name), t(f"field.{name}"), required=name in ("name", "practice_type"))
                          for name in Member.EDITABLE_FIELDS])
        self.save_button = button(t("members.save"), kind="primary")
        self.remove_button = button(t("members.remove"), kind="danger")
        self.removal_warning = html_block()
        self.confirm_button = button(t("members.confirm_remove"), kind="danger")
        self.keep_button = button(t("common.cancel"))
        self.confirm_box = widgets.VBox([self.removal_warning, _row([self.confirm_button, self.keep_button])])
        self.upload = widgets.FileUpload(accept=".csv,.xlsx", multiple=False, description=t("members.choose_file"))
        self.upload.add_class("nv-button")
        self.import_report = html_block()
        self.export_button = button(t("members.make_export"))
        self.export_links = html_block()
        self.body.children = [
            card([self.table], title=t("members.list_title"), css_class="nv-members-list"),
            card([html_block(f"<p>{escape(t('members.edit_intro'))}</p>"), self.selector, self.form.widget,
                  _row([self.save_button, self.remove_button]),
                  self.confirm_box], title=t("members.edit_title"), css_class="nv-member-form"),
            card([html_block(f"<p>{escape(t('members.import_intro'))}</p>"), self.upload, self.import_report,
                  html_block(f"<h3>{escape(t('members.export_title'))}</h3>"), self.export_button, self.export_links],
                 title=t("members.files_title"), css_class="nv-member-files"),
            card([self.composition], title=t("members.composition_title"), css_class="nv-composition"),
        ]
        self.selector.observe(self._handler(self._on_select), "value")
        self.save_button.on_click(self._handler(self._on_save))
        self.remove_button.on_click(self._handler(self._on_remove))
        self.confirm_button.on_click(self._handler(self._on_confirm_remove))
        self.keep_button.on_click(self._handler(self._on_keep))
        self.upload.observe(self._handler(self._on_upload), "value")
        self.export_button.on_click(self._handler(self._on_export))

    def _handler(self, rule: Callable) -> Callable:
        """A widget callback: the form as typed into the state, the rule, render; guarded. Nothing while render
        itself sets the widgets."""

        @functools.wraps(rule)
        def handle(event) -> None:
            if self._rendering:
                return
            self.state.values = {name: f.widget.value for name, f in self.form.fields.items()}
            rule(event)
            self.render()

        return self.guarded(handle)

    def members(self) -> list[Member]:
        return self.store.list_members(self.network.id)

    # --- handlers ------------------------------------------------------------------------------------------------
    def _on_select(self, change) -> None:
        member_id = change["new"]
        self.state.choose(network_member(self.store, self.network.id, member_id) if member_id else None)

    def _on_save(self, _button) -> None:
        state = self.state
        raw = {name: "" if value is None else str(value) for name, value in state.values.items()}
        try:
            saved, added = save_member(self.store, self.network.id, state.selected or None, raw)
        except ValidationError as error:
            state.errors = {name: error.for_field(name) for name in state.values if error.for_field(name)}
            rest = [problem.message for problem in error.errors if problem.field not in state.values]
            state.notice = (t("members.fix_fields") + ("\n" + "\n".join(rest) if rest else ""), "error")
            return
        state.members = self.members()
        state.choose(saved)
        state.notice = (t("members.added" if added else "members.saved", name=saved.name), "success")

    def _on_remove(self, _button) -> None:
        if self.state.selected:
            self.state.pending_removal = network_member(self.store, self.network.id, self.state.selected).id

    def _on_confirm_remove(self, _button) -> None:
        state = self.state
        if not state.selected or state.selected != state.pending_removal:
            return  # only the member whose removal was asked for, and only once
        remove_member(self.store, self.network.id, state.selected)
        state.members = self.members()
        state.choose(None)
        state.notice = (t("members.removed"), "success")

    def _on_keep(self, _button) -> None:
        self.state.choose(self.state.chosen())

    def _on_upload(self, change) -> None:
        files = change["new"]
        if not files:
            return
        upload = files[0]
        self._rendering = True  # emptying the upload is no new file
        try:
            self.upload.value = ()
        finally:
            self._rendering = False
        state = self.state
        try:
            result = import_upload(self.store, self.network.id, str(upload["name"]), bytes(upload["content"]))
        except MemberFileError as error:
            state.imported, state.refused = None, [str(problem) for problem in error.problems]
            return
        state.imported, state.refused = len(result.members), []
        state.members = self.members()
        state.choose(None)

    def _on_export(self, _button) -> None:
        self.state.exports = export_files(self.members())

    # --- render --------------------------------------------------------------------------------------------------
    def render(self) -> None:
        self._rendering = True
        try:
            self.render_list()
            self.render_form()
            self.render_files()
        finally:
            self._rendering = False

    def render_list(self) -> None:
        members = self.state.members
        self.table.value = self._table_html(members)
        self.composition.value = composition_html(members)
        options = [(t("members.new_member"), NEW)] + [(m.name, m.id) for m in members]
        if [tuple(option) for option in self.selector.options] != options:
            self.selector.options = options

    def render_form(self) -> None:
        state = self.state
        self.selector.value = state.selected
        for name, form_field in self.form.fields.items():
            form_field.widget.value = state.values[name]
            form_field.show_error(state.errors.get(name, []))
        self.remove_button.disabled = not state.selected
        self.save_button.description = t("members.save") if state.selected else t("members.add")
        pending = state.chosen() if state.pending_removal else None
        self.removal_warning.value = (f'<div class="nv-message nv-warning" role="alert">'
                                      f'{escape(t("members.remove_warning", name=pending.name))}</div>'
                                      if pending else "")
        self.confirm_box.layout.display = None if pending else "none"
        if state.notice is not None:
            self.say(*state.notice)
            state.notice = None

    def render_files(self) -> None:
        state = self.state
        if state.refused:
            heading = escape(t("members.import_refused", count=len(state.refused)))
            items = "".join(f"<li>{escape(line)}</li>" for line in state.refused)
            self.import_report.value = (f'<div class="nv-message nv-error nv-import-problems" role="alert">'
                                        f"<strong>{heading}</strong><ul>{items}</ul></div>")
        elif state.imported is not None:
            self.import_report.value = (f'<div class="nv-message nv-success" role="status">'
                                        f'{escape(tn("members.imported", state.imported))}</div>')
        links = [download_link(f.data, f.name, f.mime, t("members.download_xlsx") if f.name.endswith(".xlsx")
                               else t("members.download_csv")) for f in state.exports]
        self.export_links.value = f'<p class="nv-row">{" ".join(links)}</p>' if links else ""

    def _table_html(self, members: list[Member]) -> str:
        if not members:
            return f"<p>{escape(t('members.none_yet'))}</p>"
        head = "".join(f'<th scope="col"{_narrow(c)}>{escape(t(f"field.{c}"))}</th>' for c in LIST_COLUMNS)
        rows = "".join(
            f'<tr><th scope="row">{escape(m.name)}<div class="nv-sub">{escape(m.email)}</div></th>'
            + "".join(f"<td{_narrow(c)}>{escape(_shown(m, c))}</td>" for c in LIST_COLUMNS) + "</tr>"
            for m in members)
        summary = escape(tn("common.member_count", len(members)))
        region = escape(t("members.list_title"))
        return (f'<p>{summary}</p><div class="nv-scroll" tabindex="0" role="region" aria-label="{region}">'
                f'<table class="nv-table"><thead><tr>'
                f'<th scope="col">{escape(t("field.name"))}</th>{head}</tr></thead><tbody>{rows}</tbody></table></div>')


def _row(children: list[widgets.Widget]) -> widgets.HBox:
    row = widgets.HBox(children)
    row.add_class("nv-row")  # the stylesheet gives rows their gap and wrapping
    return row


def _narrow(column: str) -> str:
    return ' class="nv-hide-narrow"' if column in ("years_as_leader", "practice_size", "region") else ""


def _shown(member: Member, column: str) -> str:
    value = getattr(member, column)
    if value is None or value == "":
        return "–"
    if column in Member.CHOICE_FIELDS:
        return label(column, value)
    return str(value)


def composition_html(members: list[Member]) -> str:
    """The composition overview: the plain-language remarks first, then a bar per value of each dimension."""
    overview = composition.composition(members)
    remarks = "".join(f'<li class="nv-remark-{escape(r.kind)}">{escape(r.text)}</li>' for r in overview.remarks)
    total = max(overview.total, 1)
    sections = []
    for dimension, counts in overview.dimensions.items():
        bars = "".join(
            f'<div class="nv-bar"><span>{escape(c.label)}</span><span class="nv-bar-track" aria-hidden="true">'
            f'<span class="nv-bar-fill" style="width:{round(100 * c.count / total)}%;display:block"></span></span>'
            f'<span class="nv-num">{c.count}</span></div>' for c in counts)
        sections.append(f'<section class="nv-dimension"><h3>{escape(overview.title(dimension))}</h3>{bars}</section>')
    return f'<ul class="nv-remarks">{remarks}</ul><div class="nv-dimensions">{"".join(sections)}</div>'

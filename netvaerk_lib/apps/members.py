"""The members app: list, add, edit and remove members, import/export a file, see the composition."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import ipywidgets as widgets

from netvaerk_lib.members import composition
from netvaerk_lib.members.files import MemberFileError, import_member_file, write_members
from netvaerk_lib.model import Member, ValidationError, label
from netvaerk_lib.texts import t
from netvaerk_lib.ui import App, Form, FormField, button, card, download_link, escape, html_block

NEW = 0  # the selector's value for "a new member"
TEXT_FIELDS = ("name", "email", "years_in_profession", "years_as_leader", "practice_size", "birth_year",
               "practice_address")
LIST_COLUMNS = ("practice_type", "region", "years_as_leader", "practice_size")
MAX_UPLOAD_BYTES = 2_000_000


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
        self.pending_removal: int | None = None
        self._refreshing = False
        self.table = html_block()
        self.composition = html_block()
        self.selector = widgets.Dropdown(description=t("members.choose_member"), layout={"width": "100%"},
                                         style={"description_width": "initial"})
        self.selector.add_class("nv-input")
        self.selector.observe(self.guarded(self._on_select), "value")
        self.form = Form([FormField(name, _input(name), t(f"field.{name}"), required=name in ("name", "practice_type"))
                          for name in Member.EDITABLE_FIELDS])
        self.save_button = button(t("members.save"), kind="primary")
        self.remove_button = button(t("members.remove"), kind="danger")
        self.confirm_box = widgets.VBox()
        self.save_button.on_click(self.guarded(self._on_save))
        self.remove_button.on_click(self.guarded(self._on_remove))
        self.upload = widgets.FileUpload(accept=".csv,.xlsx", multiple=False, description=t("members.choose_file"))
        self.upload.add_class("nv-button")
        self.upload.observe(self.guarded(self._on_upload), "value")
        self.import_report = html_block()
        self.export_button = button(t("members.make_export"))
        self.export_links = html_block()
        self.export_button.on_click(self.guarded(self._on_export))
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
        self.refresh()

    # --- reading -------------------------------------------------------------------------------------------------
    def members(self) -> list[Member]:
        return self.store.list_members(self.network.id)

    def refresh(self, select: int = NEW) -> None:
        members = self.members()
        self.table.value = self._table_html(members)
        self.composition.value = composition_html(members)
        options = [(t("members.new_member"), NEW)] + [(m.name, m.id) for m in members]
        self._refreshing = True
        try:
            self.selector.options = options
            self.selector.value = select if any(value == select for _, value in options) else NEW
        finally:
            self._refreshing = False
        self._load(self.selector.value)

    def _table_html(self, members: list[Member]) -> str:
        if not members:
            return f"<p>{escape(t('members.none_yet'))}</p>"
        head = "".join(f'<th scope="col"{_narrow(c)}>{escape(t(f"field.{c}"))}</th>' for c in LIST_COLUMNS)
        rows = "".join(
            f'<tr><th scope="row">{escape(m.name)}<div class="nv-sub">{escape(m.email)}</div></th>'
            + "".join(f"<td{_narrow(c)}>{escape(_shown(m, c))}</td>" for c in LIST_COLUMNS) + "</tr>"
            for m in members)
        summary = escape(t("common.members_count", n=len(members)))
        region = escape(t("members.list_title"))
        return (f'<p>{summary}</p><div class="nv-scroll" tabindex="0" role="region" aria-label="{region}">'
                f'<table class="nv-table"><thead><tr>'
                f'<th scope="col">{escape(t("field.name"))}</th>{head}</tr></thead><tbody>{rows}</tbody></table></div>')

    # --- editing -------------------------------------------------------------------------------------------------
    def _on_select(self, change) -> None:
        if not self._refreshing:
            self._load(change["new"])

    def _load(self, member_id: int) -> None:
        self.pending_removal = None
        self.confirm_box.children = []
        self.form.clear_errors()
        member = self.store.get_member(member_id) if member_id else None
        for name, field in self.form.fields.items():
            value = getattr(member, name) if member else None
            field.widget.value = "" if value is None else str(value) if name in TEXT_FIELDS else value
        self.remove_button.disabled = member is None
        self.save_button.description = t("members.save") if member else t("members.add")

    def _selected(self) -> Member | None:
        member_id = self.selector.value
        if not member_id:
            return None
        member = self.store.get_member(member_id)
        if member.network_id != self.network.id or member.erased:
            raise ValidationError([])  # a stale or forged selection: nothing to save
        return member

    def _on_save(self, _button=None) -> None:
        self.clear_message()
        try:
            edited = Member.from_raw(self.form.raw_values())
        except ValidationError as error:
            rest = self.form.show_errors(error)
            self.say(t("members.fix_fields") + ("\n" + "\n".join(rest) if rest else ""), "error")
            return
        self.form.clear_errors()
        current = self._selected()
        if current is None:
            saved = self.store.add_member(self.network.id, edited)
            self.say(t("members.added", name=saved.name), "success")
        else:
            edited.id, edited.network_id = current.id, current.network_id
            edited.expected_gain, edited.in_host_rota = current.expected_gain, current.in_host_rota
            saved = self.store.update_member(edited)
            self.say(t("members.saved", name=saved.name), "success")
        self.refresh(select=saved.id)

    def _on_remove(self, _button=None) -> None:
        member = self._selected()
        if member is None:
            return
        self.pending_removal = member.id
        confirm = button(t("members.confirm_remove"), kind="danger")
        keep = button(t("common.cancel"))
        confirm.on_click(self.guarded(self._on_confirm_remove))
        keep.on_click(self.guarded(lambda _b: self._load(self.selector.value)))
        warning = html_block(f'<div class="nv-message nv-warning" role="alert">'
                             f'{escape(t("members.remove_warning", name=member.name))}</div>')
        self.confirm_box.children = [warning, _row([confirm, keep])]

    def _on_confirm_remove(self, _button=None) -> None:
        member = self._selected()
        if member is None or member.id != self.pending_removal:
            return  # only the member whose removal was asked for, and only once
        self.store.erase_member(member.id)
        self.say(t("members.removed"), "success")
        self.refresh()

    # --- files ---------------------------------------------------------------------------------------------------
    def _on_upload(self, change) -> None:
        files = change["new"]
        if not files:
            return
        upload = files[0]
        content = bytes(upload["content"])
        self.upload.value = ()
        suffix = Path(str(upload["name"])).suffix.lower()
        if suffix not in (".csv", ".xlsx") or len(content) > MAX_UPLOAD_BYTES:
            self._report_problems([t("members.bad_file_type")])
            return
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"upload{suffix}"
            path.write_bytes(content)
            try:
                result = import_member_file(self.store, self.network.id, path)
            except MemberFileError as error:
                self._report_problems([str(problem) for problem in error.problems], error)
                return
        self.import_report.value = (f'<div class="nv-message nv-success" role="status">'
                                    f'{escape(t("members.imported", n=len(result.members)))}</div>')
        self.refresh()

    def _report_problems(self, lines: list[str], error: MemberFileError | None = None) -> None:
        heading = escape(t("members.import_refused", count=len(lines)))
        items = "".join(f"<li>{escape(line)}</li>" for line in lines)
        self.import_report.value = (f'<div class="nv-message nv-error nv-import-problems" role="alert">'
                                    f"<strong>{heading}</strong><ul>{items}</ul></div>")

    def _on_export(self, _button=None) -> None:
        members = self.members()
        stamp = dt.date.today().isoformat()
        links = []
        with tempfile.TemporaryDirectory() as folder:
            for suffix, mime in ((".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                                 (".csv", "text/csv")):
                path = Path(folder) / f"medlemmer-{stamp}{suffix}"
                write_members(path, members)
                text = t("members.download_xlsx") if suffix == ".xlsx" else t("members.download_csv")
                links.append(download_link(path.read_bytes(), path.name, mime, text))
        self.export_links.value = f'<p class="nv-row">{" ".join(links)}</p>'


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

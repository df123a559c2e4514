"""Printable documents (HTML that prints cleanly on A4): a meeting's agenda and the network's contract.

Everything a person typed is escaped. The documents stand alone (their own small stylesheet, no scripts, no
outside resources), so that they can be downloaded, opened and printed anywhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape

from netvaerk_lib.model.planning import AgendaItem, exercise_label
from netvaerk_lib.planning.agenda import check_time, schedule
from netvaerk_lib.planning.contract import ContractView
from netvaerk_lib.planning.frame import fee_split, frame_summary
from netvaerk_lib.texts import date_time, language, long_date, t

PRINT_CSS = """
@page { size: A4; margin: 18mm 16mm; }
* { box-sizing: border-box; }
body { font-family: "Helvetica Neue", Arial, sans-serif; color: #1c2430; font-size: 11pt; line-height: 1.45;
       max-width: 178mm; margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 19pt; margin: 0 0 2mm; }
h2 { font-size: 13pt; margin: 7mm 0 2mm; }
.network { font-size: 11pt; text-transform: uppercase; letter-spacing: .06em; color: #4a5566; margin: 0; }
.facts { margin: 3mm 0 5mm; padding: 0; list-style: none; }
.facts li { margin: .6mm 0; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; vertical-align: top; padding: 2mm 2mm; border-bottom: .3mm solid #c9d0da; }
th { font-size: 9.5pt; color: #4a5566; border-bottom: .5mm solid #1c2430; }
td.time { white-space: nowrap; width: 24mm; }
td.minutes { white-space: nowrap; width: 16mm; text-align: right; }
.note { display: block; color: #4a5566; font-size: 9.5pt; }
.tag { font-size: 8.5pt; color: #4a5566; white-space: nowrap; }
.warning { border-left: 1.2mm solid #b3541e; padding: 2mm 3mm; background: #fbf1ea; margin: 3mm 0; }
.total { font-weight: bold; }
.signatures td { height: 14mm; }
tr, li { page-break-inside: avoid; }
@media print { body { padding: 0; } }
"""


def _document(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="{language()}"><head><meta charset="utf-8">'
            f"<title>{escape(title)}</title><style>{PRINT_CSS}</style></head>"
            f"<body>{body}</body></html>\n")


@dataclass
class AgendaView:
    network_name: str
    theme: str
    starts_at: dt.datetime
    length_minutes: int
    kind: str
    items: list[AgendaItem]
    host: str = ""
    location: str = ""
    checkpoint: bool = False
    note: str = ""


def agenda_html(view: AgendaView) -> str:
    """A meeting's agenda with clock times, time boxes and the sum checked against the meeting's length."""
    theme = view.theme or t("planning.theme.none")
    facts = [(t("planning.print.when"), date_time(view.starts_at)),
             (t("planning.print.length"), t("common.minutes", n=view.length_minutes))]
    if view.location:
        facts.append((t("field.location"), view.location))
    if view.host:
        facts.append((t("planning.print.host"), view.host))
    rows = []
    for start, end, item in schedule(view.items, view.starts_at):
        label = escape(exercise_label(item.exercise_type))
        kind = "" if item.exercise_type == "none" else f' <span class="tag">{label}</span>'
        optional = f' <span class="tag">{escape(t("planning.agenda.optional"))}</span>' if item.optional else ""
        note = f'<span class="note">{escape(item.note)}</span>' if item.note else ""
        rows.append(f'<tr><td class="time">{start:%H:%M}–{end:%H:%M}</td>'
                    f"<td>{escape(item.title)}{kind}{optional}{note}</td>"
                    f'<td class="minutes">{escape(t("common.minutes", n=item.minutes))}</td></tr>')
    check = check_time(view.items, view.length_minutes)
    warning = f'<p class="warning">{escape(check.message())}</p>' if check.over else ""
    checkpoint = f'<p class="warning">{escape(t("planning.checkpoint.text"))}</p>' if view.checkpoint else ""
    note = f"<p>{escape(view.note)}</p>" if view.note else ""
    body = (
        f'<p class="network">{escape(view.network_name)}</p>'
        f"<h1>{escape(t('planning.print.agenda_title', theme=theme))}</h1>"
        f'<p>{escape(t(f"meeting_kind.{view.kind}"))}</p>'
        '<ul class="facts">' + "".join(f"<li><strong>{escape(label)}:</strong> {escape(value)}</li>"
                                       for label, value in facts) + "</ul>"
        f"{checkpoint}{note}"
        f"<table><thead><tr><th>{escape(t('planning.print.time'))}</th><th>{escape(t('planning.print.item'))}</th>"
        f'<th class="minutes">{escape(t("planning.print.minutes"))}</th></tr></thead><tbody>'
        + "".join(rows)
        + f'<tr class="total"><td></td><td>{escape(t("planning.print.total"))}</td>'
        f'<td class="minutes">{escape(t("common.minutes", n=check.total))}</td></tr></tbody></table>'
        f"{warning}"
    )
    title = f"{view.network_name}: {t('planning.print.agenda_title', theme=theme)}"
    return _document(title, body)


def contract_html(view: ContractView, agreed_on: dt.date | None = None) -> str:
    """The contract: purpose, frame, ground rules, confidentiality, each member's expected gain, signatures."""
    network = view.network
    purpose = escape(network.purpose) if network.purpose.strip() else escape(t("planning.contract.purpose_empty"))
    rules = "".join(f"<li>{escape(rule.text)}</li>" for rule in view.rules) or f"<li>{escape(t('common.none'))}</li>"
    frame = "".join(f"<li><strong>{escape(label)}:</strong> {escape(value)}</li>"
                    for label, value in frame_summary(network))
    if network.facilitator_fee_kr:
        frame += f"<li>{escape(fee_split(network, len(view.members)).describe())}</li>"
    gains = "".join(
        f"<tr><td>{escape(member.name)}</td><td>{escape(member.expected_gain) or '&nbsp;'}</td></tr>"
        for member in view.members)
    signatures = "".join(f"<tr><td>{escape(member.name)}</td><td></td></tr>" for member in view.members)
    agreed = f"<p>{escape(t('planning.contract.agreed_on', date=long_date(agreed_on)))}</p>" if agreed_on else ""
    warnings = "".join(f'<p class="warning">{escape(warning)}</p>' for warning in view.warnings)
    body = (
        f'<p class="network">{escape(network.name)}</p>'
        f"<h1>{escape(t('planning.contract.title'))}</h1>{agreed}{warnings}"
        f"<h2>{escape(t('field.purpose'))}</h2><p>{purpose}</p>"
        f"<h2>{escape(t('planning.contract.frame'))}</h2><ul>{frame}</ul>"
        f"<h2>{escape(t('planning.contract.rules'))}</h2><ul>{rules}</ul>"
        f"<h2>{escape(t('planning.contract.confidentiality'))}</h2>"
        f"<p>{escape(view.confidentiality or t('planning.contract.confidentiality_missing'))}</p>"
        f"<h2>{escape(t('planning.contract.gains'))}</h2>"
        f"<table><thead><tr><th>{escape(t('field.name'))}</th><th>{escape(t('field.expected_gain'))}</th></tr>"
        f"</thead><tbody>{gains}</tbody></table>"
        f"<h2>{escape(t('planning.contract.signatures'))}</h2>"
        f'<table class="signatures"><thead><tr><th>{escape(t("field.name"))}</th>'
        f"<th>{escape(t('planning.contract.signature'))}</th></tr></thead><tbody>{signatures}</tbody></table>"
    )
    return _document(f"{network.name}: {t('planning.contract.title')}", body)

"""The consultant's choice of network and period, checked again here (a browser can send anything), and the
files made for the chosen network: the PDF report and the tables as Excel."""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path

from babel.dates import parse_date

from netvaerk_lib.analysis.report import NetworkAnalysis, safe_file_name, write_pdf, write_xlsx
from netvaerk_lib.model import FieldError, ValidationError
from netvaerk_lib.texts import t

PDF = "application/pdf"
YEARS = range(1900, 2101)  # a year outside is a typing slip ('5.3.202'), not a period
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Choice:
    """A network (None when there is none) and a period (None = open end)."""

    network_id: int | None = None
    start: dt.date | None = None
    end: dt.date | None = None


@dataclass(frozen=True)
class Download:
    name: str
    mime: str
    data: bytes


def check_choice(network_ids: list[int], network_id: object, start: object, end: object) -> Choice:
    """The choice, if the network is one of ``network_ids`` and the period is two dates in order (each a date,
    typed text such as '5.3.2026' or '2026-03-05', or empty); otherwise a ValidationError with the fields at
    fault."""
    errors = []
    if network_id is not None and network_id not in network_ids:
        errors.append(FieldError("network", t("analysis.app.unknown_network")))
    dates = {}
    for name, value in (("start", start), ("end", end)):
        try:
            dates[name] = read_date(value)
        except ValueError:
            errors.append(FieldError(name, t("analysis.app.bad_date", value=str(value).strip())))
    start, end = dates.get("start"), dates.get("end")
    if start is not None and end is not None and end < start:
        errors.append(FieldError("end", t("analysis.app.end_before_start")))
    if errors:
        raise ValidationError(errors)
    return Choice(network_id, start, end)


def read_date(value: object) -> dt.date | None:
    """A date from the period field: empty is an open end; typed text is read the Danish way (day first)."""
    if value is None or isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        day = dt.date.fromisoformat(text) if text[:4].isdigit() else parse_date(text, locale="da")
    except (ValueError, IndexError, TypeError):
        raise ValueError(text) from None
    if day.year not in YEARS:
        raise ValueError(text)
    return day


def _chosen(result: NetworkAnalysis | None) -> NetworkAnalysis:
    if result is None:
        raise ValidationError([FieldError("network", t("common.no_network"))])
    return result


def _file_part(name: str) -> str:
    return safe_file_name(name) or "netvaerk"


def report_pdf(result: NetworkAnalysis | None) -> Download:
    """The network's report as a PDF file to download."""
    result = _chosen(result)
    with tempfile.TemporaryDirectory() as folder:
        data = write_pdf(result, Path(folder) / "rapport.pdf").read_bytes()
    return Download(t("analysis.app.pdf_name", network=_file_part(result.name)), PDF, data)


def tables_xlsx(result: NetworkAnalysis | None) -> Download:
    """The tables behind the charts as an Excel file to download."""
    result = _chosen(result)
    with tempfile.TemporaryDirectory() as folder:
        data = write_xlsx(result.tables(), Path(folder) / "tal.xlsx").read_bytes()
    return Download(t("analysis.app.xlsx_name", network=_file_part(result.name)), XLSX, data)

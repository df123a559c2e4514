"""The consultant's choice of network and period, checked again here (a browser can send anything), and the
files made for the chosen network: the PDF report and the tables as Excel."""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path

from netvaerk_lib.analysis.report import NetworkAnalysis, safe_file_name, write_pdf, write_xlsx
from netvaerk_lib.model import FieldError, ValidationError
from netvaerk_lib.texts import t

PDF = "application/pdf"
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
    """The choice, if the network is one of ``network_ids`` and the period is two dates in order; otherwise a
    ValidationError with the fields at fault."""
    errors = []
    if network_id is not None and network_id not in network_ids:
        errors.append(FieldError("network", t("analysis.app.unknown_network")))
    for name, value in (("start", start), ("end", end)):
        if value is not None and not isinstance(value, dt.date):
            errors.append(FieldError(name, t("analysis.app.bad_date")))
    if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
        errors.append(FieldError("end", t("analysis.app.end_before_start")))
    if errors:
        raise ValidationError(errors)
    return Choice(network_id, start, end)


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

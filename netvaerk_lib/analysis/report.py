"""What the consultant hands over: the tables as CSV and XLSX (:mod:`.exports`), and a PDF report per
network (:mod:`.pdf`), both from one :class:`NetworkAnalysis` (:mod:`.network`).

This module is the one the app and the command line import; matplotlib and fpdf2 load with it.
"""

from __future__ import annotations

import pandas as pd

from netvaerk_lib.analysis.data import AnalysisData
from netvaerk_lib.analysis.exports import for_export, safe_file_name, write_csv, write_xlsx
from netvaerk_lib.analysis.network import NetworkAnalysis, analyse_network
from netvaerk_lib.analysis.overview import overview
from netvaerk_lib.texts import t

__all__ = ["NetworkAnalysis", "analyse_network", "for_export", "overview_tables", "safe_file_name", "write_csv",
           "write_pdf", "write_xlsx"]


def overview_tables(data: AnalysisData) -> dict[str, pd.DataFrame]:
    """The cross-network overview as an exportable table."""
    return {t("analysis.sheet.overview"): overview(data)}


def write_pdf(*args, **kwargs):
    """The PDF report (:func:`netvaerk_lib.analysis.pdf.write_pdf`); fpdf2 loads only when a report is made."""
    from netvaerk_lib.analysis import pdf  # noqa: PLC0415 - keeps fpdf2 off the consultant's page until needed

    return pdf.write_pdf(*args, **kwargs)

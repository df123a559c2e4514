"""Konsulentens analyse: the app (filters, state, render) and its sections' HTML."""

from netvaerk_lib.apps.consultant.app import ConsultantApp, ConsultantState, choose
from netvaerk_lib.apps.consultant.sections import table_html

__all__ = ["ConsultantApp", "ConsultantState", "choose", "table_html"]

"""Mødeplanlægning, one module per section of the page (frame, dates, rota, themes, agenda, contract)."""

from netvaerk_lib.apps.planning.app import PlanningApp

__all__ = ["PlanningApp"]

"""The tables as files a consultant opens in Excel: CSV the way Danish Excel reads it, and a workbook with
real dates, percentages, fitted column widths and a frozen header row.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl.utils import get_column_letter

from netvaerk_lib.model import visible_controls
from netvaerk_lib.texts import has, t

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SHARE_DECIMALS = 3
SCORE_DECIMALS = 2
MAX_WIDTH = 60
_VALUE_LABELS = {"category": "analysis.category", "last_category": "analysis.category", "trend": "analysis.trend",
                 "source": "analysis.source", "level": "analysis.level"}


def is_share(column: str) -> bool:
    """Columns holding a share of 1 (0.75 = 75 %): the rates, the late share and the change in absence."""
    return "_rate" in column or column.endswith("_share") or column == "trend_delta"


def is_score(column: str) -> bool:
    return column == "mean" or column.startswith("score_")


def _is_date(series: pd.Series) -> bool:
    return isinstance(series.dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_any_dtype(series)


def _safe(value: object) -> object:
    """Text a spreadsheet would run as a formula ('=HYPERLINK(...)' typed as a name) is kept as text; control
    characters, which an Excel file cannot hold, are shown as their pictures."""
    if not isinstance(value, str):
        return value
    value = visible_controls(value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def for_export(table: pd.DataFrame, dates_as_text: bool = True) -> pd.DataFrame:
    """Danish column names, categories as their labels, text that cannot turn into formulas; dates as
    'YYYY-MM-DD HH:MM' text unless ``dates_as_text`` is False (the workbook keeps real dates)."""
    out = table.copy()
    for column, prefix in _VALUE_LABELS.items():
        if column in out.columns:
            out[column] = [t(f"{prefix}.{value}") if has(f"{prefix}.{value}") else value
                           for value in out[column].astype(str)]
    for column in out.columns:
        if pd.api.types.is_bool_dtype(out[column]):
            out[column] = out[column].map({True: t("common.yes"), False: t("common.no")})
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(_safe)
        if _is_date(out[column]):
            if dates_as_text:
                out[column] = out[column].dt.strftime("%Y-%m-%d %H:%M")
            elif isinstance(out[column].dtype, pd.DatetimeTZDtype):
                out[column] = out[column].dt.tz_localize(None)
    out.columns = [column_name(c) for c in out.columns]
    return out


def column_name(column: object) -> str:
    return t(f"analysis.column.{column}") if has(f"analysis.column.{column}") else str(column)


def _rounded(table: pd.DataFrame) -> pd.DataFrame:
    """Shares to three decimals (0,857 = 85,7 %) and mean scores to two, not 0,8571428571428571."""
    out = table.copy()
    for column in out.columns:
        if pd.api.types.is_float_dtype(out[column]):
            if is_share(str(column)):
                out[column] = out[column].round(SHARE_DECIMALS)
            elif is_score(str(column)):
                out[column] = out[column].round(SCORE_DECIMALS)
    return out


def write_csv(tables: dict[str, pd.DataFrame], directory: str | Path) -> list[Path]:
    """One CSV per table, the way Danish Excel opens it (semicolons, decimal comma, UTF-8 with BOM)."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, table in tables.items():
        path = directory / f"{safe_file_name(name)}.csv"
        for_export(_rounded(table)).to_csv(path, sep=";", decimal=",", index=False, encoding="utf-8-sig")
        paths.append(path)
    return paths


def _number_format(column: str, values: pd.Series) -> str | None:
    if is_share(column):
        return "0%"
    if is_score(column):
        return "0.0"
    if _is_date(values):
        times = values.dropna()
        has_time = bool(len(times)) and bool(((times.dt.hour != 0) | (times.dt.minute != 0)).any())
        return t("analysis.xlsx.date_time") if has_time else t("analysis.xlsx.date")
    return None


def _width(header: str, values: pd.Series, number_format: str | None) -> float:
    if number_format and _is_date(values):
        longest = len(number_format)
    else:
        longest = max([len(str(value)) for value in values.dropna()] or [0])
    return min(MAX_WIDTH, max(len(header), longest, 6) + 2)


def _format_sheet(sheet, table: pd.DataFrame, exported: pd.DataFrame) -> None:
    """Number formats per column, widths fitted to the text, the header row frozen and filterable."""
    for index, (column, header) in enumerate(zip(table.columns, exported.columns, strict=True), start=1):
        letter = get_column_letter(index)
        number_format = _number_format(str(column), table[column])
        if number_format:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = number_format
        sheet.column_dimensions[letter].width = _width(header, exported.iloc[:, index - 1], number_format)
    sheet.freeze_panes = "A2"
    if len(table.columns):
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}{len(table) + 1}"


def write_xlsx(tables: dict[str, pd.DataFrame], path: str | Path) -> Path:
    """All tables in one workbook, one sheet each."""
    path = Path(path)
    partial = path.with_name(f".{path.name}.partial")  # a failure leaves no half workbook under the real name
    try:
        with pd.ExcelWriter(partial, engine="openpyxl") as writer:
            for name, table in tables.items():
                exported = for_export(table, dates_as_text=False)
                exported.to_excel(writer, sheet_name=name[:31], index=False)
                _format_sheet(writer.sheets[name[:31]], table, exported)
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return path


def safe_file_name(name: str) -> str:
    """A file name part without spaces or Danish letters: 'Møder' -> 'moeder'."""
    table = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa", " ": "_"})
    return "".join(c for c in name.translate(table) if c.isalnum() or c in "_-").lower()

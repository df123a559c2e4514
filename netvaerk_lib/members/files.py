"""Member lists as a facilitator has them: CSV from (Danish) Excel and XLSX, read and written.

Reading accepts what Excel really produces: ``;`` (Danish Excel) or ``,`` or tab as separator, a UTF-8 BOM,
UTF-16 ("Unicode text") or Windows-1252 when the bytes are not UTF-8, headers in Danish or English in any
case. A file with any bad row imports nothing; :class:`MemberFileError` lists every problem with the row
number as Excel shows it (the header is row 1), the column header as written in the file, and the reason.

Writing uses the Danish headers (the current language's) and labels, so an exported file imports again.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from netvaerk_lib.model import Member, ValidationError, label, visible_controls
from netvaerk_lib.store import Store
from netvaerk_lib.texts import catalogue, t
from netvaerk_lib.texts import number as number_text

FIELDS = Member.EDITABLE_FIELDS
REQUIRED_COLUMNS = ("name", "practice_type")
HEADER_SEARCH_ROWS = 5
# Extra header spellings seen in real lists; the catalogue's headers and field labels in both languages count too.
HEADER_ALIASES = {
    "name": ("navn", "fulde navn", "fuldt navn", "full name", "deltager", "medlem", "member"),
    "email": ("email", "mail", "e-mailadresse", "email address", "e-mail address"),
    "practice_type": ("type", "fag", "faggruppe", "profession", "type of practice"),
    "years_in_profession": ("år i fag", "erfaring i faget", "years in the profession", "years in practice"),
    "years_as_leader": ("ledererfaring", "år som chef", "years as a leader", "years of leadership"),
    "practice_size": ("ansatte", "antal ansatte", "praksisstørrelse", "medarbejdere", "employees", "staff",
                      "practice size", "number of employees"),
    "region": ("landsdel",),
    "gender": ("sex",),
    "birth_year": ("født", "year of birth", "birthyear"),
    "motivation": ("primær motivation", "primary motivation"),
    "practice_address": ("adresse", "praksisadresse", "address", "practice address"),
}
# Limits, checked before the work: a network has 8-15 members, a consultant's list some hundreds. A file under
# the size limit can still hold millions of short rows, and a small XLSX can unpack to gigabytes (zip bomb).
MAX_FILE_BYTES = 2_000_000
MAX_ROWS = 2_000
MAX_CELL_CHARS = 2_000
MAX_XLSX_UNPACKED_BYTES = 20_000_000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A '.' that cannot be a thousands separator: '2.5' is a decimal, which the model would read as Danish '25'.
DECIMAL_POINT = re.compile(r"\d+\.(\d{1,2}|\d{4,})")


@dataclass(frozen=True)
class RowProblem:
    """One problem in a file: ``row`` as Excel numbers it (None for the file as a whole)."""

    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        if not self.column:
            return t("import.problem_row", row=self.row, message=self.message)
        return t("import.problem", row=self.row, column=self.column, message=self.message)


class MemberFileError(ValueError):
    """The file cannot be imported; ``problems`` names every bad row, column and reason."""

    def __init__(self, problems: list[RowProblem]):
        self.problems = problems
        super().__init__(problems)

    def __str__(self) -> str:
        lines = [t("import.failed", count=len(self.problems))]
        return "\n".join(lines + [f"  {problem}" for problem in self.problems])


@dataclass
class MemberFile:
    """The members read from a file, the Excel row of each, and the columns that were not used."""

    members: list[Member] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)  # field -> header as written in the file


def header(name: str) -> str:
    """The column header written for a member field (current language)."""
    return t(f"import.header.{name}")


def read_members(path: str | Path, today: dt.date | None = None) -> list[Member]:
    return read_member_file(path, today).members


def read_member_file(path: str | Path, today: dt.date | None = None) -> MemberFile:
    """Read and check every row; raise :class:`MemberFileError` listing all problems if any row is bad."""
    rows = _read_table(Path(path))
    numbered = [(number, cells) for number, cells in enumerate(rows, start=1) if any(c.strip() for c in cells)]
    if not numbered:
        raise MemberFileError([RowProblem(None, "", t("import.empty_file"))])
    start = _header_index(numbered)
    header_row, header_cells = numbered[start]
    result, problems = _map_columns(header_row, header_cells)
    missing = {name for name in REQUIRED_COLUMNS if name not in result.columns}
    positions = {name: header_cells.index(text) for name, text in result.columns.items()}
    seen_emails: dict[str, int] = {}
    for number, cells in numbered[start + 1:]:
        too_long = _too_long_cells(number, cells, header_cells)
        if too_long:
            problems += too_long
            continue
        raw = {name: cells[index] if index < len(cells) else "" for name, index in positions.items()}
        row_problems = [RowProblem(number, result.columns[name], t("error.not_a_number", field=t(f"field.{name}"),
                                                                   value=raw.pop(name).strip()))
                        for name in Member.INTEGER_FIELDS if DECIMAL_POINT.fullmatch(raw.get(name, "").strip())]
        try:
            member = Member.from_raw(raw, today)
        except ValidationError as error:
            member = None  # with a required column missing, that column's errors are already reported once
            row_problems += [RowProblem(number, result.columns.get(e.field, header(e.field)), e.message)
                             for e in error.errors if e.field not in missing]
        if row_problems or member is None:
            order = {text: position for position, text in enumerate(header_cells)}
            problems += sorted(row_problems, key=lambda problem: order.get(problem.column, len(order)))
            continue
        email = member.email.strip().casefold()
        if email and email in seen_emails:
            problems.append(RowProblem(number, result.columns["email"],
                                       t("import.duplicate_email", email=member.email, row=seen_emails[email])))
            continue
        if email:
            seen_emails[email] = number
        result.members.append(member)
        result.rows.append(number)
    if len(numbered) == start + 1 and not problems:
        problems.append(RowProblem(None, "", t("import.no_members")))
    if problems:
        raise MemberFileError(problems)
    return result


def import_member_file(store: Store, network_id: int, path: str | Path, today: dt.date | None = None) -> MemberFile:
    """Read the file and add all its members to the network, or none of them."""
    member_file = read_member_file(path, today)
    known = {m.email.strip().casefold() for m in store.list_members(network_id) if m.email.strip()}
    problems = [RowProblem(row, member_file.columns["email"], t("import.email_in_network", email=member.email))
                for member, row in zip(member_file.members, member_file.rows, strict=True)
                if member.email.strip() and member.email.strip().casefold() in known]
    if problems:
        raise MemberFileError(problems)
    store.add_members(network_id, member_file.members, joined_on=today)
    return member_file


def import_members(store: Store, network_id: int, path: str | Path) -> list[Member]:
    return import_member_file(store, network_id, path).members


def write_members(path: str | Path, members: list[Member]) -> None:
    """Write a CSV (``;``, UTF-8 with BOM, as Danish Excel wants it) or an XLSX, chosen by the file's suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise MemberFileError([RowProblem(None, "", t("import.unknown_format", suffix=path.suffix or path.name))])
    rows = [[_cell(member, name) for name in FIELDS] for member in members if not member.erased]
    headers = [header(name) for name in FIELDS]
    if suffix == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
            writer.writerow(headers)
            writer.writerows([[_escape(value) for value in row] for row in rows])
        return
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = t("import.sheet_title")
    sheet.append(headers)
    for row in rows:
        sheet.append([visible_controls(v) if isinstance(v, str) else v for v in row])  # XML cannot hold them
    for cells in sheet.iter_rows():
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text that starts with '=' stays text, never a formula
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, name in zip(sheet.iter_cols(min_row=1, max_row=1), FIELDS, strict=True):
        width = max([len(header(name))] + [len(str(row[FIELDS.index(name)])) for row in rows])
        sheet.column_dimensions[column[0].column_letter].width = min(60, width + 2)
    sheet.freeze_panes = "A2"
    workbook.save(path)


def _cell(member: Member, name: str) -> object:
    value = getattr(member, name)
    if value is None:
        return ""
    if name in Member.CHOICE_FIELDS:
        return label(name, value)
    return value


def _escape(value: object) -> str:
    """A CSV cell that Excel would run as a formula gets a leading apostrophe (removed again on import);
    so does one that starts with an apostrophe itself, so that it survives the round trip."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS + ("'",)) else text


def _unescape(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS + ("'",)) else text


def _normal(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _aliases() -> dict[str, str]:
    names: dict[str, str] = {}
    for name in FIELDS:
        spellings = list(HEADER_ALIASES.get(name, ()))
        for lang in ("da", "en"):
            spellings += [catalogue(lang).get(f"import.header.{name}", ""), catalogue(lang).get(f"field.{name}", "")]
        for spelling in spellings:
            if spelling:
                names.setdefault(_normal(spelling), name)
    return names


def _header_index(numbered: list[tuple[int, list[str]]]) -> int:
    """The header is the first row with a known column; a title row or two above it is skipped."""
    aliases = _aliases()
    for index, (_number, cells) in enumerate(numbered[:HEADER_SEARCH_ROWS]):
        if any(_normal(cell) in aliases for cell in cells):
            return index
    return 0


def _map_columns(header_row: int, cells: list[str]) -> tuple[MemberFile, list[RowProblem]]:
    aliases = _aliases()
    result, problems = MemberFile(), []
    for text in cells:
        text = text.strip()
        if not text:
            continue
        name = aliases.get(_normal(text))
        if name is None:
            result.ignored_columns.append(text)
        elif name in result.columns:
            problems.append(RowProblem(header_row, text,
                                       t("import.duplicate_column", column=text, first=result.columns[name])))
        else:
            result.columns[name] = text
    if not result.columns:
        examples = "; ".join(header(name) for name in FIELDS[:3])
        return result, problems + [RowProblem(header_row, "", t("import.no_columns", examples=examples))]
    for name in REQUIRED_COLUMNS:
        if name not in result.columns:
            problems.append(RowProblem(header_row, header(name), t("import.missing_column", column=header(name))))
    return result, problems


def _too_long_cells(number: int, cells: list[str], header_cells: list[str]) -> list[RowProblem]:
    """A cell longer than any field may be, named by its header (or its column letter)."""
    return [RowProblem(number, (header_cells[index].strip() if index < len(header_cells) else "")
                       or get_column_letter(index + 1), t("import.cell_too_long", limit=number_text(MAX_CELL_CHARS)))
            for index, cell in enumerate(cells) if len(cell) > MAX_CELL_CHARS]


def _refuse(key: str, **values: object) -> MemberFileError:
    return MemberFileError([RowProblem(None, "", t(key, **values))])


def _read_table(path: Path) -> list[list[str]]:
    """The file's rows as lists of text cells, whatever Excel saved it as; refused early beyond the limits."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _refuse("import.file_too_large", limit=_megabytes(MAX_FILE_BYTES))
        data = path.read_bytes()
    except FileNotFoundError:
        raise MemberFileError([RowProblem(None, "", t("import.file_not_found", path=path))]) from None
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise MemberFileError([RowProblem(None, "", t("import.old_excel"))])
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data)
    if path.suffix.lower() not in (".csv", ".txt", ".tsv", ".xlsx"):
        raise MemberFileError([RowProblem(None, "", t("import.unknown_format", suffix=path.suffix or path.name))])
    if path.suffix.lower() == ".xlsx":
        raise MemberFileError([RowProblem(None, "", t("import.unreadable", kind="Excel (.xlsx)"))])
    return _read_csv(_decode(data))


def _decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")  # the five bytes cp1252 leaves undefined


def _read_csv(text: str) -> list[list[str]]:
    first = next((line for line in io.StringIO(text) if line.strip()), "")
    delimiter = max((";", ",", "\t"), key=lambda mark: (_count_outside_quotes(first, mark), mark == ";"))
    # csv's own cell limit (128 KiB) would end the read with an error naming no row; the file's size bounds
    # every cell here, and a cell beyond MAX_CELL_CHARS is named with its row and column.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_FILE_BYTES))
    rows = []
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        rows.append([_unescape(cell.strip()) for cell in row])
        _check_row_count(len(rows))
    return rows


def _check_row_count(rows: int) -> None:
    if rows > MAX_ROWS + HEADER_SEARCH_ROWS:
        raise _refuse("import.too_many_rows", limit=number_text(MAX_ROWS))


def _megabytes(limit: int) -> str:
    return number_text(limit / 1_000_000)


def _check_unpacked_size(data: bytes) -> None:
    """Unpack the XLSX as a stream, counting what comes out, and stop at the limit: the sizes a zip file
    declares may lie."""
    unpacked = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.infolist():
                with archive.open(member) as stream:
                    while chunk := stream.read(1 << 20):
                        unpacked += len(chunk)
                        if unpacked > MAX_XLSX_UNPACKED_BYTES:
                            raise _refuse("import.unpacked_too_large", limit=_megabytes(MAX_XLSX_UNPACKED_BYTES))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError):
        raise _refuse("import.unreadable", kind="Excel (.xlsx)") from None


def _count_outside_quotes(line: str, mark: str) -> int:
    count, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == mark and not quoted:
            count += 1
    return count


def _read_xlsx(data: bytes) -> list[list[str]]:
    _check_unpacked_size(data)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise MemberFileError([RowProblem(None, "", t("import.unreadable", kind="Excel (.xlsx)"))]) from None
    try:
        rows = []
        for row in workbook.worksheets[0].iter_rows(values_only=True):
            rows.append([_xlsx_text(value) for value in row])
            _check_row_count(len(rows))
        return rows
    finally:
        workbook.close()


def _xlsx_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        # 12.0 -> "12"; 2.5 -> "2,5" (the model reads '.' as a Danish thousands separator, so never "2.5")
        return str(int(value)) if value.is_integer() else str(value).replace(".", ",")
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value).strip()

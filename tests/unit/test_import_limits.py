"""Imports have limits, stated in Danish and checked before the work: file size, rows, cell size and the unpacked
size of an XLSX (read as a stream). A refused file imports nothing.

Before: a 0.98 MB XLSX imported 3,000,000 members in 337 s, a CSV cell over 128 KiB crashed with _csv.Error,
and a 5000-digit number was echoed in full.
"""

from __future__ import annotations

import time
import zipfile

import openpyxl
import pytest

from netvaerk_lib.members.files import (
    MAX_CELL_CHARS,
    MAX_ROWS,
    MemberFileError,
    import_member_file,
    read_member_file,
)
from netvaerk_lib.model import Network
from netvaerk_lib.store import Store

HEADER = "Navn;Praksistype;Adresse\r\n"


@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "limits.sqlite") as opened:
        opened.add_network(Network(name="Netværket"))
        yield opened


def _refused_quickly(store, path) -> MemberFileError:
    network = store.default_network() or store.list_networks()[0]
    started = time.monotonic()
    with pytest.raises(MemberFileError) as refused:
        import_member_file(store, network.id, path)
    assert time.monotonic() - started < 2
    assert store.list_members(network.id) == []
    return refused.value


def _zip_bomb(path, rows: int) -> None:
    """A real workbook whose sheet is replaced by a stream of identical rows: tiny packed, huge unpacked."""
    source = path.with_name("small.xlsx")
    book = openpyxl.Workbook()
    book.active.append(["Navn", "Praksistype"])
    book.save(source)
    with zipfile.ZipFile(source) as small, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in small.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                bomb.writestr(item, small.read(item))
                continue
            with bomb.open("xl/worksheets/sheet1.xml", "w") as sheet:
                sheet.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                            b'spreadsheetml/2006/main"><sheetData>')
                row = (b'<row><c t="inlineStr"><is><t>Bo</t></is></c>'
                       b'<c t="inlineStr"><is><t>Dyrl\xc3\xa6ge</t></is></c></row>')
                chunk = row * 10_000
                for _ in range(rows // 10_000):
                    sheet.write(chunk)
                sheet.write(b"</sheetData></worksheet>")


def test_an_xlsx_bomb_is_refused_in_danish_before_it_is_unpacked(store, tmp_path):
    path = tmp_path / "bombe.xlsx"
    _zip_bomb(path, 400_000)
    assert path.stat().st_size < 1_000_000
    error = _refused_quickly(store, path)
    assert str(error.problems[0]) == ("Excel-filen fylder mere end 20 MB, når den pakkes ud, og er ikke læst. "
                                      "Gem kun arket med medlemmerne som en ny .xlsx- eller .csv-fil.")


def test_an_xlsx_with_too_many_rows_is_refused(store, tmp_path):
    path = tmp_path / "mange.xlsx"
    _zip_bomb(path, MAX_ROWS + 10_000)
    error = _refused_quickly(store, path)
    assert "flere end 2.000 rækker" in str(error.problems[0])


def test_a_small_csv_with_millions_of_rows_is_refused(store, tmp_path):
    path = tmp_path / "mange.csv"
    path.write_text(HEADER + "\n" * 1_900_000, encoding="utf-8")
    assert path.stat().st_size < 2_000_000
    error = _refused_quickly(store, path)
    assert "flere end 2.000 rækker og er ikke importeret" in str(error.problems[0])


def test_a_file_over_the_size_limit_is_not_read(store, tmp_path):
    path = tmp_path / "stor.csv"
    path.write_text(HEADER + "Bo;Dyrlæge;" + "x" * 2_100_000 + "\r\n", encoding="utf-8")
    error = _refused_quickly(store, path)
    assert "Filen er større end 2 MB og er ikke læst" in str(error.problems[0])


@pytest.mark.parametrize("length", [MAX_CELL_CHARS + 1, 200 * 1024])
def test_an_oversized_cell_is_named_with_row_and_column(store, tmp_path, length):
    path = tmp_path / "celle.csv"
    path.write_text(HEADER + "Bo;Dyrlæge;Vej 1\r\n" + "Carl;Dyrlæge;" + "x" * length + "\r\n", encoding="utf-8")
    error = _refused_quickly(store, path)
    assert [str(problem) for problem in error.problems] == [
        "Række 3, kolonne 'Adresse': Cellen har mere end 2.000 tegn. Ret den i filen."]


def test_a_5000_digit_number_is_not_echoed_in_full(tmp_path):
    path = tmp_path / "tal.csv"
    path.write_text("Navn;Praksistype;Ansatte\r\nBo;Dyrlæge;" + "9" * 1500 + "x\r\n"
                    + "Carl;Dyrlæge;" + "9" * 5000 + "\r\n", encoding="utf-8")
    with pytest.raises(MemberFileError) as refused:
        read_member_file(path)
    lines = [str(problem) for problem in refused.value.problems]
    assert len(lines) == 2 and all(len(line) < 200 for line in lines)
    assert lines[0].startswith("Række 2, kolonne 'Ansatte'") and "9" * 40 + "…" in lines[0]
    assert lines[1] == "Række 3, kolonne 'Ansatte': Cellen har mere end 2.000 tegn. Ret den i filen."


def test_a_list_within_the_limits_still_imports(store, tmp_path):
    path = tmp_path / "ok.csv"
    path.write_text(HEADER + "".join(f"Medlem {i};Dyrlæge;Vej {i}\r\n" for i in range(MAX_ROWS)), encoding="utf-8")
    network = store.list_networks()[0]
    assert len(import_member_file(store, network.id, path).members) == MAX_ROWS

"""Control characters (NUL, VT, ESC ...) are refused at the field and at import; exports show what is stored.

Before, a name with ESC was saved and then broke the consultant's Excel export (IllegalCharacterError).
"""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

from netvaerk_lib.analysis.report import write_xlsx
from netvaerk_lib.analysis.sample import AS_OF, build_network
from netvaerk_lib.apps.consultant import ConsultantApp
from netvaerk_lib.members.files import MemberFileError, read_member_file, write_members
from netvaerk_lib.model import Member, Topic, ValidationError
from netvaerk_lib.store import Store

CONTROLS = ["\x00", "\x0b", "\x1b", "\x7f", "\x85"]


@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "controls.sqlite") as opened:
        yield opened


@pytest.mark.parametrize("control", CONTROLS)
def test_a_control_character_is_refused_at_the_field(control):
    with pytest.raises(ValidationError) as refused:
        Member(name=f"Åse{control}Østergård", practice_type="vet").validate()
    assert refused.value.for_field("name") == [
        "Navn indeholder et usynligt styretegn (fx fra en kopi fra et andet program). Skriv teksten igen uden det."]


def test_tab_and_line_breaks_are_ordinary_text():
    Member(name="Åse Østergård", practice_type="vet", expected_gain="Sparring\r\nom\tledelse").validate()


def test_other_texts_refuse_them_too():
    with pytest.raises(ValidationError) as refused:
        Topic(network_id=1, title="Ledelse\x1b[31m").validate()
    assert refused.value.for_field("topic")


def test_an_import_names_row_and_column_of_each_control_character(tmp_path):
    path = tmp_path / "medlemmer.csv"
    path.write_text("Navn;Praksistype;Adresse\r\nÅse\x00;Dyrlæge;Vej 1\r\nBo;Tandlæge;Vej 2\r\n"
                    "Carl;Dyrlæge;Vej\x1b 3\r\n", encoding="utf-8")
    with pytest.raises(MemberFileError) as refused:
        read_member_file(path)
    problems = [(p.row, p.column) for p in refused.value.problems]
    assert problems == [(2, "Navn"), (4, "Adresse")]
    assert all("styretegn" in p.message for p in refused.value.problems)


def _store_legacy_name(store, member_id: int, name: str) -> None:
    """A name saved before control characters were refused (written as an older version did)."""
    with store.transaction() as conn:
        conn.execute("UPDATE members SET name = ? WHERE id = ?", (name, member_id))


def test_the_consultants_excel_export_shows_what_the_store_holds(store, tmp_path):
    ids = build_network(store)
    _store_legacy_name(store, ids["M1"], "Åse\x1bØ\x00")
    app = ConsultantApp(store=store, as_of=AS_OF)
    app.xlsx_button.click()
    assert "tabeller_testnetvaerket.xlsx" in app.download.value and "Noget gik galt" not in app.messages.value
    path = write_xlsx(app.result.tables(), tmp_path / "tal.xlsx")
    names = [cell.value for row in openpyxl.load_workbook(path)["Medlemmer"].iter_rows() for cell in row]
    assert "Åse␛Ø␀" in names
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_failed_excel_export_leaves_no_file(tmp_path):
    class Broken:
        def copy(self):
            raise RuntimeError("broken table")

    with pytest.raises(RuntimeError):
        write_xlsx({"Godt": pd.DataFrame({"tal": [1]}), "Ark": Broken()}, tmp_path / "tal.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_the_member_export_shows_them_as_pictures(store, tmp_path):
    ids = build_network(store)
    _store_legacy_name(store, ids["M1"], "Bo\x0bBirk")
    path = tmp_path / "medlemmer.xlsx"
    write_members(path, store.list_members(ids["network"]))
    names = [row[0] for row in openpyxl.load_workbook(path).active.iter_rows(values_only=True)]
    assert "Bo␋Birk" in names

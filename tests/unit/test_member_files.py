"""Member lists as Excel writes them: CSV with ';' + BOM, cp1252, ',' and tab, XLSX; all or nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netvaerk_lib import texts
from netvaerk_lib.demo import create_demo
from netvaerk_lib.members.files import (
    MemberFileError,
    RowProblem,
    import_members,
    read_member_file,
    read_members,
    write_members,
)
from netvaerk_lib.members.networks import create_network
from netvaerk_lib.model import GENDERS, MOTIVATIONS, PRACTICE_TYPES, REGIONS, Member
from netvaerk_lib.store import Store

DANISH_ROWS = [
    ["Navn", "E-mail", "Praksistype", "År i faget", "År som leder", "Ansatte", "Region", "Køn", "Fødselsår",
     "Motivation", "Adresse"],
    ["Søren Ærø Ågård", "soren@example.dk", "Tandlæge", "22", "12", "14", "Region Sjælland", "Mand", "1975",
     "Strategi", "Østergade 3, 4000 Roskilde"],
    ["Åse Bødker", "aase@example.dk", "Fysioterapeut", "10", "4", "6", "Nordjylland", "Kvinde", "1988",
     "Fællesskab i lederrollen", "Ågade 1; baghuset, 9000 Aalborg"],
]


def csv_bytes(rows, delimiter=";", encoding="utf-8-sig") -> bytes:
    lines = []
    for row in rows:
        cells = [f'"{cell}"' if delimiter in cell or '"' in cell else cell for cell in row]
        lines.append(delimiter.join(cells))
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def check_danish_members(members: list[Member]) -> None:
    assert [m.name for m in members] == ["Søren Ærø Ågård", "Åse Bødker"]
    soren, aase = members
    assert (soren.practice_type, soren.region, soren.gender, soren.birth_year, soren.motivation) == (
        "dentist", "sjaelland", "male", 1975, "strategy")
    assert (soren.years_in_profession, soren.years_as_leader, soren.practice_size) == (22, 12, 14)
    assert soren.practice_address == "Østergade 3, 4000 Roskilde"
    assert (aase.practice_type, aase.region, aase.gender, aase.motivation) == (
        "physiotherapist", "nordjylland", "female", "community")
    assert aase.practice_address == "Ågade 1; baghuset, 9000 Aalborg"


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "netvaerk.sqlite") as opened:
        yield opened


def test_danish_excel_csv_with_semicolons_and_bom(tmp_path):
    path = tmp_path / "medlemmer.csv"
    path.write_bytes(csv_bytes(DANISH_ROWS))
    assert path.read_bytes().startswith(b"\xef\xbb\xbfNavn;")
    check_danish_members(read_members(path))


def test_windows_1252_csv(tmp_path):
    path = tmp_path / "medlemmer.csv"
    path.write_bytes(csv_bytes(DANISH_ROWS, encoding="cp1252"))
    assert "Ø".encode("cp1252") in path.read_bytes()
    check_danish_members(read_members(path))


def test_comma_csv_without_bom_and_tab_separated_utf16(tmp_path):
    comma = tmp_path / "comma.csv"
    comma.write_bytes(csv_bytes(DANISH_ROWS, delimiter=",", encoding="utf-8"))
    check_danish_members(read_members(comma))
    unicode_text = tmp_path / "unicode.txt"
    unicode_text.write_bytes(csv_bytes(DANISH_ROWS, delimiter="\t", encoding="utf-16"))
    check_danish_members(read_members(unicode_text))


def test_english_headers_in_any_case_and_unknown_columns_are_reported(tmp_path):
    rows = [["NAME", "email", "Practice type", "years in profession", "Years as leader", "Practice size",
             "region", "GENDER", "Birth year", "primary motivation", "address", "Phone"],
            ["Ann Lee", "ann@example.dk", "Chiropractor", "9", "3", "5", "Region Zealand", "female", "1980",
             "people", "High Street 1", "12345678"]]
    path = tmp_path / "english.csv"
    path.write_bytes(csv_bytes(rows, delimiter=",", encoding="utf-8"))
    member_file = read_member_file(path)
    assert member_file.ignored_columns == ["Phone"]
    [ann] = member_file.members
    assert (ann.name, ann.practice_type, ann.region, ann.gender, ann.years_as_leader, ann.practice_size) == (
        "Ann Lee", "chiropractor", "sjaelland", "female", 3, 5)


def test_xlsx_with_a_title_row_numbers_as_numbers_and_blank_rows(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Medlemsliste, forår 2026"])
    sheet.append([])
    sheet.append(DANISH_ROWS[0])
    sheet.append([int(v) if v.isdigit() else v for v in DANISH_ROWS[1]])
    sheet.append([])
    sheet.append([float(v) if v.isdigit() else v for v in DANISH_ROWS[2]])
    path = tmp_path / "medlemmer.xlsx"
    workbook.save(path)
    check_danish_members(read_members(path))
    sheet.append(["Ole", "", "Tømrer"])
    workbook.save(path)
    with pytest.raises(MemberFileError) as caught:
        read_members(path)
    assert [(p.row, p.column) for p in caught.value.problems] == [(7, "Praksistype")]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_then_import_gives_the_same_members_with_aeoeaa(tmp_path, store, suffix):
    network = create_demo(store)
    members = store.list_members(network.id)
    members[0].name, members[0].practice_address = "=Ærlige Øjvind Åberg", "-Åbenrå 1, Ærøskøbing"
    members[1].name, members[2].practice_address = "'=Tænk", "'Hjørnet'; 1. sal, \"gården\""
    path = tmp_path / f"eksport{suffix}"
    write_members(path, members)
    again = read_members(path)
    fields = Member.EDITABLE_FIELDS
    assert [[getattr(m, f) for f in fields] for m in again] == [[getattr(m, f) for f in fields] for m in members]
    if suffix == ".csv":
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbfNavn;E-mail;Praksistype;")
        assert "'=Ærlige Øjvind Åberg".encode() in raw  # Excel shows it as text, never runs it
    else:
        cell = openpyxl.load_workbook(path)["Medlemmer"]["A2"]
        assert (cell.value, cell.data_type) == ("=Ærlige Øjvind Åberg", "s")


def test_a_file_with_bad_rows_imports_nothing_and_names_every_row_column_and_reason(tmp_path, store):
    network = create_network(store, "Netværket")
    rows = [["Navn", "Mail", "Praksistype", "År i faget", "År som leder", "Fødselsår"],
            ["God Gudrun", "gudrun@example.dk", "Dyrlæge", "10", "5", "1970"],
            ["Bent", "bent(at)example.dk", "Tandlæge", "5", "8", "1980"],
            ["", "", "", "", "", ""],
            ["Carl", "carl@example.dk", "Snedker", "ti", "2.5", "1980"],
            ["", "x@example.dk", "", "", "", ""],
            ["Gudrun igen", "GUDRUN@example.dk", "Dyrlæge", "", "", ""]]
    path = tmp_path / "fejl.csv"
    path.write_bytes(csv_bytes(rows))
    with pytest.raises(MemberFileError) as caught:
        import_members(store, network.id, path)
    assert caught.value.problems == [
        RowProblem(3, "Mail", "E-mail ligner ikke en e-mailadresse."),
        RowProblem(3, "År som leder", "År som leder kan ikke være flere end år i faget."),
        RowProblem(5, "Praksistype", "Praksistype: 'Snedker' er ikke en mulighed. Vælg en af: Tandlæge, "
                   "Speciallæge, Fysioterapeut, Kiropraktor, Psykolog, Dyrlæge, Fodterapeut, Optiker, Andet."),
        RowProblem(5, "År i faget", "År i faget: 'ti' er ikke et tal."),
        RowProblem(5, "År som leder", "År som leder: '2.5' er ikke et tal."),
        RowProblem(6, "Navn", "Navn skal udfyldes."),
        RowProblem(6, "Praksistype", "Praksistype skal udfyldes."),
        RowProblem(7, "Mail", "E-mailadressen GUDRUN@example.dk står også i række 2."),
    ]
    message = str(caught.value)
    assert message.startswith("Filen blev ikke importeret, fordi den har 8 fejl. Ingen medlemmer er gemt.")
    assert "Række 5, kolonne 'År i faget': År i faget: 'ti' er ikke et tal." in message
    assert store.list_members(network.id) == []


def test_missing_columns_empty_files_and_old_excel_are_explained(tmp_path):
    def problems(name: str, data: bytes) -> list[str]:
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(MemberFileError) as caught:
            read_members(path)
        return [str(problem) for problem in caught.value.problems]

    assert problems("navn.csv", csv_bytes([["Navn", "E-mail"], ["A", "a@example.dk"]])) == [
        "Række 1, kolonne 'Praksistype': Kolonnen 'Praksistype' mangler. Den skal stå i første række sammen med "
        "de andre overskrifter."]
    assert problems("tom.csv", b"\xef\xbb\xbf\r\n;;\r\n") == ["Filen er tom."]
    assert problems("kun.csv", csv_bytes([["Navn", "Praksistype"]])) == ["Filen har overskrifter, men ingen medlemmer."]
    assert problems("gammel.xls", b"\xd0\xcf\x11\xe0" + b"\0" * 100)[0].startswith("Filen er i det gamle Excel")
    assert problems("ukendt.csv", csv_bytes([["Fornavn", "Telefon"], ["A", "1"]]))[0].startswith(
        "Række 1: Første række skal være kolonneoverskrifter")
    assert problems("dobbelt.csv", csv_bytes([["Navn", "Name", "Praksistype"], ["A", "B", "Dyrlæge"]])) == [
        "Række 1, kolonne 'Name': Kolonnen 'Name' er den samme som 'Navn'. Slet den ene."]
    assert problems("brudt.xlsx", b"PK\x03\x04 ikke en rigtig zip")[0].startswith("Filen kunne ikke læses")


def test_import_refuses_members_already_in_the_network(tmp_path, store):
    network = create_network(store, "Netværket")
    path = tmp_path / "m.csv"
    path.write_bytes(csv_bytes(DANISH_ROWS))
    assert [m.name for m in import_members(store, network.id, path)] == ["Søren Ærø Ågård", "Åse Bødker"]
    with pytest.raises(MemberFileError) as caught:
        import_members(store, network.id, path)
    assert [str(p) for p in caught.value.problems] == [
        "Række 2, kolonne 'E-mail': soren@example.dk er allerede medlem af netværket.",
        "Række 3, kolonne 'E-mail': aase@example.dk er allerede medlem af netværket."]
    assert len(store.list_members(network.id)) == 2


def test_export_headers_follow_the_language(tmp_path):
    texts.set_language("en")
    try:
        write_members(tmp_path / "en.csv", [Member(name="Ann", practice_type="vet")])
    finally:
        texts.set_language("da")
    assert (tmp_path / "en.csv").read_text(encoding="utf-8-sig").splitlines() == [
        "Name;Email;Practice type;Years in profession;Years as leader;Employees;Region;Gender;Birth year;Motivation;"
        "Address", "Ann;;" + texts.catalogue("en")["practice_type.vet"] + ";;;;;;;;"]
    assert [m.practice_type for m in read_members(tmp_path / "en.csv")] == ["vet"]


def run_cli(*args: str, db: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NETVAERK_DB": str(db)}
    env.pop("NETVAERK_LANG", None)
    return subprocess.run([sys.executable, "-m", "netvaerk_lib.cli", *args], env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)


def test_cli_imports_a_danish_excel_csv_and_refuses_a_bad_file(tmp_path):
    db = tmp_path / "cli.sqlite"
    assert run_cli("demo", db=db).returncode == 0
    good = tmp_path / "medlemmer.csv"
    good.write_bytes(csv_bytes(DANISH_ROWS))
    result = run_cli("import-members", str(good), db=db)
    assert result.returncode == 0, result.stderr
    assert "2 medlemmer er importeret til 'Demo: Ledernetværk i privat praksis'." in result.stdout
    with Store(db) as store:
        names = {m.name for m in store.list_members(store.default_network().id)}
    assert {"Søren Ærø Ågård", "Åse Bødker"} <= names and len(names) == 14

    bad = tmp_path / "fejl.csv"
    bad.write_bytes(csv_bytes([DANISH_ROWS[0], ["Ny Nielsen", "ny@example.dk", "Tandlæge", "5", "2", "3", "",
                                                "", "", "", ""],
                               ["Ole", "ole@example.dk", "Tømrer", "5", "2", "3", "", "", "", "", ""]],
                              encoding="cp1252"))
    result = run_cli("import-members", str(bad), db=db)
    assert result.returncode == 1
    assert "Række 3, kolonne 'Praksistype': Praksistype: 'Tømrer' er ikke en mulighed." in result.stderr
    assert "Ingen medlemmer er gemt" in result.stderr
    with Store(db) as store:
        assert len(store.list_members(store.default_network().id)) == 14

    exported = tmp_path / "ud.xlsx"
    result = run_cli("export-members", str(exported), db=db)
    assert result.returncode == 0 and "14 medlemmer er eksporteret" in result.stdout
    assert "Søren Ærø Ågård" in {m.name for m in read_members(exported)}
    assert run_cli("import-members", str(good), "--network", "Findes ikke", db=db).returncode == 1


def test_cli_on_a_fresh_database_creates_the_network_only_when_the_file_is_good(tmp_path):
    db = tmp_path / "fresh.sqlite"
    bad = tmp_path / "fejl.csv"
    bad.write_bytes(csv_bytes([DANISH_ROWS[0], ["Ole", "ole@example.dk", "Tømrer"]]))
    assert run_cli("import-members", str(bad), db=db).returncode == 1
    with Store(db) as store:
        assert store.list_networks() == []
    good = tmp_path / "medlemmer.csv"
    good.write_bytes(csv_bytes(DANISH_ROWS))
    result = run_cli("import-members", str(good), db=db)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Databasen havde intet netværk, så netværket 'Vores netværk' er oprettet med vejledningens emner og "
        "spilleregler.", "2 medlemmer er importeret til 'Vores netværk'."]
    with Store(db) as store:
        network = store.network_by_name("Vores netværk")
        assert [m.name for m in store.list_members(network.id)] == ["Søren Ærø Ågård", "Åse Bødker"]
        assert len(store.list_topics(network.id)) == 8


def typed_text(limit: int) -> st.SearchStrategy[str]:
    """What people type: any letters, digits, punctuation (; , " ' = - @ included), no control characters."""
    alphabet = st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"))
    return st.text(alphabet, max_size=limit).map(str.strip)


@given(members=st.lists(st.builds(
    Member, name=typed_text(100).filter(bool),
    practice_type=st.sampled_from(PRACTICE_TYPES), region=st.none() | st.sampled_from(REGIONS),
    gender=st.none() | st.sampled_from(GENDERS), motivation=st.none() | st.sampled_from(MOTIVATIONS),
    years_in_profession=st.none() | st.integers(40, 70), years_as_leader=st.none() | st.integers(0, 40),
    practice_size=st.none() | st.integers(0, 5000), birth_year=st.none() | st.integers(1930, 2000),
    practice_address=typed_text(300)), min_size=1, max_size=5), suffix=st.sampled_from([".csv", ".xlsx"]))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_members_survive_export_and_import(tmp_path, members, suffix):
    for number, member in enumerate(members):
        member.email = f"{number}.øre@æble.dk" if number % 2 else ""
    path = tmp_path / f"runde{suffix}"
    write_members(path, members)
    again = read_members(path)
    fields = Member.EDITABLE_FIELDS
    assert [[getattr(m, f) for f in fields] for m in again] == [[getattr(m, f) for f in fields] for m in members]

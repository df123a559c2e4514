"""``netvaerk evaluation open``: links for e-mail or SMS, on the demo network as a newcomer tries it."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from netvaerk_lib.cli import main
from netvaerk_lib.demo import create_demo
from netvaerk_lib.evaluation import submission
from netvaerk_lib.store import open_store
from netvaerk_lib.timezone import today


@pytest.fixture
def database(tmp_path):
    path = tmp_path / "netvaerk.sqlite"
    with open_store(path) as store:
        create_demo(store, meeting_today=True)  # as `netvaerk demo` makes it
    return path


def run(capsys, database, *arguments) -> tuple[int, str, str]:
    code = main(["--db", str(database), "evaluation", "open", *arguments])
    out, err = capsys.readouterr()
    return code, out, err


def test_open_prints_each_present_members_working_link_for_todays_demo_meeting(capsys, database, monkeypatch):
    monkeypatch.delenv("NETVAERK_PUBLIC_URL", raising=False)
    code, out, _ = run(capsys, database, "--public-url", "https://evaluering.example.dk")
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[0].startswith("Evalueringen af mødet") and "er åben" in lines[0]
    links = [re.fullmatch(r"(.+): (https://evaluering\.example\.dk/voila/render/evaluering\.ipynb\?code=\w{6})", line)
             for line in lines[1:-1]]
    assert all(links) and len(links) == 10  # twelve members, two cancelled
    with open_store(database) as store:
        network = store.default_network()
        [meeting] = [m for m in store.list_meetings(network.id) if m.starts_at.date() == today()]
        present = {store.get_member(member_id).name for member_id, record in store.attendance(meeting.id).items()
                   if record.status == "present"}
        assert {link.group(1) for link in links} == present
        for link in links:
            checked = submission.check_code(store, parse_qs(urlsplit(link.group(2)).query)["code"][0])
            assert checked.meeting_id == meeting.id
    assert "virker én gang" in lines[-1]


def test_a_second_open_of_the_same_meeting_issues_no_new_codes(capsys, database):
    assert run(capsys, database)[0] == 0
    code, out, err = run(capsys, database, "--meeting", today().isoformat())
    assert code == 2 and out == "" and "Alle til stede har allerede fået en kode" in err


def test_a_bad_or_unheld_date_is_refused_in_danish(capsys, database):
    code, _, err = run(capsys, database, "--meeting", "5/3-2026")
    assert code == 2 and "»5/3-2026« er ikke en dato" in err
    code, _, err = run(capsys, database, "--meeting", "1999-01-01")
    assert code == 2 and "Netværket har intet møde" in err
    with open_store(database) as store:
        planned = next(m for m in store.list_meetings(store.default_network().id) if m.status == "planned")
    code, _, err = run(capsys, database, "--meeting", planned.starts_at.date().isoformat())
    assert code == 2 and "er ikke holdt endnu" in err


def close(capsys, database, *arguments) -> tuple[int, str, str]:
    code = main(["--db", str(database), "evaluation", "close", *arguments])
    out, err = capsys.readouterr()
    return code, out, err


def test_close_releases_the_answers_and_without_the_key_changes_nothing(capsys, database, monkeypatch, tmp_path):
    keys = tmp_path.with_name(f"{tmp_path.name}-keys")  # outside the database's folder
    monkeypatch.setenv("NETVAERK_KEY_DIR", str(keys))
    assert close(capsys, database)[0:2] == (2, "")
    _, out, _ = run(capsys, database)
    codes = [parse_qs(urlsplit(line.split(": ", 1)[1]).query)["code"][0] for line in out.splitlines()[1:-1]]
    with open_store(database) as store:
        for code in codes[:3]:
            submission.submit(store, code, {"energy": 4, "gain": 5, "topic": 3, "safety": 4, "rules": 5}, {})
    [key] = keys.iterdir()
    key.rename(tmp_path / "aside.key")
    code, out, err = close(capsys, database)
    assert code == 1 and out == "" and "Evalueringen kan ikke lukkes" in err and "Intet er slettet" in err
    (tmp_path / "aside.key").rename(key)
    code, out, err = close(capsys, database, "--meeting", today().isoformat())
    assert code == 0 and "er lukket, og svarene er frigivet (svar i alt: 3)" in out
    assert not key.exists()
    code, _, err = close(capsys, database, "--meeting", today().isoformat())
    assert code == 2 and "har ingen åben evaluering" in err


def test_open_with_the_key_folder_inside_the_data_folder_is_refused_in_danish(capsys, database, monkeypatch):
    monkeypatch.setenv("NETVAERK_KEY_DIR", str(database.parent / "keys"))
    code, out, err = run(capsys, database)
    assert code == 2 and out == "" and "ligger i databasens mappe" in err

"""Code slips to print: every present member's code on a slip with QR code and address, eight to a page."""

from __future__ import annotations

import base64
import re
import subprocess

import pytest

from netvaerk_lib.evaluation.codes import display, new_code
from netvaerk_lib.evaluation.slips import Slip, code_slips_pdf
from netvaerk_lib.model import ValidationError

FORM = "http://192.168.1.20:8867/voila/render/evaluering.ipynb"


def pdf_text(data: bytes, tmp_path) -> tuple[int, str]:
    path = tmp_path / "slips.pdf"
    path.write_bytes(data)
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(path)], capture_output=True,
                                                              text=True, check=True).stdout).group(1))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return pages, text


def test_eight_slips_to_a_page_each_with_name_code_and_address(tmp_path):
    slips = [Slip(f"Leder {number}", new_code()) for number in range(1, 10)]
    pages, text = pdf_text(code_slips_pdf(slips, "torsdag den 7. januar 2027", FORM), tmp_path)
    assert pages == 2
    for slip in slips:
        assert slip.name in text and display(slip.code) in text
    assert text.count("Din kode") == 9 and text.count("Dine svar er anonyme.") == 9
    assert "Evaluering af mødet torsdag den 7. januar 2027" in text
    assert "192.168.1.20:8867" in text


def test_every_printed_qr_code_opens_the_form_with_that_members_code(tmp_path):
    import zxingcpp
    from PIL import Image

    slips = [Slip(f"Leder {number}", new_code()) for number in range(1, 9)]
    (tmp_path / "slips.pdf").write_bytes(code_slips_pdf(slips, "i dag", FORM))
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(tmp_path / "slips.pdf"), str(tmp_path / "page")], check=True)
    with Image.open(tmp_path / "page-1.png") as page:
        links = sorted(result.text for result in zxingcpp.read_barcodes(page))
    assert links == sorted(f"{FORM}?code={slip.code}" for slip in slips)


def test_names_are_printed_as_written(tmp_path):
    slips = [Slip("Jens $x^2$ Hansen", "ABC234"), Slip("<b>Mette</b> & Co", "DEF567")]
    _, text = pdf_text(code_slips_pdf(slips, "i dag", FORM), tmp_path)
    assert "Jens $x^2$ Hansen" in text and "<b>Mette</b> & Co" in text


@pytest.fixture
def app(tmp_path):
    import datetime as dt

    from netvaerk_lib.apps.evaluation_results import EvaluationResultsApp
    from netvaerk_lib.members.networks import create_network
    from netvaerk_lib.model import Attendance, Meeting, Member
    from netvaerk_lib.store import open_store

    with open_store(tmp_path / "netvaerk.sqlite") as store:
        network = create_network(store, "Fysioterapeuter Nord")
        members = store.add_members(network.id, [Member(name=name, practice_type="physiotherapist")
                                                 for name in ("Åse Lund", "Bo Holm", "Carl Bech", "Dorte Juhl")])
        meeting = store.add_meeting(Meeting(network.id, dt.datetime(2026, 3, 5, 17), 180, status="held"))
        for member in members[:3]:
            store.set_attendance(Attendance(meeting.id, member.id, "present"))
        yield EvaluationResultsApp(store, query=f"meeting={meeting.id}", form_url=FORM)


def downloaded(app) -> bytes:
    link = app.access.slips.value
    assert 'download="kodesedler-2026-03-05.pdf"' in link
    return base64.b64decode(re.search(r"base64,([^\"]+)", link).group(1))


def test_the_facilitator_gets_slips_for_everyone_present_answered_or_not(app, tmp_path):
    from netvaerk_lib.evaluation import submission

    app.access._on_open()
    app.access._on_slips()
    assert "Hent kodesedlerne (3 stk.)" in app.access.slips.value
    _, before = pdf_text(downloaded(app), tmp_path)
    assert all(name in before for name in ("Åse Lund", "Bo Holm", "Carl Bech")) and "Dorte Juhl" not in before
    assert all(display(code) in before for code in app.access.codes.values())

    bo = next(m.id for m in app.store.list_members(app.network.id) if m.name == "Bo Holm")
    submission.submit(app.store, app.access.codes[bo], {"energy": 4, "gain": 4, "topic": 4, "safety": 4,
                                                         "rules": 4}, {})
    app.access._on_slips()
    _, after = pdf_text(downloaded(app), tmp_path)
    assert after == before  # printing later tells nothing about who has answered


def test_no_slips_when_closed_and_new_codes_for_those_this_page_has_none_for(app, tmp_path):
    from netvaerk_lib.evaluation import submission

    with pytest.raises(ValidationError, match="lukket|ikke åben"):
        app.access._on_slips()  # never opened: the browser may still show the button
    app.access._on_open()
    answered = next(iter(app.access.codes))
    submission.submit(app.store, app.access.codes[answered], {"energy": 4, "gain": 4, "topic": 4, "safety": 4,
                                                               "rules": 4}, {})
    old = dict(app.access.codes)
    app.access.codes.clear()  # a reloaded page holds no codes in clear
    app.access._on_slips()
    assert "Hent kodesedlerne (3 stk.)" in app.access.slips.value
    _, text = pdf_text(downloaded(app), tmp_path)
    assert all(display(code) in text for code in app.access.codes.values())
    assert sorted(app.access.codes) == sorted(old) and not set(app.access.codes.values()) & set(old.values())
    with pytest.raises(submission.CodeProblem) as problem:  # the member who answered is told so, on the form
        submission.check_code(app.store, app.access.codes[answered])
    assert problem.value.reason == "spent"
    app.access._on_close()
    with pytest.raises(ValidationError):
        app.access._on_slips()

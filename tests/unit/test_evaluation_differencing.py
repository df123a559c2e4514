"""The differencing test: four members answer one by one; after each answer everything the facilitator's apps
and exports show is captured (results page, Kør mødet, slips, the codes panel, the consultant app, its PDF,
XLSX and CSV). Nothing but the count changes until the close; after the close the results are the
aggregate of all four answers."""

from __future__ import annotations

import base64
import datetime as dt
import io
import re
import subprocess
import tempfile
from pathlib import Path

import ipywidgets as widgets
import openpyxl
import pytest

from netvaerk_lib.analysis.report import write_csv, write_pdf, write_xlsx
from netvaerk_lib.apps.consultant import ConsultantApp
from netvaerk_lib.apps.evaluation_results import EvaluationResultsApp
from netvaerk_lib.apps.meeting import MeetingApp
from netvaerk_lib.evaluation import results, submission
from netvaerk_lib.members.networks import create_network
from netvaerk_lib.model import Attendance, Meeting, Member
from netvaerk_lib.store import open_store
from netvaerk_lib.timezone import today
from netvaerk_lib.ui.finder import find, walk

FORM = "http://10.0.0.5:8867/voila/render/evaluering.ipynb"
ANSWERS = [  # four members' answers, each different
    ({"energy": 1, "gain": 2, "topic": 1, "safety": 2, "rules": 1}, {"good": "Kaffen", "missed": "Mere tid"}),
    ({"energy": 5, "gain": 4, "topic": 5, "safety": 4, "rules": 5}, {"good": "Sparringen"}),
    ({"energy": 3, "gain": 3, "topic": 2, "safety": 5, "rules": 4}, {"missed": "Et emne om løn"}),
    ({"energy": 4, "gain": 5, "topic": 4, "safety": 3, "rules": 2}, {"good": "Interviewet", "missed": "Pauser"}),
]
COUNT = re.compile(r"\d+ af \d+ til stede har svaret")
DATA_URL = re.compile(r"data:[\w/.+-]+;base64,[A-Za-z0-9+/=]+")


def page_text(root) -> str:
    """All the HTML and labels of an app or panel that are shown, with the count and binary payloads masked."""
    parts = []
    for widget in walk(root):
        layout = getattr(widget, "layout", None)
        if layout is not None and layout.display == "none":
            parts.append("[hidden]")
        for name in ("value", "description", "tooltip"):
            value = getattr(widget, name, None)
            if isinstance(value, str):
                parts.append(value)
        if isinstance(widget, widgets.Dropdown):
            parts.append(repr(widget.options))
    return mask("\n".join(parts))


def mask(text: str) -> str:
    return COUNT.sub("[count]", DATA_URL.sub("[data]", text))


def pdf_text(data: bytes) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "file.pdf"
        path.write_bytes(data)
        return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def downloaded(link_html: str) -> bytes:
    return base64.b64decode(re.search(r"base64,([^\"]+)", link_html).group(1))


def consultant_exports(store, as_of) -> dict[str, str]:
    """The consultant's page, and its PDF, XLSX and CSV, as text."""
    app = ConsultantApp(store=store, as_of=as_of)
    for name in app.sections:  # as the notebook shows them, and a browser then its charts
        app.section(name)
        app.sections[name]._handle_custom_msg({"type": "shown"}, [])
    captured = {"consultant": mask("\n".join(section.value for section in app.sections.values()))}
    result = app.result
    assert result is not None and result.network_id == store.default_network().id
    with tempfile.TemporaryDirectory() as folder:
        captured["pdf"] = pdf_text(write_pdf(result, Path(folder) / "r.pdf", today=as_of.date()).read_bytes())
        book = openpyxl.load_workbook(io.BytesIO(write_xlsx(result.tables(), Path(folder) / "t.xlsx").read_bytes()))
        captured["xlsx"] = repr([[list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book])
        captured["csv"] = "\n".join(path.read_text(encoding="utf-8-sig")
                                    for path in write_csv(result.tables(), Path(folder) / "csv"))
    return captured


@pytest.fixture
def meeting_tonight(tmp_path):
    with open_store(tmp_path / "netvaerk.sqlite") as store:
        network = create_network(store, "Tandlæger Midt")
        members = store.add_members(network.id, [Member(name=name, practice_type="dentist")
                                                 for name in ("Anne Ravn", "Bent Krog", "Cecilie Dahl",
                                                              "Dan Mørk", "Eva Lind")])
        earlier = store.add_meeting(Meeting(network.id, dt.datetime.combine(today() - dt.timedelta(days=60),
                                                                            dt.time(17)), 180, status="held"))
        meeting = store.add_meeting(Meeting(network.id, dt.datetime.combine(today(), dt.time(0, 5)), 180))
        for member in members:
            store.set_attendance(Attendance(earlier.id, member.id, "present"))
        for member in members[:4]:
            store.set_attendance(Attendance(meeting.id, member.id, "present"))
        store.set_attendance(Attendance(meeting.id, members[4].id, "cancelled", notice="late"))
        yield store, meeting


def test_nothing_but_the_count_changes_until_the_close_and_then_the_results_are_the_aggregate(meeting_tonight):
    store, meeting = meeting_tonight
    as_of = meeting.starts_at + dt.timedelta(hours=4)
    facilitator = EvaluationResultsApp(store, query=f"meeting={meeting.id}", form_url=FORM)
    find(facilitator, widgets.Button, "Åbn evalueringen og lav koder").click()
    codes = dict(facilitator.access.codes)
    assert len(codes) == 4
    run_meeting = MeetingApp(store, form_url=FORM)
    projector = run_meeting.sections["evaluation"].access
    assert projector.meeting_id == meeting.id
    projector.state.codes.update(codes)  # the same codes on the projector as on the results page

    def capture() -> dict[str, str]:
        find(run_meeting, widgets.Button, "Opfølgning på mål").click()  # goals set at this meeting show here
        find(facilitator, widgets.Button, "Opdater resultater").click()
        find(facilitator, widgets.Button, "Kodesedler til print (PDF)").click()
        run_meeting.render()
        shown = {"results page": page_text(facilitator), "codes panel": page_text(facilitator.access),
                 "Kør mødet": page_text(run_meeting),
                 "slips": pdf_text(downloaded(facilitator.access.slips.value)),
                 "a fresh results page": page_text(EvaluationResultsApp(store, query=f"meeting={meeting.id}",
                                                                         form_url=FORM).results)}
        shown.update(consultant_exports(store, as_of))
        return shown

    def counts() -> set[str]:
        return set(COUNT.findall(page_text_unmasked(facilitator) + page_text_unmasked(run_meeting)))

    before = capture()
    assert counts() == {"0 af 4 til stede har svaret"}
    for number, code in enumerate(codes.values(), start=1):
        ratings, texts = ANSWERS[number - 1]
        submission.submit(store, code, ratings, texts, share_goal=number == 2, goal_text="Holde fri om fredagen")
        after = capture()
        changed = [view for view in before if after[view] != before[view]]
        assert changed == [], f"after answer {number}: {changed} changed beyond the count"
        assert counts() == {f"{number} af 4 til stede har svaret"}
    find(facilitator, widgets.Button, "Luk evalueringen").click()
    outcome = results.meeting_results(store, meeting.id)
    assert outcome.shown and outcome.answers == 4
    for rating in outcome.ratings:
        given = [ratings[rating.question.key] for ratings, _ in ANSWERS]
        assert rating.distribution == {value: given.count(value) for value in range(1, 6)}
        assert rating.average == pytest.approx(sum(given) / 4)
    shown_texts = {text.question.key: sorted(text.texts) for text in outcome.texts}
    assert shown_texts == {key: sorted(texts[key] for _, texts in ANSWERS if key in texts)
                           for key in ("good", "missed")}
    page = page_text(facilitator)
    assert page.count("nv-eval-chart") == 5 and "Et emne om løn" in page
    consultant = consultant_exports(store, as_of)
    assert consultant["csv"] != before["csv"]  # released to the consultant too, at once
    assert [goal.text for goal in store.list_goals(meeting.network_id)] == ["Holde fri om fredagen"]  # and the goal


def page_text_unmasked(root) -> str:
    values = (getattr(widget, "value", "") for widget in walk(root))
    return "\n".join(value for value in values if isinstance(value, str))

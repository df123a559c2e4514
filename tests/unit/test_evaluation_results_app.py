"""The facilitator's evaluation page, Python side: open/close, codes, the count, results, escaping."""

from __future__ import annotations

import datetime as dt

import pytest

from netvaerk_lib.apps.evaluation_results import EvaluationResultsApp
from netvaerk_lib.evaluation import submission
from netvaerk_lib.members.networks import create_network
from netvaerk_lib.model import Attendance, Meeting, Member
from netvaerk_lib.store import open_store

ANSWERS = {"energy": 4, "gain": 5, "topic": 3, "safety": 4, "rules": 5}


@pytest.fixture
def app(tmp_path):
    with open_store(tmp_path / "netvaerk.sqlite") as store:
        network = create_network(store, "Kiropraktorer Øst")
        members = store.add_members(network.id, [Member(name=f"<b>Medlem</b> {n}", practice_type="chiropractor")
                                                 for n in range(5)])
        meeting = store.add_meeting(Meeting(network.id, dt.datetime(2026, 3, 5, 17), 180, status="held"))
        for member in members[:4]:
            store.set_attendance(Attendance(meeting.id, member.id, "present"))
        yield EvaluationResultsApp(store, query=f"meeting={meeting.id}", form_url="http://10.0.0.5:8867/f.ipynb")


def html_of(widget) -> str:
    parts = [getattr(widget, "value", "") if isinstance(getattr(widget, "value", ""), str) else ""]
    for child in getattr(widget, "children", ()):
        parts.append(html_of(child))
    return "".join(parts)


def test_opening_issues_a_code_with_qr_to_each_present_member(app):
    app.access._on_open()
    assert len(app.access.codes) == 4
    page = html_of(app.access.widget)
    assert page.count("<svg") == 4
    assert "Evalueringen er åben" in page and "0 af 4 til stede har svaret" in page
    assert "&lt;b&gt;Medlem&lt;/b&gt; 0" in page and "<b>Medlem</b>" not in page  # names are escaped
    code = next(iter(app.access.codes.values()))
    assert f"http://10.0.0.5:8867/f.ipynb?code={code}" in page


def test_results_appear_from_three_answers_with_escaped_texts_and_no_open_figures(app):
    import matplotlib.pyplot as plt

    app.access._on_open()
    codes = list(app.access.codes.values())
    for code, text in zip(codes[:2], ["Godt", "<script>alert(1)</script>"], strict=True):
        submission.submit(app.store, code, ANSWERS, {"good": text})
    app.show_results()
    assert "Resultaterne vises samlet, når evalueringen er lukket" in html_of(app.results)
    submission.submit(app.store, codes[2], ANSWERS, {"missed": '<img src=x onerror="alert(1)">'})
    app.access.refresh_count()
    assert "nv-eval-has-news" in app.new_answers._dom_classes
    app.show_results()
    assert "3 af 4 til stede har svaret" in html_of(app.results) and "<svg" not in html_of(app.results)
    assert "nv-eval-chart" not in html_of(app.results)  # open: the count and nothing else
    app.access._on_close()  # closing shows the results at once
    page = html_of(app.results)
    assert "3 af 4 til stede har svaret" in page
    assert page.count('<img class="nv-eval-chart" src="data:image/png;base64,') == 5
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>" not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
    assert plt.get_fignums() == []
    assert "nv-eval-has-news" not in app.new_answers._dom_classes


def test_closing_forgets_the_codes_and_renewing_refuses_when_closed(app):
    app.access._on_open()
    app.access._on_close()
    assert app.access.codes == {}
    assert "Evalueringen er lukket" in html_of(app.access.widget)
    app.access.app.guarded(app.access._on_renew_all)()
    assert "Evalueringen er lukket" in app.messages.value


def test_a_new_code_replaces_the_old_one(app):
    app.access._on_open()
    member_id, old = next(iter(app.access.codes.items()))
    app.access._renew([member_id])
    assert app.access.codes[member_id] != old
    with pytest.raises(submission.CodeProblem):
        submission.check_code(app.store, old)
    assert submission.check_code(app.store, app.access.codes[member_id]).member_id == member_id


def test_a_page_left_open_follows_a_close_made_elsewhere(app):
    from netvaerk_lib.evaluation import sessions
    from netvaerk_lib.ui.finder import find_all, visible

    app.access._on_open()
    sessions.close_evaluation(app.store, app.access.meeting_id)  # closed in Kør mødet, say
    app.access.refresh_count()  # the ticker
    assert "Evalueringen er lukket" in html_of(app.access.widget)
    assert not any(visible(b) for b in find_all(app.access, text="Ny kode"))
    assert app.access.codes == {} or "<svg" not in html_of(app.access.rows)

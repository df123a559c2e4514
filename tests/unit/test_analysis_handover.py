"""What a consultant hands to a network: the PDF report (A4 on every page, headed and numbered, a goals
page), the workbook (real dates, percentages, widths, frozen header), the CSV (rounded shares), and every
figure cut to the report's period."""

from __future__ import annotations

import csv
import datetime as dt
import subprocess

import openpyxl
import pytest
from pypdf import PdfReader

from netvaerk_lib import analysis, texts
from netvaerk_lib.analysis import charts
from netvaerk_lib.analysis.report import analyse_network, write_csv, write_pdf, write_xlsx
from netvaerk_lib.analysis.sample import AS_OF, build_network
from netvaerk_lib.model import Attendance, Evaluation, Goal, Member
from netvaerk_lib.store import Store

A4_POINTS = (595.28, 841.89)
MADE = dt.date(2026, 11, 1)


@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "handover.sqlite") as opened:
        yield opened


@pytest.fixture()
def network(store):
    return build_network(store)


def _result(store, network, **period):
    return analyse_network(analysis.load(store, as_of=AS_OF, **period), network["network"])


def _pages(path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def _assert_a4(path) -> int:
    reader = PdfReader(path)
    for number, page in enumerate(reader.pages, start=1):
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(A4_POINTS, abs=0.5), f"page {number} is {size} pt, not A4"
    return len(reader.pages)


def test_every_page_is_a4_with_network_period_and_page_number(store, network, tmp_path):
    path = write_pdf(_result(store, network), tmp_path / "rapport.pdf", today=MADE)
    count = _assert_a4(path)
    pages = _pages(path)
    assert len(pages) == count == 6
    for number, page in enumerate(pages, start=1):
        assert "Testnetværket" in page
        assert "Perioden 8. jan. 2026 – 3. sep. 2026" in page
        assert f"Side {number} af {count}" in page
        assert "Udarbejdet 1. nov. 2026" in page


def test_a_long_member_list_still_gives_a4_pages(store, network, tmp_path):
    added = store.add_members(network["network"], [Member(name=f"Medlem {n}", practice_type="vet") for n in range(40)])
    for member in added:
        store.set_attendance(Attendance(network["M1"], member.id, "present"))
    result = _result(store, network)
    assert charts.attendance_heatmap(result.per_member).get_size_inches()[1] == pytest.approx(9)  # capped
    path = write_pdf(result, tmp_path / "lang.pdf", today=MADE)
    assert _assert_a4(path) >= 6
    members = next(page for page in _pages(path) if "Medlemmernes fremmøde" in page)
    assert "Flest var væk ved mødet 3. sep. 2026: 3 af 4 medlemmer." in members


def test_each_chart_has_a_reading_computed_from_the_data(store, network, tmp_path):
    pages = _pages(write_pdf(_result(store, network), tmp_path / "rapport.pdf", today=MADE))
    assert "Fremmødet er faldet fra 100 % til 25 % i perioden (første møde mod seneste møde)." in pages[1]
    assert "Ved de seneste 3 møder var i gennemsnit 50 % af medlemmerne væk." in pages[1]
    assert "Flest var væk ved mødet 3. sep. 2026: 3 af 4 medlemmer." in pages[2]
    assert "Energi efter mødet er faldet fra 4,0 til 3,0." in pages[3]


def test_goals_page_by_meeting(store, network, tmp_path):
    pages = _pages(write_pdf(_result(store, network), tmp_path / "rapport.pdf", today=MADE))
    goals = pages[4]
    assert "Målsætninger møde for møde" in goals
    assert "2 af de 3 målsætninger, der skulle følges op, er fulgt op (67 %). 2 står stadig åbne." in goals
    rows = {line.split("  ")[0].strip(): line.replace(" %", "%").split()[-6:] for line in goals.splitlines()
            if line.strip().startswith(("Møde ", "I alt"))}
    # set, open, done, continued, dropped, followed up (M4's goal is not due: no meeting after it yet)
    assert rows == {"Møde 1, 8. jan. 2026": ["2", "1", "1", "0", "0", "50%"],
                    "Møde 2, 5. mar. 2026": ["1", "0", "0", "1", "0", "100%"],
                    "Møde 4, 3. sep. 2026": ["1", "1", "0", "0", "0", "–"],
                    "I alt": ["4", "2", "1", "1", "0", "67%"]}


def test_report_in_english(store, network, tmp_path):
    texts.set_language("en")
    try:
        path = write_pdf(_result(store, network), tmp_path / "report.pdf", today=MADE)
        pages = _pages(path)
    finally:
        texts.set_language("da")
    assert "Network report: Testnetværket" in pages[0]
    assert all(f"Page {number} of 6" in page for number, page in enumerate(pages, start=1))
    assert "Goals meeting by meeting" in pages[4]
    assert "Attendance fell from 100% to 25% over the period" in pages[1]


def test_a_future_meeting_enters_no_figure(store, network, tmp_path):
    before = _result(store, network)
    for energy in (1, 1, 1):  # evaluated ahead of time, for a meeting planned in 2027
        store.add_evaluation(Evaluation(network["M5"], ratings={"energy": energy, "gain": 1}))
    store.add_goal(Goal(network["A"], "Noget i fremtiden", meeting_id=network["M5"]))
    after = _result(store, network)
    assert network["M5"] not in set(after.evaluations["meeting_id"])
    assert after.key_numbers() == before.key_numbers()
    assert after.goals.equals(before.goals)
    assert charts.evaluation_headline(after.evaluations) == "Evalueringerne er faldet fra 3,8 til 3,0 i gennemsnit"
    figure = charts.evaluation_chart(after.evaluations)
    assert "Prøveperiode slut (møde 3)" in [text.get_text() for text in figure.axes[0].texts]
    text = "\n".join(_pages(write_pdf(after, tmp_path / "rapport.pdf", today=MADE)))
    assert "4. mar. 2027" not in text and "Noget i fremtiden" not in text


def test_an_explicit_period_cuts_evaluations_and_goals(store, network):
    result = _result(store, network, start=dt.date(2026, 1, 1), end=dt.date(2026, 4, 30))
    assert set(result.evaluations["meeting_id"]) == {network["M1"]}
    assert result.goals["goals_set"].sum() == 3  # M1's two and M2's one, not M4's
    assert result.per_meeting["meeting_id"].tolist() == [network["M1"], network["M2"]]


def test_no_past_meeting_is_called_today(store, network, tmp_path):
    result = _result(store, network)
    labels = [label for label, _ in result.key_numbers()]
    assert "Personligt udbytte" in set(result.evaluations["theme"])
    assert not any("i dag" in label for label in labels)
    text = "\n".join(_pages(write_pdf(result, tmp_path / "rapport.pdf", today=MADE)))
    assert "i dag" not in text


def test_workbook_has_dates_percentages_widths_and_a_frozen_header(store, network, tmp_path):
    path = write_xlsx(_result(store, network).tables(), tmp_path / "tal.xlsx")
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        assert all(sheet.column_dimensions[cell.column_letter].width >= len(str(cell.value)) + 2
                   for cell in sheet[1]), sheet.title
    meetings = book["Møder"]
    header = [cell.value for cell in meetings[1]]
    date = meetings.cell(2, header.index("Mødedato") + 1)
    assert date.is_date and date.value == dt.datetime(2026, 1, 8, 17, 0)
    assert date.number_format == "dd-mm-yyyy hh:mm"
    share = meetings.cell(3, header.index("Fremmøde") + 1)
    assert share.value == 0.75 and share.number_format == "0%"
    assert meetings.column_dimensions["B"].width >= len("dd-mm-yyyy hh:mm")
    at_risk = book["Væk flere gange"]
    last_present = at_risk.cell(2, [c.value for c in at_risk[1]].index("Sidst til stede") + 1)
    assert last_present.is_date


def test_csv_shares_are_rounded(store, network, tmp_path):
    extra = store.add_member(network["network"], Member(name="E", practice_type="vet"))
    for meeting, status in (("M1", "present"), ("M2", "present"), ("M3", "absent")):
        store.set_attendance(Attendance(network[meeting], extra.id, status))
    paths = write_csv(_result(store, network).tables(), tmp_path / "csv")
    members = next(path for path in paths if path.name == "medlemmer.csv")
    rows = list(csv.DictReader(members.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert next(row for row in rows if row["Navn"] == "E")["Fremmøde"] == "0,667"
    meetings = next(path for path in paths if path.name == "moeder.csv")
    rows = list(csv.DictReader(meetings.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert [row["Fremmøde"] for row in rows] == ["1,0", "0,8", "0,4", "0,25"]
    for row in rows:
        for column in ("Fremmøde", "Afbud", "Væk", "Væk, gennemsnit af 3 møder", "Andel sene afbud"):
            assert len(row[column].partition(",")[2]) <= 3, (column, row[column])


def test_charts_fit_their_axes_to_the_data_and_read_at_print_size(store, network):
    result = _result(store, network)
    evaluation = charts.evaluation_chart(result.evaluations)
    questions = result.evaluations["question"].nunique()
    assert len(evaluation.axes) == questions + 1  # a panel per question, one for the answers
    answers = evaluation.axes[-1]
    assert answers.get_ylim()[1] < 2 * result.evaluations["responses"].max()  # not an axis to 30 for 3 answers
    away = charts.cancellation_chart(result.trend, result.warning)
    assert away.axes[0].get_ylim()[1] == pytest.approx(0.8)  # highest share 75 %, not always 100 %
    assert away.get_size_inches()[0] <= 7  # drawn at the A4 text width: its type prints at its own size
    assert all(text.get_fontsize() >= 10 for text in away.legends[0].get_texts())


def test_network_panels_share_a_time_axis(store, network):
    build_network(store, name="Andet netværk")
    data = analysis.load(store, as_of=AS_OF)
    figure = charts.small_multiples(analysis.attendance_per_meeting(data), analysis.overview(data))
    panels = [ax for ax in figure.axes if ax.axison]
    assert len(panels) == 2
    figure.canvas.draw()
    for ax in panels:
        labels = [label.get_text() for label in ax.get_xticklabels() if label.get_text()]
        assert labels and all("2026" in label for label in labels), labels
    assert panels[0].get_ylim()[1] == pytest.approx(0.8)


def test_a_long_network_name_is_cut_in_the_header_not_on_the_front_page(store, tmp_path):
    name = "Ledernetværket for tandlæger, læger og fysioterapeuter i Region Midtjylland og omegn"
    ids = build_network(store, name=name)
    result = analyse_network(analysis.load(store, as_of=AS_OF), ids["network"])
    pages = _pages(write_pdf(result, tmp_path / "lang.pdf", today=MADE))
    header = pages[1].splitlines()[0]
    assert "Ledernetværket for tandlæger" in header and "…" in header
    assert header.rstrip().endswith("Perioden 8. jan. 2026 – 3. sep. 2026")
    assert "Region Midtjylland og omegn" in pages[0]

"""Charts, exports, the PDF report, the command line and the synthetic data set of the consultant's analysis."""

from __future__ import annotations

import csv
import datetime as dt
import gc
import shutil
import subprocess
import tracemalloc

import matplotlib
import openpyxl
import pandas as pd
import pytest
from matplotlib.figure import Figure

from netvaerk_lib import analysis
from netvaerk_lib.analysis import charts
from netvaerk_lib.analysis.evaluation_chart import checkpoint_position
from netvaerk_lib.analysis.report import analyse_network, write_csv, write_pdf, write_xlsx
from netvaerk_lib.analysis.sample import AS_OF, build_network
from netvaerk_lib.analysis.synthetic import generate
from netvaerk_lib.cli import main
from netvaerk_lib.model import Member
from netvaerk_lib.store import Store

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "report.sqlite") as opened:
        yield opened


@pytest.fixture()
def network(store):
    return build_network(store)


@pytest.fixture()
def result(store, network):
    return analyse_network(analysis.load(store, as_of=AS_OF), network["network"])


def _title(figure) -> str:
    """The finding a chart states: the figure's title when it has several panels, else its one axes' title."""
    return figure.get_suptitle() or figure.axes[0].get_title(loc="left")


def test_titles_state_the_finding(result):
    assert _title(charts.cancellation_chart(result.trend, result.warning)) == (
        "Afbud og udeblivelser er steget over de sidste 3 møder")
    assert _title(charts.attendance_bars(result.per_meeting)) == "I gennemsnit mødte 62 % af medlemmerne op"
    assert _title(charts.attendance_heatmap(result.per_member, len(result.at_risk))) == (
        "2 medlemmer har været væk mindst to møder i træk")
    evaluation = charts.evaluation_chart(result.evaluations)
    assert _title(evaluation) == "Evalueringerne er faldet fra 3,8 til 3,0 i gennemsnit"


def test_danish_dates_and_okabe_ito_colours(result):
    figure = charts.attendance_bars(result.per_meeting)
    ax = figure.axes[0]
    assert [label.get_text() for label in ax.get_xticklabels()] == [
        "8. jan. 2026", "5. mar. 2026", "7. maj 2026", "3. sep. 2026"]
    legend = [text.get_text() for text in figure.legends[0].get_texts()]
    assert legend == ["Til stede", "Afbud i god tid", "Sent afbud (under 48 timer før)", "Udeblevet uden afbud"]
    colours = {matplotlib.colors.to_hex(bar.get_facecolor()) for bar in ax.patches}
    assert colours <= {c.lower() for c in charts.OKABE_ITO.values()}


def test_trial_checkpoint_is_marked(result):
    figure = charts.evaluation_chart(result.evaluations)
    texts = [text.get_text() for text in figure.axes[0].texts]
    assert "Prøveperiode slut (møde 3)" in texts


def _live_figures() -> int:
    gc.collect()
    return sum(isinstance(thing, Figure) for thing in gc.get_objects())


def test_rendering_does_not_keep_figures(result):
    before = _live_figures()
    for _ in range(5):
        assert all(charts.png(figure).startswith(b"\x89PNG") for figure in result.figures())
    assert _live_figures() == before
    assert plt.get_fignums() == []


def test_redrawing_does_not_grow_memory(result):
    def redraw():
        charts.png(charts.attendance_bars(result.per_meeting))

    redraw()
    tracemalloc.start()
    redraw()
    gc.collect()
    first, _ = tracemalloc.get_traced_memory()
    for _ in range(4):
        redraw()
    gc.collect()
    after, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert after - first < 300_000, f"memory grew by {after - first} bytes over 4 redraws"


def test_names_with_dollar_signs_render_as_typed(store, network):
    store.add_member(network["network"], Member(name="$x^{2$ Hansen", practice_type="vet"))
    data = analysis.load(store, as_of=AS_OF)
    member = store.list_members(network["network"])[0]
    assert member.name == "$x^{2$ Hansen"
    figure = charts.attendance_heatmap(analysis.attendance_per_member(data))
    assert charts.png(figure).startswith(b"\x89PNG")
    assert charts.plain("$x$") == r"\$x\$"


def test_empty_charts_say_so(store):
    data = analysis.load(store, as_of=AS_OF)
    per_meeting = analysis.attendance_per_meeting(data)
    figure = charts.attendance_bars(per_meeting)
    assert [text.get_text() for text in figure.axes[0].texts] == ["Intet fremmøde registreret i perioden"]
    assert charts.png(charts.small_multiples(per_meeting, analysis.overview(data))).startswith(b"\x89PNG")


def test_pdf_report_pages_and_text(result, tmp_path):
    path = write_pdf(result, tmp_path / "rapport.pdf", today=dt.date(2026, 11, 1))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Pages:           6" in info
    assert "Netværksrapport: Testnetværket" in info
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    front = text.split("\f")[0]
    assert "Nøgletal" in front and "Advarsel" in front and "Udarbejdet 1. nov. 2026" in front
    assert "Mange afbud er et tegn på, at I er på vildspor." in front
    assert "Til drøftelse i netværket" in text.split("\f")[5]
    assert "Rekruttering" in text.split("\f")[5]  # the topic not taken up yet


def test_pdf_pages_render_to_png(result, tmp_path):
    path = write_pdf(result, tmp_path / "rapport.pdf")
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(path), str(tmp_path / "side")], check=True)
    pages = sorted(tmp_path.glob("side-*.png"))
    assert len(pages) == 6
    assert all(page.read_bytes().startswith(b"\x89PNG") and page.stat().st_size > 2000 for page in pages)


def test_xlsx_has_danish_sheets_and_keeps_formulas_as_text(store, network, tmp_path):
    store.add_member(network["network"], Member(name='=HYPERLINK("http://x","klik")', practice_type="vet"))
    result = analyse_network(analysis.load(store, as_of=AS_OF), network["network"])
    path = write_xlsx(result.tables(), tmp_path / "tal.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Møder", "Medlemmer", "Fremmøde", "Væk flere gange", "Evaluering", "Emner",
                               "Målsætninger"]
    meetings = book["Møder"]
    header = [cell.value for cell in meetings[1]]
    assert header[:3] == ["Møde nr. (id)", "Mødedato", "Møde nr."]
    assert meetings.cell(2, 2).value == dt.datetime(2026, 1, 8, 17, 0)  # a real date: test_analysis_handover
    names = [row[1].value for row in book["Medlemmer"].iter_rows(min_row=2)]
    typed = next(cell for cell in names if "HYPERLINK" in str(cell))
    assert typed == "'=HYPERLINK(\"http://x\",\"klik\")"
    attendance = [row[5].value for row in book["Fremmøde"].iter_rows(min_row=2)]
    assert "Sent afbud (under 48 timer før)" in attendance


def test_csv_for_danish_excel(result, tmp_path):
    paths = write_csv(result.tables(), tmp_path / "csv")
    meetings = next(path for path in paths if path.name == "moeder.csv")
    raw = meetings.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    header = rows[0]
    assert header[header.index("Fremmøde")] == "Fremmøde"
    assert rows[2][header.index("Fremmøde")] == "0,75"


def test_command_line_report(store, network, tmp_path, capsys):
    pdf, xlsx = tmp_path / "r.pdf", tmp_path / "r.xlsx"
    assert main(["--db", str(store.path), "report", "Testnetværket", "--pdf", str(pdf), "--xlsx", str(xlsx)]) == 0
    out = capsys.readouterr().out
    assert "Rapporten for Testnetværket er skrevet" in out and "vildspor" in out
    assert pdf.read_bytes().startswith(b"%PDF") and xlsx.stat().st_size > 0
    assert main(["--db", str(store.path), "report", "Findes ikke", "--pdf", str(pdf)]) == 1
    assert "Netværket 'Findes ikke' findes ikke. Netværk i databasen: 'Testnetværket'." in capsys.readouterr().err
    assert main(["--db", str(store.path), "report", "Testnetværket"]) == 2
    with pytest.raises(SystemExit, match="'5/3' er ikke en dato"):
        main(["--db", str(store.path), "report", "Testnetværket", "--pdf", str(pdf), "--from", "5/3"])


def test_synthetic_data_set(store):
    counts = generate(store, networks=6, years=2, seed=7, today=dt.date(2026, 11, 1))
    assert counts["networks"] == 6
    data = analysis.load(store, as_of=dt.datetime(2026, 11, 1, 23, 0))
    assert len(data.networks) == 6
    sizes = data.members.groupby("network_id").size()
    assert sizes.between(8, 15).all()
    assert data.meetings["held"].sum() == counts["held"]
    table = analysis.overview(data)
    assert len(table) == 6 and set(table["level"]) <= {"red", "yellow", "green"}
    assert (table["meetings"] > 5).all()
    again = Store(store.path.parent / "again.sqlite")
    generate(again, networks=6, years=2, seed=7, today=dt.date(2026, 11, 1))
    assert again.query_one("SELECT COUNT(*) AS n FROM attendance")["n"] == counts["attendance"]
    again.close()


def test_bulk_insert_is_all_or_nothing(store):
    with pytest.raises(ValueError):
        store.bulk_insert({"networks": [(1, "A", "", "2026-01-01", 2, 180, 4, "")], "members": [(1, 2)]})
    assert store.list_networks() == []
    with pytest.raises(ValueError, match="cannot write"):
        store.bulk_insert({"settings": [("a", "b")]})


def test_poppler_is_installed():
    """The report test renders PDF pages with poppler-utils (pdftoppm, pdftotext, pdfinfo)."""
    assert all(shutil.which(tool) for tool in ("pdftoppm", "pdftotext", "pdfinfo"))


def test_command_line_synthetic_only_into_an_empty_database(store, network, tmp_path, capsys):
    assert main(["--db", str(store.path), "synthetic", "--networks", "2"]) == 1
    assert "har allerede netværk" in capsys.readouterr().err
    assert len(store.list_networks()) == 1
    empty = tmp_path / "syntetisk.sqlite"
    assert main(["--db", str(empty), "synthetic", "--networks", "2", "--years", "1"]) == 0
    assert "2 syntetiske netværk med" in capsys.readouterr().out


@pytest.mark.parametrize(("numbers", "expected"), [([1, 3, 4], 1.0), ([1, 2, 4, 5], 1.5), ([4, 5], None),
                                                    ([1, 2], None)])
def test_trial_checkpoint_between_shown_meetings(numbers, expected):
    meetings = pd.DataFrame({"number": numbers, "trial_meetings": 3})
    assert checkpoint_position(meetings) == expected

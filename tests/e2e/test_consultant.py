"""The consultant's notebook as a Voilà app: change the network filter and the charts change; the period
filter refuses an end before the start and is read only when the typing is done; the PDF report is downloaded
and its pages rendered to PNG; the notebook's JupyterLab text stays out of Voilà; networks come in natural
order; English mode is English throughout."""

from __future__ import annotations

import subprocess
import time

import pytest
from harness import APP_TIMEOUT_MS, ARTIFACTS, did_not_open
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from netvaerk_lib.analysis.synthetic import generate
from netvaerk_lib.model import Network

CHARTS = ("cancellation", "attendance", "heatmap", "evaluation")
# This notebook computes every section (all networks, five charts) before Voilà shows it: allow twice the
# harness's app timeout on a machine shared with other browser tests.
OPEN_TIMEOUT_MS = 2 * APP_TIMEOUT_MS


@pytest.fixture
def second_network(server):
    """A synthetic network next to the demo network, removed again afterwards."""
    with server.store() as store:
        before = {network.id for network in store.list_networks()}
        generate(store, networks=1, years=2, seed=11)
        network = next(n for n in store.list_networks() if n.id not in before)
    yield network.name
    with server.store() as store:
        store.delete_network(network.id)


def _sources(page) -> dict[str, str]:
    return {name: page.locator(f"img.nv-chart-{name}").first.get_attribute("src") for name in CHARTS}


def _open(page, server):
    """Like ``open_app``, but the page may take longer than one action to load: Voilà runs every cell of this
    notebook (data of all networks, charts) before the page's load event."""
    try:
        page.goto(server.app_url("konsulent"), timeout=OPEN_TIMEOUT_MS, wait_until="commit")
        page.wait_for_selector(".nv-app", state="visible", timeout=OPEN_TIMEOUT_MS)
    except PlaywrightTimeoutError:
        pytest.fail(did_not_open(server, "konsulent"), pytrace=False)
    for name in CHARTS:
        page.locator(f"img.nv-chart-{name}").first.wait_for(timeout=OPEN_TIMEOUT_MS)
    page.locator(".nv-analysis-download").first.wait_for(state="attached", timeout=OPEN_TIMEOUT_MS)
    page.wait_for_load_state("networkidle")


def _wait_for_change(page, before: dict[str, str], timeout_s: float = 90) -> dict[str, str]:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        after = _sources(page)
        if all(after[name] != before[name] for name in CHARTS):
            return after
        page.wait_for_timeout(500)
    return _sources(page)


def test_network_filter_changes_the_charts(page, server, shoot, axe, second_network):
    _open(page, server)
    verdict = page.locator(".nv-analysis-warning h3")
    assert "Demo" in verdict.inner_text()
    assert page.locator(".nv-overview tbody tr").count() == 2
    assert second_network in page.locator(".nv-overview").inner_text()
    shoot(page, "consultant-desktop")
    axe(page)
    before = _sources(page)
    assert all(src.startswith("data:image/png;base64,") for src in before.values())

    page.get_by_label("Netværk", exact=True).select_option(label=second_network)
    page.wait_for_function(
        "name => document.querySelector('.nv-analysis-warning h3').textContent.includes(name)",
        arg=second_network, timeout=90_000)
    after = _wait_for_change(page, before)
    changed = [name for name in CHARTS if after[name] != before[name]]
    assert changed == list(CHARTS), f"charts that did not change: {set(CHARTS) - set(changed)}"
    alt = page.locator("img.nv-chart-cancellation").first.get_attribute("alt")
    assert alt.startswith(("Fraværet ligger", "Afbud og udeblivelser"))
    shoot(page, "consultant-second-network")


def test_period_filter_refuses_an_end_before_the_start(page, server):
    _open(page, server)
    page.get_by_label("Fra dato").fill("1.6.2026")
    page.get_by_label("Fra dato").press("Enter")
    page.get_by_label("Til dato").fill("1.1.2026")
    page.get_by_label("Til dato").press("Enter")
    error = page.locator(".nv-field-error [role=alert]")
    error.wait_for(timeout=60_000)
    assert "Til-datoen ligger før fra-datoen" in error.inner_text()


def test_typing_a_date_recomputes_only_when_the_date_is_entered(page, server, shoot):
    _open(page, server)
    heading = page.locator(".nv-analysis-warning h3")
    whole = heading.inner_text()
    field = page.get_by_label("Fra dato")
    field.click()
    for key in "1.6.2026":  # a person typing; each key would have been a new period before
        page.keyboard.type(key)
        page.wait_for_timeout(250)
    page.wait_for_timeout(1500)  # the kernel had time to answer a change, if one had been sent
    assert heading.inner_text() == whole
    field.press("Enter")
    page.wait_for_function("text => !document.querySelector('.nv-analysis-warning h3').textContent.includes(text)",
                           arg=whole, timeout=90_000)
    assert "1. jun. 2026" in heading.inner_text()
    field.fill("1.6.202")
    field.press("Tab")
    error = page.locator(".nv-field-error [role=alert]")
    error.wait_for(timeout=60_000)
    assert "'1.6.202' er ikke en dato" in error.inner_text()
    assert "1. jun. 2026" in heading.inner_text()  # the last good period stays shown
    shoot(page, "consultant-date-refused")


def test_voila_shows_the_app_without_the_notebooks_jupyterlab_text(page, server, shoot):
    _open(page, server)
    text = page.locator("body").inner_text()
    assert "I JupyterLab" not in text and "NETVAERK_DB" not in text and "Kør cellerne" not in text
    assert text.count("Konsulentens analyse") == 1
    assert page.get_by_role("heading", name="Konsulentens analyse").count() == 1
    shoot(page, "consultant-top")


@pytest.fixture
def numbered_networks(server):
    """Networks whose names differ in a number, removed again afterwards."""
    with server.store() as store:
        added = [store.add_network(Network(name=name)) for name in ("Netværk 10", "Netværk 2", "Netværk 1")]
    yield [network.name for network in added]
    with server.store() as store:
        for network in added:
            store.delete_network(network.id)


def test_networks_are_in_natural_order(page, server, numbered_networks):
    _open(page, server)
    options = page.get_by_label("Netværk", exact=True).locator("option").evaluate_all(
        "options => options.map(o => o.textContent.replaceAll('\u00a0', ' '))")  # ipywidgets writes no-break spaces
    numbered = [name for name in options if name in numbered_networks]
    assert numbered == ["Netværk 1", "Netværk 2", "Netværk 10"]
    rows = page.locator(".nv-overview tbody th").all_inner_texts()
    assert [name for name in rows if name in numbered_networks] == ["Netværk 1", "Netværk 2", "Netværk 10"]


DANISH = ("Konsulentens", "Fremmøde", "fremmøde", "Afbud", "afbud", "Fraværet", "Overblik", "Advarsel", "møde",
          "Netværk", "Rød", "Grøn", "Gul", "Lav PDF", "Emner", "Målsætning", "Hele perioden", "Nøgletal", "væk")


def test_english_mode_is_english_throughout(fresh_server, browser, monkeypatch, shoot, tmp_path):
    monkeypatch.setenv("NETVAERK_LANG", "en")
    english = fresh_server()
    context = browser.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True)
    page = context.new_page()
    _open(page, english)
    app_text = " ".join(page.locator(".nv-app").all_inner_texts())
    alts = " ".join(page.locator("img.nv-chart").evaluate_all("images => images.map(i => i.alt)"))
    assert "Consultant's analysis" in app_text and "Make PDF report" in app_text
    found = [word for word in DANISH if word in app_text or word in alts]
    assert not found, f"Danish in English mode: {found}"
    shoot(page, "consultant-english")
    page.get_by_role("button", name="Make PDF report").click()
    link = page.locator("a.nv-download")
    link.wait_for(timeout=90_000)
    with page.expect_download() as download:
        link.click()
    pdf = tmp_path / "report.pdf"
    download.value.save_as(pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    found = [word for word in DANISH if word in text]
    assert not found, f"Danish in the English report: {found}"
    context.close()


def test_pdf_report_downloads_and_its_pages_render(page, server, shoot, tmp_path):
    _open(page, server)
    page.get_by_role("button", name="Lav PDF-rapport").click()
    link = page.locator("a.nv-download")
    link.wait_for(timeout=90_000)
    assert link.inner_text().startswith("Hent rapport_")
    with page.expect_download() as download:
        link.click()
    pdf = tmp_path / "rapport.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    pages_dir = ARTIFACTS / "screenshots"
    pages_dir.mkdir(parents=True, exist_ok=True)
    for old in pages_dir.glob("consultant-pdf-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(pages_dir / "consultant-pdf")], check=True)
    pages = sorted(pages_dir.glob("consultant-pdf-*.png"))
    assert len(pages) == 6
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Netværksrapport: Demo" in text and "Nøgletal" in text and "Til drøftelse i netværket" in text
    shoot(page, "consultant-download")


def test_phone_layout(phone, server, shoot):
    _open(phone, server)
    width = phone.evaluate("document.documentElement.scrollWidth")
    shoot(phone, "consultant-phone")
    assert width <= 400, f"the page is {width} px wide on a 390 px phone"
    summary = phone.locator(".nv-analysis-overview p").first.bounding_box()
    assert summary["x"] + summary["width"] <= 390, "the overview text runs off the phone screen"
    table = phone.locator(".nv-analysis-overview .nv-scroll").first.bounding_box()
    assert table["x"] + table["width"] <= 390, "the overview table widens its card instead of scrolling"

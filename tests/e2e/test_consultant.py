"""The consultant's notebook as a Voilà app: change the network filter and the charts change; the period
filter refuses an end before the start; the PDF report is downloaded and its pages rendered to PNG."""

from __future__ import annotations

import subprocess
import time

import pytest
from harness import APP_TIMEOUT_MS, ARTIFACTS

from netvaerk_lib.analysis.synthetic import generate

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
    page.goto(server.app_url("konsulent"), timeout=OPEN_TIMEOUT_MS, wait_until="commit")
    page.wait_for_selector(".nv-app", state="visible", timeout=OPEN_TIMEOUT_MS)
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
    page.get_by_label("Fra dato").fill("2026-06-01")
    page.get_by_label("Fra dato").dispatch_event("change")
    page.get_by_label("Til dato").fill("2026-01-01")
    page.get_by_label("Til dato").dispatch_event("change")
    error = page.locator(".nv-field-error [role=alert]")
    error.wait_for(timeout=60_000)
    assert "Til-datoen ligger før fra-datoen" in error.inner_text()


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

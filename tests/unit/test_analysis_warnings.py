"""The warning texts agree with the trend: no "and it is not rising" beside "more away", no headline calling
cancellations rising where the table says "stable", in Danish and in English."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from netvaerk_lib import analysis
from netvaerk_lib.analysis import charts
from netvaerk_lib.analysis.attendance import TREND_STEP, trend_of
from netvaerk_lib.analysis.sample import AS_OF
from netvaerk_lib.analysis.synthetic import generate
from netvaerk_lib.store import Store
from netvaerk_lib.texts import set_language, t

RATES = st.lists(st.floats(min_value=0, max_value=1, allow_nan=False), min_size=0, max_size=12)


@pytest.fixture(params=["da", "en"])
def lang(request):
    set_language(request.param)
    yield request.param
    set_language("da")


def _claims_no_rise(text: str) -> bool:
    return t("analysis.warning.none", threshold="§").split("§")[-1].strip(" .") in text


@given(RATES)
def test_the_texts_of_a_warning_agree_with_its_trend(rates):
    warning = analysis.assess(rates)
    assert warning.trend == trend_of(rates, rising=warning.rising)
    if warning.trend == "up":
        assert not _claims_no_rise(warning.text), (rates, warning.text)
        assert warning.headline != t("analysis.headline.below", threshold="30 %")
    if warning.rising:
        assert warning.trend == "up"
    if warning.headline == t("analysis.headline.rising", meetings=3):
        assert warning.trend == "up"


@pytest.mark.parametrize(("rates", "trend", "level"), [
    ([0.0, 0.0, 0.0, 0.1, 0.2, 0.1], "up", "green"),      # more away than before, but not at each meeting
    ([0.2, 0.2, 0.2, 0.1, 0.12, 0.14], "up", "yellow"),    # rising at each meeting: never "fewer" or "stable"
    ([0.1, 0.1, 0.1, 0.1, 0.1, 0.1], "flat", "green"),
    ([0.25, 0.25, 0.25, 0.1, 0.1, 0.1], "down", "green"),
    ([0.1, 0.1], "unknown", "green"),
])
def test_trend_and_level(rates, trend, level):
    warning = analysis.assess(rates)
    assert (warning.trend, warning.level) == (trend, level)


def test_below_the_threshold_but_more_away_says_so(lang):
    warning = analysis.assess([0.0, 0.0, 0.0, 0.1, 0.2, 0.1])
    assert warning.level == "green" and warning.trend == "up"
    if lang == "da":
        assert warning.text == ("Fraværet ligger under grænsen på 30 %, men flere var væk ved de sidste 3 møder "
                                "end ved de 3 før.")
        assert "stiger ikke" not in warning.text
        assert warning.headline == "Fraværet ligger under grænsen på 30 %, men flere er væk end før"
    else:
        assert "not rising" not in warning.text and "but more were away" in warning.text


def test_a_quiet_network_says_it_is_not_rising():
    warning = analysis.assess([0.1] * 6)
    assert warning.text == "Fraværet ligger under grænsen på 30 %, og det stiger ikke."


@pytest.fixture()
def overview_of_30(tmp_path):
    with Store(tmp_path / "thirty.sqlite") as store:
        generate(store, networks=30, years=2, seed=7)
        yield analysis.overview(analysis.load(store, as_of=AS_OF))


def test_every_row_of_the_overview_agrees_with_its_trend(overview_of_30):
    table = overview_of_30
    assert len(table) == 30
    for row in table.itertuples():
        if row.trend == "up":
            assert not _claims_no_rise(row.reason), (row.network, row.trend, row.reason)
        if row.reason.startswith(t("analysis.warning.rising", meetings=3, rates="§").split("§")[0]):
            assert row.trend == "up", (row.network, row.reason)
        if row.trend_delta == row.trend_delta and row.trend in ("flat", "down"):  # not NaN
            assert row.trend_delta < TREND_STEP


def test_the_headline_over_the_small_charts_counts_the_networks_whose_trend_is_up(overview_of_30):
    table = overview_of_30
    up = int((table["trend"] == "up").sum())
    red = int((table["level"] == "red").sum())
    assert charts.multiples_title(table) == (
        f"{red} af 30 netværk har mange afbud, og hos {up} er flere væk end før")


def test_a_network_flagged_only_for_members_at_risk_is_not_called_rising():
    flagged = pd.DataFrame({"level": ["yellow", "green"], "trend": ["flat", "flat"]})
    assert charts.multiples_title(flagged) == "0 af 2 netværk har mange afbud, og hos 0 er flere væk end før"

"""The catalogue: Danish and English complete and consistent, dates and numbers the Danish way."""

from __future__ import annotations

import ast
import datetime as dt
import string
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from netvaerk_lib import texts

PACKAGE = Path(texts.__file__).parent


def po_keys(path: Path) -> dict[str, str]:
    with path.open("rb") as handle:
        return {str(m.id): str(m.string) for m in read_po(handle) if m.id}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.fixture
def english():
    texts.set_language("en")
    yield
    texts.set_language("da")


def test_every_po_file_has_its_twin_with_the_same_keys():
    danish = {p.name for p in (texts.LOCALE_DIR / "da").glob("*.po")}
    english = {p.name for p in (texts.LOCALE_DIR / "en").glob("*.po")}
    assert danish == english
    for name in sorted(danish):
        da_keys = set(po_keys(texts.LOCALE_DIR / "da" / name))
        en_keys = set(po_keys(texts.LOCALE_DIR / "en" / name))
        assert da_keys - en_keys == set(), f"{name}: missing in English"
        assert en_keys - da_keys == set(), f"{name}: missing in Danish"


def test_no_key_is_defined_in_two_files_and_none_is_empty():
    for lang in texts.LANGUAGES:
        seen: dict[str, str] = {}
        for path in sorted((texts.LOCALE_DIR / lang).glob("*.po")):
            for key, text in po_keys(path).items():
                assert key not in seen, f"{lang}: {key} is in both {seen[key]} and {path.name}"
                assert text.strip(), f"{lang}/{path.name}: {key} has no text"
                seen[key] = path.name
    assert set(texts.catalogue("da")) == set(texts.catalogue("en"))


def test_placeholders_are_the_same_in_both_languages():
    english = texts.catalogue("en")
    for key, danish in texts.catalogue("da").items():
        assert placeholders(danish) == placeholders(english[key]), key


def test_every_literal_key_used_in_the_code_exists():
    """``t("some.key")`` with a literal key anywhere in netvaerk_lib must be in the catalogue."""
    missing = []
    for source in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "t"
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                if node.args[0].value not in texts.catalogue("da"):
                    missing.append(f"{source.relative_to(PACKAGE)}:{node.lineno} {node.args[0].value}")
    assert missing == []


def test_long_date_in_danish_and_english(english):
    day = dt.date(2026, 3, 5)
    assert texts.long_date(day) == "Thursday 5 March 2026"
    texts.set_language("da")
    assert texts.long_date(day) == "torsdag den 5. marts 2026"
    assert texts.date_time(dt.datetime(2026, 3, 5, 17, 0)) == "torsdag den 5. marts 2026 kl. 17:00"


def test_numbers_the_danish_way(english):
    assert texts.number(1234.5, 1) == "1,234.5"
    texts.set_language("da")
    assert texts.number(1234.5, 1) == "1.234,5"
    assert texts.number(4500) == "4.500"
    assert texts.kroner(4500) == "4.500 kr."


def test_t_fills_placeholders_and_falls_back_to_danish_then_the_key(english):
    assert texts.t("import.problem", row=3, column="Navn", message="x") == "Row 3, column 'Navn': x"
    assert texts.t("no.such.key") == "no.such.key"
    with pytest.raises(ValueError):
        texts.set_language("de")


@pytest.mark.parametrize(("lang", "expected"), [
    ("da", ["0 medlemmer", "1 medlem", "2 medlemmer", "5 medlemmer", "1.200 medlemmer"]),
    ("en", ["0 members", "1 member", "2 members", "5 members", "1,200 members"]),
])
def test_a_count_picks_its_plural_form_by_the_po_files_rule(lang, expected):
    texts.set_language(lang)
    try:
        assert [texts.tn("common.member_count", n) for n in (0, 1, 2, 5, 1200)] == expected
    finally:
        texts.set_language("da")


def test_every_plural_entry_has_its_forms_in_both_languages():
    danish, english = texts.plural_catalogue("da"), texts.plural_catalogue("en")
    assert set(danish) == set(english) and danish
    for key, (forms, _rule) in danish.items():
        assert len(forms) == 2 and all(form.strip() for form in forms), key
        assert all(placeholders(form) == placeholders(english[key][0][0]) for form in forms), key


def test_names_are_listed_the_way_the_language_does():
    assert texts.names(["Anna", "Bo", "Carl"]) == "Anna, Bo og Carl"
    texts.set_language("en")
    try:
        assert texts.names(["Anna", "Bo", "Carl"]) == "Anna, Bo and Carl"
    finally:
        texts.set_language("da")


@pytest.mark.parametrize(("key", "lang", "expected"), [
    ("evaluation.access.renewed", "da", ["0 nye koder er lavet", "1 ny kode er lavet", "2 nye koder er lavet",
                                         "5 nye koder er lavet"]),
    ("evaluation.access.renewed", "en", ["0 new codes made", "1 new code made", "2 new codes made",
                                         "5 new codes made"]),
    ("members.imported", "da", ["0 medlemmer er", "1 medlem er", "2 medlemmer er", "5 medlemmer er"]),
    ("members.imported", "en", ["0 members", "1 member imported", "2 members", "5 members"]),
    ("analysis.warning.at_risk", "da", ["0 medlemmer har", "1 medlem har", "2 medlemmer har", "5 medlemmer har"]),
    ("planning.app.rota_without", "en", ["0 meetings have", "1 meeting has", "2 meetings have", "5 meetings have"]),
])
def test_the_apps_counts_read_right_for_0_1_2_and_5(key, lang, expected):
    texts.set_language(lang)
    try:
        for count, start in zip((0, 1, 2, 5), expected, strict=True):
            assert texts.tn(key, count).startswith(start), (key, count)
    finally:
        texts.set_language("da")

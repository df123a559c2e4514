"""The one catalogue of user-facing text, Danish first and English second.

Every string a person reads goes through :func:`t`. The catalogue lives in gettext PO files under
``locale/<lang>/*.po`` (one file per area, so that areas can grow independently); keys are the msgids.
Danish is the default; ``NETVAERK_LANG=en`` or :func:`set_language` switches to English.
Dates, numbers and lists are formatted with Babel in the current language; a text that depends on a count is a
gettext plural entry (``msgid``/``msgid_plural``/``msgstr[N]``) read with :func:`tn`, which picks the form by the
PO file's own ``Plural-Forms``.
"""

from __future__ import annotations

import datetime as dt
import gettext
import os
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

from babel.dates import format_date, format_datetime, format_time, format_timedelta
from babel.lists import format_list
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

LANGUAGES = ("da", "en")
DEFAULT_LANGUAGE = "da"
LOCALE_DIR = Path(__file__).parent / "locale"

_language = os.environ.get("NETVAERK_LANG", DEFAULT_LANGUAGE)
if _language not in LANGUAGES:
    _language = DEFAULT_LANGUAGE


@cache
def catalogue(lang: str) -> dict[str, str]:
    """All messages of one language, merged from every PO file of that language (plural entries aside)."""
    messages: dict[str, str] = {}
    for po_file in sorted((LOCALE_DIR / lang).glob("*.po")):
        with po_file.open("rb") as handle:
            for message in read_po(handle, locale=lang):
                if message.id and message.string and not message.pluralizable:
                    messages[str(message.id)] = str(message.string)
    return messages


@cache
def plural_catalogue(lang: str) -> dict[str, tuple[tuple[str, ...], Callable[[int], int]]]:
    """Plural entries of one language: key -> (the forms, the PO file's rule that picks a form for a count)."""
    messages: dict[str, tuple[tuple[str, ...], Callable[[int], int]]] = {}
    for po_file in sorted((LOCALE_DIR / lang).glob("*.po")):
        with po_file.open("rb") as handle:
            po = read_po(handle, locale=lang)
        rule = gettext.c2py(po.plural_expr)
        for message in po:
            if message.pluralizable and message.id and all(message.string):
                messages[str(message.id[0])] = (tuple(str(form) for form in message.string), rule)
    return messages


def language() -> str:
    return _language


def set_language(lang: str) -> None:
    global _language
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {LANGUAGES}")
    _language = lang


def t(key: str, /, **values: object) -> str:
    """The text for ``key`` in the current language, with ``{name}`` placeholders filled in."""
    text = catalogue(_language).get(key)
    if text is None:
        text = catalogue(DEFAULT_LANGUAGE).get(key, key)
    return text.format(**values) if values else text


def tn(key: str, count: int, /, **values: object) -> str:
    """The text for ``key`` in the form for ``count`` ("1 medlem", "2 medlemmer"); ``{n}`` is the count written
    as a number of the language, other ``{name}`` placeholders as in :func:`t`."""
    entry = plural_catalogue(_language).get(key) or plural_catalogue(DEFAULT_LANGUAGE).get(key)
    if entry is None:
        return key
    forms, rule = entry
    text = forms[min(rule(abs(int(count))), len(forms) - 1)]
    return text.format(n=number(count), **values)


def names(items: Iterable[str]) -> str:
    """'Anna, Bo og Carl' / 'Anna, Bo and Carl'."""
    return format_list(list(items), locale=_babel_locale())


def has(key: str) -> bool:
    return key in catalogue(_language)


def _babel_locale() -> str:
    return "da_DK" if _language == "da" else "en_GB"


def long_date(day: dt.date | dt.datetime) -> str:
    """'torsdag den 5. marts 2026' / 'Thursday 5 March 2026'."""
    pattern = "EEEE 'den' d. MMMM y" if _language == "da" else "EEEE d MMMM y"
    return format_date(day, pattern, locale=_babel_locale())


def short_date(day: dt.date | dt.datetime) -> str:
    """'5. mar. 2026' / '5 Mar 2026'."""
    return format_date(day, "medium", locale=_babel_locale())


def date_time(moment: dt.datetime) -> str:
    """'torsdag den 5. marts 2026 kl. 17:00'."""
    return f"{long_date(moment)} {t('common.at_time')} {clock(moment)}"


def ago(delta: dt.timedelta) -> str:
    """How long ago, for a span of time back: 'for 7 måneder siden' / '7 months ago'."""
    return format_timedelta(-abs(delta), add_direction=True, locale=_babel_locale())


def clock(moment: dt.datetime | dt.time) -> str:
    return format_time(moment, "HH:mm", locale=_babel_locale())


def timestamp(moment: dt.datetime) -> str:
    return format_datetime(moment, "short", locale=_babel_locale())


def number(value: float, decimals: int = 0) -> str:
    """'1.234,5' in Danish, '1,234.5' in English."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=_babel_locale())


def kroner(amount: float) -> str:
    return t("common.kroner", amount=number(amount))

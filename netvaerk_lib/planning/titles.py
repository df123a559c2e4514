"""Which part of the meeting an agenda item's title names: the words of the guide's template titles and what a
facilitator would write, in Danish and English (``run.section_words.*`` in the catalogue)."""

from __future__ import annotations

from functools import cache

from netvaerk_lib.texts import LANGUAGES, catalogue

# In this order: a title naming several ("Evaluering af modellen") belongs to the first.
TITLED_SECTIONS = ("follow_up", "flipover", "contract", "checkpoint", "evaluation", "closing")


@cache
def section_words(section: str) -> frozenset[str]:
    key = f"run.section_words.{section}"
    return frozenset(word.strip().casefold() for lang in LANGUAGES
                     for word in catalogue(lang).get(key, "").split("|") if word.strip())


def titled_section(title: str) -> str | None:
    """The part of the meeting whose words the title holds, if any."""
    folded = title.casefold()
    return next((section for section in TITLED_SECTIONS if any(word in folded for word in section_words(section))),
                None)


def is_follow_up_round(item) -> bool:
    """Whether an agenda item is the follow-up round: a round of one turn each, titled as the follow-up."""
    return item.exercise_type == "presentation" and titled_section(item.title) == "follow_up"

"""The network's contract: a purpose that is more than social, ground rules, confidentiality, personal gain."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from netvaerk_lib.model import GroundRule, Member, Network
from netvaerk_lib.texts import catalogue, t

GUIDE_RULES = 6


def guide_rule_texts() -> list[str]:
    """The guide's six ideas for good ground rules, in Danish as the guide writes them."""
    return [catalogue("da")[f"guide.ground_rule.{number}"] for number in range(1, GUIDE_RULES + 1)]


def _focus_words() -> set[str]:
    words: set[str] = set()
    for lang in ("da", "en"):
        words |= {word.strip().casefold() for word in catalogue(lang).get("planning.contract.focus_words", "")
                  .split("|") if word.strip()}
    return words


def purpose_warning(purpose: str) -> str:
    """A warning when the purpose is empty or only social (the guide: always more than social); '' if fine.

    'Only social' is judged from words: a purpose that names nothing about leadership, sparring, learning,
    goals or challenges gets the guide's reminder.
    """
    text = (purpose or "").strip()
    if not text:
        return t("planning.contract.purpose_empty")
    words = re.findall(r"\w+", text.casefold())
    focus = _focus_words()
    if any(word.startswith(stem) for word in words for stem in focus):
        return ""
    return t("planning.contract.purpose_social", reminder=t("guide.purpose_more_than_social"))


@dataclass
class ContractView:
    """Everything the printed contract shows."""

    network: Network
    rules: list[GroundRule]
    confidentiality: str
    members: list[Member] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        warnings = [purpose_warning(self.network.purpose)]
        if not self.confidentiality.strip():
            warnings.append(t("planning.contract.confidentiality_missing"))
        if not self.rules:
            warnings.append(t("planning.contract.rules_missing"))
        missing = [member.name for member in self.members if not member.expected_gain.strip()]
        if missing:
            warnings.append(t("planning.contract.gain_missing", names=", ".join(missing)))
        return [warning for warning in warnings if warning]

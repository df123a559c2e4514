"""The network's contract: a purpose that is more than social, ground rules, confidentiality, personal gain."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from netvaerk_lib.model import FieldError, GroundRule, Member, Network, ValidationError
from netvaerk_lib.store import Store
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


MAX_OWN_RULES = 20


def contract_rules(network_id: int, checked: list[str], own_text: str) -> list[GroundRule]:
    """The ground rules as chosen: the guide's rules that were ticked (a label that is not one of the guide's is
    not a guide rule), then the group's own, one a line."""
    own = [line.strip() for line in own_text.splitlines() if line.strip()]
    if len(own) > MAX_OWN_RULES:
        raise ValidationError([FieldError("ground_rule", t("planning.app.too_many_rules", n=MAX_OWN_RULES))])
    guide = [text for text in checked if text in guide_rule_texts()]
    return [GroundRule(network_id, text, "guide") for text in guide] + [GroundRule(network_id, text, "own")
                                                                         for text in own]


MAX_CONTRACT_TEXT = 2000


def save_contract(store: Store, network_id: int, purpose: str, rules: list[GroundRule], confidentiality: str,
                  gains: dict[int, str], agreed_on: dt.date | None = None) -> None:
    """Check the whole contract (purpose, ground rules, confidentiality, each member's gain), then save it in one
    transaction; nothing is saved on an error."""
    errors = []
    if len(purpose) > MAX_CONTRACT_TEXT:
        errors.append(FieldError("purpose", t("error.too_long", field=t("field.purpose"), limit=MAX_CONTRACT_TEXT)))
    if len(confidentiality) > MAX_CONTRACT_TEXT:
        errors.append(FieldError("confidentiality", t("planning.error.confidentiality_long", limit=MAX_CONTRACT_TEXT)))
    for rule in rules:
        try:
            rule.validate()
        except ValidationError as error:
            errors += error.errors
    if len({rule.text.strip().casefold() for rule in rules}) != len(rules):
        errors.append(FieldError("ground_rule", t("planning.error.rule_twice")))
    for member_id, gain in gains.items():
        if len(gain) > MAX_CONTRACT_TEXT:
            name = store.get_member(member_id).name
            message = t("planning.error.gain_long", name=name, limit=MAX_CONTRACT_TEXT)
            errors.append(FieldError("expected_gain", message))
    if errors:
        raise ValidationError(errors)
    store.save_contract(network_id, purpose, rules, confidentiality, gains, agreed_on)

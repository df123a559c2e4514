"""The network's contract on screen: purpose, ground rules and confidentiality."""

from __future__ import annotations

from dataclasses import dataclass

from netvaerk_lib.store import Store


@dataclass
class ContractScreen:
    purpose: str
    rules: list[str]
    confidentiality: str


def contract_screen(store: Store, network_id: int) -> ContractScreen:
    network = store.get_network(network_id)
    return ContractScreen(network.purpose.strip(), [rule.text for rule in store.list_ground_rules(network_id)],
                          store.get_contract(network_id).confidentiality.strip())

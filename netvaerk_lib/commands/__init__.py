"""The command line's sub-commands, one module per area (see ``cli.COMMAND_MODULES``)."""

from __future__ import annotations

import sys

from netvaerk_lib.store import Store
from netvaerk_lib.texts import t


def find_network(store: Store, name: str | None):
    """The network named ``name`` (or with that id), else the default one.

    None, with a Danish message on stderr that names the networks there are, when it is not there.
    """
    if not name:
        network = store.default_network()
        if network is None:
            print(t("common.no_network"), file=sys.stderr)
        return network
    network = store.network_by_name(name)
    if network is None and name.isdigit():
        network = next((n for n in store.list_networks() if n.id == int(name)), None)
    if network is None:
        names = ", ".join(f"'{n.name}'" for n in store.list_networks()[:20]) or t("common.none")
        print(t("import.no_network", name=name, names=names), file=sys.stderr)
    return network

"""``netvaerk demo``, ``netvaerk import-members FILE`` and ``netvaerk export-members FILE``."""

from __future__ import annotations

import sys

from netvaerk_lib.commands import find_network
from netvaerk_lib.demo import create_demo
from netvaerk_lib.members.files import MemberFileError, import_member_file, write_members
from netvaerk_lib.members.networks import create_network
from netvaerk_lib.store import open_store
from netvaerk_lib.texts import t


def demo(args) -> int:
    with open_store(args.db) as store:
        network = create_demo(store, meeting_today=True)
        held = [m for m in store.list_meetings(network.id) if m.status == "held"]
        print(t("demo.created", name=network.name, path=store.path, members=len(store.list_members(network.id)),
                meetings=len(held)))
        print(t("web.demo.try_evaluation"))
    return 0


def import_members(args) -> int:
    with open_store(args.db) as store:
        try:
            with store.transaction():  # a network made for the file goes again if the file is refused
                created = None
                if not store.list_networks():  # a fresh database: the file starts the group's own network
                    created = create_network(store, args.network or t("import.new_network_name"))
                network = created or find_network(store, args.network)
                if network is None:
                    return 1
                member_file = import_member_file(store, network.id, args.file)
        except MemberFileError as error:
            print(error, file=sys.stderr)
            return 1
        if created is not None:
            print(t("import.network_created", network=created.name))
        if member_file.ignored_columns:
            print(t("import.ignored_columns", columns=", ".join(member_file.ignored_columns)), file=sys.stderr)
        key = "import.imported_one" if len(member_file.members) == 1 else "import.imported"
        print(t(key, count=len(member_file.members), network=network.name))
    return 0


def export_members(args) -> int:
    with open_store(args.db) as store:
        network = find_network(store, args.network)
        if network is None:
            return 1
        members = store.list_members(network.id)
        try:
            write_members(args.file, members)
        except MemberFileError as error:
            print(error, file=sys.stderr)
            return 1
        print(t("import.exported_one" if len(members) == 1 else "import.exported", count=len(members), path=args.file))
    return 0




def register(subparsers) -> None:
    parser = subparsers.add_parser("demo", help="(re)create the demo network in the database")
    parser.set_defaults(func=demo)

    parser = subparsers.add_parser("import-members", help="import members from a CSV or XLSX file (all or nothing)")
    parser.add_argument("file", help="a .csv (as saved by Excel) or .xlsx file with a header row")
    parser.add_argument("--network", help="the network's name (default: the default network)")
    parser.set_defaults(func=import_members)

    parser = subparsers.add_parser("export-members", help="export the members to a CSV or XLSX file")
    parser.add_argument("file", help="the file to write; .csv (semicolon, for Danish Excel) or .xlsx")
    parser.add_argument("--network", help="the network's name (default: the default network)")
    parser.set_defaults(func=export_members)

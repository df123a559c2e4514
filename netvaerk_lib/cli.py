"""The ``netvaerk`` command line: a thin layer over the library.

Each area registers its own sub-commands: a module listed in ``COMMAND_MODULES`` has
``register(subparsers)`` which adds parsers whose ``func(args) -> int`` does the work.
Every command reads ``NETVAERK_DB`` (or ``--db``) like the apps do.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from netvaerk_lib.store.check import DatabaseFileError
from netvaerk_lib.texts import set_language, t

COMMAND_MODULES = [
    "netvaerk_lib.commands.serve",
    "netvaerk_lib.commands.members",
    "netvaerk_lib.commands.report",
    "netvaerk_lib.commands.planning",
    "netvaerk_lib.commands.backup",
    "netvaerk_lib.commands.evaluation",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="netvaerk", description="Sparring i netværk for ledere i privat praksis")
    parser.add_argument("--db", help="database file (default: $NETVAERK_DB, else data/netvaerk.sqlite)")
    parser.add_argument("--lang", choices=["da", "en"], help="language of messages (default: da)")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.lang:
        set_language(args.lang)
    try:
        return args.func(args) or 0
    except DatabaseFileError as error:  # an empty, damaged, foreign or newer file: say so, touch nothing
        print(t(error.text_key, path=error.path), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

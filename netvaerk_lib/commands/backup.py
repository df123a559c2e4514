"""``netvaerk backup [FILE]``: a copy of the whole database, safe to take while the apps are running."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from netvaerk_lib.store import open_store
from netvaerk_lib.texts import t
from netvaerk_lib.timezone import moment


def default_target(database: Path, now: dt.datetime) -> Path:
    """``backups/netvaerk-2026-11-28-170512.sqlite`` beside the database (named after it)."""
    return database.parent / "backups" / f"{database.stem}-{now:%Y-%m-%d-%H%M%S}.sqlite"


def backup(args) -> int:
    with open_store(args.db) as store:
        target = Path(args.file) if args.file else default_target(store.path, moment())
        if target.exists():
            print(t("backup.exists", path=target), file=sys.stderr)
            return 2
        if args.file and not target.parent.is_dir():
            print(t("backup.no_folder", path=target.parent), file=sys.stderr)
            return 2
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            store.backup(target)
        except OSError as error:
            print(t("backup.failed", path=target, reason=error.strerror or error), file=sys.stderr)
            return 1
        print(t("backup.written", path=target))
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("backup", help="copy the whole database (safe while the apps run)")
    parser.add_argument("file", nargs="?", help="the copy (default: backups/netvaerk-DATE-TIME.sqlite beside "
                        "the database)")
    parser.set_defaults(func=backup)

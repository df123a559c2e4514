"""``netvaerk backup [FILE]``: a copy of the whole database, safe to take while the apps are running.

The inbox (the sealed answers of an evaluation still open) is copied beside it, as ``<FILE>-inbox.sqlite``, at
the same moment: the inbox is locked for both copies, so no answer is half in one and half in the other. Its
answers stay sealed in the copy; only the key file (which is never copied here) opens them.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from netvaerk_lib.store import open_store
from netvaerk_lib.store.evaluation import inbox_path
from netvaerk_lib.texts import t
from netvaerk_lib.timezone import moment


def default_target(database: Path, now: dt.datetime) -> Path:
    """``backups/netvaerk-2026-11-28-170512.sqlite`` beside the database (named after it)."""
    return database.parent / "backups" / f"{database.stem}-{now:%Y-%m-%d-%H%M%S}.sqlite"


def backup(args) -> int:
    with open_store(args.db) as store:
        target = Path(args.file) if args.file else default_target(store.path, moment())
        for path in (target, inbox_path(target)):
            if path.exists():
                print(t("backup.exists", path=path), file=sys.stderr)
                return 2
        if args.file and not target.parent.is_dir():
            print(t("backup.no_folder", path=target.parent), file=sys.stderr)
            return 2
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with store.inbox_transaction():
                store.backup(target)
                inbox = store.backup_inbox(inbox_path(target))
        except OSError as error:
            target.unlink(missing_ok=True)
            print(t("backup.failed", path=target, reason=error.strerror or error), file=sys.stderr)
            return 1
        print(t("backup.written", path=target))
        print(t("backup.inbox_written", path=inbox))
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("backup", help="copy the whole database and the inbox of sealed answers (safe "
                                   "while the apps run)")
    parser.add_argument("file", nargs="?", help="the copy (default: backups/netvaerk-DATE-TIME.sqlite beside "
                        "the database; the inbox goes beside it as ...-inbox.sqlite)")
    parser.set_defaults(func=backup)

"""What ``netvaerk serve`` leaves behind, and nothing more: one temp folder per run, reaped when its owner died.

Everything a run needs on disk (the members' copy of the form, both Voilà servers' kernel connection files)
sits in ``netvaerk-serve-<pid>-*`` in the temp folder. A clean stop removes it; after kill -9 or a power cut
the next start removes every such folder whose process is gone. A clean stop also folds the WAL back into
the database, so no ``-wal``/``-shm`` files are left beside it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from netvaerk_lib.store import open_store

RUN_PREFIX = "netvaerk-serve-"


def run_folder() -> Path:
    return Path(tempfile.mkdtemp(prefix=f"{RUN_PREFIX}{os.getpid()}-"))


def _owner(folder: Path) -> int | None:
    pid = folder.name.removeprefix(RUN_PREFIX).split("-", 1)[0]
    return int(pid) if pid.isdigit() else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def reap_leftovers() -> list[Path]:
    """Remove the run folders of ``netvaerk serve`` processes that no longer exist; return what was removed."""
    reaped = []
    for folder in Path(tempfile.gettempdir()).glob(f"{RUN_PREFIX}*"):
        pid = _owner(folder)
        if folder.is_dir() and pid is not None and pid != os.getpid() and not _alive(pid):
            shutil.rmtree(folder, ignore_errors=True)
            reaped.append(folder)
    return reaped


def fold_wal(database: Path) -> None:
    """Once the servers and their kernels are gone: checkpoint, so that closing the last connection removes
    the ``-wal`` and ``-shm`` files."""
    with open_store(database) as store:
        store.checkpoint()

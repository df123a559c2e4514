"""`netvaerk serve` stops cleanly: no temp folder, no -wal/-shm beside the database; after kill -9 the next
start removes what the killed one left."""

from __future__ import annotations

import os
import signal
import tempfile
from pathlib import Path

from harness import start_server, stop_server

from netvaerk_lib.commands.cleanup import RUN_PREFIX


def _run_folders(pid: int) -> list[Path]:
    return list(Path(tempfile.gettempdir()).glob(f"{RUN_PREFIX}{pid}-*"))


def test_a_clean_stop_leaves_no_temp_folder_and_no_wal(tmp_path):
    running, process = start_server(tmp_path)
    try:
        folders = _run_folders(process.pid)
        assert len(folders) == 1
        assert list(folders[0].glob("voila_*")), "the facilitator's Voilà keeps its connection files in the run folder"
    finally:
        stop_server(process)
    assert process.returncode == 0
    assert not _run_folders(process.pid)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["netvaerk.sqlite", "serve.log"]
    with running.store() as store:  # the data is all in the file itself
        assert store.list_networks()


def test_after_kill_9_the_next_start_removes_the_leftovers(tmp_path):
    _, killed = start_server(tmp_path)
    left = _run_folders(killed.pid)
    os.killpg(killed.pid, signal.SIGKILL)
    killed.wait()
    assert left and all(folder.exists() for folder in left)
    _, process = start_server(tmp_path)
    try:
        assert not any(folder.exists() for folder in left)
        assert len(_run_folders(process.pid)) == 1
    finally:
        stop_server(process)

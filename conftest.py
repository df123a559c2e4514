"""Every test run gets a throwaway database with the demo network; nbval's notebooks run against it."""

import os
import shutil
import tempfile
from pathlib import Path

_MADE: list[Path] = []  # the run's own folders, removed when it ends


def pytest_configure(config):
    if os.environ.get("NETVAERK_TEST_DB_READY"):
        return
    folder = Path(tempfile.mkdtemp(prefix="netvaerk-tests-"))
    keys = Path(tempfile.mkdtemp(prefix="netvaerk-test-keys-"))
    _MADE.extend([folder, keys])
    database = folder / "demo.sqlite"
    from netvaerk_lib.demo import create_demo
    from netvaerk_lib.store import open_store

    with open_store(database) as store:
        create_demo(store)
    os.environ["NETVAERK_DB"] = str(database)
    # Evaluation keys (evaluation/sealing.py) go to a folder of the run's own, never the home directory.
    os.environ["NETVAERK_KEY_DIR"] = str(keys)
    os.environ["NETVAERK_TEST_DB_READY"] = "1"


def pytest_unconfigure(config):
    for folder in _MADE:
        shutil.rmtree(folder, ignore_errors=True)

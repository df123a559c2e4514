"""Every test run gets a throwaway database with the demo network; nbval's notebooks run against it."""

import os
import tempfile
from pathlib import Path


def pytest_configure(config):
    if os.environ.get("NETVAERK_TEST_DB_READY"):
        return
    folder = Path(tempfile.mkdtemp(prefix="netvaerk-tests-"))
    database = folder / "demo.sqlite"
    from netvaerk_lib.demo import create_demo
    from netvaerk_lib.store import open_store

    with open_store(database) as store:
        create_demo(store)
    os.environ["NETVAERK_DB"] = str(database)
    # Evaluation keys (evaluation/sealing.py) go to a folder of the run's own, never the home directory.
    os.environ["NETVAERK_KEY_DIR"] = tempfile.mkdtemp(prefix="netvaerk-test-keys-")
    os.environ["NETVAERK_TEST_DB_READY"] = "1"

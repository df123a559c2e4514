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
    os.environ["NETVAERK_TEST_DB_READY"] = "1"

"""A database damaged while the server runs: calm Danish pages, the members' form without any file path."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
from harness import running_server


@pytest.fixture(scope="module")
def server():
    """A server of this module's own, whose database the test damages; no preheated form kernel (one started
    before the damage would already hold the store)."""
    with running_server("netvaerk-e2e-damaged-") as running:
        yield running


def _truncate(path) -> None:
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def test_a_damaged_database_gives_calm_danish_pages(server, page, phone):
    _truncate(server.db)
    damaged = server.db.read_bytes()
    page.goto(server.app_url("medlemmer"))
    message = page.locator(".nv-unavailable [role=alert]")
    message.wait_for(timeout=120_000)
    text = message.inner_text()
    assert "er beskadiget" in text and str(server.db) in text and "netvaerk backup" in text
    assert "There was an error" not in page.content()
    phone.goto(server.app_url("evaluering", "?code=ABC234"))
    notice = phone.locator(".nv-unavailable [role=alert]")
    notice.wait_for(timeout=120_000)
    assert "Prøv igen lidt senere" in notice.inner_text()
    body = phone.content()
    assert server.db.name not in body and "There was an error" not in body
    assert server.db.read_bytes() == damaged

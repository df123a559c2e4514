"""No secret in a log line: query strings (``?token=...``, ``?code=...``) are cut from every log record.

Tornado logs each refused request as ``404 GET /voila/render/x.ipynb?token=... (127.0.0.1)``; the facilitator's
token and a member's one-time code both travel in query strings. :func:`install` makes every record created
in the process pass through :func:`mask_query_strings`, whichever logger or handler writes it. The servers
install it when they load :mod:`netvaerk_lib.serving`.
"""

from __future__ import annotations

import logging
import re

# A path followed by a query string, up to the next space or quote: "/a/b.ipynb?token=x&y=1" -> "/a/b.ipynb?…".
QUERY_STRING = re.compile(r"(/[^\s?\"'<>]*)\?[^\s\"'<>]+")


def mask_query_strings(text: str) -> str:
    return QUERY_STRING.sub(r"\1?…", text)


def install() -> None:
    """Mask every log record from now on (idempotent)."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "masks_query_strings", False):
        return

    def masked_record(*args, **kwargs) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a record that cannot be formatted is left to logging to report
            return record
        cleaned = mask_query_strings(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return record

    masked_record.masks_query_strings = True
    logging.setLogRecordFactory(masked_record)

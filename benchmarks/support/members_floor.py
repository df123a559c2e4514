"""The members' server with one more page for the benchmark: static HTML of a given size (the floor).

    python benchmarks/support/members_floor.py --port P --db DATABASE --floor-bytes N

The same application and server options as ``python -m netvaerk_lib.web``; the extra page is the cheapest
thing this server can answer, so the form's times can be read against it.
"""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys
from pathlib import Path

from tornado.httpserver import HTTPServer

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from netvaerk_lib.store import open_store  # noqa: E402
from netvaerk_lib.web.app import FOLDER, MAX_BODY_BYTES, MemberHandler, MembersApplication  # noqa: E402

FLOOR_HEAD = ('<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><meta name="viewport" '
              'content="width=device-width, initial-scale=1"><title>Tak</title></head><body>'
              '<p class="bare">Tak</p><!-- ')
FLOOR_TAIL = " --></body></html>"


class Floor(MemberHandler):
    def initialize(self, html: bytes) -> None:
        self.html = html

    def get(self) -> None:
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.write(self.html)


async def run(args) -> None:
    padding = max(0, args.floor_bytes - len(FLOOR_HEAD) - len(FLOOR_TAIL))
    html = (FLOOR_HEAD + "x" * padding + FLOOR_TAIL).encode()
    application = MembersApplication(open_store(args.db))
    application.add_handlers(r".*", [(FOLDER + "floor.html", Floor, {"html": html})])
    server = HTTPServer(application, max_body_size=4 * MAX_BODY_BYTES)
    server.listen(args.port, "127.0.0.1")
    stopped = asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        asyncio.get_running_loop().add_signal_handler(signum, stopped.set)
    await stopped.wait()
    server.stop()
    application.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--floor-bytes", type=int, default=2400)
    asyncio.run(run(parser.parse_args()))

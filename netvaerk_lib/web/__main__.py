"""Run the members' server: ``python -m netvaerk_lib.web --port 8867 [--host 0.0.0.0] [--trusted-proxy IP]``.

``netvaerk serve`` starts it beside the facilitator's Voilà; behind nginx several can run on one database.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys

from tornado.httpserver import HTTPServer

from netvaerk_lib.store import open_store
from netvaerk_lib.web.app import MAX_BODY_BYTES, MembersApplication
from netvaerk_lib.web.limits import parse_proxies


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m netvaerk_lib.web", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--db", help="database file (default: $NETVAERK_DB, else data/netvaerk.sqlite)")
    parser.add_argument("--trusted-proxy", default="", help="addresses or networks (comma-separated) whose "
                        "X-Forwarded-For names the client, e.g. 127.0.0.1 for nginx on the same machine")
    return parser.parse_args(argv)


async def run(args: argparse.Namespace) -> None:
    application = MembersApplication(open_store(args.db), parse_proxies(args.trusted_proxy))
    # Beyond this tornado closes the connection before reading the body; the API refuses from MAX_BODY_BYTES.
    server = HTTPServer(application, max_body_size=4 * MAX_BODY_BYTES, xheaders=False)
    server.listen(args.port, args.host, reuse_port=False)
    stopped = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stopped.set)
    await stopped.wait()
    server.stop()
    await server.close_all_connections()
    application.close()


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="[netvaerk-members %(asctime)s] %(message)s", stream=sys.stderr)
    asyncio.run(run(arguments(argv)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

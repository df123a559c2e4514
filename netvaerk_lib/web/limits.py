"""Guards of a public page: who is asking (behind a trusted proxy too) and how many wrong codes they tried.

The limit counts wrong codes per client address across the whole server (every page and request of this
process), in a sliding window. It is generous on purpose: behind a proxy on the internet a clinic's phones
may share one public address, and a code is one of 31^6, so a room of honest typos never reaches it while a
guesser gets nowhere. Several processes behind nginx each count on their own; nginx's ``limit_req`` on the
API (``deploy/nginx.conf``) caps the sum.
"""

from __future__ import annotations

import ipaddress
import time
from collections import OrderedDict, deque

WRONG_CODES_PER_WINDOW = 20
WINDOW_S = 10 * 60
MAX_ADDRESSES = 100_000  # memory stays bounded under a flood of addresses: the oldest are forgotten


class WrongCodeLimit:
    """Wrong codes per client address in the last ``window_s`` seconds; refused from ``limit`` on."""

    def __init__(self, limit: int = WRONG_CODES_PER_WINDOW, window_s: float = WINDOW_S, clock=time.monotonic):
        self.limit = limit
        self.window_s = window_s
        self.clock = clock
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()

    def _recent(self, address: str) -> deque[float]:
        failures = self._failures.get(address)
        if failures is None:
            return deque()
        cutoff = self.clock() - self.window_s
        while failures and failures[0] <= cutoff:
            failures.popleft()
        if not failures:
            del self._failures[address]
        return failures

    def refused(self, address: str) -> bool:
        return len(self._recent(address)) >= self.limit

    def failed(self, address: str) -> None:
        failures = self._recent(address)
        failures.append(self.clock())
        self._failures[address] = failures
        self._failures.move_to_end(address)
        while len(self._failures) > MAX_ADDRESSES:
            self._failures.popitem(last=False)


def parse_proxies(text: str | None) -> tuple:
    """'127.0.0.1, 10.0.0.0/8' -> networks; refused with ValueError when one is not an address or network."""
    return tuple(ipaddress.ip_network(part.strip(), strict=False) for part in (text or "").split(",") if part.strip())


def client_address(peer: str, forwarded_for: str | None, trusted_proxies: tuple) -> str:
    """The address a request comes from: the connection's peer, or, only when that peer is a trusted proxy,
    the last address the proxy put in ``X-Forwarded-For`` (the one it saw; earlier ones the client wrote)."""
    try:
        peer_address = ipaddress.ip_address(peer)
    except ValueError:
        return peer
    if not forwarded_for or not any(peer_address in network for network in trusted_proxies):
        return peer
    last = forwarded_for.split(",")[-1].strip()
    try:
        return str(ipaddress.ip_address(last))
    except ValueError:
        return peer

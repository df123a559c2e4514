"""Browser-test harness: the real `netvaerk serve` (Voilà) on a free loopback port, driven by Debian's Chromium.

Fixtures: ``server`` (URL and database of the running server), ``page`` (desktop) and ``phone`` (390x844),
each recording every request, ``open_app`` and ``shoot``. Every page fixture checks at teardown that all
requests went to the server's own address. ``check_accessibility(page)`` runs axe-core.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from netvaerk_lib.commands.serve import stop_server

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
APP_TIMEOUT_MS = 120_000  # opening an app starts a kernel: slow on a busy 2-core machine
# The evaluation form's five rating questions, as a member reads them (the default question set).
RATING_LABELS = ("Hvor meget energi går du fra mødet med?", "Hvor stort har dit personlige udbytte været i dag?",
                 "Hvor relevant var dagens emne for dig?", "Hvor trygt var det at dele tvivl og erfaringer?",
                 "Holdt vi vores spilleregler?")
ACTION_TIMEOUT_MS = 30_000


def chromium_executable() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    pytest.fail("Chromium mangler til browsertestene. Installér Debians pakke: `sudo apt-get install chromium` "
                "(eller kør `make test`, som gør det).", pytrace=False)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# What the browser tests started, so that the session can check that nothing of it is left in the temp folder.
CREATED_FOLDERS: list[Path] = []
SERVER_PIDS: list[int] = []


def leftovers() -> list[Path]:
    """Folders of this session's servers and tests still in the temp folder."""
    from netvaerk_lib.commands.cleanup import RUN_PREFIX

    runs = [path for pid in SERVER_PIDS for path in Path(tempfile.gettempdir()).glob(f"{RUN_PREFIX}{pid}-*")]
    return [path for path in CREATED_FOLDERS if path.exists()] + runs


@dataclass
class Server:
    url: str  # the facilitator's server (needs the token)
    form_url: str  # the members' server (only the evaluation form)
    token: str
    db: Path
    log: Path
    pid: int  # `netvaerk serve`, which starts the facilitator's Voilà and the members' server

    def store(self):
        from netvaerk_lib.store import open_store

        return open_store(self.db)

    def kernel_ids(self) -> set[str]:
        """The kernels alive now under `netvaerk serve` (only the facilitator's Voilà starts any)."""
        import psutil

        def arguments(process: psutil.Process) -> list[str]:
            try:
                return process.cmdline()
            except psutil.Error:  # gone, or a zombie not yet reaped
                return []

        return {match.group(1) for child in psutil.Process(self.pid).children(recursive=True)
                for match in map(re.compile(r"kernel-([0-9a-f-]{36})\.json$").search, arguments(child)) if match}

    def voila_form_url(self, query: str = "") -> str:
        """The evaluation form as a Voilà app on the facilitator's server (its preview), with the token."""
        joiner = "&" if query.startswith("?") else "?"
        return f"{self.url}/voila/render/evaluering.ipynb{query}{joiner}token={self.token}"

    def app_url(self, name: str, query: str = "") -> str:
        """The address of an app; facilitator apps carry the token, the member form never does."""
        if name == "evaluering":
            return f"{self.form_url}/voila/render/{name}.ipynb{query}"
        joiner = "&" if query.startswith("?") else "?"
        return f"{self.url}/voila/render/{name}.ipynb{query}{joiner}token={self.token}"


@contextmanager
def running_server(prefix: str, extra_args: tuple[str, ...] = ()) -> Iterator[Server]:
    """`netvaerk serve` on a fresh demo database in a new folder, for as long as the block runs."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    CREATED_FOLDERS.append(folder)
    try:
        running, process = start_server(folder, extra_args)
        try:
            yield running
        finally:
            stop_server(process)
        assert_no_secrets(running.log)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def did_not_open(server: Server, name: str) -> str:
    """Why a page did not open, as far as the server can tell: its live kernels and the end of its log (a
    `Kernel started` with nothing after it is a kernel that never answered Voilà, docs/DEVELOPING.md)."""
    tail = "\n".join(server.log.read_text(errors="replace").splitlines()[-60:])
    return f"{name} did not open; {len(server.kernel_ids())} kernels alive; the server's log ends:\n{tail}"


def assert_no_secrets(log: Path) -> None:
    """After the tests a server's log holds no token and no one-time code (query strings are cut)."""
    text = log.read_text(errors="replace")
    leaks = [line for line in text.splitlines() if re.search(r"\b(token|code)=", line)]
    assert not leaks, f"secrets in {log}: {leaks[:5]}"


def _wait_until_up(url: str, process: subprocess.Popen, log: Path, last: bool, timeout: float = 120) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            if not last and any(busy in log.read_text() for busy in ("already in use", "er optaget", "is in use")):
                return False
            pytest.fail(f"netvaerk serve stopped: {log.read_text()[-3000:]}", pytrace=False)
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"netvaerk serve did not answer within {timeout} s: {log.read_text()[-3000:]}", pytrace=False)


def start_server(folder: Path, extra_args: tuple[str, ...] = (), attempts: int = 3) -> tuple[Server, subprocess.Popen]:
    """Start `netvaerk serve` as a user would, on a fresh demo database in ``folder``.

    Another process may take a free port before Voilà binds it; then the server stops and we try new ports.
    """
    database = folder / "netvaerk.sqlite"
    log = folder / "serve.log"
    token = secrets.token_urlsafe(16)
    # The evaluation keys in a temporary folder outside the database's, never in the home directory; the same one
    # for the server and for this process, whose `server.store()` opens evaluations too (the session's conftest
    # makes it and removes it at the end).
    keys = os.environ["NETVAERK_KEY_DIR"]
    env = dict(os.environ, NETVAERK_DB=str(database), NETVAERK_KEY_DIR=keys)
    for attempt in range(attempts):
        port, form_port = free_port(), free_port()
        with log.open("w") as out:
            process = subprocess.Popen([sys.executable, "-m", "netvaerk_lib.cli", "serve", "--port", str(port),
                                        "--form-port", str(form_port), f"--token={token}", *extra_args],
                                       stdout=out, stderr=subprocess.STDOUT, env=env, cwd=ROOT,
                                       start_new_session=True)
        SERVER_PIDS.append(process.pid)
        running = Server(url=f"http://127.0.0.1:{port}", form_url=f"http://127.0.0.1:{form_port}", token=token,
                         db=database, log=log, pid=process.pid)
        last = attempt == attempts - 1
        if (_wait_until_up(running.app_url("start"), process, log, last)
                and _wait_until_up(running.app_url("evaluering"), process, log, last)):
            return running, process
        stop_server(process)
    raise AssertionError("unreachable")


@dataclass
class RequestLog:
    urls: list[str] = field(default_factory=list)

    def foreign(self, *origins: str) -> list[str]:
        allowed = (*origins, "data:", "blob:", "about:")
        return [url for url in self.urls if not url.startswith(allowed)]


def _page(browser, server, viewport, **options):
    context = browser.new_context(viewport=viewport, locale="da-DK", timezone_id="Europe/Copenhagen",
                                  accept_downloads=True, **options)
    page = context.new_page()
    page.set_default_timeout(ACTION_TIMEOUT_MS)
    requests = RequestLog()
    page.on("request", lambda request: requests.urls.append(request.url))
    page.requests = requests
    return context, page


def page_kernel(page) -> str:
    """The id of the kernel behind a rendered Voilà page."""
    return page.evaluate("JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")


def wait_until(condition, timeout: float = 60) -> bool:
    """Poll ``condition`` once a second until it holds or ``timeout`` seconds have passed; its last value."""
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(1)
    return condition()


def check_accessibility(page) -> None:
    """axe-core on the page as it is now: no critical or serious violations."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v.get("impact") in ("critical", "serious")]
    report = "\n".join(f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
                       for v in serious)
    assert not serious, f"accessibility violations:\n{report}"

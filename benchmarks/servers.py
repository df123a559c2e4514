"""What the browser benchmarks share: `netvaerk serve` on a database of their own, a bare Voilà page served
like the member form (the floor Voilà itself sets), and Chromium's options."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from netvaerk_lib.commands.serve import environment, member_command  # noqa: E402
from netvaerk_lib.log_masking import mask_query_strings  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


@dataclass
class Netvaerk:
    process: subprocess.Popen
    url: str  # the facilitator's server
    form_url: str  # the members' server
    token: str


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=30):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"no answer from {mask_query_strings(url)}")


def start_netvaerk(database: Path, pool: int, max_kernels: int = 40) -> Netvaerk:
    """``netvaerk serve`` as a user starts it, on ``database`` (the demo network is added when it is new)."""
    port, form_port, token = free_port(), free_port(), secrets.token_urlsafe(12)
    process = subprocess.Popen([sys.executable, "-m", "netvaerk_lib.cli", "serve", "--port", str(port),
                                "--form-port", str(form_port), f"--token={token}", "--pool", str(pool),
                                "--max-kernels", str(max_kernels)],
                               cwd=ROOT, env=dict(os.environ, NETVAERK_DB=str(database)),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    running = Netvaerk(process, f"http://127.0.0.1:{port}", f"http://127.0.0.1:{form_port}", token)
    wait_for(f"{running.url}/voila/render/start.ipynb?token={token}")
    wait_for(f"{running.form_url}/voila/render/evaluering.ipynb")
    return running


def start_bare(folder: Path, pool: int = 0, max_kernels: int = 40) -> tuple[subprocess.Popen, str]:
    """A Voilà server started like the member server (same command), holding one notebook with one label
    (``.bare``) at ``/voila/render/bare.ipynb``."""
    bare = folder / "bare"
    bare.mkdir()
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell("import ipywidgets as w\nw.Label('Tak', _dom_classes=['bare'])")]
    nbformat.write(notebook, bare / "bare.ipynb")
    port = free_port()
    process = subprocess.Popen(member_command(bare, port, "127.0.0.1", pool, max_kernels), cwd=bare,
                               env=environment(""), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    wait_for(f"{url}/voila/render/bare.ipynb")
    return process, url

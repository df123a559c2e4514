"""What the browser benchmarks share: `netvaerk serve` on a database of their own, a bare Voilà page served
as the member form was before the members' server (the floor Voilà itself sets), the members' server with a
static floor page beside the form, and Chromium's options."""

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

from netvaerk_lib.commands.serve import common_options, environment  # noqa: E402
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


def start_netvaerk(database: Path, max_kernels: int = 40) -> Netvaerk:
    """``netvaerk serve`` as a user starts it, on ``database`` (the demo network is added when it is new)."""
    port, form_port, token = free_port(), free_port(), secrets.token_urlsafe(12)
    process = subprocess.Popen([sys.executable, "-m", "netvaerk_lib.cli", "serve", "--port", str(port),
                                "--form-port", str(form_port), f"--token={token}", "--max-kernels", str(max_kernels)],
                               cwd=ROOT, env=dict(os.environ, NETVAERK_DB=str(database)),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    running = Netvaerk(process, f"http://127.0.0.1:{port}", f"http://127.0.0.1:{form_port}", token)
    wait_for(f"{running.url}/voila/render/start.ipynb?token={token}")
    wait_for(f"{running.form_url}/voila/render/evaluering.ipynb")
    return running


def bare_command(folder: Path, port: int, pool: int, max_kernels: int) -> list[str]:
    """Voilà as the member form ran on it before the members' server: no token, a preheated pool, the shared
    options, idle kernels culled after 45 minutes even while connected."""
    preheat = ["--preheat_kernel=True", f"--pool_size={pool}"] if pool else []
    return [sys.executable, "-m", "voila", str(folder), "--token=", *preheat,
            *common_options(port, "127.0.0.1", 45 * 60, max_kernels, cull_connected=True)]


def start_members_with_floor(database: Path, floor_bytes: int) -> tuple[subprocess.Popen, str]:
    """The members' server (the same application `netvaerk serve` starts) with one more page,
    ``/voila/render/floor.html``: static HTML of ``floor_bytes`` with one ``.bare`` paragraph."""
    port = free_port()
    floor_server = ROOT / "benchmarks" / "support" / "members_floor.py"
    process = subprocess.Popen([sys.executable, str(floor_server), f"--port={port}", f"--db={database}",
                                f"--floor-bytes={floor_bytes}"], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    wait_for(f"{url}/voila/render/floor.html")
    return process, url


def start_bare(folder: Path, pool: int = 0, max_kernels: int = 40) -> tuple[subprocess.Popen, str]:
    """A Voilà server started as the member form's was (:func:`bare_command`), holding one notebook with one
    label (``.bare``) at ``/voila/render/bare.ipynb``."""
    bare = folder / "bare"
    bare.mkdir()
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell("import ipywidgets as w\nw.Label('Tak', _dom_classes=['bare'])")]
    nbformat.write(notebook, bare / "bare.ipynb")
    port = free_port()
    process = subprocess.Popen(bare_command(bare, port, pool, max_kernels), cwd=bare,
                               env=environment(""), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    wait_for(f"{url}/voila/render/bare.ipynb")
    return process, url

"""``netvaerk serve``: Voilà on the app notebooks, on loopback unless told otherwise."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..store import open_store
from ..store.db import PROJECT_ROOT
from ..texts import language

NOTEBOOKS = PROJECT_ROOT / "notebooks"
TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


def voila_command(port: int, host: str, open_browser: bool) -> list[str]:
    """The Voilà command line: our own template (no CDN), tracebacks off, no theme from the URL."""
    return [
        sys.executable, "-m", "voila", str(NOTEBOOKS),
        f"--port={port}", f"--Voila.ip={host}", "--Voila.port_retries=0",
        "--Voila.open_browser=True" if open_browser else "--no-browser",
        "--template=netvaerk", "--theme=light",
        f"--HTMLExporter.language_code={language()}",
        "--VoilaConfiguration.show_tracebacks=False",
        "--MappingKernelManager.allow_tracebacks=False",
    ]


def voila_environment() -> dict[str, str]:
    """Put netvaerk's template first on the Jupyter path; pass the language and database on."""
    env = dict(os.environ)
    env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(TEMPLATES), env.get("JUPYTER_PATH")]))
    env["NETVAERK_LANG"] = language()
    return env


def serve(args) -> int:
    from ..demo import ensure_demo

    if args.db:
        os.environ["NETVAERK_DB"] = os.path.abspath(args.db)
    with open_store(args.db) as store:
        ensure_demo(store)
        os.environ["NETVAERK_DB"] = str(store.path)
    url = f"http://{args.host}:{args.port}/voila/render/start.ipynb"
    print(f"netvaerk: database {os.environ['NETVAERK_DB']}", flush=True)
    print(f"netvaerk: åbn {url}", flush=True)
    command = voila_command(args.port, args.host, args.open_browser)
    os.chdir(NOTEBOOKS)
    # Become the Voilà process, so that stopping `netvaerk serve` stops the server and its kernels.
    os.execve(sys.executable, command, voila_environment())


def register(subparsers) -> None:
    parser = subparsers.add_parser("serve", help="start the apps (Voilà) on the demo or your database")
    parser.add_argument("--port", type=int, default=8866)
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on; 0.0.0.0 lets phones on the local network reach the form")
    parser.add_argument("--open-browser", action="store_true", help="open the start page in a browser")
    parser.set_defaults(func=serve)

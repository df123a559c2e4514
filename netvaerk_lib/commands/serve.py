"""``netvaerk serve``: the facilitator's Voilà behind a token, and the members' server with only the form.

The facilitator's server has every app and needs the secret token (printed at start). The members' server
(:mod:`netvaerk_lib.web`, no kernels) answers nothing but the evaluation form, its assets and its API, needs
no token, and is the only one that may listen on the local network; the form itself then asks for a valid
one-time code. Voilà runs our own template (no CDN, Danish), without tracebacks, with idle kernels culled.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from netvaerk_lib.commands.cleanup import fold_wal, reap_leftovers, run_folder
from netvaerk_lib.demo import ensure_demo
from netvaerk_lib.store import default_path, open_store
from netvaerk_lib.store.db import PROJECT_ROOT
from netvaerk_lib.texts import language, t
from netvaerk_lib.web.limits import parse_proxies

NOTEBOOKS = PROJECT_ROOT / "notebooks"
FORM_PAGE = "/voila/render/evaluering.ipynb"  # the members' server keeps the address printed on earlier slips
TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
FACILITATOR_IDLE_CULL_S = 4 * 3600  # a meeting dashboard may sit idle through a long exercise
CULL_INTERVAL_S = 120
# How long a cell's output may take to arrive. nbclient's 4 s default is too short while many kernels start at
# once (a full pool refilling, 30 phones): the page was then rendered without the form and never showed it.
IOPUB_TIMEOUT_S = 120
# A notebook's cells with this tag explain the notebook to someone in JupyterLab (how to run it, where its data
# comes from); Voilà leaves them out, the app explains itself.
JUPYTERLAB_ONLY = "jupyterlab-only"


def common_options(port: int, host: str, idle_cull_s: int, max_kernels: int = 40, cull_connected: bool = False
                   ) -> list[str]:
    """What both servers share: our template, no tracebacks, no JupyterLab-only cells, culled idle kernels,
    a cap on live kernels, no template or theme from the URL."""
    return [
        f"--port={port}", f"--Voila.ip={host}", "--Voila.port_retries=0", "--no-browser",
        "--template=netvaerk", "--theme=light",
        "--VoilaConfiguration.allow_template_override=NO", "--VoilaConfiguration.allow_theme_override=NO",
        f"--HTMLExporter.language_code={language()}",
        "--VoilaConfiguration.show_tracebacks=False",
        f"--TagRemovePreprocessor.remove_cell_tags={JUPYTERLAB_ONLY}",
        "--MappingKernelManager.allow_tracebacks=False",
        f"--VoilaExecutor.iopub_timeout={IOPUB_TIMEOUT_S}",
        f"--MappingKernelManager.cull_idle_timeout={idle_cull_s}",
        f"--MappingKernelManager.cull_interval={min(CULL_INTERVAL_S, max(1, idle_cull_s // 4))}",
        f"--MappingKernelManager.cull_connected={cull_connected}",
        "--VoilaConfiguration.multi_kernel_manager_class=netvaerk_lib.serving.CappedKernelManager",
        f"--CappedKernelManager.max_kernels={max_kernels}",
    ]


def facilitator_command(port: int, host: str, token: str, max_kernels: int) -> list[str]:
    return [sys.executable, "-m", "voila", str(NOTEBOOKS), f"--token={token}",
            *common_options(port, host, FACILITATOR_IDLE_CULL_S, max_kernels)]


def members_command(port: int, host: str, trusted_proxy: str = "") -> list[str]:
    """The members' server (:mod:`netvaerk_lib.web`): the form without kernels."""
    return [sys.executable, "-m", "netvaerk_lib.web", f"--port={port}", f"--host={host}",
            f"--trusted-proxy={trusted_proxy}"]


def environment(public_form_url: str) -> dict[str, str]:
    """Put netvaerk's template first on the Jupyter path; pass the language, database and form address on."""
    env = dict(os.environ)
    env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(TEMPLATES), env.get("JUPYTER_PATH")]))
    env["NETVAERK_LANG"] = language()
    env["NETVAERK_PUBLIC_URL"] = public_form_url
    return env


def lan_address() -> str:
    """This machine's address on the local network (no packet is sent: UDP connect only picks a route)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed, never contacted
            return probe.getsockname()[0]
        except OSError:
            return "127.0.0.1"


def port_is_free(host: str, port: int) -> bool:
    """Whether a server could listen on host:port now (bound as Tornado binds, with SO_REUSEADDR)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
            return True
        except OSError:
            return False


def serve(args) -> int:
    if args.db:
        os.environ["NETVAERK_DB"] = os.path.abspath(args.db)
    first_start = not default_path().exists()  # only a missing file gets the demo; an existing one is checked
    with open_store(args.db) as store:
        if first_start:
            ensure_demo(store)
        os.environ["NETVAERK_DB"] = str(store.path)
    token = args.token or os.environ.get("NETVAERK_TOKEN") or secrets.token_urlsafe(24)
    form_port = args.form_port or args.port + 1
    form_host = "0.0.0.0" if args.lan else args.host
    for host, port, option in ((args.host, args.port, "--port"), (form_host, form_port, "--form-port")):
        if not port_is_free(host, port):
            print(t("serve.port_busy", port=port, option=option), file=sys.stderr)
            return 2
    public_host = lan_address() if args.lan else args.host
    public_form = (args.public_url or f"http://{public_host}:{form_port}").rstrip("/")
    reap_leftovers()
    run = run_folder()
    try:
        return _run_servers(args, token, form_port, form_host, public_form, run)
    finally:
        shutil.rmtree(run, ignore_errors=True)
        try:
            fold_wal(Path(os.environ["NETVAERK_DB"]))
        except sqlite3.Error:
            pass  # a kernel that outlived its server still reads: its WAL stays, nothing is lost


def _run_servers(args, token: str, form_port: int, form_host: str, public_form: str, run: Path) -> int:
    connections = [f"--Voila.connection_dir_root={run}"]  # kernel connection files go with the run folder
    env = environment(public_form)
    print(f"netvaerk: database {os.environ['NETVAERK_DB']}", flush=True)
    start_page = f"http://{args.host}:{args.port}/voila/render/start.ipynb"
    if args.token or os.environ.get("NETVAERK_TOKEN"):  # the person knows it: keep it out of logs of this output
        print(f"netvaerk: facilitator: {start_page} ({t('serve.known_token')})", flush=True)
    else:
        print(f"netvaerk: facilitator: {start_page}?token={token}", flush=True)
    print(f"netvaerk: medlemmernes evaluering: {public_form}{FORM_PAGE}", flush=True)
    processes = [
        subprocess.Popen(facilitator_command(args.port, args.host, token, args.max_kernels) + connections,
                         cwd=NOTEBOOKS, env=env),
        subprocess.Popen(members_command(form_port, form_host, args.trusted_proxy), cwd=PROJECT_ROOT, env=env),
    ]
    return supervise(processes)


def supervise(processes: list[subprocess.Popen]) -> int:
    """Run until a server stops or we are told to stop; then stop both and clean up."""
    stopping = False

    def stop(_signum, _frame):
        nonlocal stopping
        stopping = True

    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):  # SIGHUP: the terminal was closed
        signal.signal(signum, stop)
    try:
        while not stopping and all(process.poll() is None for process in processes):
            time.sleep(0.5)
    finally:
        for process in processes:
            if process.poll() is None:
                process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
    failed = [process.returncode for process in processes if process.returncode not in (0, -15, None)]
    return 0 if stopping or not failed else failed[0]


def stop_server(process: subprocess.Popen, timeout: float = 20) -> None:
    """Stop a server started in a session of its own (``start_new_session=True``) and everything it started,
    also when it already died: its whole process group."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=timeout)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            return
        process.wait()


def whole_number(minimum: int):
    """An argparse type: a whole number of at least ``minimum``, refused with a Danish message otherwise."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = minimum - 1
        if value < minimum:
            raise argparse.ArgumentTypeError(t("serve.bad_number", value=text, minimum=minimum))
        return value
    return parse


def proxy_addresses(text: str) -> str:
    """An argparse type: comma-separated addresses or networks, refused in Danish otherwise."""
    try:
        parse_proxies(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(t("serve.bad_proxy", value=text)) from error
    return text


def register(subparsers) -> None:
    parser = subparsers.add_parser("serve", help="start the apps (Voilà) on the demo or your database")
    parser.add_argument("--port", type=whole_number(1), default=8866, help="the facilitator's apps (default 8866)")
    parser.add_argument("--form-port", type=whole_number(1), help="the members' evaluation form (default: port + 1)")
    parser.add_argument("--host", default="127.0.0.1", help="address of the facilitator's apps (default loopback)")
    parser.add_argument("--lan", action="store_true",
                        help="let phones on the local network reach the evaluation form (and only the form)")
    parser.add_argument("--token", help="the facilitator's secret (default: $NETVAERK_TOKEN, else a new one)")
    parser.add_argument("--public-url", help="the form's address as phones see it, behind a proxy "
                        "(e.g. https://evaluering.example.dk); QR codes and links point there")
    parser.add_argument("--max-kernels", type=whole_number(1), default=40,
                        help="live kernels on the facilitator's server at most; beyond that a page asks to try "
                        "again in a minute")
    parser.add_argument("--trusted-proxy", type=proxy_addresses, default="", metavar="ADDRESSES",
                        help="proxies (addresses or networks, comma-separated) whose X-Forwarded-For names the "
                        "phone, for the limit on wrong codes behind nginx (default: none)")
    parser.set_defaults(func=serve)

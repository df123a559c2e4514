"""What `netvaerk serve` lets through, checked against the real servers as a user starts them.

The facilitator's server needs the token; the members' server has nothing but the evaluation form (and no
kernels); no file of the project is downloadable; a browser cannot run code in a kernel; the URL cannot change
template or theme. The members' server's own hardening is tested in tests/unit/test_members_server.py.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import socket
import subprocess
import sys
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from harness import page_kernel, wait_until
from tornado.websocket import websocket_connect

ROOT = Path(__file__).resolve().parents[2]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url: str) -> tuple[int, str, str]:
    """Status, Location header and body of a GET, without following redirects."""
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(url, timeout=60) as response:
            return response.status, response.headers.get("Location", ""), response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location", ""), error.read().decode("utf-8", "replace")


FACILITATOR_APPS = ["start", "medlemmer", "evaluering"]


@pytest.mark.parametrize("name", FACILITATOR_APPS)
def test_facilitator_pages_without_the_token_redirect_to_login(server, name):
    status, location, _ = fetch(f"{server.url}/voila/render/{name}.ipynb")
    assert status in (302, 303) and "/login" in location


def test_a_wrong_token_does_not_open_the_facilitator_pages(server):
    status, location, _ = fetch(f"{server.url}/voila/render/start.ipynb?token=not-the-token")
    assert status in (302, 303, 403) and (status == 403 or "/login" in location)


def test_the_token_opens_the_facilitator_pages(server):
    status, _, body = fetch(server.app_url("start"))
    assert status == 200 and "kernelId" in body


def test_the_member_server_serves_the_form_without_a_token_and_without_a_kernel(server):
    status, _, body = fetch(server.app_url("evaluering"))
    assert status == 200 and 'id="nv-evaluation"' in body
    assert "kernelId" not in body and "/api/kernels" not in body


@pytest.mark.parametrize("name", ["start", "medlemmer", "konsulent", "koer_moedet", "planlaegning"])
def test_the_member_server_has_no_other_app(server, name):
    status, _, _ = fetch(f"{server.form_url}/voila/render/{name}.ipynb")
    assert status == 404


FORBIDDEN_PATHS = [
    "/voila/files/start.ipynb",
    "/voila/files/evaluering.ipynb",
    "/voila/files/../netvaerk_lib/model.py",
    "/voila/files/%2e%2e/netvaerk_lib/model.py",
    "/voila/files/../data/netvaerk.sqlite",
    "/voila/files/%2e%2e/data/netvaerk.sqlite",
    "/voila/render/../pyproject.toml",
    "/voila/static/../../../../../../etc/passwd",
    "/api/contents/",
    "/api/kernels",
    "/files/start.ipynb",
    "/voila/render/assets/../../../pyproject.toml",
    "/voila/render/assets/%2e%2e%2f%2e%2e%2fstore%2fdb.py",
]
FILE_CONTENT = ("CREATE TABLE", "SQLite format", "def ", '"cells"', "[project]", "root:x:0")


@pytest.mark.parametrize("path", FORBIDDEN_PATHS)
def test_no_project_file_is_downloadable(server, path):
    for base, query in ((server.url, f"?token={server.token}"), (server.form_url, "")):
        status, location, body = fetch(base + path + query)
        for _ in range(3):  # follow redirects that stay on the server, except the one to the login page
            if not (300 <= status < 400) or "/login" in location:
                break
            status, location, body = fetch(base + location if location.startswith("/") else location)
        assert status >= 400 or (300 <= status < 400 and "/login" in location), f"{base}{path} answered {status}"
        assert not any(marker in body for marker in FILE_CONTENT), f"{base}{path} leaked a file"


def test_the_database_file_is_not_reachable_by_its_name(server):
    for base, query in ((server.url, f"?token={server.token}"), (server.form_url, "")):
        for path in (f"/voila/files/{server.db.name}", f"/voila/files/{server.db}", f"/{server.db.name}"):
            status, _, body = fetch(base + path + query)
            assert status >= 400, f"{base}{path} answered {status}"
            assert "SQLite format" not in body


def test_the_url_cannot_change_template_or_theme(server):
    _, _, body = fetch(server.app_url("start", "?voila-template=classic&voila-theme=dark"))
    assert "theme-light" in body and "theme-dark" not in body
    assert "cdn.jsdelivr" not in body


def _message(msg_type: str, content: dict, session: str) -> str:
    header = {"msg_id": uuid.uuid4().hex, "username": "test", "session": session, "msg_type": msg_type,
              "version": "5.3", "date": "2026-01-01T00:00:00Z"}
    return json.dumps({"header": header, "parent_header": {}, "metadata": {}, "content": content,
                       "channel": "shell", "buffers": []})


async def _talk(ws_url: str, marker: Path) -> tuple[list[str], list[str]]:
    """Send kernel_info_request (allowed) and execute_request (must be dropped); collect replies."""
    session = uuid.uuid4().hex
    connection = await websocket_connect(ws_url)
    await connection.write_message(_message("kernel_info_request", {}, session))
    code = f"open({str(marker)!r}, 'w').write('ran')"
    await connection.write_message(_message("execute_request", {
        "code": code, "silent": False, "store_history": False, "user_expressions": {}, "allow_stdin": False,
        "stop_on_error": True}, session))
    replies, statuses = [], []
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 8
    while loop.time() < deadline:
        try:
            raw = await asyncio.wait_for(connection.read_message(), timeout=max(deadline - loop.time(), 0.1))
        except TimeoutError:
            break
        if raw is None:
            break
        if isinstance(raw, bytes):
            continue
        message = json.loads(raw)
        replies.append(message["header"]["msg_type"])
        if message["header"]["msg_type"] == "status":
            statuses.append(message["content"]["execution_state"])
    connection.close()
    return replies, statuses


def test_a_browser_cannot_execute_code_in_a_kernel(server, tmp_path):
    marker = tmp_path / "executed.txt"
    _, _, body = fetch(server.app_url("start"))
    kernel_id = re.search(r'kernelId"\s*:\s*"([0-9a-f-]+)"', body).group(1)
    ws_url = f"{server.url.replace('http', 'ws')}/api/kernels/{kernel_id}/channels?token={server.token}"
    # A thread of its own: Playwright's sync API may already run an event loop in this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        replies, _ = pool.submit(asyncio.run, _talk(ws_url, marker)).result()
    assert "kernel_info_reply" in replies, f"the channel itself must work (got {replies})"
    assert "execute_reply" not in replies and "execute_input" not in replies
    assert not marker.exists(), "code sent by a browser ran in the kernel"


def test_too_many_live_kernels_get_a_friendly_try_again_page(fresh_server):
    capped = fresh_server("--max-kernels", "3")
    # The readiness check already opened the start page once: one kernel is alive, two more fit.
    opened = [fetch(capped.app_url("start"))[0] for _ in range(2)]
    assert opened == [200, 200]
    status, _, body = fetch(capped.app_url("start"))
    assert status == 503
    assert "Der er travlt lige nu" in body and "Prøv igen om et minut" in body
    assert "Traceback" not in body


def test_an_unknown_page_gets_a_danish_404_without_details(server):
    status, _, body = fetch(f"{server.form_url}/voila/render/findes-ikke.ipynb")
    assert status == 404 and "Siden findes ikke" in body and "Traceback" not in body


def test_a_page_that_goes_away_gives_its_kernel_back(server, page, open_app):
    """Reloads and closed tabs must not hold kernels until culling: a dashboard reloaded all evening could
    fill the cap."""
    open_app(page, "medlemmer")
    kernel = page_kernel(page)
    assert kernel in server.kernel_ids()
    page.goto("about:blank")
    assert wait_until(lambda: kernel not in server.kernel_ids(), timeout=30), "the page's kernel outlived the page"


def test_the_member_form_starts_no_kernel(server, phone, open_app):
    before = server.kernel_ids()
    open_app(phone, "evaluering")
    phone.get_by_label("Din kode").fill("ZZZ 222")
    phone.get_by_role("button", name="Fortsæt").click()
    phone.locator(".nv-eval-error").filter(has_text="Koden findes ikke").wait_for()
    assert server.kernel_ids() <= before


def test_a_busy_port_gets_a_danish_message_and_nothing_starts(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "netvaerk_lib.cli", "serve", "--port", str(port), "--token=x"],
                                cwd=ROOT, env=dict(os.environ, NETVAERK_DB=str(tmp_path / "n.sqlite")),
                                capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert f"port {port} er optaget" in result.stderr and "--port" in result.stderr
    assert "Traceback" not in result.stderr and "Voila" not in result.stdout + result.stderr


@pytest.mark.parametrize(("option", "value", "minimum"), [("--port", "-1", 1), ("--max-kernels", "0", 1),
                                                           ("--form-port", "en", 1)])
def test_a_bad_number_is_refused_in_danish_before_anything_starts(capsys, option, value, minimum):
    from netvaerk_lib.cli import main

    with pytest.raises(SystemExit) as stopped:
        main(["serve", option, value])
    assert stopped.value.code == 2
    assert f"argument {option}: »{value}« skal være et helt tal på mindst {minimum}" in capsys.readouterr().err


def test_a_bad_proxy_address_is_refused_in_danish_before_anything_starts(capsys):
    from netvaerk_lib.cli import main

    with pytest.raises(SystemExit) as stopped:
        main(["serve", "--trusted-proxy", "nginx.local"])
    assert stopped.value.code == 2
    assert "»nginx.local« er ikke en liste af adresser eller net" in capsys.readouterr().err

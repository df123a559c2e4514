"""The members' server as a public page: the real server (``python -m netvaerk_lib.web``) on loopback.

Another client address is another loopback address (127.0.0.0/8 all reaches this machine): the client binds
its side of the connection to it. Only loopback is ever contacted.
"""

from __future__ import annotations

import datetime as dt
import http.client
import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from netvaerk_lib.commands.serve import stop_server
from netvaerk_lib.demo import ensure_demo
from netvaerk_lib.evaluation import sessions
from netvaerk_lib.model import Attendance, Meeting
from netvaerk_lib.store import open_store
from netvaerk_lib.web.limits import WRONG_CODES_PER_WINDOW, WrongCodeLimit, client_address, parse_proxies

ROOT = Path(__file__).resolve().parents[2]
PAGE = "/voila/render/evaluering.ipynb"
API = "/voila/render/api/evaluation"
ANSWERS = {"energy": 4, "gain": 5, "topic": 3, "safety": 4, "rules": 5}
PROXY = "127.0.0.3"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Members:
    def __init__(self, port: int, db: Path, log: Path):
        self.port, self.db, self.log = port, db, log

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None,
                source: str = "127.0.0.1") -> tuple[int, dict, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30, source_address=(source, 0))
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            connection.close()

    def post(self, message: dict, source: str = "127.0.0.1", **headers) -> tuple[int, dict]:
        status, _, body = self.request("POST", API, json.dumps(message).encode(),
                                       {"Content-Type": "application/json", **headers}, source)
        return status, json.loads(body)

    def codes(self, meeting_day: int, present: int = 4) -> tuple[int, list[str]]:
        with open_store(self.db) as store:
            network = store.default_network()
            day = dt.date.today() - dt.timedelta(days=meeting_day)
            meeting = store.add_meeting(Meeting(network.id, dt.datetime.combine(day, dt.time(17)), 180,
                                                status="held"))
            for member in store.list_members(network.id)[:present]:
                store.set_attendance(Attendance(meeting.id, member.id, "present"))
            sessions.open_evaluation(store, meeting.id)
            return meeting.id, list(sessions.issue_codes(store, meeting.id).values())

    def stored(self, meeting_id: int) -> int:
        with open_store(self.db) as store:
            return store.evaluation_count(meeting_id)


def start_members(folder: Path, lang: str = "da") -> tuple[Members, subprocess.Popen]:
    db, log, port = folder / "netvaerk.sqlite", folder / "members.log", free_port()
    with open_store(db) as store:
        ensure_demo(store)
    with log.open("w") as out:
        process = subprocess.Popen([sys.executable, "-m", "netvaerk_lib.web", f"--port={port}", f"--db={db}",
                                    f"--trusted-proxy={PROXY}"], cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                   env=dict(os.environ, NETVAERK_LANG=lang), start_new_session=True)
    running = Members(port, db, log)
    deadline = time.monotonic() + 60
    while True:
        try:
            if running.request("GET", PAGE)[0] == 200:
                break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                pytest.fail(f"the members' server did not start: {log.read_text()}")
            time.sleep(0.2)
    return running, process


@pytest.fixture(scope="module")
def members(tmp_path_factory):
    running, process = start_members(tmp_path_factory.mktemp("members-server"))
    yield running
    stop_server(process)


def test_the_form_speaks_english_when_the_server_does(tmp_path):
    english, process = start_members(tmp_path, lang="en")
    try:
        _, _, page = english.request("GET", f"{PAGE}?code=ZZZ222")
        assert b'<html lang="en">' in page and b"<title>Evaluation</title>" in page
        state = json.loads(re.search(rb'id="nv-evaluation-state">(.*?)</script>', page).group(1))
        assert state["texts"]["code_label"] == "Your code"
        assert state["errors"]["code"][0].startswith("This code does not exist")
    finally:
        stop_server(process)


def test_a_member_opens_by_link_and_sends_and_every_rule_is_checked_again(members):
    meeting_id, codes = members.codes(meeting_day=0)
    status, headers, page = members.request("GET", f"{PAGE}?code={codes[0]}")
    assert status == 200
    state = json.loads(re.search(rb'id="nv-evaluation-state">(.*?)</script>', page).group(1))
    assert state["step"] == "form" and [q["key"] for q in state["questions"]][:2] == ["energy", "gain"]
    status, answer = members.post({"type": "submit", "code": state["code"], "ratings": {**ANSWERS, "gain": 7},
                                   "texts": {}})
    assert status == 200 and "gain" in answer["errors"] and members.stored(meeting_id) == 0
    status, answer = members.post({"type": "submit", "code": state["code"], "ratings": ANSWERS,
                                   "texts": {"good": "Godt"}, "share_goal": "yes"})
    assert "goal" in answer["errors"] and members.stored(meeting_id) == 0
    status, answer = members.post({"type": "submit", "code": state["code"], "ratings": ANSWERS,
                                   "texts": {"good": "Godt"}})
    assert answer["step"] == "done" and members.stored(meeting_id) == 1
    status, answer = members.post({"type": "submit", "code": state["code"], "ratings": ANSWERS, "texts": {}})
    assert "Koden er allerede brugt" in answer["problem"] and members.stored(meeting_id) == 1


def test_the_page_runs_no_inline_script_and_names_no_other_host(members):
    _, headers, page = members.request("GET", PAGE)
    scripts = re.findall(rb"<script([^>]*)>", page)
    assert scripts and all(b"src=" in attrs or b'type="application/json"' in attrs for attrs in scripts)
    assert not re.search(rb"(src|href)=\"(https?:)?//", page)
    assert b"style=" not in page


@pytest.mark.parametrize("path", [PAGE, f"{PAGE}?code=ABC234", "/voila/render/assets/evaluation_form.js",
                                  "/voila/render/assets/style.css", "/nothing-here", API])
def test_every_answer_has_a_strict_csp_and_no_referrer(members, path):
    _, headers, _ = members.request("GET", path)
    csp = headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "connect-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-content-type-options"] == "nosniff"
    assert "tornado" not in headers.get("server", "").lower()


@pytest.mark.parametrize(("method", "path"), [
    ("GET", "/"), ("GET", "/voila/render/start.ipynb"), ("GET", "/voila/render/evaluering.ipynb/x"),
    ("GET", "/api/kernels"), ("GET", "/voila/render/assets/serve.py"), ("GET", "/voila/render/assets/..%2fapp.py"),
    ("GET", "/voila/render/assets/page.html"), ("GET", "/static/evaluation_form.js"), ("GET", "/login"),
    ("POST", "/api/kernels"), ("GET", "/voila/files/evaluering.ipynb"), ("PUT", API), ("DELETE", PAGE),
])
def test_nothing_but_the_member_pages_answers(members, method, path):
    status, _, body = members.request(method, path, body=b"" if method != "GET" else None)
    assert status in (404, 405) and b"Traceback" not in body and b"def " not in body


def test_a_cross_site_post_is_refused_and_nothing_is_stored(members):
    meeting_id, codes = members.codes(meeting_day=1)
    message = {"type": "submit", "code": codes[0], "ratings": ANSWERS, "texts": {}}
    for headers in ({"Origin": "https://evil.example"}, {"Origin": "null"}, {"Sec-Fetch-Site": "cross-site"},
                    {"Sec-Fetch-Site": "same-site"}):
        status, answer = members.post(message, **headers)
        assert status == 403 and "Serveren kunne ikke tage imod svaret" in answer["problem"]
    status, _, _ = members.request("POST", API, json.dumps(message).encode(), {"Content-Type": "text/plain"})
    assert status == 403  # what a plain cross-site HTML form or a no-preflight fetch can send
    assert members.stored(meeting_id) == 0
    status, answer = members.post(message, Origin=f"http://127.0.0.1:{members.port}", **{"Sec-Fetch-Site":
                                                                                        "same-origin"})
    assert status == 200 and answer["step"] == "done" and members.stored(meeting_id) == 1


def test_an_oversized_body_is_refused(members):
    meeting_id, codes = members.codes(meeting_day=2)
    big = {"type": "submit", "code": codes[0], "ratings": ANSWERS, "texts": {"good": "x" * 100_000}}
    status, _, body = members.request("POST", API, json.dumps(big).encode(), {"Content-Type": "application/json"})
    assert status == 413 and "Serveren kunne ikke tage imod svaret" in json.loads(body)["problem"]
    huge = b'{"type": "code", "code": "' + b"A" * 2_000_000 + b'"}'
    try:
        status, _, _ = members.request("POST", API, huge, {"Content-Type": "application/json"})
    except (ConnectionError, http.client.HTTPException):
        status = None  # the server closed the connection before reading the body
    assert status in (None, 400, 413)
    assert members.stored(meeting_id) == 0


def test_wrong_codes_are_limited_per_address_across_the_whole_server(members):
    _, codes = members.codes(meeting_day=3)
    guesser, other = "127.0.0.10", "127.0.0.11"
    for number in range(WRONG_CODES_PER_WINDOW):
        if number % 2:  # through the page's link and through the API alike: one count for the address
            status, _, _ = members.request("GET", f"{PAGE}?code=ZZZ22{number % 10}", source=guesser)
        else:
            status, answer = members.post({"type": "code", "code": f"ZZZ 22{number % 10}"}, source=guesser)
            assert "Koden findes ikke" in answer["errors"]["code"][0]
        assert status == 200
    status, answer = members.post({"type": "code", "code": codes[0]}, source=guesser)
    assert status == 429 and "for mange forkerte koder" in answer["errors"]["code"][0]
    status, answer = members.post({"type": "submit", "code": codes[0], "ratings": ANSWERS}, source=guesser)
    assert status == 429 and "for mange forkerte koder" in answer["problem"]
    status, answer = members.post({"type": "code", "code": codes[0]}, source=other)
    assert status == 200 and answer["step"] == "form"


def test_behind_a_trusted_proxy_the_forwarded_address_counts_and_a_forged_one_does_not(members):
    for _ in range(WRONG_CODES_PER_WINDOW):
        members.post({"type": "code", "code": "ZZZ222"}, source=PROXY, **{"X-Forwarded-For": "10.9.9.9"})
    status, _ = members.post({"type": "code", "code": "ZZZ222"}, source=PROXY, **{"X-Forwarded-For": "10.9.9.9"})
    assert status == 429
    status, _ = members.post({"type": "code", "code": "ZZZ222"}, source=PROXY, **{"X-Forwarded-For": "10.9.9.8"})
    assert status == 200  # another phone behind the same proxy
    # A client that is not the proxy cannot pick its address with the header.
    for _ in range(WRONG_CODES_PER_WINDOW):
        members.post({"type": "code", "code": "ZZZ222"}, source="127.0.0.12", **{"X-Forwarded-For": "10.0.0.1"})
    status, _ = members.post({"type": "code", "code": "ZZZ222"}, source="127.0.0.12",
                             **{"X-Forwarded-For": "10.0.0.2"})
    assert status == 429


def test_no_code_reaches_the_servers_log(members):
    meeting_id, codes = members.codes(meeting_day=4)
    members.request("GET", f"{PAGE}?code={codes[0]}")
    members.request("GET", f"/nothing?code={codes[1]}")
    members.post({"type": "code", "code": codes[1]})
    members.post({"type": "submit", "code": codes[2], "ratings": ANSWERS, "texts": {}})
    members.request("POST", API, b"{not json " + codes[3].encode(), {"Content-Type": "application/json"})
    time.sleep(0.3)
    log = members.log.read_text()
    assert f"GET {PAGE}" in log  # the access log is on
    for code in codes:
        assert code not in log and f"{code[:3]} {code[3:]}" not in log
    assert "code=" not in log


def test_the_limit_forgets_old_failures_and_counts_addresses_apart():
    now = [0.0]
    limit = WrongCodeLimit(limit=3, window_s=60, clock=lambda: now[0])
    for _ in range(3):
        limit.failed("10.0.0.1")
    assert limit.refused("10.0.0.1") and not limit.refused("10.0.0.2")
    now[0] = 61
    assert not limit.refused("10.0.0.1")


def test_the_client_address_comes_from_the_header_only_through_a_trusted_proxy():
    proxies = parse_proxies("127.0.0.1, 10.0.0.0/8")
    assert client_address("127.0.0.1", "1.2.3.4, 5.6.7.8", proxies) == "5.6.7.8"
    assert client_address("10.1.2.3", "5.6.7.8", proxies) == "5.6.7.8"
    assert client_address("192.168.1.9", "5.6.7.8", proxies) == "192.168.1.9"
    assert client_address("127.0.0.1", "not an address", proxies) == "127.0.0.1"
    with pytest.raises(ValueError):
        parse_proxies("nginx.local")

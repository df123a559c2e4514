"""The members' server as a tornado application: the form page, its assets, the JSON API, and nothing else.

Why tornado directly and not a jupyter_server extension: a jupyter_server brings a contents manager, kernel
and terminal services, login handling and its own static files, all of which a public page must then switch
off one by one; this application starts with nothing and adds the five things a member needs.

Every answer carries a strict Content-Security-Policy (scripts, styles and requests only from this server, no
inline script), ``Referrer-Policy: no-referrer`` (the code is in the address) and ``nosniff``; the page and
the API are never cached. The API takes only same-origin JSON posts of a few kilobytes. The access log and
error log name the path, never the query (the code) or the body.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

from tornado import web
from tornado.ioloop import IOLoop

from netvaerk_lib.store import Store
from netvaerk_lib.texts import language, t
from netvaerk_lib.web.form import WrongCode, enter_code, send_answers, too_many
from netvaerk_lib.web.limits import WrongCodeLimit, client_address
from netvaerk_lib.widgets.evaluation_form import LIMITS, form_texts

HERE = Path(__file__).parent
WIDGETS = HERE.parent / "widgets"
# The address in every link and QR code (evaluation.sessions.form_url); assets and API sit beside it, named
# relative to the page, so that a proxy may put the whole server under a path of its own.
FOLDER = "/voila/render/"
FORM_PAGE = FOLDER + "evaluering.ipynb"
ASSETS = {
    "evaluation_page.js": WIDGETS / "evaluation_page.js",
    "http_model.js": WIDGETS / "http_model.js",
    "evaluation_form.js": WIDGETS / "evaluation_form.js",
    "evaluation_form.css": WIDGETS / "evaluation_form.css",
    "style.css": HERE.parent / "ui" / "style.css",
}
CONTENT_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
MAX_BODY_BYTES = 64 * 1024  # the longest honest answer (five texts of 1000 characters, a goal) is ~25 kB
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
       "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
access_log = logging.getLogger("netvaerk.members.access")
error_log = logging.getLogger("netvaerk.members")


def log_request(handler: web.RequestHandler) -> None:
    """One access line without the query string (it carries the member's code) and without the address."""
    request = handler.request
    access_log.info("%d %s %s %.1fms", handler.get_status(), request.method, request.path,
                    1000 * request.request_time())


class MemberHandler(web.RequestHandler):
    """What every answer of this server shares: the security headers, Danish errors, logs without codes."""

    def set_default_headers(self) -> None:
        self.set_header("Content-Security-Policy", CSP)
        self.set_header("Referrer-Policy", "no-referrer")
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Cross-Origin-Opener-Policy", "same-origin")
        self.set_header("Cross-Origin-Resource-Policy", "same-origin")
        self.set_header("Server", "netvaerk")

    def _request_summary(self) -> str:
        return f"{self.request.method} {self.request.path}"

    def log_exception(self, typ, value, tb) -> None:
        if not isinstance(value, web.HTTPError):  # refusals are in the access log already
            error_log.error("Uncaught exception %s", self._request_summary(), exc_info=(typ, value, tb))

    def write_error(self, status_code: int, **kwargs) -> None:
        self.set_header("Content-Type", "text/html; charset=utf-8")
        key = "web.not_found" if status_code == 404 else "common.unexpected_error"
        self.render("error.html", lang=language(), title=t("apps.evaluation.title"), message=t(key), css="nv-error")


class NotFound(MemberHandler):
    """Everything that is not the form, its assets or its API."""

    def prepare(self) -> None:
        raise web.HTTPError(404)


class FormPage(MemberHandler):
    """The form, ready at once: with a code in the link its questions come in the page itself."""

    async def get(self) -> None:
        state = {"texts": form_texts(), "limits": LIMITS, "step": "code", "code": "", "meeting": "",
                 "questions": [], "errors": {}, "problem": "", "goal_shared": False, "serial": 0}
        typed = self.get_query_argument("code", "")[:32]
        if typed:
            state.update(await self.application.answer(self, "code", typed))
        self.set_header("Cache-Control", "no-store")
        if state.get("unavailable"):  # the database cannot be read: a calm page, never a file path
            self.render("error.html", lang=language(), title=t("apps.evaluation.title"),
                        message=t("store.unavailable_member"), css="nv-unavailable")
            return
        # JSON inside <script type="application/json">: no "<" may close the element early.
        state_json = json.dumps(state, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e") \
            .replace("&", "\\u0026")
        self.render("page.html", lang=language(), title=t("apps.evaluation.title"), state_json=state_json,
                    noscript=t("web.needs_javascript"))


class Asset(MemberHandler):
    """The page's own script and style files, read once; the browser asks again with its ETag (304)."""

    def initialize(self, files: dict[str, bytes]) -> None:
        self.files = files

    def get(self, name: str) -> None:
        if name not in self.files:
            raise web.HTTPError(404)
        self.set_header("Content-Type", CONTENT_TYPES[Path(name).suffix])
        self.set_header("Cache-Control", "no-cache")
        self.write(self.files[name])


class FormApi(MemberHandler):
    """``POST`` one of the form's messages as JSON; the answer is the model values that change."""

    def check_xsrf_cookie(self) -> None:
        """No cookie here: a same-origin JSON post is the only thing accepted (a cross-site page can send
        JSON only after a CORS preflight, which this server never answers)."""
        headers = self.request.headers
        if headers.get("Content-Type", "").split(";")[0].strip().lower() != "application/json":
            raise web.HTTPError(403)
        if headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
            raise web.HTTPError(403)
        origin = headers.get("Origin")
        if origin is not None and urlsplit(origin).netloc != self.request.host:
            raise web.HTTPError(403)

    async def post(self) -> None:
        self.check_xsrf_cookie()
        if len(self.request.body) > MAX_BODY_BYTES:
            raise web.HTTPError(413)
        try:
            content = json.loads(self.request.body)
        except ValueError as error:
            raise web.HTTPError(400) from error
        if not isinstance(content, dict) or content.get("type") not in ("code", "submit"):
            raise web.HTTPError(400)
        argument = content.get("code") if content["type"] == "code" else content
        self.set_header("Cache-Control", "no-store")
        self.write(await self.application.answer(self, content["type"], argument))

    def write_error(self, status_code: int, **kwargs) -> None:
        message = t("web.refused") if status_code in (400, 403, 413) else t("common.unexpected_error")
        self.finish({"problem": message})


class MembersApplication(web.Application):
    """The handlers, one store used by one worker thread (SQLite waits there, not in the event loop), and
    the limit on wrong codes shared by every page of this process."""

    def __init__(self, store: Store, trusted_proxies: tuple = (), limit: WrongCodeLimit | None = None):
        self.store = store
        self.trusted_proxies = trusted_proxies
        self.limit = limit or WrongCodeLimit()
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="netvaerk-store")
        files = {name: path.read_bytes() for name, path in ASSETS.items()}
        super().__init__(
            [(FORM_PAGE, FormPage), (FOLDER + r"assets/([\w.-]+)", Asset, {"files": files}),
             (FOLDER + "api/evaluation", FormApi)],
            default_handler_class=NotFound, template_path=str(HERE / "templates"), log_function=log_request,
            compress_response=False, xsrf_cookies=False, autoreload=False, serve_traceback=False)

    def client(self, handler: web.RequestHandler) -> str:
        return client_address(handler.request.remote_ip, handler.request.headers.get("X-Forwarded-For"),
                              self.trusted_proxies)

    async def answer(self, handler: web.RequestHandler, message_type: str, argument) -> dict:
        """Run one of the form's messages against the store; wrong codes count against the client address."""
        address = self.client(handler)
        if self.limit.refused(address):
            handler.set_status(429)
            return too_many(message_type)
        run = enter_code if message_type == "code" else send_answers
        try:
            return await IOLoop.current().run_in_executor(self.worker, run, self.store, argument)
        except WrongCode as wrong:
            self.limit.failed(address)
            return wrong.changes
        except sqlite3.DatabaseError:  # damaged or replaced while the server runs: say "later", nothing more
            error_log.error("the database cannot be read (the form's %s message)", message_type)
            handler.set_status(503)
            return {"problem": t("store.unavailable_member"), "unavailable": True}
        except Exception:
            error_log.exception("the form's %s message failed", message_type)
            handler.set_status(500)
            return {"problem": t("common.unexpected_error")}

    def close(self) -> None:
        self.worker.shutdown(wait=True)
        self.store.close()

"""The HTTP client of the load test: one signed-in or anonymous browser with its cookies."""

from __future__ import annotations

import http.client
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

from bench.loadlib.config import PAGE_TIMEOUT
from bench.loadlib.forms import find_form


class RequestFailed(Exception):
    """A request that got no usable answer (connection error, timeout, unexpected status)."""


@dataclass
class Response:
    status: int
    headers: dict
    body: bytes
    seconds: float

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    @property
    def location(self) -> str:
        return self.headers.get("location", "")


class Browser:
    """One user's HTTP/1.1 connection to the server under test, with its own cookies.

    A plain dict of cookies instead of ``http.cookiejar``: with DEBUG off Django marks the
    session and CSRF cookies ``Secure`` and a cookie jar does not send those over http; a
    non-browser client may (the connection never leaves the machine). Only ``127.0.0.1``
    and ``localhost`` are accepted as host.
    """

    IDLE_RECONNECT = 1.5  # gunicorn closes an idle keep-alive connection after 2 s

    def __init__(self, host: str, port: int):
        if host not in ("127.0.0.1", "localhost"):
            raise ValueError(f"the load test only talks to the local machine, not {host!r}")
        self.host, self.port = host, port
        self.origin = f"http://{host}:{port}"
        self.cookies: dict[str, str] = {}
        self._conn: http.client.HTTPConnection | None = None
        self._timeout: float | None = None
        self._last_used = 0.0

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _connection(self, timeout: float) -> tuple[http.client.HTTPConnection, bool]:
        stale = time.monotonic() - self._last_used > self.IDLE_RECONNECT
        if self._conn is not None and (stale or timeout != self._timeout):
            self.close()
        reused = self._conn is not None
        if self._conn is None:
            self._conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
            self._timeout = timeout
        return self._conn, reused

    def _store_cookies(self, message) -> None:
        for header in message.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    def request(
        self, method: str, path: str, fields: dict | None = None, timeout: float = PAGE_TIMEOUT
    ) -> Response:
        headers = {"Host": f"{self.host}:{self.port}", "Accept": "text/html,*/*"}
        body = None
        if fields is not None:
            body = urlencode(fields).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.origin
            headers["Referer"] = self.origin + path
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in (1, 2):
            conn, reused = self._connection(timeout)
            started = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                raw = conn.getresponse()
                data = raw.read()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as exc:
                self.close()
                # The server closed a kept-alive connection before reading the request: a GET
                # is sent again once. A POST is never repeated (it may have been processed).
                if reused and attempt == 1 and method == "GET":
                    continue
                raise RequestFailed(f"{type(exc).__name__}: {exc}") from exc
            except TimeoutError as exc:
                self.close()
                raise RequestFailed(f"time-out na {timeout:.0f} s") from exc
            except (OSError, http.client.HTTPException) as exc:
                self.close()
                raise RequestFailed(f"{type(exc).__name__}: {exc}") from exc
            seconds = time.perf_counter() - started
            self._last_used = time.monotonic()
            self._store_cookies(raw.msg)
            if raw.will_close:
                self.close()
            return Response(raw.status, {k.lower(): v for k, v in raw.getheaders()}, data, seconds)
        raise AssertionError("unreachable")

    def get(self, path: str, timeout: float = PAGE_TIMEOUT) -> Response:
        return self.request("GET", path, timeout=timeout)

    def post(self, path: str, fields: dict, timeout: float = PAGE_TIMEOUT) -> Response:
        return self.request("POST", path, fields=fields, timeout=timeout)

    def login(
        self,
        username: str,
        password: str,
        login_path: str = "/account/login/",
        recovery_codes: list[str] | None = None,
        verify_path: str = "/account/tweede-factor/controle/",
    ) -> None:
        """Through the real login form: GET (CSRF cookie + token), POST, expect a redirect.

        When the portal asks the second factor (``verify_path``), the next of
        ``recovery_codes`` is entered on the real verification page (and used up)."""
        page = self.get(login_path)
        if page.status != 200:
            raise RequestFailed(f"inlogpagina gaf {page.status}")
        form = find_form(page.text, "username")
        if form is None:
            raise RequestFailed("geen inlogformulier op de inlogpagina")
        fields = dict(form["fields"], username=username, password=password)
        answer = self.post(form["action"] or login_path, fields)
        if answer.status != 302 or urlsplit(answer.location).path == login_path:
            raise RequestFailed(f"inloggen als {username} mislukt (status {answer.status})")
        if "sessionid" not in self.cookies:
            raise RequestFailed(f"inloggen als {username}: geen sessiecookie")
        if urlsplit(answer.location).path != verify_path:
            # The login form sends to the start page; the second-factor check sends on from
            # there (or from any page) to the verification page.
            answer = self.get(answer.location)
            if answer.status != 302 or urlsplit(answer.location).path != verify_path:
                if answer.status == 302 and "/tweede-factor/" in answer.location:
                    raise RequestFailed(f"{username} moet eerst een tweede factor instellen")
                return
        if not recovery_codes:
            raise RequestFailed(f"inloggen als {username}: tweede factor gevraagd, geen code")
        page = self.get(answer.location)
        form = find_form(page.text, "code") if page.status == 200 else None
        if form is None:
            raise RequestFailed(f"inloggen als {username}: geen formulier voor de tweede factor")
        fields = dict(form["fields"], code=recovery_codes.pop())
        answer = self.post(form["action"] or verify_path, fields)
        if answer.status != 302 or urlsplit(answer.location).path == verify_path:
            raise RequestFailed(f"tweede factor van {username} geweigerd (status {answer.status})")

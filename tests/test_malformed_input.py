"""Malformed input in every URL and every form: a refusal or a result, never a server error.

Generated from the URL configuration with the machinery of ``tests/test_url_permissions.py``
(its ``SPEC``, personas and worlds): no second list of views. For every URL name, as each
persona that may use the view (the secretary and the functioneel beheerder when they may, else
the persona the view is for):

- every int id in the URL is replaced by 0, -1, 2**63, 2**64 and a non-number: 404;
- the page's query string gets malformed filters (``?page=``, ``?soort=``, ``?sort=``, the
  fields of its GET forms, ...): never a 500;
- every POST form on the page is read (inputs incl. hidden ones, selects, radios, checkboxes,
  textareas; parsed with ``html.parser``) and posted with malformed values, one field at a
  time with the others as the form offered them, and then all at once: values not offered,
  non-numbers, 2**64 and -2**63-1, NUL characters, 100 000 characters, impossible dates, a
  list where one value is expected. The answer is 200/302/400/403/404/405/409, never 500; a
  400 is in Dutch; a refusal (400/403/404/405/409, or the form shown again with its errors)
  changes no row of any table (history tables included, so no update slips through).

Runs on SQLite and on PostgreSQL (``DATABASE_URL``); see docs/architecture.md, "Malformed
input".
"""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.converters import IntConverter
from django.urls.exceptions import Resolver404

from tests import test_url_permissions as _perms
from tests.test_url_permissions import PERSONAS, SPEC, _url

# The fixtures of the permission test, used here by name.
worlds = _perms.worlds
_sso_provider = _perms._sso_provider

OK = {200, 302, 400, 403, 404, 405, 409}
REFUSED = {400, 403, 404, 405, 409}
BIG = str(2**64)
SMALL = str(-(2**63) - 1)
LONG = "x" * 100_000
NUL = "a\x00b"
BAD_IDS = ["0", "-1", str(2**63), BIG, "abc"]
# Query-string parameters the list pages filter, sort and page on, each with malformed values.
QUERY_KEYS = ["page", "soort", "sort", "filter", "status", "jaar", "thema", "q", "kind", "naar"]
QUERY_VALUES = ["abc", BIG, SMALL, NUL, "-1", "0"]

# Forms that are in the page layout (base.html) are tried on their own page only.
LAYOUT_ACTIONS = {"accounts:logout", "logout", "governance:region_switch"}
# Actions that end the signed-in session (tried, then the persona signs in again).
SESSION_ENDING = {"accounts:logout", "logout", "accounts:mfa_remove"}


# --- The personas who may use a view ------------------------------------------------------


def _users_of(name: str) -> list[str]:
    """Secretary and beheerder when they may use the view; else the first persona who may."""
    expected = SPEC[name][0]
    ok = [p for p in PERSONAS if p != "anonymous" and expected[p] in (200, 302)]
    chosen = [p for p in ("secretary", "staff") if p in ok]
    if not chosen and ok:
        chosen = ok[:1]
    if not chosen:
        # POST-only actions (GET is 405 for all): the roles that post to them.
        chosen = [p for p in ("secretary", "staff") if expected[p] == 405]
    return chosen


def _int_kwargs(name: str) -> list[str]:
    pattern = _patterns()[name]
    return [k for k, c in pattern.pattern.converters.items() if isinstance(c, IntConverter)]


_PATTERNS: dict[str, URLPattern] = {}


def _patterns(resolver=None, namespace="") -> dict[str, URLPattern]:
    if resolver is None and _PATTERNS:
        return _PATTERNS
    found = {}
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found.update(_patterns(pattern, ns))
        elif isinstance(pattern, URLPattern) and pattern.name:
            found[namespace + pattern.name] = pattern
    if resolver is None:
        _PATTERNS.update(found)
    return found


# --- Reading the forms of a page ----------------------------------------------------------


class _Field:
    def __init__(self, name: str, kind: str, value: str | None = None):
        self.name, self.kind, self.value = name, kind, value
        self.options: list[str] = []
        self.selected: list[str] = []
        self.multiple = False


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: _Field | None = None
        self._option: dict | None = None
        self._textarea: _Field | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {
                "method": (a.get("method") or "get").lower(),
                "action": a.get("action") or "",
                "fields": [],
                "enctype": a.get("enctype") or "",
            }
            self.forms.append(self._form)
            return
        if self._form is None or tag not in ("input", "select", "option", "textarea"):
            return
        if tag == "option" and self._select is not None:
            self._option = {"value": a.get("value"), "text": "", "selected": "selected" in a}
            return
        name = a.get("name")
        if not name:
            return
        if tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset"):
                if kind == "submit" and name:
                    # A named submit button chooses an action: send it as the form offers it.
                    self._form["fields"].append(_Field(name, "submit", a.get("value", "")))
                return
            field = _Field(name, kind, a.get("value", "on" if kind == "checkbox" else ""))
            field.selected = [field.value] if "checked" in a else []
            self._form["fields"].append(field)
        elif tag == "select":
            self._select = _Field(name, "select")
            self._select.multiple = "multiple" in a
            self._form["fields"].append(self._select)
        elif tag == "textarea":
            self._textarea = _Field(name, "textarea", "")
            self._form["fields"].append(self._textarea)

    def handle_data(self, data):
        if self._option is not None:
            self._option["text"] += data
        elif self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag):
        if tag == "option" and self._option is not None and self._select is not None:
            value = self._option["value"]
            value = self._option["text"].strip() if value is None else value
            self._select.options.append(value)
            if self._option["selected"]:
                self._select.selected.append(value)
            self._option = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._form = None


def _forms(html: str) -> list[dict]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


def _offered(fields: list[_Field]) -> dict[str, list[str]]:
    """The values the form sends as it is offered (radios: the checked one or the first)."""
    data: dict[str, list[str]] = {}
    for f in fields:
        if f.kind == "radio":
            if f.selected:
                data[f.name] = f.selected
            else:
                data.setdefault(f.name, [f.value])
        elif f.kind == "checkbox":
            if f.selected:
                data.setdefault(f.name, []).extend(f.selected)
        elif f.kind == "select":
            chosen = f.selected or [o for o in f.options[:1]]
            if chosen:
                data[f.name] = chosen
        elif f.kind == "file":
            continue
        else:
            data[f.name] = [f.value or ""]
    return data


def _malformed(field: _Field) -> list:
    """The malformed values for one field, by what the field expects (the first ones are
    posted one field at a time; all of them go into the all-at-once posts)."""
    if field.name == "csrfmiddlewaretoken" or field.kind == "submit":
        return []
    numberish = field.kind in ("number", "hidden", "select", "radio", "checkbox", "range")
    dateish = field.kind in ("date", "datetime-local", "time", "month", "week")
    if dateish:
        return ["2026-02-30", NUL, BIG, ["2026-01-01", "2026-01-02"]]
    if numberish:
        values: list = [BIG, "niet-aangeboden" if field.kind in ("select", "radio") else "abc"]
        if not field.multiple:
            values.append(["1", "2"])  # a list where one value is expected
        return values + [SMALL, NUL]
    return [NUL, LONG]


# --- The database stays as it was after a refusal -----------------------------------------

_SKIP_TABLES = re.compile(r"^(django_session|axes_.*|django_migrations)$")


def _row_counts():
    tables = [t for t in connection.introspection.table_names() if not _SKIP_TABLES.match(t)]
    qn = connection.ops.quote_name
    sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {qn(t)})" for t in tables)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(zip(tables, cursor.fetchone(), strict=True))


def _changed(before: dict, after: dict) -> dict:
    return {t: (before[t], after[t]) for t in before if before[t] != after[t]}


# --- The walk -----------------------------------------------------------------------------


class _Walk:
    def __init__(self, client, users):
        self.client, self.users = client, users
        self.client.raise_request_exception = False
        self.failures: list[str] = []
        self.requests = 0
        self.forms_done: set = set()
        self.not_html = False

    def fail(self, message: str):
        self.failures.append(message)
        if log := os.environ.get("ZV_MALFORMED_LOG"):  # to follow a long run as it goes
            with open(log, "a") as f:
                f.write(message + "\n")

    def login(self, persona):
        self.client.logout()
        self.client.force_login(self.users[persona])

    def check(self, response, what: str, allowed=OK):
        self.requests += 1
        status = response.status_code
        if status not in allowed:
            self.fail(f"{status} {what}")
        elif status == 400 and not _is_dutch(response):
            self.fail(f"400 without a Dutch message: {what}")
        return status

    def post(self, url: str, data, what: str):
        before = _row_counts()
        response = self.client.post(url, data)
        status = self.check(response, what)
        refused = status in REFUSED or (status == 200 and _shows_errors(response))
        if refused:
            changed = _changed(before, _row_counts())
            if changed:
                self.fail(f"refused ({status}) but changed {changed}: {what}")
        return response


def _is_dutch(response) -> bool:
    """A Dutch page (the form again, or 400.html), or a short Dutch message."""
    text = response.content.decode(errors="replace").lower()
    if 'lang="nl"' in text:
        return True
    return any(word in text for word in ("ongeldig", "niet", "kies", "geen", "fout", "onjuist"))


def _shows_errors(response) -> bool:
    content = response.content
    return b"alert--error" in content or b"field-error" in content


def _url_name(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def _replace_id(name: str, own: dict, kwarg: str, value: str) -> str:
    """The URL of ``name`` with one int id replaced by ``value`` (which need not be an int)."""
    sentinel = 987654321987
    url = _url(name, own)
    path, _, query = url.partition("?")
    kwargs = dict(resolve(path).kwargs)
    kwargs[kwarg] = sentinel
    bad = reverse(name, kwargs=kwargs).replace(str(sentinel), value)
    return bad + ("?" + query if query else "")


def _fuzz_page(walk: _Walk, name: str, own: dict, persona: str, *, first: bool):
    url = _url(name, own)
    expected = SPEC[name][0][persona]
    # Ids in the URL (as the first persona: the lookup is the same for each).
    for kwarg in _int_kwargs(name) if first else []:
        for value in BAD_IDS:
            bad = _replace_id(name, own, kwarg, value)
            allowed = {404} if expected != 405 else {404, 405}
            walk.check(walk.client.get(bad), f"{persona} GET {bad!r}", allowed)
            if value.isdigit():  # the others do not match the converter: no view is reached
                walk.check(walk.client.post(bad, {}), f"{persona} POST {bad!r}", {403, 404, 405})
    if expected == 405 or (not first and walk.not_html):
        return  # a file is the same file for the next persona, and has no forms
    response = walk.client.get(url)
    walk.check(response, f"{persona} GET {url}")
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        walk.not_html = True
        if first:  # a PDF, CSV or file: no filters, and slow to make; one malformed query
            base = url.split("?")[0]
            data = {key: NUL for key in QUERY_KEYS}
            walk.check(walk.client.get(base, data), f"{persona} GET {base} all=NUL")
        return
    forms = _forms(response.content.decode())
    get_fields = [f.name for form in forms if form["method"] == "get" for f in form["fields"]]
    if first:
        _fuzz_query(walk, url, persona, get_fields)
    for form in forms:
        if form["method"] != "post":
            continue
        action = urlsplit(form["action"]).path or urlsplit(url).path
        target = _url_name(action)
        if target in LAYOUT_ACTIONS and target != name:
            continue
        key = (action, tuple(f.name for f in form["fields"]))
        if key in walk.forms_done:  # the same form as another persona: same code, same values
            continue
        walk.forms_done.add(key)
        _fuzz_form(walk, action, form, persona, ends_session=target in SESSION_ENDING)


def _fuzz_query(walk: _Walk, url: str, persona: str, get_fields: list[str]):
    """The page's own filter fields one at a time (a malformed value each, rotating), then the
    usual keys and its own all at once with each malformed value."""
    base = url.split("?")[0]
    own_keys = list(dict.fromkeys(get_fields + re.findall(r"[?&]([^=&]+)=", url)))
    for i, key in enumerate(own_keys):
        value = QUERY_VALUES[i % len(QUERY_VALUES)]
        walk.check(walk.client.get(base, {key: value}), f"{persona} GET {base}?{key}={value!r}")
    keys = list(dict.fromkeys(QUERY_KEYS + own_keys))
    for value in (NUL, BIG, "abc", SMALL):
        data = {key: value for key in keys}
        walk.check(walk.client.get(base, data), f"{persona} GET {base} all={value!r}")
    data = {key: ["1", "2"] for key in keys}
    walk.check(walk.client.get(base, data), f"{persona} GET {base} lists")


def _fuzz_form(walk: _Walk, action: str, form: dict, persona: str, *, ends_session: bool):
    fields = form["fields"]
    offered = _offered(fields)
    seen = set()
    worst: dict[str, list] = {}
    for field in fields:
        if field.name in seen:
            continue
        seen.add(field.name)
        for value in _malformed(field)[:3]:
            data = dict(offered)
            data[field.name] = value
            walk.post(action, data, f"{persona} POST {action} {field.name}={_short(value)}")
            if ends_session:
                walk.login(persona)
        if _malformed(field):
            worst[field.name] = _malformed(field)
    # All at once: each field its first, second, ... malformed value.
    for index in range(max((len(v) for v in worst.values()), default=0)):
        data = dict(offered)
        for field_name, values in worst.items():
            data[field_name] = values[min(index, len(values) - 1)]
        walk.post(action, data, f"{persona} POST {action} all malformed #{index}")
        if ends_session:
            walk.login(persona)


def _short(value) -> str:
    text = repr(value)
    return text if len(text) < 40 else text[:20] + f"... ({len(str(value))} chars)"


@pytest.mark.parametrize("name", sorted(SPEC))
def test_malformed_input_never_breaks(name, worlds, client, caplog):
    own, _other, users = worlds
    walk = _Walk(client, users)
    for i, persona in enumerate(_users_of(name)):
        walk.login(persona)
        _fuzz_page(walk, name, own, persona, first=i == 0)
    # The 400 backstop (core.middleware.MalformedValueMiddleware) is not where a value is to
    # be refused: a value that reaches it was not validated where it entered.
    for record in caplog.records:
        if record.getMessage().startswith("Malformed value refused"):
            walk.fail(f"refused by the backstop, not by validation: {record.getMessage()}")
    assert not walk.failures, "\n".join(walk.failures[:30])


def test_unknown_region_is_404(worlds, client):
    own, _other, users = worlds
    walk = _Walk(client, users)
    walk.login("secretary")
    for name in ("governance:region", "governance:body_list", "checklist:overview"):
        for slug in ("bestaat-niet", "x" * 300):
            url = _url(name, own).replace(f"/{own['region'].slug}/", f"/{slug}/")
            walk.check(client.get(url), f"GET {url}", {404})
    assert not walk.failures, "\n".join(walk.failures)

"""Reading HTML: the forms of a page (for the edits) and its static assets."""

from __future__ import annotations

from html.parser import HTMLParser


class _FormParser(HTMLParser):
    """Collects every <form> with its method, action and named fields (input, textarea,
    select) as a browser would submit them unchanged."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._textarea: str | None = None
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self.assets: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("href") and "stylesheet" in (a.get("rel") or ""):
            self.assets.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.assets.append(a["src"])
        if tag == "form":
            self._form = {
                "method": (a.get("method") or "get").lower(),
                "action": a.get("action") or "",
                "fields": {},
            }
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._form["fields"][name] = a.get("value") or "on"
            elif kind not in ("submit", "button", "image", "reset", "file"):
                self._form["fields"][name] = a.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            self._form["fields"][name] = ""
        elif tag == "select" and name:
            self._select, self._select_first, self._select_chosen = name, None, False
        elif tag == "option" and self._select:
            value = a.get("value") or ""
            if self._select_first is None:
                self._select_first = value
            if "selected" in a:
                self._form["fields"][self._select] = value
                self._select_chosen = True

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form["fields"][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select and self._form is not None:
            if not self._select_chosen and self._select_first is not None:
                self._form["fields"][self._select] = self._select_first
            self._select = None
        elif tag == "form":
            self._form = None
            self._textarea = None


def parse_html(text: str) -> _FormParser:
    parser = _FormParser()
    parser.feed(text)
    parser.close()
    return parser


def find_form(text: str, field_name: str) -> dict | None:
    """The first POST form of the page that has a field ``field_name``."""
    for form in parse_html(text).forms:
        if form["method"] == "post" and field_name in form["fields"]:
            return form
    return None

"""The local mailbox of development (DEBUG without EMAIL_HOST): every mail the worker sends is
printed on its console, as before, and also written as one ``.eml`` file to
``ZV_DEV_MAILBOX_DIR`` (``var/mail/``, ignored by git), where the page "E-mails
(ontwikkeling)" (``/dev/mail/``, routed only when DEBUG) reads it. Never used in production:
the settings choose the SMTP backend whenever DEBUG is off or EMAIL_HOST is set."""

from __future__ import annotations

import email
import email.policy
import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.console import EmailBackend as ConsoleBackend
from django.utils import timezone

#: A message's name: the time it was written (sortable) and a random part. Nothing else is
#: ever opened: the page looks a name up only when it matches this pattern.
NAME_PATTERN = r"[0-9]{8}T[0-9]{12}-[0-9a-f]{12}"
_NAME = re.compile(rf"^{NAME_PATTERN}$")
#: The page lists at most this many messages, the newest first.
LIST_LIMIT = 200


def mailbox_dir() -> Path:
    return Path(settings.ZV_DEV_MAILBOX_DIR)


class DevMailboxBackend(ConsoleBackend):
    """The console backend that also keeps each message as a file for the mailbox page."""

    def write_message(self, message):
        super().write_message(message)
        folder = mailbox_dir()
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{timezone.now():%Y%m%dT%H%M%S%f}-{uuid.uuid4().hex[:12]}"
        temporary = folder / f".{name}.tmp"
        temporary.write_bytes(message.message().as_bytes())
        temporary.replace(folder / f"{name}.eml")  # a reader never sees half a message


@dataclass(frozen=True)
class StoredMail:
    name: str
    to: str
    subject: str
    date: datetime | None
    text: str = ""
    html: str = ""


def _parse(path: Path, *, bodies: bool) -> StoredMail:
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    try:
        date = parsedate_to_datetime(message["Date"]) if message["Date"] else None
    except (TypeError, ValueError):
        date = None
    text = html = ""
    if bodies:
        plain = message.get_body(preferencelist=("plain",))
        rich = message.get_body(preferencelist=("html",))
        text = plain.get_content() if plain is not None else ""
        html = rich.get_content() if rich is not None else ""
    return StoredMail(
        name=path.stem,
        to=str(message["To"] or ""),
        subject=" ".join(str(message["Subject"] or "").split()),
        date=date,
        text=text,
        html=html,
    )


def stored_mails() -> list[StoredMail]:
    """The newest ``LIST_LIMIT`` messages, newest first (headers only)."""
    folder = mailbox_dir()
    if not folder.is_dir():
        return []
    paths = sorted(
        (p for p in folder.glob("*.eml") if _NAME.match(p.stem)),
        key=lambda p: p.stem,
        reverse=True,
    )
    return [_parse(p, bodies=False) for p in paths[:LIST_LIMIT]]


def stored_mail(name: str) -> StoredMail | None:
    """One message with its text and HTML parts; None for a name that is not a message."""
    if not _NAME.match(name):
        return None
    path = mailbox_dir() / f"{name}.eml"
    if not path.is_file():
        return None
    return _parse(path, bodies=True)

"""Announcing a domain event to the layers above, after the commit.

A lower app defines a ``django.dispatch.Signal`` (``governance.signals``,
``checklist.signals``); a higher app connects a receiver in its ``AppConfig.ready()``. The
signal is sent only once the transaction of the change has committed (a rolled-back change
announces nothing), and with ``send_robust``: a failing receiver (a mail that cannot be
queued) is logged, never shown as an error about the change itself, which is saved.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.dispatch import Signal

logger = logging.getLogger(__name__)


def send_after_commit(signal: Signal, *, sender, **kwargs) -> None:
    """Send ``signal`` with ``kwargs`` after the current transaction commits (at once when
    there is none)."""

    def send() -> None:
        for receiver, result in signal.send_robust(sender=sender, **kwargs):
            if isinstance(result, Exception):
                logger.error(
                    "Receiver %r failed for %s %r", receiver, sender, kwargs, exc_info=result
                )

    transaction.on_commit(send)

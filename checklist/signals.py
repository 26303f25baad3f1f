"""Signals that the checklist sends for the layers above it (notifications listens).

The checklist imports no app above it (docs/architecture.md); an app that wants to act on a
checklist event connects a receiver in its ``AppConfig.ready()``. Sent after the commit
(``core.events.send_after_commit``).
"""

from django.dispatch import Signal

#: Sent after the commit of a participant's proposal for an assessment (``proposal_create``).
#: Argument: ``proposal_id`` (int).
proposal_created = Signal()

"""Signals that governance sends for the layers above it (notifications listens).

Governance imports no app above it (docs/architecture.md); an app that wants to act on a
governance event connects a receiver in its ``AppConfig.ready()``.
"""

from django.dispatch import Signal

#: Sent after the commit of a change that made users holder of an action: bestuurlijk trekker
#: (through their person's membership) or actiehouder (the action's owner person).
#: Arguments: ``action_id`` (int) and ``holders``, a list of ``(user_id, role)`` with role
#: ``"trekker"`` or ``"actiehouder"`` — only users who did not hold that role before.
action_holder_changed = Signal()

#: Sent after the commit of an agenda becoming definitief (the chair's approval or the
#: secretary's direct publication). Argument: ``meeting_id`` (int).
agenda_published = Signal()

#: Sent after the commit of the secretary offering the agenda to the chair (concept → ter
#: vaststelling). Arguments: ``meeting_id`` (int) and ``submission`` (int, the meeting's version
#: after the submission: a returned and re-offered agenda gives a new value).
agenda_submitted = Signal()

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

#: Sent after the commit of a change to an agenda that is already definitief (an item added,
#: changed or removed, a stuk added or replaced: every ``AgendaChange``). Arguments:
#: ``meeting_id`` (int) and ``by_user_id`` (int or None, who made the change). A burst of
#: edits sends it once per change; the receiver makes it one mail.
agenda_changed = Signal()

#: Sent after the commit of a decision that adopted a meeting's minutes (``adopt_minutes``).
#: Arguments: ``meeting_id`` (int, the meeting whose minutes were adopted) and ``minutes_id``
#: (int, the adopted version).
minutes_adopted = Signal()

#: Sent after the commit of a member announcing their absence in advance
#: (``absence_announce``). Arguments: ``meeting_id`` (int) and ``attendance_id`` (int, the
#: attendance line; a withdrawal deletes it, so a later announcement has a new one).
absence_announced = Signal()

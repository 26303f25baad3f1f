"""Writes of the governance app. Each runs in one transaction: all of it is saved or none.

``register`` holds the structure (bodies and what hangs from them), ``werkagenda`` the
knelpunten and actions, ``meetings`` meetings, decisions, documents and calendar feeds.
"""

from governance.services.register import (
    body_end,
    object_delete,
    object_save,
    partner_add,
    period_end,
)

__all__ = ["body_end", "object_delete", "object_save", "partner_add", "period_end"]

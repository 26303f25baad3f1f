"""Which table moves which change stamp of which region (issue 22).

The one place that classifies every table of the project's apps: either it is *stamped* —
a write to it moves one domain's stamp of one region (``governance.RegionStamp``) — or it is
deliberately *not regional*, with the reason. ``tests/governance/test_region_stamps.py``
fails when a concrete model of a project app is in neither list, and when a stamped table has
no triggers in the database.

An entry of ``STAMPED`` is ``(table, domain, region expression)``. The expression is SQL that
gives the region id of a row, written with ``{row}`` where the trigger puts ``NEW`` or
``OLD``; the same text serves PostgreSQL and SQLite. Row 0 is the national row: reference data
that belongs to no region. An expression that gives NULL (the parent row already gone) moves
nothing; the parent's own delete moved the stamp.

The triggers are created by migrations, which freeze the list they install
(``governance/migrations/0009_region_stamps.py``). A table added here later needs a migration
that adds its triggers; the test above says so. On SQLite, a migration that makes Django rebuild
a stamped table (create, copy, drop, rename) loses that table's triggers and must install them
again; the same test sees it.

simple-history's ``Historical*`` tables are not listed: they are written in the same
transaction as the row they record, which moves the stamp.
"""

from __future__ import annotations

from pathlib import Path

STRUCTUUR = "structuur"
WERKAGENDA = "werkagenda"
#: progress notes only: the most frequent write, shown on fewer pages than the actions
VOORTGANG = "voortgang"
VERGADERINGEN = "vergaderingen"
CHECKLIST = "checklist"
REFLECTIES = "reflecties"

DOMAINS: tuple[str, ...] = (
    STRUCTUUR,
    WERKAGENDA,
    VOORTGANG,
    VERGADERINGEN,
    CHECKLIST,
    REFLECTIES,
)

NATIONAL = "0"
OWN_REGION = "{row}.region_id"
NULLABLE_REGION = "COALESCE({row}.region_id, 0)"


def _via(table: str, fk: str) -> str:
    """The region of the row of ``table`` that the FK column ``fk`` points at."""
    return f"(SELECT p.region_id FROM {table} p WHERE p.id = {{row}}.{fk})"


BODY = "governance_body"
ACTION = "governance_action"
ASSESSMENT = "checklist_assessment"
REFLECTION = "casereflection_casereflection"

MEETING_REGION = (
    "(SELECT b.region_id FROM governance_meeting m"
    " JOIN governance_body b ON b.id = m.body_id WHERE m.id = {row}.meeting_id)"
)
AGENDA_ITEM_REGION = (
    "(SELECT b.region_id FROM governance_agendaitem a"
    " JOIN governance_meeting m ON m.id = a.meeting_id"
    " JOIN governance_body b ON b.id = m.body_id WHERE a.id = {row}.agenda_item_id)"
)

STAMPED: tuple[tuple[str, str, str], ...] = (
    # structuur: the register of the region
    ("governance_region", STRUCTUUR, "{row}.id"),
    ("governance_framework", STRUCTUUR, OWN_REGION),
    ("governance_subregion", STRUCTUUR, OWN_REGION),
    ("governance_municipality", STRUCTUUR, OWN_REGION),
    ("governance_organisation", STRUCTUUR, NULLABLE_REGION),
    ("governance_regionpartner", STRUCTUUR, OWN_REGION),
    ("governance_person", STRUCTUUR, OWN_REGION),
    ("governance_theme", STRUCTUUR, NATIONAL),
    ("governance_regiontheme", STRUCTUUR, OWN_REGION),
    ("governance_body", STRUCTUUR, OWN_REGION),
    ("governance_body_themes", STRUCTUUR, _via(BODY, "body_id")),
    ("governance_mandate", STRUCTUUR, _via(BODY, "body_id")),
    ("governance_membership", STRUCTUUR, _via(BODY, "body_id")),
    # A relation joins two bodies of one region (BodyRelation.clean); the source names it.
    ("governance_bodyrelation", STRUCTUUR, _via(BODY, "source_id")),
    ("governance_costline", STRUCTUUR, _via(BODY, "body_id")),
    ("governance_findinganswer", STRUCTUUR, OWN_REGION),
    ("core_roleassignment", STRUCTUUR, NULLABLE_REGION),
    # werkagenda
    ("governance_knelpunt", WERKAGENDA, OWN_REGION),
    ("governance_action", WERKAGENDA, OWN_REGION),
    ("governance_action_coalition", WERKAGENDA, _via(ACTION, "action_id")),
    ("governance_action_knelpunten", WERKAGENDA, _via(ACTION, "action_id")),
    ("governance_actionupdate", VOORTGANG, _via(ACTION, "action_id")),
    # vergaderingen: the meeting and everything under it
    ("governance_meeting", VERGADERINGEN, _via(BODY, "body_id")),
    ("governance_agendaitem", VERGADERINGEN, MEETING_REGION),
    ("governance_document", VERGADERINGEN, AGENDA_ITEM_REGION),
    ("governance_attendance", VERGADERINGEN, MEETING_REGION),
    ("governance_agendachange", VERGADERINGEN, MEETING_REGION),
    ("governance_minutes", VERGADERINGEN, MEETING_REGION),
    ("governance_personalnote", VERGADERINGEN, AGENDA_ITEM_REGION),
    # checklist: the national framework (row 0) and the assessments of a region
    ("checklist_framework", CHECKLIST, NATIONAL),
    ("checklist_itemgroup", CHECKLIST, NATIONAL),
    ("checklist_item", CHECKLIST, NATIONAL),
    ("checklist_assessment", CHECKLIST, OWN_REGION),
    ("checklist_assessment_bodies", CHECKLIST, _via(ASSESSMENT, "assessment_id")),
    ("checklist_assessment_mandates", CHECKLIST, _via(ASSESSMENT, "assessment_id")),
    ("checklist_assessment_actions", CHECKLIST, _via(ASSESSMENT, "assessment_id")),
    ("checklist_assessmentproposal", CHECKLIST, OWN_REGION),
    ("checklist_snapshot", CHECKLIST, OWN_REGION),
    ("checklist_snapshotscore", CHECKLIST, _via("checklist_snapshot", "snapshot_id")),
    # reflecties
    ("casereflection_casereflection", REFLECTIES, OWN_REGION),
    ("casereflection_casereflection_themes", REFLECTIES, _via(REFLECTION, "casereflection_id")),
    (
        "casereflection_casereflection_organisations",
        REFLECTIES,
        _via(REFLECTION, "casereflection_id"),
    ),
    ("casereflection_casereflection_delegation", REFLECTIES, _via(REFLECTION, "casereflection_id")),
    ("casereflection_conclusion", REFLECTIES, _via(REFLECTION, "reflection_id")),
    ("casereflection_privacyexplanation", REFLECTIES, _via(REFLECTION, "reflection_id")),
)

NOT_REGIONAL: dict[str, str] = {
    "governance_regionstamp": "the stamps themselves",
    "core_rolestamp": (
        "a user's role stamp, kept by its own triggers on the roles (core migration 0003)"
    ),
    "governance_calendarfeed": (
        "a user's secret feed address; the feed reads meetings, whose writes are stamped"
    ),
    "accounts_auditevent": "the audit log: appended per user event, shown on no region page",
    "accounts_usersession": "a user's sessions, not region data",
    "accounts_oidcidentity": "a user's link to the identity provider",
    "accounts_oidclinkrequest": "a request to link a provider identity to a user (beheer)",
    "accounts_passkey": "a user's passkeys",
    "accounts_oidcsession": "a user's session at the identity provider",
    "notifications_sentmail": "the log of mails sent, per user",
    "notifications_notificationpreference": "a user's mail preferences",
    "notifications_digestsetting": "a user's digest schedule",
    "notifications_digestentry": "lines queued for a user's digest mail",
}

#: Tables of Django's own apps that move a stamp, each by its own migration: a change to a
#: user's name, e-mail or beheer flags (not signing in, not a new password) moves the national
#: row's ``structuur`` — pages show users' names (governance/migrations/0010_user_names_stamp).
EXTERNAL_STAMPED: dict[str, str] = {"auth_user": STRUCTUUR}


def project_apps() -> tuple[str, ...]:
    """The labels of the project's own apps: those whose code lives in this repository (not in
    the virtualenv), as INSTALLED_APPS lists them."""
    from django.apps import apps
    from django.conf import settings

    base = Path(settings.BASE_DIR).resolve()
    return tuple(
        config.label
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(base)
        and "site-packages" not in Path(config.path).parts
    )


def stamped_tables() -> dict[str, tuple[str, str]]:
    """``{table: (domain, region expression)}``."""
    return {table: (domain, expr) for table, domain, expr in STAMPED}

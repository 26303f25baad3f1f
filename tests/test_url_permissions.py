"""Permission tests generated from the URL configuration.

Every URL pattern of the project (the Django admin excepted: it has its own staff checks; and
the development mailbox, routed only with DEBUG)
must appear in ``SPEC`` with a category that says who may do what. A new view without an
entry fails ``test_every_url_has_a_permission_spec``. For each entry every persona is tried:
anonymous users, the three regional roles, the national VNG advisor, the functioneel
beheerder, and the secretary of another region (who must get 404 for everything of this
region). Objects of another region, addressed through this region's URL, are 404 as well.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    BodyFactory,
    CaseReflectionFactory,
    ConclusionFactory,
    CostLineFactory,
    DocumentFactory,
    FrameworkFactory,
    KnelpuntFactory,
    MandateFactory,
    MeetingFactory,
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
    PersonFactory,
    RegionFactory,
    RelationFactory,
    RoleFactory,
    SubRegionFactory,
    UserFactory,
)

PERSONAS = [
    "anonymous",
    "secretary",
    "bestuurder",
    "participant",
    "vng",
    "staff",
    "other_secretary",
]

# Categories: expected status per persona.
READ = {
    "anonymous": 302,
    "secretary": 200,
    "bestuurder": 200,
    "participant": 200,
    "vng": 200,
    "staff": 200,
    "other_secretary": 404,
}
CHANGE = {
    "anonymous": 302,
    "secretary": 200,
    "bestuurder": 403,
    "participant": 403,
    "vng": 403,
    "staff": 403,
    "other_secretary": 404,
}
EXPORT = {
    "anonymous": 302,
    "secretary": 200,
    "bestuurder": 403,
    "participant": 403,
    "vng": 200,
    "staff": 200,
    "other_secretary": 404,
}
SIGNED_IN = {"anonymous": 302, **{p: 200 for p in PERSONAS if p != "anonymous"}}
PUBLIC = {p: 200 for p in PERSONAS}
STAFF_ONLY = {
    "anonymous": 302,
    **{p: 403 for p in PERSONAS if p not in ("anonymous", "staff")},
    "staff": 200,
}
MATRIX = {
    "anonymous": 302,
    "secretary": 200,
    "bestuurder": 403,
    "participant": 403,
    "vng": 403,
    "staff": 200,
    "other_secretary": 200,
}
# Vergaderstukken: the people of the region only, not national readers.
DOCUMENTS = {**READ, "vng": 403, "staff": 403}
# Approving or returning an agenda: the chair of the body on the meeting date only. No persona
# chairs the world's body (the chair is tested in tests/governance/test_agenda_cycle.py).
CHAIR = {
    "anonymous": 302,
    **{p: 403 for p in PERSONAS if p not in ("anonymous", "other_secretary")},
    "other_secretary": 404,
}
# Absence announced in advance: members of the body on the meeting date only. No persona sits
# at the body in these worlds; tests/governance/test_attendance_views.py lets a member in.
MEMBER = {**{p: 403 for p in PERSONAS}, "anonymous": 302, "other_secretary": 404}
# A personal note (the bestuurder's): its author alone; any other user gets 404, whatever
# their role (the note is looked up among the signed-in user's own notes).
OWN_NOTE = {p: 404 for p in PERSONAS} | {"anonymous": 302, "bestuurder": 200}
# Calendar feeds authenticate by the secret token in the URL, not by the session.
FEED = {p: 200 for p in PERSONAS}
# Participants propose checklist updates; the secretary decides.
PROPOSE = {**CHANGE, "participant": 200, "secretary": 403}
# Inzage of one person: the beheerder, and the secretary of the person's region.
PRIVACY = {**STAFF_ONLY, "secretary": 200, "other_secretary": 404}
# All regions by name: national readers only.
NATIONAL = {
    "anonymous": 302,
    **{p: 403 for p in PERSONAS if p not in ("anonymous", "vng", "staff")},
    "vng": 200,
    "staff": 200,
}
LOGIN = {"anonymous": 200, **{p: 302 for p in PERSONAS if p != "anonymous"}}
POST_ONLY = {**{p: 405 for p in PERSONAS}, "anonymous": 302}
SWITCH = {**{p: 302 for p in PERSONAS}, "other_secretary": 404}
# Single sign-on: start and callback redirect everyone (to the provider, the login page with a
# message, or home when already signed in); the back-channel logout takes POSTs from the
# provider only (no session, no CSRF: the signed logout token is the authentication).
SSO = {p: 302 for p in PERSONAS}
BACKCHANNEL = {p: 405 for p in PERSONAS}
# Account pages (accounts app): a POST-only action answers GET with 405, whoever asks; who may
# POST is tested in tests/accounts.
# The second-factor check at sign-in: the signed-in personas have given it (tests/conftest.py),
# so it sends them on; anonymous users go to the login page.
MFA_VERIFY = {p: 302 for p in PERSONAS}
# JSON endpoints of the passkey sign-in: public, POST only.
POST_ONLY_PUBLIC = {p: 405 for p in PERSONAS}

# url name -> (expected statuses, URL kwargs: "region" or the object kind the pk refers to,
#              query string)
SPEC: dict[str, tuple[dict, dict, str]] = {
    "home": (SIGNED_IN, {}, ""),
    "permissions": (MATRIX, {}, ""),
    "accessibility": (PUBLIC, {}, ""),
    "health": (PUBLIC, {}, ""),
    "login": (LOGIN, {}, ""),
    "logout": (POST_ONLY, {}, ""),
    "password_change": (SIGNED_IN, {}, ""),
    "password_change_done": (SIGNED_IN, {}, ""),
    "governance:region_list": (SIGNED_IN, {}, ""),
    "governance:region_switch": (SWITCH, {}, "?regio={region}"),
    "governance:region_import": (STAFF_ONLY, {}, ""),
    "governance:region": (READ, {"region": "region"}, ""),
    "governance:region_edit": (CHANGE, {"region": "region"}, ""),
    "governance:region_export": (EXPORT, {"region": "region"}, ""),
    "governance:region_export_page": (EXPORT, {"region": "region"}, ""),
    "governance:workbook_export": (EXPORT, {"region": "region"}, ""),
    "governance:workbook_template": (EXPORT, {"region": "region"}, ""),
    "governance:workbook_upload": (CHANGE, {"region": "region"}, ""),
    "governance:workbook_preview": (CHANGE, {"region": "region"}, ""),
    "governance:subregion_add": (CHANGE, {"region": "region"}, ""),
    "governance:subregion_edit": (CHANGE, {"region": "region", "obj": "subregion"}, ""),
    "governance:municipality_add": (CHANGE, {"region": "region"}, ""),
    "governance:municipality_edit": (CHANGE, {"region": "region", "obj": "municipality"}, ""),
    "governance:regiontheme_add": (CHANGE, {"region": "region"}, ""),
    "governance:regiontheme_edit": (CHANGE, {"region": "region", "obj": "regiontheme"}, ""),
    "governance:regiontheme_remove": (CHANGE, {"region": "region", "obj": "regiontheme"}, ""),
    "governance:region_partners": (READ, {"region": "region"}, ""),
    "governance:organisation_list": (READ, {"region": "region"}, ""),
    "governance:organisation_add": (CHANGE, {"region": "region"}, ""),
    "governance:organisation_edit": (CHANGE, {"region": "region", "obj": "organisation"}, ""),
    "governance:person_list": (READ, {"region": "region"}, ""),
    "governance:person_add": (CHANGE, {"region": "region"}, ""),
    "governance:person_edit": (CHANGE, {"region": "region", "obj": "person"}, ""),
    "governance:body_list": (READ, {"region": "region"}, ""),
    "governance:body_add": (CHANGE, {"region": "region"}, ""),
    "governance:body": (READ, {"region": "region", "pk": "body"}, ""),
    "governance:body_edit": (CHANGE, {"region": "region", "pk": "body"}, ""),
    "governance:body_end": (CHANGE, {"region": "region", "pk": "body"}, ""),
    "governance:body_history": (READ, {"region": "region", "pk": "body"}, ""),
    "governance:mandate_add": (CHANGE, {"region": "region", "pk": "body"}, ""),
    "governance:mandate_edit": (CHANGE, {"region": "region", "obj": "mandate"}, ""),
    "governance:mandate_end": (CHANGE, {"region": "region", "obj": "mandate"}, ""),
    "governance:membership_add": (CHANGE, {"region": "region", "pk": "body"}, ""),
    "governance:membership_edit": (CHANGE, {"region": "region", "obj": "membership"}, ""),
    "governance:membership_end": (CHANGE, {"region": "region", "obj": "membership"}, ""),
    "governance:relation_add": (CHANGE, {"region": "region", "pk": "body"}, ""),
    "governance:relation_edit": (CHANGE, {"region": "region", "obj": "relation"}, ""),
    "governance:relation_end": (CHANGE, {"region": "region", "obj": "relation"}, ""),
    "governance:costline_add": (CHANGE, {"region": "region", "pk": "body"}, ""),
    "governance:costline_edit": (CHANGE, {"region": "region", "obj": "costline"}, ""),
    "governance:costline_delete": (CHANGE, {"region": "region", "obj": "costline"}, ""),
    "governance:framework_list": (READ, {"region": "region"}, ""),
    "governance:framework_add": (CHANGE, {"region": "region"}, ""),
    "governance:framework_edit": (CHANGE, {"region": "region", "obj": "kader"}, ""),
    "governance:framework_delete": (CHANGE, {"region": "region", "obj": "kader"}, ""),
    "governance:structure": (READ, {"region": "region"}, ""),
    "governance:checks": (READ, {"region": "region"}, ""),
    # GET shows the checks page (with the "Bewust zo" forms); POST answers a finding.
    "governance:finding_answer": (CHANGE, {"region": "region"}, ""),
    "governance:finding_answer_withdraw": (CHANGE, {"pk": "findinganswer", "region": "region"}, ""),
    "governance:drukte": (READ, {"region": "region"}, ""),
    # Werkagenda
    "governance:werkagenda": (READ, {"region": "region"}, ""),
    "governance:action_table": (READ, {"region": "region"}, "?thema=&achterstallig=1"),
    "governance:werkagenda_csv": (READ, {"region": "region"}, ""),
    "governance:action_add": (CHANGE, {"region": "region"}, ""),
    "governance:action": (READ, {"region": "region", "pk": "action"}, ""),
    "governance:action_edit": (CHANGE, {"region": "region", "pk": "action"}, ""),
    "governance:action_move": (CHANGE, {"region": "region", "pk": "action"}, "?naar=actie"),
    # Progress: the participant here holds no action of their own, so it is refused.
    "governance:action_progress": (CHANGE, {"region": "region", "pk": "action"}, ""),
    "governance:knelpunt_list": (READ, {"region": "region"}, ""),
    "governance:knelpunt_add": (CHANGE, {"region": "region"}, ""),
    "governance:knelpunt_edit": (CHANGE, {"region": "region", "obj": "knelpunt"}, ""),
    # Meetings
    "governance:meeting_list": (READ, {"region": "region"}, ""),
    "governance:meeting_add": (CHANGE, {"region": "region", "pk": "body"}, ""),
    "governance:meeting": (READ, {"region": "region", "pk": "meeting"}, ""),
    "governance:meeting_edit": (CHANGE, {"region": "region", "pk": "meeting"}, ""),
    "governance:agendaitem_add": (CHANGE, {"region": "region", "pk": "meeting"}, ""),
    "governance:agendaitem_edit": (CHANGE, {"region": "region", "obj": "agendaitem"}, ""),
    "governance:agendaitem_decide": (CHANGE, {"region": "region", "obj": "agendaitem"}, ""),
    "governance:document_add": (CHANGE, {"region": "region", "obj": "agendaitem"}, ""),
    "governance:document_replace": (CHANGE, {"region": "region", "obj": "document"}, ""),
    "governance:document_download": (DOCUMENTS, {"region": "region", "obj": "document"}, ""),
    "governance:document_version_download": (
        DOCUMENTS,
        {"region": "region", "obj": "document", "history_id": "document_history"},
        "",
    ),
    # The agenda's way out (issue 18)
    "governance:agenda_submit": (CHANGE, {"region": "region", "pk": "meeting"}, ""),
    "governance:agenda_publish": (CHANGE, {"region": "region", "pk": "meeting"}, ""),
    "governance:agenda_approve": (CHAIR, {"region": "region", "pk": "meeting"}, ""),
    "governance:agenda_return": (CHAIR, {"region": "region", "pk": "meeting"}, ""),
    "governance:agendaitem_remove": (CHANGE, {"region": "region", "obj": "agendaitem"}, ""),
    # Attendance
    "governance:attendance": (CHANGE, {"region": "region", "pk": "meeting"}, ""),
    "governance:guest_add": (CHANGE, {"region": "region", "pk": "meeting"}, ""),
    "governance:guest_remove": (CHANGE, {"region": "region", "obj": "guest"}, ""),
    "governance:absence_announce": (MEMBER, {"region": "region", "pk": "meeting"}, ""),
    "governance:absence_withdraw": (MEMBER, {"region": "region", "pk": "meeting"}, ""),
    "governance:document_read": (DOCUMENTS, {"region": "region", "obj": "document"}, ""),
    # Personal notes: written by whoever of the region may read the agenda; each user's own
    "governance:note_add": (DOCUMENTS, {"region": "region", "obj": "agendaitem"}, ""),
    "governance:note_edit": (OWN_NOTE, {"region": "region", "obj": "note"}, ""),
    "governance:note_delete": (OWN_NOTE, {"region": "region", "obj": "note"}, ""),
    "governance:my_notes": (SIGNED_IN, {}, ""),
    "governance:my_notes_delete_all": (SIGNED_IN, {}, ""),
    # Meldingen: each signed-in user chooses for their own account (no region, no object).
    "notifications:settings": (SIGNED_IN, {}, ""),
    # Bereikbaarheid per e-mail: secretaries (their own regions' users) and the beheerder.
    "notifications:reachability": (MATRIX, {}, "?soort=geen_adres"),
    # The AVG's rights (dashboard.privacy): the secretary for persons of their own region.
    "privacy": (MATRIX, {}, "?q=a"),
    "privacy_person": (PRIVACY, {"pk": "person"}, ""),
    "privacy_account": (PRIVACY, {"pk": "account"}, ""),
    "privacy_person_erase": (STAFF_ONLY, {"pk": "person"}, ""),
    "privacy_account_erase": (STAFF_ONLY, {"pk": "account"}, ""),
    # Minutes and the besluitenregister: the people of the region, never national readers.
    "governance:minutes_offer": (CHANGE, {"region": "region", "pk": "meeting"}, ""),
    "governance:minutes_correct": (CHANGE, {"region": "region", "pk": "minutes"}, ""),
    "governance:decision_register": (DOCUMENTS, {"region": "region"}, ""),
    "governance:decision_register_csv": (DOCUMENTS, {"region": "region"}, ""),
    # Calendar feeds and the dashboards
    "calendar": (SIGNED_IN, {}, ""),
    "calendar_feed_user": (FEED, {"token": "token"}, ""),
    "calendar_feed_body": (FEED, {"token": "token", "pk": "body"}, ""),
    "preparation": (SIGNED_IN, {}, ""),
    "meeting_preparation": (READ, {"region": "region", "pk": "meeting"}, ""),
    # Checklist
    "checklist:overview": (READ, {"region": "region"}, ""),
    "checklist:export_csv": (READ, {"region": "region"}, ""),
    "checklist:item": (READ, {"region": "region", "code": "code"}, ""),
    "checklist:assessment_edit": (CHANGE, {"region": "region", "code": "code"}, ""),
    "checklist:municipality_assessment_edit": (
        CHANGE,
        {"region": "region", "code": "outcome_code", "municipality": "municipality"},
        "",
    ),
    "checklist:propose": (PROPOSE, {"region": "region", "code": "code"}, ""),
    "checklist:proposal_decide": (CHANGE, {"region": "region", "obj": "proposal"}, ""),
    "checklist:snapshot_list": (READ, {"region": "region"}, ""),
    "checklist:snapshot_add": (CHANGE, {"region": "region"}, ""),
    "checklist:snapshot": (READ, {"region": "region", "obj": "snapshot"}, ""),
    "checklist:snapshot_compare": (READ, {"region": "region"}, ""),
    "checklist:region_benchmark": (READ, {"region": "region"}, ""),
    "checklist:comparison": (NATIONAL, {}, ""),
    "checklist:comparison_csv": (NATIONAL, {}, ""),
    # Case reflections. The world's reflection is aangeboden (it has a conclusion); the
    # participant persona does not lead it. The history holds the case text: like the
    # vergaderstukken, for the people of the region only.
    "casereflection:reflection_list": (READ, {"region": "region"}, "?jaar=&status=gepland"),
    "casereflection:reflection_csv": (READ, {"region": "region"}, ""),
    "casereflection:reflection_planner": (READ, {"region": "region"}, ""),
    "casereflection:reflection_add": (CHANGE, {"region": "region"}, "?year=2030&quarter=1"),
    "casereflection:reflection": (READ, {"region": "region", "pk": "reflection"}, ""),
    "casereflection:reflection_edit": (CHANGE, {"region": "region", "pk": "reflection"}, ""),
    "casereflection:reflection_advance": (
        CHANGE,
        {"region": "region", "pk": "reflection"},
        "?naar=geconcludeerd",
    ),
    "casereflection:reflection_history": (
        DOCUMENTS,
        {"region": "region", "pk": "reflection"},
        "",
    ),
    "casereflection:conclusion_add": (CHANGE, {"region": "region", "pk": "reflection"}, ""),
    "casereflection:conclusion_edit": (CHANGE, {"region": "region", "pk": "conclusion"}, ""),
    # Printed reports: each report takes the permission of the pages it prints from. The
    # bespreekvoorstel is case text: the people of the region only. Every PDF is rendered.
    "reports:index": (READ, {"region": "region"}, ""),
    "reports:werkagenda": (READ, {"region": "region"}, ""),
    "reports:werkagenda_pdf": (READ, {"region": "region"}, ""),
    "reports:voortgang": (READ, {"region": "region"}, ""),
    "reports:voortgang_pdf": (READ, {"region": "region"}, ""),
    "reports:structuur": (READ, {"region": "region"}, ""),
    "reports:structuur_pdf": (READ, {"region": "region"}, ""),
    "reports:bespreekvoorstel": (DOCUMENTS, {"region": "region", "pk": "reflection"}, ""),
    "reports:bespreekvoorstel_pdf": (DOCUMENTS, {"region": "region", "pk": "reflection"}, ""),
    "reports:voorbereiding": (READ, {"region": "region", "pk": "meeting"}, ""),
    "reports:voorbereiding_pdf": (READ, {"region": "region", "pk": "meeting"}, ""),
    "reports:besluitenlijst": (DOCUMENTS, {"region": "region", "pk": "meeting"}, ""),
    "reports:besluitenlijst_pdf": (DOCUMENTS, {"region": "region", "pk": "meeting"}, ""),
    "reports:verslag": (DOCUMENTS, {"region": "region", "pk": "meeting"}, ""),
    "reports:verslag_pdf": (DOCUMENTS, {"region": "region", "pk": "meeting"}, ""),
    # Accounts: single sign-on (provider "test" from _sso_provider below) and link requests
    "accounts:oidc_login": (SSO, {"provider": "provider"}, ""),
    "accounts:oidc_callback": (SSO, {"provider": "provider"}, ""),
    "accounts:oidc_backchannel_logout": (BACKCHANNEL, {"provider": "provider"}, ""),
    "accounts:logout": (POST_ONLY, {}, ""),
    "accounts:oidc_link_requests": (STAFF_ONLY, {}, "?filter=alle"),
    "accounts:oidc_link_decide": (POST_ONLY, {"pk": "linkrequest"}, ""),
    # Accounts: the user's own sessions; account management and the audit log (beheerder)
    "accounts:sessions": (SIGNED_IN, {}, ""),
    "accounts:sessions_end_others": (POST_ONLY, {}, ""),
    "accounts:session_end": (POST_ONLY, {"pk": "user_session"}, ""),
    "accounts:account_list": (STAFF_ONLY, {}, "?filter=inactief&q=a"),
    "accounts:accounts_deactivate": (POST_ONLY, {}, ""),
    "accounts:account_detail": (STAFF_ONLY, {"pk": "account"}, ""),
    "accounts:role_remove": (POST_ONLY, {"pk": "account", "role_pk": "account_role"}, ""),
    "accounts:account_activate": (POST_ONLY, {"pk": "account"}, ""),
    "accounts:account_deactivate": (POST_ONLY, {"pk": "account"}, ""),
    "accounts:audit_log": (STAFF_ONLY, {}, "?kind=login_failed"),
    "accounts:audit_log_csv": (STAFF_ONLY, {}, ""),
    # Second factor and passkeys (accounts.twofactor). The reset: another user's account.
    "accounts:mfa": (SIGNED_IN, {}, ""),
    "accounts:mfa_totp_setup": (SIGNED_IN, {}, ""),
    "accounts:mfa_verify": (MFA_VERIFY, {}, ""),
    "accounts:mfa_recovery": (SIGNED_IN, {}, ""),
    "accounts:mfa_remove": (SIGNED_IN, {}, ""),
    "accounts:mfa_reset": (STAFF_ONLY, {"pk": "account"}, ""),
    "accounts:passkey_add": (SIGNED_IN, {}, ""),
    "accounts:passkey_add_options": (POST_ONLY, {}, ""),
    "accounts:passkey_add_complete": (POST_ONLY, {}, ""),
    "accounts:passkey_remove": (POST_ONLY, {"pk": "passkey"}, ""),
    "accounts:passkey_auth_options": (POST_ONLY_PUBLIC, {}, ""),
    "accounts:passkey_auth_complete": (POST_ONLY_PUBLIC, {}, ""),
}


@pytest.fixture(autouse=True)
def _sso_provider(settings):
    """One provider with explicit endpoints (nothing is fetched for the redirect)."""
    from accounts.oidc.config import parse_providers

    base = "http://127.0.0.1:9"
    settings.OIDC_PROVIDERS = parse_providers(
        {
            "OIDC_PROVIDERS": "test",
            "OIDC_TEST_LABEL": "Testaanbieder",
            "OIDC_TEST_CLIENT_ID": "portaal",
            "OIDC_TEST_CLIENT_SECRET": "geheim",
            "OIDC_TEST_ISSUER": base,
            "OIDC_TEST_AUTHORIZATION_ENDPOINT": f"{base}/auth",
            "OIDC_TEST_TOKEN_ENDPOINT": f"{base}/token",
            "OIDC_TEST_JWKS_URI": f"{base}/jwks",
        }
    )


def _url_names(resolver=None, namespace="") -> list[str]:
    resolver = resolver or get_resolver()
    names = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            # The admin has its own staff checks; the local mailbox is routed only with DEBUG
            # (when a test turned DEBUG on before the URLconf was first imported), is no page
            # of the product and has its own tests (tests/notifications/test_dev_mailbox.py).
            if pattern.namespace in ("admin", "dev_mailbox"):
                continue
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names.extend(_url_names(pattern, ns))
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.append(namespace + pattern.name)
    return names


def test_every_url_has_a_permission_spec():
    missing = sorted(set(_url_names()) - set(SPEC))
    assert not missing, f"Views without a permission spec in {__file__}: {missing}"
    stale = sorted(set(SPEC) - set(_url_names()))
    assert not stale, f"Spec entries without a URL: {stale}"


def _checklist_objects(region) -> dict:
    """The framework comes from the data migration; a proposal and a peilmoment per region."""
    from checklist.models import AssessmentProposal, Framework, Snapshot

    framework = Framework.current()
    item = framework.items.get(code="I1")
    return {
        "framework": framework,
        "proposal": AssessmentProposal.objects.create(
            region=region, item=item, status="verkend", evidence="Eerste verkenning."
        ),
        "snapshot": Snapshot.objects.create(
            region=region, framework=framework, date=date(2026, 1, 1)
        ),
    }


def _reflection_objects(region) -> dict:
    """A reflection offered to the Stamtafel, with one conclusion."""
    reflection = CaseReflectionFactory(
        region=region,
        sub_region=SubRegionFactory(region=region),
        status="aangeboden",
        proposal="Bespreekvoorstel aan de Stamtafel.",
    )
    return {"reflection": reflection, "conclusion": ConclusionFactory(reflection=reflection)}


def _world(region_name: str, slug: str) -> dict:
    region = RegionFactory(name=region_name, slug=slug)
    from governance.models import RegionTheme, Theme

    body = BodyFactory(region=region, established_on=None)
    target = BodyFactory(region=region)
    return {
        "region": region,
        "body": body,
        "subregion": SubRegionFactory(region=region),
        "municipality": MunicipalityFactory(region=region),
        "regiontheme": RegionTheme.objects.create(region=region, theme=Theme.objects.first()),
        "organisation": OrganisationFactory(region=region),
        "person": PersonFactory(region=region),
        "mandate": MandateFactory(body=body),
        "membership": MembershipFactory(body=body),
        "relation": RelationFactory(source=body, target=target),
        "costline": CostLineFactory(body=body),
        "kader": FrameworkFactory(region=region),  # a governance framework (not the checklist's)
        "knelpunt": KnelpuntFactory(region=region),
        "action": ActionFactory(region=region),
        "meeting": (meeting := MeetingFactory(body=body)),
        "agendaitem": (item := AgendaItemFactory(meeting=meeting)),
        "document": DocumentFactory(agenda_item=item),
        "guest": _guest(meeting),
        "minutes": _adopted_minutes(meeting),
        **_checklist_objects(region),
        **_reflection_objects(region),
        "linkrequest": _link_request(slug),
        "findinganswer": _finding_answer(region),
    }


def _finding_answer(region):
    from django.utils import timezone

    from governance.models import FindingAnswer

    return FindingAnswer.objects.create(
        region=region,
        check_code="body_without_members",
        subject="body:1",
        facts="0" * 16,
        reason="Bewust zo ingericht.",
        answered_by_name="Secretaris",
        answered_at=timezone.now(),
    )


def _guest(meeting):
    from governance.models import Attendance

    return Attendance.objects.create(meeting=meeting, status="aanwezig", guest_name="Gast")


def _adopted_minutes(meeting):
    from django.utils import timezone

    from governance.models import Minutes

    return Minutes.objects.create(
        meeting=meeting, number=1, state="vastgesteld", content={}, adopted_at=timezone.now()
    )


def _link_request(slug: str):
    from accounts.models import OIDCLinkRequest

    return OIDCLinkRequest.objects.create(
        provider="test", subject=f"sub-{slug}", candidate=UserFactory(username=f"kandidaat-{slug}")
    )


@pytest.fixture
def worlds(db):
    own = _world("Eigen regio", "eigen")
    other = _world("Vreemde regio", "vreemd")
    users = {"anonymous": None}
    for persona, role in [
        ("secretary", "secretary"),
        ("bestuurder", "bestuurder"),
        ("participant", "participant"),
    ]:
        users[persona] = UserFactory(username=persona)
        RoleFactory(user=users[persona], role=role, region=own["region"])
    users["vng"] = UserFactory(username="vng")
    RoleFactory(user=users["vng"], role="vng_advisor", region=None)
    users["staff"] = UserFactory(username="staff", is_staff=True)
    users["other_secretary"] = UserFactory(username="other_secretary")
    RoleFactory(user=users["other_secretary"], role="secretary", region=other["region"])
    from governance.models import CalendarFeed

    own["feed"] = CalendarFeed.objects.create(user=users["secretary"])
    from accounts.models import UserSession

    own["account"] = users["participant"]
    own["account_role"] = users["participant"].role_assignments.get()
    own["user_session"] = UserSession.objects.create(session_key="s" * 32, user=users["vng"])
    other["feed"] = CalendarFeed.objects.create(user=users["other_secretary"])
    # Accounts pages: an account to manage, a passkey of the secretary.
    from accounts.models import Passkey

    own["account"], other["account"] = users["bestuurder"], users["other_secretary"]
    own["passkey"] = Passkey.objects.create(
        user=users["secretary"], name="Laptop", credential_id=b"own", public_key=b"k"
    )
    other["passkey"] = Passkey.objects.create(
        user=users["other_secretary"], name="Laptop", credential_id=b"other", public_key=b"k"
    )
    from governance.models import PersonalNote

    own["note"] = PersonalNote.objects.create(
        user=users["bestuurder"], agenda_item=own["agendaitem"], text="Eigen notitie"
    )
    other["note"] = PersonalNote.objects.create(
        user=users["other_secretary"], agenda_item=other["agendaitem"], text="Andere notitie"
    )
    return own, other, users


def _url(name: str, world: dict, *, objects: dict | None = None) -> str:
    _expected, kwarg_kinds, query = SPEC[name]
    objects = objects or world
    kwargs = {}
    for kwarg, kind in kwarg_kinds.items():
        if kind == "region":
            kwargs[kwarg] = world["region"].slug
        elif kind == "token":
            kwargs[kwarg] = world["feed"].token
        elif kind == "provider":
            kwargs[kwarg] = "test"
        elif kind == "code":
            kwargs[kwarg] = "I1"
        elif kind == "outcome_code":
            kwargs[kwarg] = world["framework"].items.filter(per_municipality=True).first().code
        elif kind.endswith("_history"):
            kwargs[kwarg] = objects[kind.removesuffix("_history")].history.earliest().history_id
        else:
            kwargs[kwarg] = objects[kind].pk
    return reverse(name, kwargs=kwargs) + query.format(region=world["region"].slug)


@pytest.mark.parametrize("name", sorted(SPEC))
def test_get_per_persona(name, worlds, client):
    own, _other, users = worlds
    expected = SPEC[name][0]
    url = _url(name, own)
    got = {}
    for persona in PERSONAS:
        client.logout()
        if users[persona] is not None:
            client.force_login(users[persona])
        got[persona] = client.get(url).status_code
    assert got == expected, url


@pytest.mark.parametrize(
    "name",
    sorted(
        n
        for n, spec in SPEC.items()
        if "region" in spec[1].values()
        # an item code is reference data, the same in every region
        and set(spec[1].values()) - {"region", "code"}
    ),
)
def test_object_of_other_region_is_404(name, worlds, client):
    """This region's URL with another region's object id: not found, even for its secretary."""
    own, other, users = worlds
    client.force_login(users["secretary"])
    assert client.get(_url(name, own, objects=other)).status_code == 404


@pytest.mark.parametrize(
    "name", sorted(n for n, s in SPEC.items() if s[0] in (CHANGE, CHAIR, MEMBER))
)
def test_post_without_right_is_refused(name, worlds, client):
    own, _other, users = worlds
    url = _url(name, own)
    for persona, status in [("bestuurder", 403), ("vng", 403), ("other_secretary", 404)]:
        client.force_login(users[persona])
        assert client.post(url, {}).status_code == status, (persona, url)

"""What a sign-in through a provider does to the portal's accounts.

An account is found by (provider, subject) only. A new subject whose verified e-mail address
belongs to an existing account becomes a link request for the functioneel beheerder; any other
new subject gets a new account without roles. Roles come only from the provider's role claim
and only for the values listed in its ROLE_MAP (docs/sso.md).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from accounts import audit
from accounts.models import OIDCIdentity, OIDCLinkRequest
from accounts.oidc.config import Provider
from core.models import RoleAssignment

log = logging.getLogger(__name__)


@dataclass
class Outcome:
    #: "login", "pending" (link request waits for the beheerder) or "refused" (inactive)
    kind: str
    user: object | None = None
    created: bool = False
    link_request: OIDCLinkRequest | None = None
    new_request: bool = False


@dataclass
class Profile:
    subject: str
    email: str
    first_name: str
    last_name: str
    preferred_username: str

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


def _text(value, limit: int) -> str:
    if isinstance(value, list):
        value = " ".join(str(v) for v in value if isinstance(v, str | int))
    if not isinstance(value, str | int):
        return ""
    return " ".join(str(value).split())[:limit]


def profile(provider: Provider, claims: dict) -> Profile:
    subject = claims.get(provider.subject_claim)
    if not isinstance(subject, str | int) or not str(subject).strip():
        raise ValueError("subject claim missing")
    email = _text(claims.get(provider.email_claim), 254).lower()
    # An address the provider itself calls unverified is not used at all (docs/sso.md).
    if claims.get("email_verified") is False or "@" not in email:
        email = ""
    names = [_text(claims.get(name), 150) for name in provider.name_claims]
    if len(provider.name_claims) == 2:
        first, last = names
    else:
        first, _, last = " ".join(n for n in names if n).partition(" ")
    return Profile(
        subject=str(subject).strip()[:255],
        email=email,
        first_name=first[:150],
        last_name=last[:150],
        preferred_username=_text(claims.get("preferred_username"), 150),
    )


def unique_username(data: Profile) -> str:
    User = get_user_model()
    base = data.preferred_username or data.email.split("@")[0] or data.full_name or "gebruiker"
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    base = re.sub(r"[^\w.@+-]+", ".", base.lower()).strip(".")[:140] or "gebruiker"
    candidate, n = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def resolve_account(provider: Provider, claims: dict, request=None) -> Outcome:
    """Find, create or hold the account for these (already checked) claims; the audit line
    is written once that is committed."""
    data = profile(provider, claims)
    with transaction.atomic():
        outcome = _resolve(provider, data)
    if outcome.created:
        audit.record(
            "account_created",
            request=request,
            user=outcome.user,
            target=outcome.user.get_username(),
            detail=f"via {provider.label}",
        )
    elif outcome.kind == "pending" and outcome.new_request:
        audit.record(
            "account_link_requested",
            request=request,
            user=outcome.user,
            target=f"{provider.label}: {data.full_name or data.email}",
        )
    return outcome


def _resolve(provider: Provider, data: Profile) -> Outcome:
    User = get_user_model()
    identity = (
        OIDCIdentity.objects.select_related("user")
        .select_for_update()
        .filter(provider=provider.key, subject=data.subject)
        .first()
    )
    if identity is not None:
        user = identity.user
        if not user.is_active:
            return Outcome("refused", user=user)
        _update_user(user, data)
        identity.last_login = timezone.now()
        identity.save(update_fields=["last_login"])
        return Outcome("login", user=user)
    if data.email:
        candidate = User.objects.filter(email__iexact=data.email).order_by("pk").first()
        if candidate is not None:
            link, created = OIDCLinkRequest.objects.get_or_create(
                provider=provider.key,
                subject=data.subject,
                decision=OIDCLinkRequest.Decision.OPEN,
                defaults={
                    "email": data.email,
                    "name": data.full_name[:300],
                    "candidate": candidate,
                },
            )
            return Outcome("pending", user=candidate, link_request=link, new_request=created)
    user = User(
        username=unique_username(data),
        email=data.email,
        first_name=data.first_name,
        last_name=data.last_name,
    )
    user.set_unusable_password()
    user.save()
    # Two callbacks of one new subject at once: the unique constraint stops the second
    # (IntegrityError, rolled back; the view asks to try again).
    OIDCIdentity.objects.create(
        provider=provider.key, subject=data.subject, user=user, last_login=timezone.now()
    )
    return Outcome("login", user=user, created=True)


def _update_user(user, data: Profile) -> None:
    changed = []
    for field_name in ("email", "first_name", "last_name"):
        value = getattr(data, field_name)
        if value and getattr(user, field_name) != value:
            setattr(user, field_name, value)
            changed.append(field_name)
    if changed:
        user.save(update_fields=changed)


def apply_role_map(provider: Provider, user, claims: dict) -> list[RoleAssignment]:
    """Add the roles the role claim maps to. Only values listed in ROLE_MAP count; roles are
    never removed here (the beheerder removes them), so a claim that disappears at the
    provider leaves the role in place (docs/sso.md)."""
    if not provider.role_claim:
        return []
    values = claims.get(provider.role_claim)
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list):
        return []
    Region = apps.get_model(settings.ZV_REGION_MODEL)
    added = []
    for value in values:
        if not isinstance(value, str):
            continue
        for mapping in provider.role_map.get(value, ()):
            region = None
            if mapping.region is not None:
                region = Region.objects.filter(slug=mapping.region).first()
                if region is None:
                    log.warning("OIDC role map %s: no region %r", provider.key, mapping.region)
                    continue
            with transaction.atomic():
                assignment, created = RoleAssignment.objects.get_or_create(
                    user=user, role=mapping.role, region=region
                )
            if created:
                added.append(assignment)
    return added


def mfa_vouched(provider: Provider, id_token_claims: dict) -> bool:
    """Whether the provider says this login used a second factor (amr or acr of the ID
    token; configured per provider)."""
    amr = id_token_claims.get("amr")
    if isinstance(amr, str):
        amr = [amr]
    if provider.mfa_amr and isinstance(amr, list):
        if provider.mfa_amr.intersection(v for v in amr if isinstance(v, str)):
            return True
    acr = id_token_claims.get("acr")
    return bool(provider.mfa_acr and isinstance(acr, str) and acr in provider.mfa_acr)


def decide_link_request(link: OIDCLinkRequest, *, approve: bool, by, request=None) -> bool:
    """Approve (link the subject to the candidate account) or reject an open request.
    False when it was no longer open."""
    with transaction.atomic():
        target = _decide(link, approve=approve, by=by)
    if target is None:
        return False
    kind = "account_linked" if approve else "account_link_rejected"
    audit.record(kind, request=request, user=by, target=target)
    return True


def _decide(link: OIDCLinkRequest, *, approve: bool, by) -> str | None:
    link = OIDCLinkRequest.objects.select_for_update().filter(pk=link.pk).first()
    if link is None or link.decision != OIDCLinkRequest.Decision.OPEN:
        return None
    target = f"{link.provider}: {link.name or link.email} → {link.candidate.get_username()}"
    if approve:
        if OIDCIdentity.objects.filter(provider=link.provider, subject=link.subject).exists():
            return None
        OIDCIdentity.objects.create(
            provider=link.provider, subject=link.subject, user=link.candidate
        )
        link.decision = OIDCLinkRequest.Decision.APPROVED
    else:
        link.decision = OIDCLinkRequest.Decision.REJECTED
    link.decided_at = timezone.now()
    link.decided_by = by
    link.save(update_fields=["decision", "decided_at", "decided_by"])
    return target

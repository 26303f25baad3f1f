"""Erasure of one person (AVG art. 17): the name and contact data become
"Verwijderde persoon <n>" everywhere they are stored — live tables, every simple-history row,
denormalised copies (substitute and guest names, author names, minutes content, mail texts,
audit lines) — the account is deactivated, emptied and signed out, its second factors, OIDC
links, personal settings and notes are removed. Structural facts stay: the person record, its
memberships, the actions and decisions, each under the pseudonym.

The sweep is generic: every text column (CharField, TextField, JSONField) of every model
(``apps.get_models()``, so new tables are covered without a change here) is searched for the
person's names and addresses and rewritten. A name shorter than ``MIN_SWEEP_LENGTH`` is not
swept (it would rewrite unrelated words); the person's own fields are always rewritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import audit, sessions
from accounts.models import OIDCIdentity, OIDCLinkRequest, OIDCSession, Passkey, UserSession
from core import cache
from core.history import SYSTEM_USERNAME
from core.personal_data import personal_data_sources
from governance.models import CalendarFeed, Person, PersonalNote

PSEUDONYM = "Verwijderde persoon {n}"
USERNAME = "verwijderd-{n}"
MIN_SWEEP_LENGTH = 4

#: The grounds of art. 17(1) AVG a request rests on (key → Dutch label, logged).
GROUNDS = {
    "niet_meer_nodig": gettext_lazy("De gegevens zijn niet meer nodig (art. 17 lid 1a)"),
    "toestemming_ingetrokken": gettext_lazy("Toestemming ingetrokken (art. 17 lid 1b)"),
    "bezwaar": gettext_lazy("Bezwaar gemaakt (art. 17 lid 1c)"),
    "onrechtmatig": gettext_lazy("Onrechtmatig verwerkt (art. 17 lid 1d)"),
    "wettelijke_plicht": gettext_lazy("Wettelijke verplichting tot wissen (art. 17 lid 1e)"),
}


@dataclass(frozen=True)
class Erased:
    number: int
    pseudonym: str
    rows_changed: int


def _next_number() -> int:
    pattern = re.compile(r"^Verwijderde persoon (\d+)$")
    numbers = [
        int(m.group(1))
        for name in Person.objects.filter(name__startswith="Verwijderde persoon ").values_list(
            "name", flat=True
        )
        if (m := pattern.match(name))
    ]
    numbers += [
        int(name.removeprefix("verwijderd-"))
        for name in get_user_model()
        .objects.filter(username__startswith="verwijderd-")
        .values_list("username", flat=True)
        if name.removeprefix("verwijderd-").isdigit()
    ]
    return max(numbers, default=0) + 1


def text_fields(model) -> list:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField | models.JSONField)
        and not f.primary_key
    ]


def sweepable_models() -> list:
    return [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy and text_fields(m)
    ]


def _replace_json(value, pattern, pseudonym, exact):
    if isinstance(value, str):
        if value in exact:
            return exact[value]
        return pattern.sub(pseudonym, value) if pattern else value
    if isinstance(value, list):
        return [_replace_json(v, pattern, pseudonym, exact) for v in value]
    if isinstance(value, dict):
        return {
            _replace_json(k, pattern, pseudonym, exact): _replace_json(v, pattern, pseudonym, exact)
            for k, v in value.items()
        }
    return value


def sweep(texts: set[str], pseudonym: str, exact: dict[str, str]) -> int:
    """Rewrite ``texts`` (case-insensitive, anywhere in a value) to ``pseudonym`` and values
    equal to a key of ``exact`` to its value, in every text column of every table. Returns the
    number of rows changed."""
    texts = {t for t in texts if len(t) >= MIN_SWEEP_LENGTH}
    alternatives = sorted(texts, key=len, reverse=True)
    pattern = (
        re.compile("|".join(re.escape(t) for t in alternatives), re.IGNORECASE)
        if alternatives
        else None
    )
    # SQLite's LIKE folds the case of ASCII letters only: ask for the usual spellings of
    # names with accents too (the replacement itself ignores case everywhere).
    variants = sorted({v for t in alternatives for v in (t, t.lower(), t.upper(), t.title())})
    changed = 0
    for model in sweepable_models():
        manager = model._base_manager
        pk = model._meta.pk.attname
        for field in text_fields(model):
            name = field.attname
            if isinstance(field, models.JSONField):
                candidates = manager.exclude(**{f"{name}__isnull": True}).values_list(pk, name)
            else:
                condition = Q(**{f"{name}__in": list(exact)}) if exact else Q(pk__in=[])
                for text in variants:
                    condition |= Q(**{f"{name}__icontains": text})
                candidates = manager.filter(condition).values_list(pk, name)
            for key, value in list(candidates.iterator()):
                if isinstance(field, models.JSONField):
                    new = _replace_json(value, pattern, pseudonym, exact)
                elif value in exact:
                    new = exact[value]
                else:
                    new = pattern.sub(pseudonym, value) if pattern else value
                    if field.max_length:
                        new = new[: field.max_length]
                if new != value:
                    manager.filter(**{pk: key}).update(**{name: new})
                    changed += 1
    return changed


def erase(subject, *, by, ground: str, note: str = "", request=None) -> Erased:
    """Erase the subject (the beheerder's full view of it). Refused, changing nothing, for
    one's own account, the system account, or an unknown ground."""
    if not subject.everything:
        raise ValidationError(_("Alleen de functioneel beheerder kan een persoon wissen."))
    if ground not in GROUNDS:
        raise ValidationError({"ground": _("Kies een grond uit de lijst.")})
    user = subject.user
    if user is not None and user.pk == getattr(by, "pk", None):
        raise ValidationError(_("U kunt uzelf niet wissen."))
    if user is not None and user.get_username() == SYSTEM_USERNAME:
        raise ValidationError(_("Het systeemaccount kan niet worden gewist."))
    names = subject.names()
    emails = subject.emails()
    # Earlier spellings and addresses live on in the history of the person records.
    for name, email in Person.history.filter(id__in=[p.pk for p in subject.persons]).values_list(
        "name", "email"
    ):
        names.add(name)
        if email:
            emails.add(email)
    with transaction.atomic():
        number = _next_number()
        pseudonym = PSEUDONYM.format(n=number)
        person_ids = [p.pk for p in subject.persons]
        Person.objects.filter(pk__in=person_ids).update(name=pseudonym, email="")
        exact: dict[str, str] = {}
        if user is not None:
            username = user.get_username()
            new_username = USERNAME.format(n=number)
            exact[username] = new_username
            exact[f"account {username}"] = f"account {new_username}"
            for source in personal_data_sources():
                if source.erase is not None:
                    source.erase(user, emails)
            sessions.end_sessions_of_users([user.pk])
            UserSession.objects.filter(user=user).delete()
            OIDCSession.objects.filter(user=user).delete()
            OIDCIdentity.objects.filter(user=user).delete()
            OIDCLinkRequest.objects.filter(candidate=user).delete()
            Passkey.objects.filter(user=user).delete()
            for label in ("otp_totp.TOTPDevice", "otp_static.StaticDevice"):
                apps.get_model(label).objects.filter(user=user).delete()
            PersonalNote.objects.filter(user=user).delete()
            CalendarFeed.objects.filter(user=user).delete()
            user.username = new_username
            user.first_name = ""
            user.last_name = ""
            user.email = ""
            user.is_active = False
            user.is_staff = False
            user.is_superuser = False
            user.set_unusable_password()
            user.save()
        changed = sweep(names | emails, pseudonym, exact)
        clean_note = note
        for text in sorted(names | emails | set(exact), key=len, reverse=True):
            clean_note = re.sub(re.escape(text), pseudonym, clean_note, flags=re.IGNORECASE)
        audit.record_on_commit(
            "person_erased",
            request=request,
            user=by,
            target=pseudonym,
            detail=f"{GROUNDS[ground]}" + (f": {clean_note}" if clean_note else ""),
        )
        # Kept pages can never be shown again (the stamps moved with the writes above), but
        # they still hold the old name until they age out: empty every level of the cache,
        # so the name is gone from the shared cache table as well (docs/privacy.md).
        transaction.on_commit(cache.clear)
    return Erased(number, pseudonym, changed)

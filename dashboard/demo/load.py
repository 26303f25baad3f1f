"""Loading the demo from its data files (``manage.py seed_demo``).

What stays in Python is only this loader; the demo itself is data (``demo/``, see
docs/demo-format.md and demo/LEESMIJ.md):

1. the demo accounts of the manifest are created or brought up to date (name, password,
   staff), with their roles once their regions exist;
2. every region of the manifest that the portal does not have yet is read from its region
   file through the region import (``governance.exchange.import_region``: the same
   validation, the same bulk writes with history), its use moved to the load day
   (``dashboard.demo.shift``); then its reflections file through
   ``casereflection.exchange.import_reflections``, moved the same way;
3. the demo accounts are linked to the persons they are, and to the log entries and
   peilmomenten written in their name; the history of the region's use gets its own dates
   (``dashboard.demo.history``); its vergaderstukken and the personal notes of the demo
   accounts are added with dates relative to their meetings (``dashboard.demo.stukken``), and
   the findings its secretary answered ‘bewust zo’ (``dashboard.demo.answers``).

Idempotent: a region that exists is left alone (also when it was changed since), an account
that is up to date is not saved again. Run it inside one transaction (the command does): a
refused file leaves nothing behind.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.twofactor.demo import enrol_demo_totp
from accounts.twofactor.policy import is_required
from casereflection.exchange import import_reflections
from casereflection.models import CaseReflection, Conclusion
from core.constants import Role
from core.history import acting_as
from core.models import RoleAssignment
from dashboard.demo import answers, history, stukken
from dashboard.demo.manifest import DEMO_DIR, DemoUser, Manifest, demo_password, read_manifest
from dashboard.demo.shift import shift_days, shift_reflections_document, shift_region_document
from governance.exchange import dump_document, import_region
from governance.exchange.keys import key_persons
from governance.exchange.parse import load_region_document
from governance.models import Document, FindingAnswer, Person, PersonalNote, Region


@dataclass
class DemoResult:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    regions: list[Region] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(sum(self.created.values()) or sum(self.updated.values()))


def _count(counter: Counter, model, number: int = 1) -> None:
    if number:
        counter[str(model._meta.verbose_name_plural)] += number


def _document(path: Path) -> dict:
    return load_region_document(path.read_bytes())


def _user(result: DemoResult, spec: DemoUser, password: str):
    User = get_user_model()
    wanted = {
        "first_name": spec.first_name,
        "last_name": spec.last_name,
        "email": f"{spec.username}@example.org",
        "is_active": True,
        "is_staff": spec.staff,
        "is_superuser": spec.staff,
    }
    user = User.objects.filter(username=spec.username).first()
    if user is None:
        user = User(username=spec.username, **wanted)
        user.set_password(password)
        user.save()
        _count(result.created, User)
        return user
    changed = [name for name, value in wanted.items() if getattr(user, name) != value]
    for name in changed:
        setattr(user, name, wanted[name])
    if not user.check_password(password):
        user.set_password(password)
        changed.append("password")
    if changed:
        user.save()
        _count(result.updated, User)
    return user


def _import_region(
    result: DemoResult, manifest: Manifest, files, today: date, user, users: dict
) -> None:
    document = _document(files.region)
    slug = document.get("region", {}).get("slug") if isinstance(document, dict) else None
    existing = Region.objects.filter(slug=slug).first() if slug else None
    if existing is not None:
        result.regions.append(existing)
        return  # built before (or in real use): never touched again
    days = shift_days(manifest.peildatum, today)
    imported = import_region(data=dump_document(shift_region_document(document, days)), user=user)
    for name, number in imported.created.items():
        result.created[name] += number
    region = imported.region
    result.regions.append(region)
    if files.reflections is not None:
        reflections = shift_reflections_document(
            _document(files.reflections), manifest.peildatum, today
        )
        created = import_reflections(data=reflections, region=region, keys=imported, user=user)
        _count(result.created, CaseReflection, len(created))
        _count(
            result.created,
            Conclusion,
            sum(len(r["conclusions"]) for r in reflections["reflections"]),
        )
    history.backdate(region, today)
    uploader = next(
        (
            users[spec.username]
            for spec in manifest.users
            if (Role.SECRETARY, region.slug) in spec.roles
        ),
        user,
    )
    _count(result.created, Document, stukken.add_stukken(manifest, region.slug, imported, uploader))
    # the load moment: 08:00 on the load day, or now when that is earlier (a load before 08:00)
    now = min(timezone.make_aware(datetime.combine(today, time(8, 0))), timezone.now())
    _count(
        result.created,
        PersonalNote,
        stukken.add_notes(manifest, region.slug, imported, users, now),
    )
    _count(result.created, FindingAnswer, answers.add_answers(manifest, region, users, today))


def _link(result: DemoResult, manifest: Manifest, users: dict[str, object]) -> None:
    """Roles, then persons to accounts (a person is linked only to an account with a role in
    its region; an existing link is left alone)."""
    by_slug = {r.slug: r for r in result.regions}
    for spec in manifest.users:
        for role, slug in spec.roles:
            region = by_slug.get(slug) if slug else None
            if slug and region is None:
                raise ValueError(f"{spec.username}: de regio ‘{slug}’ staat niet in de demo.")
            _assignment, created = RoleAssignment.objects.get_or_create(
                user=users[spec.username], role=role, region=region
            )
            if created:
                _count(result.created, RoleAssignment)
    persons: dict[str, dict[str, Person]] = {}  # per region, by key (one query each)
    for spec in manifest.users:
        if not spec.person or spec.person[0] not in by_slug:
            continue
        region = by_slug[spec.person[0]]
        if region.slug not in persons:
            persons[region.slug] = key_persons(
                Person.objects.filter(region=region).select_related("organisation")
            )
        person = persons[region.slug].get(spec.person[1])
        if person is None:
            raise ValueError(
                f"{spec.username}: de persoon ‘{spec.person[1]}’ bestaat niet in {region}."
            )
        if person.user_id is None:
            person.user = users[spec.username]
            person.full_clean()  # e.g. the account must have a role in the person's region
            # Linking an account is part of setting up the demo, not a change of the register
            # that the meeting preparation should list: no history record.
            Person.objects.filter(pk=person.pk).update(user=person.user)
            _count(result.updated, Person)


def build_demo(
    *,
    user,
    today: date | None = None,
    password: str | None = None,
    directory: Path = DEMO_DIR,
) -> DemoResult:
    """Create or bring up to date all demo data, with ``user`` (the command: the system user)
    as the author in the history. Run it inside a transaction."""
    today = today or timezone.localdate()
    manifest = read_manifest(Path(directory))
    result = DemoResult()
    password = password or demo_password()
    with acting_as(user):
        users = {spec.username: _user(result, spec, password) for spec in manifest.users}
        for files in manifest.regions:
            _import_region(result, manifest, files, today, user, users)
        names = {spec.full_name: users[spec.username] for spec in manifest.users}
        for region in result.regions:
            history.link_authors(region, names)
        _link(result, manifest, users)
        _second_factor(result, users)
    return result


def _second_factor(result: DemoResult, users: dict[str, object]) -> None:
    """Demo accounts that must have a second factor (secretaries, the beheerder) get a TOTP
    device with the demo secret (``DEMO_TOTP_SECRET``, docs/2fa.md)."""
    label = "authenticator-apps (tweede factor)"  # django-otp's own name is English
    for user in users.values():
        user.__dict__.pop("_zv_roles", None)  # roles were just assigned
        if is_required(user):
            change = enrol_demo_totp(user)
            if change == "created":
                result.created[label] += 1
            elif change == "updated":
                result.updated[label] += 1


def demo_users(directory: Path = DEMO_DIR) -> list[tuple[str, str, str]]:
    """(username, role label, where) of every demo account, in the manifest's order."""
    manifest = read_manifest(Path(directory))
    names = dict(Region.objects.values_list("slug", "name"))
    rows = []
    for spec in manifest.users:
        regions = [slug for _role, slug in spec.roles if slug]
        if regions:
            where = ", ".join(names.get(slug, slug) for slug in regions)
        else:
            where = "landelijk" if spec.roles else "—"
        rows.append((spec.username, spec.label, where))
    return rows

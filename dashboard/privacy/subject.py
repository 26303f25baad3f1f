"""Who a request is about: the person records (in every region) and the user account that
belong together — linked by ``Person.user`` or by the same e-mail address — seen through the
eyes of the one who asks (the beheerder everything, a secretary their own regions)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import Http404

from core.constants import Role
from core.models import RoleAssignment
from core.roles import is_staff, region_ids_with_role
from governance.models import Person

SEARCH_LIMIT = 50


@dataclass
class Subject:
    persons: list = field(default_factory=list)
    user: object | None = None
    #: Region ids the reader may see; ``None``: every region and the account itself.
    region_ids: set[int] | None = None

    @property
    def everything(self) -> bool:
        return self.region_ids is None

    @property
    def title(self) -> str:
        if self.persons:
            return self.persons[0].name
        return self.user.get_full_name() or self.user.get_username()

    def names(self) -> set[str]:
        found = {p.name for p in self.persons if p.name}
        if self.user is not None and self.user.get_full_name():
            found.add(self.user.get_full_name())
        return found

    def emails(self) -> set[str]:
        found = {p.email for p in self.persons if p.email}
        if self.user is not None and self.user.email:
            found.add(self.user.email)
        return found


def reader_region_ids(reader) -> set[int] | None:
    """``None`` for the beheerder; a secretary's regions otherwise."""
    if is_staff(reader):
        return None
    return region_ids_with_role(reader, Role.SECRETARY)


def _email_q(emails) -> Q:
    emails = [e for e in emails if e]
    if not emails:
        return Q(pk__in=[])
    return reduce(or_, (Q(email__iexact=e) for e in emails))


def _expand(user, emails, region_ids, seed_pk=None) -> Subject:
    condition = _email_q(emails)
    if seed_pk is not None:
        condition |= Q(pk=seed_pk)
    if user is not None:
        condition |= Q(user=user)
    persons = Person.objects.filter(condition).select_related("region", "organisation", "user")
    if region_ids is not None:
        persons = persons.filter(region_id__in=region_ids)
    return Subject(
        persons=list(persons.order_by("region__name", "pk")), user=user, region_ids=region_ids
    )


def subject_for_person(reader, pk: int) -> Subject:
    """The subject around one person record; 404 outside the reader's regions."""
    region_ids = reader_region_ids(reader)
    persons = Person.objects.select_related("user")
    if region_ids is not None:
        persons = persons.filter(region_id__in=region_ids)
    person = persons.filter(pk=pk).first()
    if person is None:
        raise Http404
    user = person.user
    emails = {person.email} | ({user.email} if user is not None else set())
    if user is None and person.email:
        matches = list(get_user_model().objects.filter(email__iexact=person.email)[:2])
        if len(matches) == 1:
            user = matches[0]
            emails.add(user.email)
    return _expand(user, emails, region_ids, seed_pk=person.pk)


def subject_for_account(reader, pk: int) -> Subject:
    """The subject around one user account. A secretary reaches it only when the account has
    a role or a person record in one of their regions (and then sees only that part)."""
    region_ids = reader_region_ids(reader)
    user = get_user_model().objects.filter(pk=pk).first()
    if user is None:
        raise Http404
    subject = _expand(user, {user.email}, region_ids)
    if region_ids is not None and not subject.persons:
        if not RoleAssignment.objects.filter(user=user, region_id__in=region_ids).exists():
            raise Http404
    return subject


def search(reader, query: str) -> tuple[list, list]:
    """Person records and (for the beheerder) accounts whose name or e-mail contains the
    query; at most ``SEARCH_LIMIT`` of each."""
    region_ids = reader_region_ids(reader)
    persons = Person.objects.select_related("region", "user").filter(
        Q(name__icontains=query) | Q(email__icontains=query)
    )
    if region_ids is not None:
        persons = persons.filter(region_id__in=region_ids)
    persons = list(persons.order_by("name", "region__name", "pk")[:SEARCH_LIMIT])
    accounts = []
    if region_ids is None:
        accounts = list(
            get_user_model()
            .objects.filter(
                Q(username__icontains=query)
                | Q(first_name__icontains=query)
                | Q(last_name__icontains=query)
                | Q(email__icontains=query)
            )
            .order_by("username")[:SEARCH_LIMIT]
        )
    return persons, accounts

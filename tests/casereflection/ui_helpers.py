"""Builders shared by the tests of the case-reflection pages (views, VNG restriction, query
counts): reflections in given quarters and conclusions made through the service, so that their
werkagenda actions exist as in real use."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from casereflection.models import CaseReflection, Conclusion, quarter_of, shift_quarter
from casereflection.services import conclusion_save
from governance.models import Body
from tests.factories import (
    AgendaItemFactory,
    BodyFactory,
    CaseReflectionFactory,
    MeetingFactory,
    OrganisationFactory,
    SubRegionFactory,
    trekker_membership,
)


def url(name: str, region, **kwargs) -> str:
    return reverse(f"casereflection:{name}", kwargs={"region": region.slug, **kwargs})


def quarter_ago(n: int) -> tuple[int, int]:
    """(year, quarter) ``n`` quarters before the current one."""
    return shift_quarter(*quarter_of(timezone.localdate()), -n)


def reflection(region, *, ago: int = 1, sub_region=None, **fields) -> CaseReflection:
    year, quarter = quarter_ago(ago)
    return CaseReflectionFactory(
        region=region,
        year=year,
        quarter=quarter,
        sub_region=sub_region or SubRegionFactory(region=region),
        **fields,
    )


def conclude(reflection: CaseReflection, user, *, membership=None, agenda_item=None, **fields):
    """A conclusion recorded through ``conclusion_save``: it puts an action on the
    actielijst. The reflection must be aangeboden or later."""
    membership = membership or trekker_membership(reflection.region)
    values = {
        "title": "Signalen eerder delen",
        "common_challenge": "Signalen komen te laat bij de wijkteams.",
        "assignment": "Werk een afspraak uit over het tijdig delen van signalen.",
        "assignee_body": membership.body,
        "assignee_organisation": OrganisationFactory(region=reflection.region),
        "contact_administrator": membership,
        "agenda_item": agenda_item,
    }
    values.update(fields)
    return conclusion_save(
        instance=Conclusion(reflection=reflection, **values), seen_version=None, user=user
    )


def stamtafel_item(region):
    """An agenda item of a Stamtafel meeting (an administrative body) of ``region``."""
    body = Body.objects.filter(region=region, name="Stamtafel").first() or BodyFactory(
        region=region, kind="stamtafel", name="Stamtafel"
    )
    return AgendaItemFactory(meeting=MeetingFactory(body=body), title="Casusreflectie")

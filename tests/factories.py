"""Factories for tests: one region-consistent object graph per call."""

from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from core.models import RoleAssignment
from governance import constants as c
from governance.models import (
    Action,
    AgendaItem,
    Body,
    BodyRelation,
    CostLine,
    Document,
    Knelpunt,
    Mandate,
    Meeting,
    Membership,
    Municipality,
    Organisation,
    Person,
    Region,
    SubRegion,
    Theme,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.Sequence(lambda n: f"Voornaam{n}")
    last_name = "Test"
    password = factory.PostGenerationMethodCall("set_password", "geheim-wachtwoord-123")

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:  # store the password hash set above
            instance.save(update_fields=["password"])


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    name = factory.Sequence(lambda n: f"Regio {n}")
    slug = factory.Sequence(lambda n: f"regio-{n}")
    collaboration_model = c.CollaborationModel.STUURGROEP


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    region = factory.SubFactory(RegionFactory)
    role = "secretary"


class SubRegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubRegion

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Subregio {n}")


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Gemeente {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Organisatie {n}")
    domain = c.OrganisationDomain.ZORG


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Persoon {n}")
    office = c.Office.WETHOUDER


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Gremium {n}")
    kind = c.BodyKind.STUURGROEP
    level = c.Level.BESTUURLIJK
    decision_power = c.DecisionPower.AFSTEMMEND
    meeting_frequency_per_year = 4
    status = c.BodyStatus.ACTIEF


class MandateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mandate

    body = factory.SubFactory(BodyFactory)
    power = c.Power.AFSTEMMEN
    subject = factory.Sequence(lambda n: f"Onderwerp {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    body = factory.SubFactory(BodyFactory)
    person = factory.SubFactory(PersonFactory, region=factory.SelfAttribute("..body.region"))
    role = c.MembershipRole.LID


class RelationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BodyRelation

    source = factory.SubFactory(BodyFactory)
    target = factory.SubFactory(BodyFactory, region=factory.SelfAttribute("..source.region"))
    kind = c.RelationKind.ADVISEERT


class CostLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CostLine

    body = factory.SubFactory(BodyFactory)
    item = "Onafhankelijk voorzitter"
    estimate_eur = 2800


def any_theme() -> Theme:
    """A reference theme (transactional tests flush the themes of the data migration)."""
    return Theme.objects.order_by("pk").first() or Theme.objects.create(
        name="Acute onveiligheid", national_priority=True
    )


class KnelpuntFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Knelpunt

    region = factory.SubFactory(RegionFactory)
    theme = factory.LazyFunction(any_theme)
    title = factory.Sequence(lambda n: f"Knelpunt {n}")


class ActionFactory(factory.django.DjangoModelFactory):
    """An action in *voorraad* (no list rules apply there)."""

    class Meta:
        model = Action

    region = factory.SubFactory(RegionFactory)
    title = factory.Sequence(lambda n: f"Actie {n}")
    theme = factory.LazyFunction(any_theme)


def trekker_membership(region, **kwargs):
    """A current membership of a wethouder in an active body of ``region``."""
    body = kwargs.pop("body", None) or BodyFactory(region=region)
    return MembershipFactory(body=body, person__office=c.Office.WETHOUDER, **kwargs)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    body = factory.SubFactory(BodyFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    location = "Gemeentehuis"
    # Most tests are about a meeting whose agenda went out; tests of the approval step ask
    # for agenda_state="concept" (the model's default for a newly planned meeting).
    agenda_state = "definitief"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Agendapunt {n}")
    order = factory.Sequence(lambda n: n + 1)


PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    agenda_item = factory.SubFactory(AgendaItemFactory)
    title = factory.Sequence(lambda n: f"Vergaderstuk {n}")
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="stuk.pdf"))
    original_name = "stuk.pdf"
    content_type = "application/pdf"
    size = len(PDF_BYTES)


# Case reflections ------------------------------------------------------------------------


class CaseReflectionFactory(factory.django.DjangoModelFactory):
    """A planned reflection in a past quarter (so the rotation does not ask for a reason)."""

    class Meta:
        model = "casereflection.CaseReflection"

    region = factory.SubFactory(RegionFactory)
    # Always a past year (2000–2025), however many reflections a test run creates.
    year = factory.Sequence(lambda n: 2000 + (n // 4) % 26)
    quarter = factory.Sequence(lambda n: n % 4 + 1)
    sub_region = factory.LazyAttribute(lambda o: SubRegionFactory(region=o.region))
    case_kind = "systeem"
    title = factory.Sequence(lambda n: f"Casus over samenwerking na ontslag {n}")
    method = "moreel_beraad"


class ConclusionFactory(factory.django.DjangoModelFactory):
    """A conclusion without its action (the service creates that; factories do not)."""

    class Meta:
        model = "casereflection.Conclusion"

    reflection = factory.SubFactory(CaseReflectionFactory, status="aangeboden")
    title = factory.Sequence(lambda n: f"Opdracht {n}")
    common_challenge = "Gedeelde informatie komt te laat bij de wijkteams."
    assignment = "Werk een afspraak uit over tijdig delen van signalen."
    contact_administrator = factory.LazyAttribute(lambda o: trekker_membership(o.reflection.region))
    assignee_body = factory.LazyAttribute(lambda o: o.contact_administrator.body)

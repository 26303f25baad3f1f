"""Factories for tests: one region-consistent object graph per call."""

import factory
from django.contrib.auth import get_user_model

from governance import constants as c
from governance.models import (
    Body,
    BodyRelation,
    CostLine,
    Mandate,
    Membership,
    Municipality,
    Organisation,
    Person,
    Region,
    SubRegion,
)
from zv_portal.models import RoleAssignment


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.Sequence(lambda n: f"Voornaam{n}")
    last_name = "Test"
    password = factory.PostGenerationMethodCall("set_password", "geheim-wachtwoord-123")


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

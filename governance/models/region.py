from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from governance.constants import (
    CollaborationModel,
    FrameworkKind,
    Initiator,
    Office,
    OrganisationDomain,
)
from governance.models.base import Versioned, history
from governance.models.query import OrganisationQuerySet, RegionQuerySet, RegionScopedQuerySet


class Region(Versioned):
    name = models.CharField(_("naam"), max_length=120, unique=True)
    slug = models.SlugField(
        _("korte naam in adressen"),
        max_length=40,
        unique=True,
        help_text=_("Kleine letters, cijfers en streepjes, bijv. ‘nog’."),
    )
    code = models.CharField(
        _("code"),
        max_length=20,
        blank=True,
        help_text=_("Bijvoorbeeld de code van de veiligheidsregio."),
    )
    collaboration_model = models.CharField(
        _("samenwerkingsmodel"),
        max_length=30,
        choices=CollaborationModel.choices,
        default=CollaborationModel.AFSTEMMEN,
    )
    collaboration_note = models.TextField(
        _("toelichting op het samenwerkingsmodel"),
        blank=True,
        help_text=_("Hoe het model in deze regio is ingevuld, bijv. ‘via de Stamtafel’."),
    )
    initiator = models.CharField(
        _("initiatief vanuit"),
        max_length=20,
        choices=Initiator.choices,
        blank=True,
    )
    characteristics = models.TextField(
        _("kenmerken van de regio"),
        blank=True,
        help_text=_("Omvang, bestaande samenwerkingsverbanden, ervaringen met samenwerking."),
    )
    description = models.TextField(_("beschrijving"), blank=True)
    registration_since = models.DateField(
        _("registratie sinds"),
        null=True,
        blank=True,
        help_text=_(
            "Vanaf deze datum legt de regio haar vergaderingen in het portaal vast. Regels die "
            "terugkijken (hoe vaak een tafel vergadert, opkomst, tafels erbij en eraf) oordelen "
            "alleen over de tijd daarna. Een import vult de datum in; u kunt hem aanpassen."
        ),
    )
    partners = models.ManyToManyField(
        "governance.Organisation",
        through="RegionPartner",
        related_name="partner_of",
        verbose_name=_("gekozen ketenpartners"),
        blank=True,
    )
    themes = models.ManyToManyField(
        "governance.Theme",
        through="RegionTheme",
        related_name="regions",
        verbose_name=_("thema's"),
        blank=True,
    )
    history = history()
    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("governance:region", kwargs={"region": self.slug})

    @property
    def region(self):
        return self


class Framework(Versioned):
    """A framework (kader) in which bodies of a region stand: a gemeenschappelijke regeling, a
    convenant, an informal network. Recorded once per region; bodies refer to it."""

    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        related_name="frameworks",
        verbose_name=_("regio"),
    )
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=40, choices=FrameworkKind.choices)
    source_document = models.CharField(
        _("brondocument"),
        max_length=250,
        blank=True,
        help_text=_("Naam en datum van de regeling, het convenant of de afspraak."),
    )
    description = models.TextField(_("toelichting"), blank=True)
    history = history()
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("kader")
        verbose_name_plural = _("kaders")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="unique_framework_name")
        ]

    def __str__(self) -> str:
        return self.name


class SubRegion(Versioned):
    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        related_name="sub_regions",
        verbose_name=_("regio"),
    )
    name = models.CharField(_("naam"), max_length=120)
    history = history()
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("subregio")
        verbose_name_plural = _("subregio's")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="unique_subregion_name")
        ]

    def __str__(self) -> str:
        return self.name


class Municipality(Versioned):
    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        related_name="municipalities",
        verbose_name=_("regio"),
    )
    sub_region = models.ForeignKey(
        SubRegion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="municipalities",
        verbose_name=_("subregio"),
    )
    name = models.CharField(_("naam"), max_length=120)
    cbs_code = models.CharField(
        _("CBS-code"),
        max_length=6,
        blank=True,
        validators=[RegexValidator(r"^GM\d{4}$", _("Een CBS-gemeentecode ziet eruit als GM0197."))],
    )
    history = history()
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="unique_municipality_name")
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.sub_region_id and self.region_id and self.sub_region.region_id != self.region_id:
            raise ValidationError({"sub_region": _("Deze subregio hoort bij een andere regio.")})


class Organisation(Versioned):
    name = models.CharField(_("naam"), max_length=160)
    domain = models.CharField(_("domein"), max_length=30, choices=OrganisationDomain.choices)
    kind = models.CharField(
        _("soort organisatie"),
        max_length=120,
        blank=True,
        help_text=_("Bijvoorbeeld GGZ-instelling, Veilig Thuis, politie-eenheid."),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("regio"),
        help_text=_("Leeg voor een landelijke organisatie."),
    )
    history = history()
    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "name"],
                condition=Q(region__isnull=False),
                name="unique_regional_organisation",
            ),
            models.UniqueConstraint(
                fields=["name"],
                condition=Q(region__isnull=True),
                name="unique_national_organisation",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class RegionPartner(models.Model):
    """An organisation the region chose as a partner in its Z+V network."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, verbose_name=_("regio"))
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        verbose_name=_("organisatie"),
    )
    history = history()

    class Meta:
        verbose_name = _("gekozen ketenpartner")
        verbose_name_plural = _("gekozen ketenpartners")
        constraints = [
            models.UniqueConstraint(fields=["region", "organisation"], name="unique_partner")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.region})"

    def clean(self) -> None:
        if self.organisation_id and self.organisation.region_id not in (None, self.region_id):
            raise ValidationError({"organisation": _("Deze organisatie is van een andere regio.")})


class Person(Versioned):
    """Contact data only: name, function, e-mail. Nothing else about a person is kept."""

    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        related_name="persons",
        verbose_name=_("regio"),
    )
    name = models.CharField(_("naam"), max_length=160)
    function = models.CharField(
        _("functie"),
        max_length=160,
        blank=True,
        help_text=_("Bijvoorbeeld ‘burgemeester van Zutphen’ of ‘directeur GGZ-instelling’."),
    )
    office = models.CharField(
        _("soort functie"),
        max_length=20,
        choices=Office.choices,
        default=Office.OVERIG,
        help_text=_("Gebruikt voor de structuurcontroles en de bestuurlijke drukte."),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="persons",
        verbose_name=_("organisatie"),
    )
    email = models.EmailField(_("e-mailadres"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="persons",
        verbose_name=_("account in Z+V Portaal"),
        help_text=_(
            "Koppel de persoon aan een account met een rol in deze regio: dan ziet die "
            "gebruiker de eigen acties, vergaderingen en de vergadervoorbereiding."
        ),
    )
    history = history()
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "user"],
                condition=models.Q(user__isnull=False),
                name="one_person_per_user_per_region",
                violation_error_message=_(
                    "Dit account is in deze regio al aan een andere persoon gekoppeld."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_administrator(self) -> bool:
        from governance.constants import ADMINISTRATOR_OFFICES

        return self.office in ADMINISTRATOR_OFFICES

    def clean(self) -> None:
        if self.organisation_id and self.organisation.region_id not in (None, self.region_id):
            raise ValidationError({"organisation": _("Deze organisatie is van een andere regio.")})
        if (
            self.user_id
            and self.region_id
            and not self.user.role_assignments.filter(region_id=self.region_id).exists()
        ):
            raise ValidationError({"user": _("Dit account heeft geen rol in deze regio.")})


class Theme(models.Model):
    """Reference data: subjects of Z+V collaboration (kept by the functioneel beheerder)."""

    name = models.CharField(_("naam"), max_length=160, unique=True)
    national_priority = models.BooleanField(_("landelijk prioritair thema"), default=False)
    description = models.TextField(_("omschrijving"), blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=100)

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["-national_priority", "order", "name"]

    def __str__(self) -> str:
        return self.name


class RegionTheme(Versioned):
    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        related_name="region_themes",
        verbose_name=_("regio"),
    )
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, verbose_name=_("thema"))
    weighing = models.TextField(
        _("afwegingskader"),
        blank=True,
        help_text=_("Waarom dit thema regionaal wordt opgepakt en wat lokaal blijft."),
    )
    history = history()
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("thema van de regio")
        verbose_name_plural = _("thema's van de regio")
        ordering = ["theme__order", "theme__name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "theme"], name="unique_region_theme")
        ]

    def __str__(self) -> str:
        return str(self.theme)

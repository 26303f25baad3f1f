from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from governance.constants import (
    DOCUMENTS_TERM_DAYS,
    BodyKind,
    BodyRole,
    BodyStatus,
    DecisionPower,
    LegalBasisKind,
    Level,
    MembershipRole,
    Power,
    QuorumUnit,
    RelationKind,
)
from governance.models.base import Versioned, check_evaluate_before, check_period, history
from governance.models.query import (
    BodyChildQuerySet,
    BodyQuerySet,
    MembershipQuerySet,
    PeriodQuerySet,
    RelationQuerySet,
)
from governance.models.region import Municipality, Organisation, Person, Region, Theme


def _within_body(errors: dict, body, start, end, *, start_field: str, end_field: str) -> None:
    """A period (start, end) must lie inside the body's lifetime."""
    if body is None:
        return
    if start and body.established_on and start < body.established_on:
        errors.setdefault(start_field, []).append(
            _("Ligt vóór de instelling van %(body)s (%(date)s).")
            % {"body": body.name, "date": body.established_on.strftime("%d-%m-%Y")}
        )
    if body.dissolved_on:
        if start and start >= body.dissolved_on:
            errors.setdefault(start_field, []).append(
                _("Ligt na de opheffing van %(body)s (per %(date)s).")
                % {"body": body.name, "date": body.dissolved_on.strftime("%d-%m-%Y")}
            )
        if end and end > body.dissolved_on:
            errors.setdefault(end_field, []).append(
                _("Ligt na de opheffing van %(body)s (per %(date)s).")
                % {"body": body.name, "date": body.dissolved_on.strftime("%d-%m-%Y")}
            )


class Body(Versioned):
    """A gremium, tafel or overleg of a region."""

    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        related_name="bodies",
        verbose_name=_("regio"),
    )
    name = models.CharField(_("naam"), max_length=200)
    short_name = models.CharField(_("korte naam"), max_length=40, blank=True)
    kind = models.CharField(_("soort"), max_length=40, choices=BodyKind.choices)
    level = models.CharField(_("niveau"), max_length=20, choices=Level.choices)
    decision_power = models.CharField(
        _("besluitvorming"),
        max_length=30,
        choices=DecisionPower.choices,
        default=DecisionPower.AFSTEMMEND,
    )
    roles = models.JSONField(
        _("rollen"),
        default=list,
        blank=True,
        help_text=_("Wat dit gremium doet, bijv. signaleren, integreren, aanjagen."),
    )
    meeting_frequency_per_year = models.PositiveSmallIntegerField(
        _("vergaderingen per jaar"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(366)],
    )
    meeting_duration_hours = models.DecimalField(
        _("gebruikelijke duur van een vergadering (uur)"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("2.0"),
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("24"))],
    )
    framework = models.ForeignKey(
        "governance.Framework",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="bodies",
        verbose_name=_("kader"),
        help_text=_(
            "De gemeenschappelijke regeling, het convenant of het netwerk waarin het gremium staat."
        ),
    )
    legal_basis_kind = models.CharField(
        _("grondslag"),
        max_length=30,
        choices=LegalBasisKind.choices,
        default=LegalBasisKind.GEEN,
    )
    legal_basis_reference = models.CharField(
        _("verwijzing naar de grondslag"),
        max_length=250,
        blank=True,
        help_text=_("Naam en datum van het document of het wetsartikel."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=BodyStatus.choices,
        default=BodyStatus.ACTIEF,
    )
    established_on = models.DateField(_("ingesteld op"), null=True, blank=True)
    dissolved_on = models.DateField(
        _("opgeheven per"),
        null=True,
        blank=True,
        help_text=_("De eerste dag waarop het gremium niet meer bestaat."),
    )
    evaluate_before = models.DateField(
        _("evalueren vóór"),
        null=True,
        blank=True,
        help_text=_(
            "Uiterlijk op deze datum wordt bekeken of het gremium nog nodig is en goed werkt. "
            "De structuurcontrole waarschuwt 60 dagen vooraf en als de datum voorbij is. "
            "Leeg: geen datum."
        ),
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="bodies", verbose_name=_("thema's")
    )
    description = models.TextField(_("beschrijving"), blank=True)
    documents_term_days = models.PositiveSmallIntegerField(
        _("termijn voor stukken (dagen)"),
        default=DOCUMENTS_TERM_DAYS,
        validators=[MaxValueValidator(90)],
        help_text=_("Zoveel dagen vóór de vergadering zijn de stukken er; later is nagezonden."),
    )
    quorum = models.PositiveSmallIntegerField(
        _("quorum"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(500)],
        help_text=_("Leeg: geen quorum. Anders: zoveel leden of gemeenten moeten aanwezig zijn."),
    )
    quorum_unit = models.CharField(
        _("quorum in"), max_length=20, choices=QuorumUnit.choices, default=QuorumUnit.LEDEN
    )
    history = history()
    objects = BodyQuerySet.as_manager()

    class Meta:
        verbose_name = _("gremium")
        verbose_name_plural = _("gremia")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="unique_body_name")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("governance:body", kwargs={"region": self.region.slug, "pk": self.pk})

    @property
    def display_name(self) -> str:
        return f"{self.name} ({self.short_name})" if self.short_name else self.name

    def get_roles_display(self) -> list[str]:
        labels = dict(BodyRole.choices)
        return [str(labels.get(r, r)) for r in self.roles]

    def clean(self) -> None:
        errors: dict = {}
        check_period(
            errors,
            self.established_on,
            self.dissolved_on,
            end_field="dissolved_on",
            start_label=_("datum van instelling"),
        )
        check_evaluate_before(
            errors,
            self.evaluate_before,
            self.established_on,
            start_label=_("datum van instelling"),
        )
        if self.framework_id and self.region_id and self.framework.region_id != self.region_id:
            errors.setdefault("framework", []).append(
                _("Kies een kader van dezelfde regio als het gremium.")
            )
        unknown = [r for r in (self.roles or []) if r not in BodyRole.values]
        if unknown:
            errors.setdefault("roles", []).append(_("Onbekende rol: %s") % ", ".join(unknown))
        if self.status == BodyStatus.OPGEHEVEN and not self.dissolved_on:
            errors.setdefault("dissolved_on", []).append(
                _("Vul de datum van opheffing in voor een opgeheven gremium.")
            )
        if self.dissolved_on and self.status != BodyStatus.OPGEHEVEN:
            errors.setdefault("status", []).append(
                _("Een gremium met een datum van opheffing heeft de status ‘opgeheven’.")
            )
        if errors:
            raise ValidationError(errors)


class Mandate(Versioned):
    """What a body may do on a subject, and the document it rests on."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="mandates", verbose_name=_("gremium")
    )
    power = models.CharField(_("bevoegdheid"), max_length=30, choices=Power.choices)
    subject = models.CharField(_("onderwerp"), max_length=250)
    theme = models.ForeignKey(
        Theme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mandates",
        verbose_name=_("thema"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mandates",
        verbose_name=_("organisatie"),
        help_text=_("Bijvoorbeeld de organisatie waarvan het gremium opdrachtgever is."),
    )
    source_document = models.CharField(
        _("brondocument"),
        max_length=250,
        blank=True,
        help_text=_("Convenant, samenwerkingsovereenkomst, GR of wetsartikel."),
    )
    valid_from = models.DateField(_("geldig vanaf"), null=True, blank=True)
    valid_to = models.DateField(
        _("geldig tot"),
        null=True,
        blank=True,
        help_text=_("De eerste dag waarop het mandaat niet meer geldt."),
    )
    evaluate_before = models.DateField(
        _("evalueren vóór"),
        null=True,
        blank=True,
        help_text=_(
            "Uiterlijk op deze datum wordt bekeken of het mandaat nog past. De "
            "structuurcontrole waarschuwt 60 dagen vooraf en als de datum voorbij is. "
            "Leeg: geen datum."
        ),
    )
    history = history()
    objects = PeriodQuerySet.as_manager()

    class Meta:
        verbose_name = _("mandaat")
        verbose_name_plural = _("mandaten")
        ordering = ["power", "subject"]

    def __str__(self) -> str:
        return f"{self.get_power_display()}: {self.subject}"

    def clean(self) -> None:
        errors: dict = {}
        check_period(
            errors,
            self.valid_from,
            self.valid_to,
            end_field="valid_to",
            start_label=_("begindatum"),
        )
        body = self.body if self.body_id else None
        _within_body(
            errors,
            body,
            self.valid_from,
            self.valid_to,
            start_field="valid_from",
            end_field="valid_to",
        )
        check_evaluate_before(
            errors,
            self.evaluate_before,
            self.valid_from,
            start_label=_("begindatum"),
        )
        if (
            body
            and self.organisation_id
            and self.organisation.region_id not in (None, body.region_id)
        ):
            errors.setdefault("organisation", []).append(
                _("Deze organisatie is van een andere regio.")
            )
        if errors:
            raise ValidationError(errors)


class Membership(Versioned):
    """A seat at a body: a person and/or an organisation or municipality, with a role."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("gremium")
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("persoon"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("organisatie"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("gemeente"),
    )
    role = models.CharField(
        _("rol"), max_length=30, choices=MembershipRole.choices, default=MembershipRole.LID
    )
    portfolio = models.CharField(_("portefeuille"), max_length=200, blank=True)
    on_behalf_of = models.CharField(
        _("namens"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld ‘de 22 burgemeesters’ of ‘subregio Achterhoek’."),
    )
    on_behalf_of_body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delegates",
        verbose_name=_("namens gremium"),
    )
    substitute_allowed = models.BooleanField(_("gemandateerde vervanging toegestaan"), default=True)
    start = models.DateField(_("begin"), null=True, blank=True)
    end = models.DateField(
        _("einde per"),
        null=True,
        blank=True,
        help_text=_("De eerste dag waarop het lidmaatschap niet meer geldt."),
    )
    history = history()
    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["role", "person__name"]

    def __str__(self) -> str:
        who = self.person or self.organisation or self.municipality
        return f"{who} — {self.get_role_display()} ({self.body})"

    @property
    def member_display(self) -> str:
        parts = [str(p) for p in (self.person, self.organisation, self.municipality) if p]
        return " · ".join(parts)

    def clean(self) -> None:
        errors: dict = {}
        if not (self.person_id or self.organisation_id or self.municipality_id):
            errors.setdefault("person", []).append(
                _("Kies een persoon, een organisatie of een gemeente.")
            )
        check_period(errors, self.start, self.end, end_field="end", start_label=_("begindatum"))
        body = self.body if self.body_id else None
        _within_body(errors, body, self.start, self.end, start_field="start", end_field="end")
        if body is not None:
            region_id = body.region_id
            if self.person_id and self.person.region_id != region_id:
                errors.setdefault("person", []).append(_("Deze persoon is van een andere regio."))
            if self.organisation_id and self.organisation.region_id not in (None, region_id):
                errors.setdefault("organisation", []).append(
                    _("Deze organisatie is van een andere regio.")
                )
            if self.municipality_id and self.municipality.region_id != region_id:
                errors.setdefault("municipality", []).append(
                    _("Deze gemeente is van een andere regio.")
                )
            if self.on_behalf_of_body_id:
                if self.on_behalf_of_body.region_id != region_id:
                    errors.setdefault("on_behalf_of_body", []).append(
                        _("Dit gremium is van een andere regio.")
                    )
                elif self.on_behalf_of_body_id == body.pk:
                    errors.setdefault("on_behalf_of_body", []).append(
                        _("Een lid zit niet namens het gremium zelf aan tafel.")
                    )
        if errors:
            raise ValidationError(errors)


class BodyRelation(Versioned):
    source = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="relations_out", verbose_name=_("van gremium")
    )
    target = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="relations_in", verbose_name=_("naar gremium")
    )
    kind = models.CharField(_("soort relatie"), max_length=40, choices=RelationKind.choices)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    valid_from = models.DateField(_("geldig vanaf"), null=True, blank=True)
    valid_to = models.DateField(
        _("geldig tot"),
        null=True,
        blank=True,
        help_text=_("De eerste dag waarop de relatie niet meer geldt."),
    )
    history = history()
    objects = RelationQuerySet.as_manager()

    class Meta:
        verbose_name = _("relatie tussen gremia")
        verbose_name_plural = _("relaties tussen gremia")
        ordering = ["source__name", "kind", "target__name"]

    def __str__(self) -> str:
        return f"{self.source} {self.get_kind_display()} {self.target}"

    def clean(self) -> None:
        errors: dict = {}
        check_period(
            errors,
            self.valid_from,
            self.valid_to,
            end_field="valid_to",
            start_label=_("begindatum"),
        )
        source = self.source if self.source_id else None
        target = self.target if self.target_id else None
        if source and target:
            if source.pk == target.pk:
                errors.setdefault("target", []).append(
                    _("Een gremium heeft geen relatie met zichzelf.")
                )
            elif source.region_id != target.region_id:
                errors.setdefault("target", []).append(_("Dit gremium is van een andere regio."))
            elif self.kind == RelationKind.GAAT_OP_IN and _merge_cycle(source, target, self.pk):
                errors.setdefault("target", []).append(
                    _(
                        "Dit maakt een kring: %(target)s gaat (via andere gremia) al op in "
                        "%(source)s."
                    )
                    % {"target": target.name, "source": source.name}
                )
        if self.kind == RelationKind.GAAT_OP_IN and source is not None:
            # A merge marks the transition: it starts at the latest on the day the source
            # is dissolved and lasts (no end date needed).
            if source.dissolved_on and self.valid_from and self.valid_from > source.dissolved_on:
                errors.setdefault("valid_from", []).append(
                    _("Ligt na de opheffing van %(body)s (per %(date)s).")
                    % {"body": source.name, "date": source.dissolved_on.strftime("%d-%m-%Y")}
                )
        else:
            for body in (source, target):
                _within_body(
                    errors,
                    body,
                    self.valid_from,
                    self.valid_to,
                    start_field="valid_from",
                    end_field="valid_to",
                )
        if errors:
            raise ValidationError(errors)


def _merge_cycle(source: Body, target: Body, exclude_pk) -> bool:
    """Would ``source gaat op in target`` close a cycle of *gaat op in* relations?"""
    edges: dict[int, set[int]] = {}
    rows = (
        BodyRelation.objects.filter(
            kind=RelationKind.GAAT_OP_IN, source__region_id=source.region_id
        )
        .exclude(pk=exclude_pk)
        .values_list("source_id", "target_id")
    )
    for s, t in rows:
        edges.setdefault(s, set()).add(t)
    seen: set[int] = set()
    stack = [target.pk]
    while stack:
        node = stack.pop()
        if node == source.pk:
            return True
        if node in seen:
            continue
        seen.add(node)
        stack.extend(edges.get(node, ()))
    return False


class CostLine(Versioned):
    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="cost_lines", verbose_name=_("gremium")
    )
    item = models.CharField(_("kostenpost"), max_length=200)
    estimate_eur = models.DecimalField(
        _("raming per jaar (euro)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    funded_by = models.CharField(_("dekking"), max_length=250, blank=True)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    history = history()
    objects = BodyChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("kostenpost")
        verbose_name_plural = _("kostenposten")
        ordering = ["item"]

    def __str__(self) -> str:
        return self.item

"""Report 3, the Structuuroverzicht: the structure of a region as it stood on the stand date.

What it prints, all "as on ``stand``":

* the diagram (``governance.diagram``: the bodies that existed that day and the relations valid
  that day between them) as a picture — without the links of the portal page, at its natural
  size — with its alt text and legend, or a Dutch notice when Graphviz is unavailable;
* the bodies (one overview row each, built on
  ``governance.diagram.structure.structure_table``) and per body its facts, the mandates valid
  that day and the memberships valid that day;
* the relations valid that day;
* the findings of the structure checks, run for the stand date (``run_checks(on=...)``): the
  open ones, and apart from them the ones the secretary answered as "bewust zo ingericht", with
  the reason, who and when (governance/selectors/findings.py) — a raad reading the overview sees
  the choice, not a defect.

The period start (``sinds``) is not used: a structure is a state, not a flow.

Query shape (fixed, whatever the size of the region): bodies and relations (two, in
``governance.diagram.structure.structure_on``), the memberships valid on ``stand`` with person,
the person's organisation, organisation, municipality and the body they sit for joined (one),
the mandates valid on ``stand`` with theme and organisation (one), the checks (six, see
``governance.checks.structure._load``) and the answers to findings (one): eleven in all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone
from django.utils.formats import date_format

from dashboard.reports.base import Section
from governance.checks.base import CHECKS, SEVERITY_LABELS
from governance.constants import LegalBasisKind, MembershipRole
from governance.diagram import dot, render, structure
from governance.models import Mandate, Membership, Region
from governance.selectors.findings import findings_state

SECTIONS = (
    Section("structuur-diagram", "Diagram"),
    Section("structuur-gremia", "Gremia"),
    Section("structuur-relaties", "Relaties"),
    Section("structuur-bevindingen", "Bevindingen van de structuurcontrole"),
)

_ROLE_RANK = {role: i for i, role in enumerate(MembershipRole.values)}


@dataclass
class MemberRow:
    """One seat at a body on the stand date."""

    role: str  # "Voorzitter"
    name: str  # the person, or the organisation/municipality for a seat without a person
    function: str  # the person's function ("Burgemeester van Oost")
    portfolio: str
    represents: str  # organisation and/or municipality, "gemeente X"
    on_behalf_of: str  # "namens": a body and/or free text


@dataclass
class BodySection:
    """A body with what belongs to it on the stand date (``row`` is ``structure_table``'s)."""

    row: dict
    anchor: str
    meeting_frequency: int | None
    legal_basis: str
    members: list[MemberRow] = field(default_factory=list)
    mandates: list[Mandate] = field(default_factory=list)


@dataclass
class FindingRow:
    severity: str
    severity_label: str
    title: str
    message: str


@dataclass
class AnsweredRow:
    """A finding the secretary answered as "bewust zo ingericht", with the reason."""

    severity_label: str
    title: str
    message: str
    reason: str
    answered_by: str
    answered_at: datetime
    review_on: date | None


def _member_row(m: Membership) -> MemberRow:
    person = m.person if m.person_id else None
    organisation = m.organisation if m.organisation_id else None
    if organisation is None and person is not None and person.organisation_id:
        organisation = person.organisation
    represents = []
    if organisation is not None:
        represents.append(organisation.name)
    if m.municipality_id:
        represents.append(f"gemeente {m.municipality.name}")
    behalf = []
    if m.on_behalf_of_body_id:
        behalf.append(m.on_behalf_of_body.name)
    if m.on_behalf_of:
        behalf.append(m.on_behalf_of)
    function = person.function if person is not None else ""
    if function.casefold() == m.get_role_display().casefold():
        function = ""  # "Netwerksecretaris, Netwerksecretaris"
    if person is not None:
        name = person.name
    else:
        # A seat of an organisation or a municipality without a named person.
        name = represents[0] if represents else "—"
        represents = represents[1:]
    return MemberRow(
        role=m.get_role_display(),
        name=name,
        function=function,
        portfolio=m.portfolio,
        represents="; ".join(represents),
        on_behalf_of="; ".join(behalf),
    )


def _legal_basis(body) -> str:
    if body.legal_basis_kind == LegalBasisKind.GEEN and not body.legal_basis_reference:
        return str(LegalBasisKind.GEEN.label)
    label = body.get_legal_basis_kind_display()
    if body.legal_basis_reference:
        return f"{label}: {body.legal_basis_reference}"
    return label


_VIEWBOX = re.compile(r'^<svg\b[^>]*\bviewBox="([\d.\s-]+)"')


def natural_size(svg: str) -> str:
    """Give the cleaned diagram back its natural size (Graphviz draws in points; the viewBox
    keeps them), so a small structure is not blown up to the full width of the page and a
    large one still shrinks to fit (``max-width: 100%``)."""
    match = _VIEWBOX.match(svg)
    if not match:
        return svg
    try:
        _x, _y, width, height = (float(v) for v in match.group(1).split())
    except ValueError:
        return svg
    return svg.replace("<svg ", f'<svg width="{width:g}pt" height="{height:g}pt" ', 1)


_LINK_TAG = re.compile(r"<a(?:\s[^>]*)?>|</a>")


def without_links(svg: str) -> str:
    """The diagram as a picture: the links to the body pages go (their content stays).

    The report shows the figure as one image (``role="img"`` on the page, ``<img>`` in the
    PDF), in which links would be unreachable; the tables carry the same information.
    ``serialize_svg`` escapes ``<`` and ``>`` in attribute values, so a tag never contains them.
    """
    return _LINK_TAG.sub("", svg)


def diagram_alt(snapshot: structure.StructureSnapshot) -> str:
    """The alt text of the diagram: what it shows, in numbers, and where the same data is."""
    when = date_format(snapshot.on, "j F Y")
    if snapshot.body_count == 0:
        return f"Structuurdiagram van {snapshot.region.name} op {when}: er waren geen gremia."
    return (
        f"Structuurdiagram van {snapshot.region.name} op {when}: {snapshot.summary()}. "
        "Elk vak is een gremium, gegroepeerd per niveau (bestuurlijk boven, operationeel "
        "onder); elke lijn is een relatie, met een lijnsoort per soort relatie (zie de "
        "legenda). De tabellen ‘Gremia’ en ‘Relaties’ bevatten dezelfde gegevens."
    )


def structure_report(region: Region, *, stand: date, sinds: date | None = None, user=None) -> dict:
    """The context of ``templates/reports/structure_body.html`` (see the module docstring)."""
    snapshot = structure.structure_on(region, stand)
    rows = structure.structure_table(snapshot)
    ids = {row["pk"] for row in rows}

    members: dict[int, list[Membership]] = {}
    for m in (
        Membership.objects.filter(body__region=region)
        .valid_on(stand)
        .select_related("person__organisation", "organisation", "municipality", "on_behalf_of_body")
    ):
        if m.body_id in ids:
            members.setdefault(m.body_id, []).append(m)
    mandates: dict[int, list[Mandate]] = {}
    for mandate in (
        Mandate.objects.filter(body__region=region)
        .valid_on(stand)
        .select_related("theme", "organisation")
        .order_by("power", "subject", "pk")
    ):
        if mandate.body_id in ids:
            mandates.setdefault(mandate.body_id, []).append(mandate)

    bodies = []
    for row in rows:
        body = row["body"]
        seated = sorted(
            members.get(body.pk, []),
            # Chair first, then in the order of the roles; within a role by name.
            key=lambda m: (_ROLE_RANK.get(m.role, 99), m.member_display.casefold(), m.pk),
        )
        bodies.append(
            BodySection(
                row=row,
                anchor=f"structuur-gremium-{body.pk}",
                meeting_frequency=body.meeting_frequency_per_year,
                legal_basis=_legal_basis(body),
                members=[_member_row(m) for m in seated],
                mandates=mandates.get(body.pk, []),
            )
        )

    svg = ""
    svg_error = ""
    try:
        svg = natural_size(
            without_links(render.structure_svg(snapshot, body_url=lambda b: b.get_absolute_url()))
        )
    except render.DiagramUnavailable as exc:
        svg_error = str(exc)

    relations = [
        {
            "source": rel.source.name,
            "kind": rel.get_kind_display(),
            "target": rel.target.name,
            "note": rel.note,
            "valid_from": rel.valid_from,
            "valid_to": rel.valid_to,
        }
        for rel in snapshot.relations
    ]

    state = findings_state(region, on=stand)
    findings = [FindingRow(f.severity, f.severity_label, f.title, f.message) for f in state.open]
    answered = [
        AnsweredRow(
            a.finding.severity_label,
            a.finding.title,
            a.finding.message,
            a.answer.reason,
            a.answer.answered_by_name,
            a.answer.answered_at,
            a.answer.review_on,
        )
        for a in state.answered
    ]

    return {
        "sections": list(SECTIONS),
        "snapshot": snapshot,
        "is_today": stand == timezone.localdate(),
        "diagram_svg": svg,
        "diagram_error": svg_error,
        "diagram_alt": diagram_alt(snapshot),
        "diagram_caption": (
            f"De gremia van {region.name} en hun relaties op {date_format(stand, 'j F Y')}."
        ),
        "legend": dot.legend_items(),
        "bodies": bodies,
        "relations": relations,
        "findings": findings,
        "answered": answered,
        "check_legend": [
            {
                "title": str(c.title),
                "severity_label": str(SEVERITY_LABELS[c.severity]),
                "explanation": str(c.explanation),
            }
            for c in CHECKS
        ],
    }

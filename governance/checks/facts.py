"""What a finding is about (its *subject*) and a fingerprint of the facts behind it (its
*facts*), so that a secretary's answer to a finding ("bewust zo ingericht") holds exactly while
those facts are unchanged.

Subjects (stable keys, independent of the wording of the message):

- ``body:12`` — a finding about one body (the default for a rule that names one body);
- ``bodies:3,7`` — a finding about several bodies that names no subject of its own;
- ``theme:4`` — a theme decided at more than one table (``bodies:…`` would let one answer
  cover two themes decided at the same tables);
- ``municipality:5`` / ``organisation:9`` — a municipality nowhere represented, a chosen
  partner at no table;
- ``region`` — a finding about the region as a whole.

The fingerprint is computed from the structure the rules already loaded (no query per
finding). It covers, per body the finding concerns: the body itself, its current mandates,
its current memberships (with the person's office and organisation as loaded), every
relation from or to it (with whether it is current on the day) and its framework when that
was loaded. A municipality's finding covers the municipality and the memberships that seat
it; a partner's finding the partner choice, the organisation and the memberships that seat
it or its people; a region-wide finding the shape of the region's bodies (level, status,
established and dissolved dates).

Each object contributes its primary key, its ``version`` *and* the values of the fields that
were loaded: the admin saves bodies, municipalities and organisations without bumping
``version``, so the version alone would miss such an edit; the values catch it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.db import models

from governance.checks.base import Finding, period_contains
from governance.checks.structure import _Structure

FACTS_LENGTH = 16

#: Fields added after answers were first given, left out of the fingerprint while empty: an
#: answer given before the field existed keeps holding until the field gets a value
#: (``evaluate_before``, "evalueren vóór": migration 0008).
OMITTED_WHEN_EMPTY = frozenset({"evaluate_before"})


def subject_of(finding: Finding) -> str:
    """The finding's subject: the one its rule named, else derived from its bodies."""
    if finding.subject:
        return finding.subject
    if len(finding.body_ids) == 1:
        return f"body:{finding.body_ids[0]}"
    if finding.body_ids:
        return "bodies:" + ",".join(str(pk) for pk in sorted(finding.body_ids))
    return "region"


def _values(obj: models.Model | None) -> tuple:
    """pk, version and every loaded concrete field of ``obj`` (deferred fields are skipped:
    reading them would cost a query; so are the empty fields of ``OMITTED_WHEN_EMPTY``)."""
    if obj is None:
        return ()
    deferred = obj.get_deferred_fields()
    return (
        type(obj).__name__,
        obj.pk,
        tuple(
            (f.attname, str(value))
            for f in obj._meta.concrete_fields
            if f.attname not in deferred
            for value in (getattr(obj, f.attname),)
            if not (value is None and f.attname in OMITTED_WHEN_EMPTY)
        ),
    )


def _member(m) -> tuple:
    person = m.person if m.person_id else None
    return (_values(m), _values(person))


def _body_facts(s: _Structure, body_id: int, bodies: dict[int, models.Model]) -> tuple:
    body = bodies.get(body_id)
    framework = ()
    if body is not None and "framework" in body._state.fields_cache:
        framework = _values(body.framework)
    relations = sorted(
        (_values(r), period_contains(r.valid_from, r.valid_to, s.on))
        for r in s.relations
        if body_id in (r.source_id, r.target_id)
    )
    return (
        _values(body),
        framework,
        sorted(_values(m) for m in s.mandates.get(body_id, ())),
        sorted(_member(m) for m in s.members.get(body_id, ())),
        relations,
    )


def _seats(s: _Structure, keep) -> list:
    return sorted(_member(m) for members in s.members.values() for m in members if keep(m))


def _facts(s: _Structure, finding: Finding, subject: str, bodies: dict) -> tuple:
    kind, _sep, key = subject.partition(":")
    if kind == "municipality":
        pk = int(key)
        municipality = next((m for m in s.municipalities if m.pk == pk), None)
        return (_values(municipality), _seats(s, lambda m: m.municipality_id == pk))
    if kind == "organisation":
        pk = int(key)
        partner = next((p for p in s.partners if p.organisation_id == pk), None)
        return (
            _values(partner),
            _values(partner.organisation if partner else None),
            _seats(
                s,
                lambda m: (
                    m.organisation_id == pk or (m.person_id and m.person.organisation_id == pk)
                ),
            ),
        )
    if finding.body_ids:
        return tuple(_body_facts(s, pk, bodies) for pk in sorted(finding.body_ids))
    return tuple(
        (b.pk, b.level, b.status, str(b.established_on), str(b.dissolved_on)) for b in s.bodies
    )


def fingerprint(parts: Iterable) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:FACTS_LENGTH]


def with_subject_and_facts(s: _Structure, findings: Iterable[Finding]) -> list[Finding]:
    """The findings with their subject and facts filled in."""
    from dataclasses import replace

    bodies = {b.pk: b for b in s.bodies}
    result = []
    for finding in findings:
        subject = subject_of(finding)
        facts = fingerprint((finding.check, subject, _facts(s, finding, subject, bodies)))
        result.append(replace(finding, subject=subject, facts=facts))
    return result

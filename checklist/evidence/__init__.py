"""Derived evidence: facts computed from the register, shown next to the secretary's judgement.

``derived_evidence(region, on=None) -> dict[str, list[Fact]]`` is keyed by item code. Every
``Fact`` says in Dutch what it counts, whether it is positive evidence for realisation
(``supports``) and where in the register it can be checked (``url``). ``mismatches`` lists the
codes judged *gerealiseerd* or *geborgd* while the register offers no supporting fact.

Cost: the register is read in a fixed number of queries for the whole region (bodies with
their meeting counts, current memberships, current mandates, themes, partners,
municipalities, actions, knelpunten, cost lines, plus the structure checks), then every rule
works in Python on that data — a region of 300 bodies costs as many queries as one of 3.

Dates: bodies, memberships, mandates and meetings follow ``on`` (default today). The
werkagenda, themes, chosen partners and cost lines have no history of their own in the
register; their facts describe the current state.

The rules (code → what it counts):

- I1  active bestuurlijk bodies with a current mandate; their meetings vs the planned number
- I2  active tactical bodies
- I3  active operational bodies
- I4  themes of the region with an afwegingskader (and those without)
- I5  chosen partners seated in an active body (as organisation or through an employee)
- A1.2 knelpunten recorded, per theme
- A2.1 active tactical bodies now vs a year earlier (simplification of the landscape)
- A2.3 active tactical bodies with a written basis (convenant, GR, ...)
- A3.1 active casusoverleggen (kind *uitvoerings- of casusoverleg*) and their meetings
- A3.3 actions on the actielijst with a bestuurlijk trekker; actions completed in 12 months
- A3.4 active operational bodies with a written basis
- A4.1 case reflections held in the last two quarters; Stamtafel conclusions of the last year
      and how many were followed up (provided by ``casereflection.followup``)
- A4.2 reflections in the last two quarters with a delegation of the other sub-regions
      (provided by ``casereflection.followup``)
- O1  the werkagenda: actions with a trekker, knelpunten per theme, recorded mandates of
      tactical and operational bodies with a source document
- O3  the overview of knelpunten, per theme (the first half of the output)
- O4  cost lines of active bodies with a recorded funder (who pays what)
- M1  structure-check findings of high severity
- M6  active bodies and meetings held in the last 12 months vs the 12 months before
- U3  municipalities not represented in any active body

The package:

- :mod:`~checklist.evidence.base` — :class:`Fact`, ``register_provider`` and the shared helpers;
- :mod:`~checklist.evidence.register` — the register loaded once for the region (``_load``);
- the facts per stage: :mod:`~checklist.evidence.inputs`, :mod:`~checklist.evidence.activities`,
  :mod:`~checklist.evidence.outputs`, :mod:`~checklist.evidence.mechanisms`,
  :mod:`~checklist.evidence.outcomes` (also ``unrepresented_municipality_ids``);
- :mod:`~checklist.evidence.run` — ``RULES``, ``derived_evidence`` and ``mismatches``.

Callers import the module they need; this package re-exports nothing.
"""

"""National-scale data generator (issue 8): ``manage.py generate_national --scale N --seed S``.

At scale 1 it builds 25 fictitious regions with about 342 municipalities, as VNG would have them
in one installation; scale 10 builds 250. Per region:

- 2–5 sub-regions and 6–25 municipalities (the total is 342 per 25 regions);
- regional partner organisations (chosen partners) and the national organisations, which are
  shared reference data: looked up by name and reused, created once when missing;
- the four national priority themes and 1–3 own themes (``RegionTheme``, with a weighing text);
- persons: a burgemeester and a wethouder per municipality (``Person.office`` set), some of
  whom replaced a predecessor whose seats ended then, directors of the partners, an
  independent chair, the netwerksecretaris, advisers and three trained gespreksleiders;
- 12–30 bodies over the three levels: the main administrative table (a Stamtafel or
  Bestuurlijke netwerktafel with decision power and mandates), DVOs per sub-region, the
  Vergadering van gemeenten Veilig Thuis, a GR with BAC and AB, portfolio holders, the
  advies- en implementatieoverleg, the regiegroep gedwongen zorg, working groups, project
  teams and casus overleggen; at least one body was dissolved (a stuurgroep that went into the
  main table, a finished project team, …) and a few are proposed;
- mandates, memberships and relations between the bodies, ended with their body;
- knelpunten per theme and about 150 actions over voorraad / actie / gereed, with trekker (a
  current seat of an administrator in an active body), owner, owning body, coalition, due
  dates and the action log (aangemaakt, verplaatsing, voortgang) over two years;
- two years of meetings of every body at its ``meeting_frequency_per_year`` (three years for
  the main table, so that every Stamtafel conclusion has its agenda item), with agenda items
  and outcomes, and the next three months planned;
- the checklist: an assessment of every item of the current framework for the region, and of
  every per-gemeente item for every municipality, with statuses that improve over time, and
  four peilmomenten (``Snapshot`` + ``SnapshotScore``) over the last two years;
- twelve case reflections (the quarters of the last three years, the sub-regions taking turns,
  mostly *opgevolgd*) with Stamtafel conclusions, each linked to the agenda item of the
  meeting that concluded and to its action on the werkagenda.

**No history.** Everything is written with ``bulk_create``: generated data is not anyone's
change, so django-simple-history records nothing for it (the history pages of generated objects
start empty). ``ActionUpdate.created_at`` (``auto_now_add``) gets the day of the update, as
the demo does, so that "recent changes" do not fill up with two years of generated log.

**Same rows as the services.** The checklist freeze service (``snapshot_freeze``) copies the
*live* assessments, so it cannot file four peilmomenten with different statuses without
rewriting the assessments three times; the generator bulk-creates the same rows it would
(one region-level score per item of the current framework, one per municipality for the
per-gemeente items). Conclusions get their action the way ``conclusion_save`` makes it (list
*actie*, trekker = the aanspreekpunt, origin casusreflectie, ``origin_agenda_item``), and
actions moved to the actielijst satisfy the werkagenda's list rules on the day of the move.
Nothing calls ``full_clean``; the data satisfies the model rules (the tests check them).

**Deterministic.** Names and sizes come from ``random.Random(seed)`` (planned in blocks of
25 regions, so that the first 25 regions of scale 10 are the regions of scale 1), each
region's content from its own ``random.Random`` (seed and region number); dates are relative
to ``anchor`` (default today), never to the clock. The same seed and anchor give the same
data; the global ``random`` is never used.

**Round trips.** Per region one ``bulk_create`` per model (Django splits a very large one into
batches), one ``bulk_update`` (the conclusions' actions get their agenda item) and nothing
per object. The whole run is one transaction.

Names are fictitious: places are made of invented syllables ("Merkelveen", "Oost-Bolderwaard"),
persons combine common first names with invented surnames. Generated regions have slugs
starting with ``nat-``; ``replace=True`` deletes those regions (and only those) first.

The package: :mod:`~bench.national.generate` (``generate``, ``plan_regions``) drives
:class:`~bench.national.builder.RegionBuilder`, whose parts are built by subject in
:mod:`~bench.national.register`, :mod:`~bench.national.bodies`, :mod:`~bench.national.seats`,
:mod:`~bench.national.relations`, :mod:`~bench.national.werkagenda`,
:mod:`~bench.national.meetings`, :mod:`~bench.national.reflections` and
:mod:`~bench.national.assessments`; sizes and helpers are in :mod:`~bench.national.common`, the
specs that name the app's choices in :mod:`~bench.national.specs`, and the fictitious names and
words in ``words.json`` (read by :mod:`~bench.national.words`). Callers import the module they
need; this package re-exports nothing.
"""

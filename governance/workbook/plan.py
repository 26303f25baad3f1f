"""From a parsed workbook to a plan: what would be added, changed (old → new per field) and
ended, checked cell by cell against the region as it is now.

Rows map back to objects by the hidden id (only objects of this region: an id of another
region, or of another kind, is refused). References name rows of the other sheets (a person by
the *sleutel*), a sub-region or theme by its name, an organisation by the name of a row of
*Organisaties* or of a national organisation. New and changed rows are checked by the models'
own validation (``clean_fields`` and ``clean``) on unsaved instances with the references of the
workbook; unchanged rows are not checked again (they are as saved).

Rows missing from a *werkmap* (not from a *sjabloon*): memberships, mandates and relations end
on the day of confirmation; municipalities, organisations, persons, frameworks and bodies stay
(a body ends only via its own page). The plan is a JSON-ready dict (kept in the session between
preview and confirmation; see ``governance.views.workbook``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from itertools import count

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _

from governance.constants import CHAIR_ROLES, BodyStatus
from governance.models import (
    Body,
    BodyRelation,
    Framework,
    Mandate,
    Membership,
    Municipality,
    Organisation,
    Person,
    Region,
    SubRegion,
    Theme,
)
from governance.workbook import layout
from governance.workbook.export import person_keys
from governance.workbook.layout import (
    BOOL,
    CODE,
    DATE,
    KEY,
    KIND_TEMPLATE,
    NO,
    R_ORGANISATION,
    R_SUBREGION,
    R_THEME,
    REF,
    ROLES,
    SHEETS,
    YES,
    Column,
    Sheet,
    code_label,
)
from governance.workbook.parse import (
    CellError,
    ParsedWorkbook,
    Row,
    WorkbookRefused,
    whole_file_error,
)
from governance.workbook.stamp import region_stamp

REGION_MODELS = (Municipality, Organisation, Person, Framework, Body)
ADD, CHANGE, END = "toegevoegd", "gewijzigd", "beëindigd"

STALE = (
    "De regio is gewijzigd sinds u de werkmap downloadde; download een nieuwe werkmap en breng "
    "uw wijzigingen daarin aan."
)


@dataclass
class Op:
    sheet: str
    row: int | None
    action: str
    label: str
    id: int | None = None
    version: int | None = None
    key: str | None = None
    values: dict = field(default_factory=dict)
    refs: dict = field(default_factory=dict)
    changes: list = field(default_factory=list)  # [header, old, new]


def existing_objects(region: Region) -> dict[str, dict[int, object]]:
    """Every object of the workbook's sheets, per sheet by id (one query per sheet)."""
    querysets = {
        "Gemeenten": Municipality.objects.filter(region=region).select_related("sub_region"),
        "Organisaties": Organisation.objects.filter(region=region),
        "Personen": Person.objects.filter(region=region).select_related("organisation"),
        "Kaders": Framework.objects.filter(region=region),
        "Gremia": Body.objects.filter(region=region).select_related("framework"),
        "Mandaten": Mandate.objects.filter(body__region=region).select_related(
            "body", "theme", "organisation"
        ),
        "Lidmaatschappen": Membership.objects.filter(body__region=region).select_related(
            "body", "person", "organisation", "municipality", "on_behalf_of_body"
        ),
        "Relaties": BodyRelation.objects.filter(source__region=region).select_related(
            "source", "target"
        ),
    }
    return {name: {obj.pk: obj for obj in qs} for name, qs in querysets.items()}


def _display(column: Column, value) -> str:
    if value in (None, "", []):
        return "—"
    if column.kind == CODE:
        return code_label(column.choices, value)
    if column.kind == ROLES:
        return ", ".join(code_label(column.choices, v) for v in value)
    if column.kind == DATE:
        return value.strftime("%d-%m-%Y")
    if column.kind == BOOL:
        return YES if value else NO
    if column.kind == REF:
        return getattr(value, "name", str(value))
    return str(value)


def _json(value):
    return value.isoformat() if isinstance(value, date) else value


def _clone(obj):
    model = type(obj)
    return model(**{f.attname: getattr(obj, f.attname) for f in model._meta.concrete_fields})


def _same(column: Column, old, new) -> bool:
    if column.kind == REF:
        return (old.pk if old is not None else None) == (new.pk if new is not None else None)
    if column.kind == ROLES:
        return sorted(old or []) == sorted(new or [])
    if isinstance(old, str) or isinstance(new, str):
        return (old or "").strip() == (new or "").strip()
    return old == new


def row_label(sheet: Sheet, values: dict) -> str:
    def name(v):
        return getattr(v, "name", "") if v is not None else ""

    if sheet.name == "Mandaten":
        power = sheet.column_for("power")
        power_label = _display(power, values.get("power"))
        return f"{name(values.get('body'))}: {power_label} — {values.get('subject', '')}"
    if sheet.name == "Lidmaatschappen":
        role = sheet.column_for("role")
        who = " · ".join(
            n
            for n in (
                name(values.get("person")),
                name(values.get("organisation")),
                name(values.get("municipality")),
            )
            if n
        )
        return f"{name(values.get('body'))}: {who or '—'} ({_display(role, values.get('role'))})"
    if sheet.name == "Relaties":
        kind = sheet.column_for("kind")
        return (
            f"{name(values.get('source'))} {_display(kind, values.get('kind'))} "
            f"{name(values.get('target'))}"
        )
    return str(values.get("name", ""))


class _Builder:
    def __init__(self, region: Region, parsed: ParsedWorkbook, today: date):
        self.region = region
        self.parsed = parsed
        self.today = today
        self.template = parsed.meta.get("soort") == KIND_TEMPLATE
        self.errors: list[CellError] = []
        self.ops: list[Op] = []
        self.notes: list[str] = []
        self.temp_ids = count(-1, -1)
        self.existing = existing_objects(region)
        self.subregions = {s.name: s for s in SubRegion.objects.filter(region=region)}
        self.themes = {t.name: t for t in Theme.objects.all()}
        self.national = {o.name: o for o in Organisation.objects.filter(region__isnull=True)}
        # sheet → key → instance (None: the row has errors of its own)
        self.by_key: dict[str, dict[str, object | None]] = {s.name: {} for s in SHEETS}
        self.seen_ids: dict[str, set[int]] = {s.name: set() for s in SHEETS}
        self._existing_keys: dict[str, dict[str, object]] = {}

    def error(self, sheet: Sheet, row: Row | None, column: Column | None, message: str):
        self.errors.append(
            CellError(
                sheet.name,
                row.number if row else None,
                sheet.letter(column) if column else None,
                column.header if column else None,
                message,
            )
        )

    # references -------------------------------------------------------------------------
    def resolve(self, sheet: Sheet, row: Row, column: Column, name: str):
        """(instance or None, ok)."""
        if not name:
            return None, True
        target = column.target
        if target == R_SUBREGION:
            found = self.subregions.get(name)
            if found is None:
                self.error(
                    sheet,
                    row,
                    column,
                    _("Onbekende subregio ‘%s’; subregio's legt u vast op de regiopagina.") % name,
                )
                return None, False
            return found, True
        if target == R_THEME:
            found = self.themes.get(name)
            if found is None:
                self.error(sheet, row, column, _("Onbekend thema ‘%s’; kies uit de lijst.") % name)
                return None, False
            return found, True
        keys = self.by_key[target]
        if name in keys:
            found = keys[name]
            return found, found is not None
        if target == R_ORGANISATION and name in self.national:
            return self.national[name], True
        if self.template:
            # A template adds to the region: it may name what the region holds already.
            found = self.existing_by_key(target).get(name)
            if found is not None:
                return found, True
        what = {
            "Gemeenten": _("gemeente"),
            "Organisaties": _("organisatie"),
            "Personen": _("persoon"),
            "Kaders": _("kader"),
            "Gremia": _("gremium"),
        }[target]
        self.error(
            sheet,
            row,
            column,
            _("Onbekende %(what)s ‘%(name)s’: die staat niet in het werkblad %(sheet)s.")
            % {"what": what, "name": name, "sheet": target},
        )
        return None, False

    def existing_by_key(self, sheet_name: str) -> dict[str, object]:
        if sheet_name not in self._existing_keys:
            objects = list(self.existing[sheet_name].values())
            if sheet_name == "Personen":
                keys = person_keys(objects)
                self._existing_keys[sheet_name] = {keys[o.pk]: o for o in objects}
            else:
                self._existing_keys[sheet_name] = {o.name: o for o in objects}
        return self._existing_keys[sheet_name]

    # rows -------------------------------------------------------------------------------
    def key_of(self, sheet: Sheet, row: Row) -> str | None:
        if sheet.key_field is None:
            return None
        if sheet.key_field == "key":
            return row.values.get("key") or row.values.get("name") or None
        return row.values.get(sheet.key_field) or None

    def run(self) -> None:
        for sheet in SHEETS:
            self.sheet(sheet)
            if not self.template:
                self.missing(sheet)

    def sheet(self, sheet: Sheet) -> None:
        rows = self.parsed.rows.get(sheet.name, [])
        key_rows: dict[str, int] = {}
        id_rows: dict[int, int] = {}
        matched_names: set[str] = set()
        existing_names = (
            {o.name for o in self.existing[sheet.name].values()}
            if sheet.key_field == "name"
            else set()
        )
        for row in rows:
            if (
                row.id is not None
                and row.id in self.existing[sheet.name]
                and sheet.key_field == "name"
            ):
                matched_names.add(self.existing[sheet.name][row.id].name)
        for row in rows:
            key = self.key_of(sheet, row)
            key_column = sheet.column_for("key" if sheet.key_field == "key" else "name")
            if key is not None:
                if key in key_rows:
                    self.error(
                        sheet,
                        row,
                        key_column,
                        _("‘%(key)s’ staat al in rij %(row)s; elke %(what)s staat er één keer in.")
                        % {"key": key, "row": key_rows[key], "what": sheet.label},
                    )
                    self.by_key[sheet.name].setdefault(key, None)
                    continue
                key_rows[key] = row.number
            obj = None
            if row.id is not None:
                obj = self.existing[sheet.name].get(row.id)
                if obj is None:
                    self.errors.append(
                        CellError(
                            sheet.name,
                            row.number,
                            "A",
                            "id",
                            _(
                                "De verborgen id %(id)s is geen %(what)s van deze regio. Maak "
                                "de cel leeg als dit een nieuwe rij is."
                            )
                            % {"id": row.id, "what": sheet.label},
                        )
                    )
                    if key:
                        self.by_key[sheet.name][key] = None
                    continue
                if row.id in id_rows:
                    self.errors.append(
                        CellError(
                            sheet.name,
                            row.number,
                            "A",
                            "id",
                            _(
                                "Deze rij heeft dezelfde verborgen id als rij %s (gekopieerd?). "
                                "Maak de cel in kolom A leeg voor een nieuwe rij."
                            )
                            % id_rows[row.id],
                        )
                    )
                    if key:
                        self.by_key[sheet.name][key] = None
                    continue
                id_rows[row.id] = row.number
                self.seen_ids[sheet.name].add(row.id)
            if row.bad:
                if key:
                    self.by_key[sheet.name][key] = None
                continue
            if (
                obj is None
                and sheet.key_field == "name"
                and key
                and key not in matched_names
                and key in existing_names
            ):
                self.error(
                    sheet,
                    row,
                    key_column,
                    _(
                        "%(what)s ‘%(key)s’ bestaat al in de regio. Gebruik de rij met de "
                        "verborgen id uit een nieuwe werkmap in plaats van een nieuwe rij."
                    )
                    % {"what": sheet.label.capitalize(), "key": key},
                )
                self.by_key[sheet.name][key] = None
                continue
            instance = self.row(sheet, row, obj, key)
            if key:
                self.by_key[sheet.name][key] = instance

    def row(self, sheet: Sheet, row: Row, obj, key):
        model = sheet.model
        if obj is not None:
            instance = _clone(obj)
        else:
            instance = model()
            instance.pk = next(self.temp_ids)
            if model in REGION_MODELS:
                instance.region = self.region
        resolved: dict = {}
        refs: dict = {}
        values: dict = {}
        ok = True
        # A column a workbook of an older version does not have (Column.since) is absent from
        # ``row.values``: the object keeps what it has.
        columns = [c for c in sheet.columns if c.kind != KEY and c.field in row.values]
        for column in columns:
            value = row.values.get(column.field)
            if column.kind == REF:
                target, found = self.resolve(sheet, row, column, value)
                ok = ok and found
                resolved[column.field] = target
                setattr(instance, column.field, target)
                if target is None:
                    refs[column.field] = None
                elif target.pk > 0:
                    refs[column.field] = ["id", target.pk]
                else:
                    refs[column.field] = ["row", column.target, value]
                continue
            if value is None:
                model_field = model._meta.get_field(column.field)
                if model_field.has_default():
                    value = model_field.get_default()
                elif column.kind not in (DATE, "int"):
                    value = ""
            resolved[column.field] = value
            values[column.field] = _json(value)
            setattr(instance, column.field, value)
        if not ok:
            return None
        label = row_label(sheet, resolved)
        changes = []
        if obj is not None:
            for column in columns:
                old = getattr(obj, column.field)
                new = resolved[column.field]
                if not _same(column, old, new):
                    changes.append([column.header, _display(column, old), _display(column, new)])
            if not changes:
                return instance
        if not self.validate(sheet, row, instance, obj):
            return None
        self.ops.append(
            Op(
                sheet=sheet.name,
                row=row.number,
                action=CHANGE if obj is not None else ADD,
                label=label,
                id=obj.pk if obj is not None else None,
                version=obj.version if obj is not None else None,
                key=key,
                values=values,
                refs=refs,
                changes=changes,
            )
        )
        return instance

    def validate(self, sheet: Sheet, row: Row, instance, obj) -> bool:
        before = len(self.errors)
        fk_fields = [f.name for f in sheet.model._meta.concrete_fields if f.is_relation]
        try:
            instance.clean_fields(exclude=[*fk_fields, "id", "version"])
            instance.clean()
        except ValidationError as exc:
            for field_name, messages in exc.message_dict.items():
                column = sheet.column_for(field_name) if field_name != NON_FIELD_ERRORS else None
                for message in messages:
                    self.error(sheet, row, column, message)
        if sheet.model is Membership and instance.role in CHAIR_ROLES and instance.person is None:
            self.error(
                sheet,
                row,
                sheet.column_for("person"),
                _("Een voorzitter is een persoon: vul de kolom Persoon in."),
            )
        if sheet.model is Body:
            old_status = obj.status if obj is not None else None
            old_dissolved = obj.dissolved_on if obj is not None else None
            if (instance.status == BodyStatus.OPGEHEVEN and old_status != BodyStatus.OPGEHEVEN) or (
                instance.dissolved_on != old_dissolved
            ):
                self.error(
                    sheet,
                    row,
                    sheet.column_for("status"),
                    _(
                        "Een gremium heft u op via de pagina van het gremium (Opheffen); de "
                        "werkmap verandert de status ‘opgeheven’ en de datum van opheffing niet."
                    ),
                )
        return len(self.errors) == before

    # rows that are gone -----------------------------------------------------------------
    def missing(self, sheet: Sheet) -> None:
        gone = [
            obj
            for pk, obj in sorted(self.existing[sheet.name].items())
            if pk not in self.seen_ids[sheet.name]
        ]
        if not gone:
            return
        if sheet.period is None:
            names = ", ".join(sorted(str(o) for o in gone)[:10])
            more = len(gone) - 10
            self.notes.append(
                _(
                    "%(sheet)s: %(n)s niet meer in de werkmap (%(names)s%(more)s). Die blijven "
                    "in het portaal bestaan; de werkmap verwijdert niets."
                )
                % {
                    "sheet": sheet.name,
                    "n": len(gone),
                    "names": names,
                    "more": _(" en nog %s") % more if more > 0 else "",
                }
            )
            if sheet.name == "Gremia":
                self.notes.append(
                    _("Een gremium heft u op via de pagina van het gremium (Opheffen).")
                )
            return
        start_field, end_field = sheet.period
        end_column = sheet.column_for(end_field)
        for obj in gone:
            start, end = getattr(obj, start_field), getattr(obj, end_field)
            if end is not None and end <= self.today:
                continue  # ended already; it stays in the history
            values = {c.field: getattr(obj, c.field) for c in sheet.columns}
            label = row_label(sheet, values)
            if start is not None and start >= self.today:
                self.errors.append(
                    CellError(
                        sheet.name,
                        None,
                        None,
                        None,
                        _(
                            "%(label)s staat niet meer in de werkmap, maar begint pas op "
                            "%(date)s; beëindigen kan dus niet. Zet de rij terug of pas het "
                            "aan op de pagina van het gremium."
                        )
                        % {"label": label, "date": start.strftime("%d-%m-%Y")},
                    )
                )
                continue
            self.ops.append(
                Op(
                    sheet=sheet.name,
                    row=None,
                    action=END,
                    label=label,
                    id=obj.pk,
                    version=obj.version,
                    changes=[
                        [
                            end_column.header,
                            _display(end_column, end),
                            _display(end_column, self.today),
                        ]
                    ],
                )
            )


def build_plan(region: Region, parsed: ParsedWorkbook, *, today: date) -> dict:
    """The plan for ``parsed`` against ``region`` now; raises :class:`WorkbookRefused` with
    every problem (the stale stamp and a workbook of another region first, alone)."""
    meta = parsed.meta
    if meta.get("regio") != region.slug:
        raise whole_file_error(
            _(
                "Deze werkmap hoort bij een andere regio (‘%(other)s’). Download de "
                "werkmap of het sjabloon van %(region)s."
            )
            % {"other": meta.get("regio"), "region": region.name}
        )
    stamp = region_stamp(region)
    if meta.get("stempel") != stamp:
        raise whole_file_error(_(STALE))
    builder = _Builder(region, parsed, today)
    builder.run()
    if builder.errors:
        raise WorkbookRefused(builder.errors)
    if len(builder.ops) > layout.MAX_CHANGES:
        raise whole_file_error(
            _(
                "Deze werkmap voegt %(n)s rijen toe, wijzigt of beëindigt ze; in één upload kan "
                "dat voor hoogstens %(max)s. Verdeel de wijzigingen over meer uploads: upload "
                "een deel, bevestig, download de werkmap opnieuw en ga verder."
            )
            % {
                "n": f"{len(builder.ops):,}".replace(",", "."),
                "max": f"{layout.MAX_CHANGES:,}".replace(",", "."),
            }
        )
    return {
        "region": region.pk,
        "stamp": stamp,
        "kind": meta.get("soort"),
        "ops": [asdict(op) for op in builder.ops],
        "notes": builder.notes,
    }


def plan_summary(plan: dict) -> list[dict]:
    """Per sheet (in workbook order): the ops grouped by action, for the preview."""
    summary = []
    for sheet in SHEETS:
        ops = [op for op in plan["ops"] if op["sheet"] == sheet.name]
        if not ops:
            continue
        summary.append(
            {
                "sheet": sheet.name,
                "added": [op for op in ops if op["action"] == ADD],
                "changed": [op for op in ops if op["action"] == CHANGE],
                "ended": [op for op in ops if op["action"] == END],
            }
        )
    return summary

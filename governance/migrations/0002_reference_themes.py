from django.db import migrations

# (name, national priority, order, short description in our own words)
THEMES = [
    ("Aanpak van acute onveiligheid", True, 1,
     "Direct ingrijpen en samenwerken wanneer iemand of zijn omgeving acuut onveilig is."),
    ("Handelingsperspectief van autonomie tot dwang", True, 2,
     "Van vrijwillige hulp tot verplichte zorg: wat kan en mag wanneer iemand hulp afwijst."),
    ("Passende woon(zorg)plek", True, 3,
     "Een woonplek met de zorg en begrenzing die iemand nodig heeft, ook na opname of detentie."),
    ("Maatschappelijk herstel", True, 4,
     "Terugkeer naar een gewoon leven: wonen, werk of dagbesteding, inkomen en netwerk."),
    ("Personen met verward of onbegrepen gedrag", False, 10, ""),
    ("Huiselijk geweld en kindermishandeling", False, 11, ""),
    ("Mensenhandel", False, 12, ""),
    ("Nazorg (ex-)gedetineerden", False, 13, ""),
    ("Beschermd wonen en maatschappelijke opvang", False, 14, ""),
    ("Licht verstandelijke beperking (LVB)", False, 15, ""),
    ("Jeugd", False, 16, ""),
    ("Alcohol en drugs", False, 17, ""),
    ("Gedwongen zorg (Wvggz/Wzd)", False, 18, ""),
    ("Samenwerking met zorgverzekeraars", False, 19, ""),
    ("Personen met gevaarlijk gedrag", False, 20, ""),
    ("Ondermijning en jeugdcriminaliteit", False, 21, ""),
]


def load(apps, schema_editor):
    Theme = apps.get_model("governance", "Theme")
    for name, priority, order, description in THEMES:
        Theme.objects.update_or_create(
            name=name,
            defaults={"national_priority": priority, "order": order, "description": description},
        )


def unload(apps, schema_editor):
    Theme = apps.get_model("governance", "Theme")
    Theme.objects.filter(name__in=[t[0] for t in THEMES], bodies=None, mandates=None).delete()


class Migration(migrations.Migration):
    dependencies = [("governance", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]

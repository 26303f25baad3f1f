"""The shared cache's table (``zv_cache``) when the cache is the database (CACHE_URL unset or
``db``; docs/architecture.md "What is kept between requests"). With Redis/Valkey, or local
memory in the tests, there is nothing to create."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]

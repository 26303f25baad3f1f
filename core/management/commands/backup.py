"""``manage.py backup [--output FILE]``: the database and the uploaded documents in one file
(core/backup.py, docs/operations.md). ``make backup`` runs it."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Maak een back-up van de database en de documenten in één bestand."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            help="het bestand (standaard: BACKUP_DIR/zv-portaal-<tijd>.tar)",
        )
        parser.add_argument("--database", default="default", help="de database (alias)")

    def handle(self, *args, **options):
        try:
            path, manifest = create_backup(options["output"], using=options["database"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        files = len(manifest["members"]) - 1
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"Back-up gemaakt: {path} ({manifest['vendor']}, {len(manifest['tables'])} tabellen, "
            f"{rows} rijen, {files} documenten)"
        )

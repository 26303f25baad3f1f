"""``manage.py restore FILE [--replace] [--check]``: put a backup of ``manage.py backup`` back
(core/backup.py, docs/operations.md). ``make restore FILE=...`` runs it.

Into an empty database and an empty media folder; a database with rows or a folder with files
only with ``--replace``. A damaged file, a backup of another database vendor or of a newer
version of the portal is refused, and a refusal changes nothing. ``--check`` only reads the file
and checks every checksum."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, restore_backup, verify_backup


class Command(BaseCommand):
    help = "Zet een back-up terug (database en documenten)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="het back-upbestand")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="vervang een database met gegevens en een map met documenten",
        )
        parser.add_argument(
            "--check", action="store_true", help="alleen controleren, niets terugzetten"
        )
        parser.add_argument("--database", default="default", help="de database (alias)")

    def handle(self, *args, **options):
        try:
            if options["check"]:
                manifest = verify_backup(options["file"])
                self.stdout.write(
                    f"Back-up in orde: {manifest['vendor']}, gemaakt {manifest['created_at']}, "
                    f"{len(manifest['members'])} bestanden gecontroleerd."
                )
                return
            result = restore_backup(
                options["file"], using=options["database"], replace=options["replace"]
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Teruggezet: back-up van {result.manifest['created_at']}, {result.tables} tabellen "
            f"({result.rows} rijen, telling gecontroleerd), {result.files} documenten."
        )
        if result.older_schema:
            self.stdout.write(
                "De back-up komt van een oudere versie van het portaal: voer nu "
                "'manage.py migrate' uit."
            )

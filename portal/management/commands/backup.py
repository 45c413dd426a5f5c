from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management.base import BaseCommand
from django.utils import timezone

from portal import backups


class Command(BaseCommand):
    help = (
        "Writes a backup directory: datenbank.dump (pg_dump, custom format), medien.tar.gz "
        "(MEDIA_ROOT; skipped for object storage) and manifest.json (time, migrations, row "
        "counts, sha256 of each file). Restore with `manage.py restore DIR --yes`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help="Directory to write (must be new or empty). Default: var/backups/<time>/.",
        )

    def handle(self, *args, output: Path | None, **options):
        if output is None:
            stamp = timezone.localtime().strftime("%Y-%m-%d_%H%M%S")
            output = settings.BASE_DIR / "var" / "backups" / stamp
        on_disk = isinstance(default_storage, FileSystemStorage)
        manifest = backups.write_backup(
            output,
            settings.DATABASES["default"],
            Path(settings.MEDIA_ROOT) if on_disk else None,
            self.stdout.write,
        )
        media = manifest["media"]
        self.stdout.write(
            f"{len(manifest['tables'])} tables, {sum(manifest['tables'].values())} rows"
            + (f", {media['files']} media files." if "files" in media else ".")
        )
        self.stdout.write(self.style.SUCCESS(f"Backup written to {output}"))

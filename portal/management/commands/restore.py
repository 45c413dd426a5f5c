from pathlib import Path

import dj_database_url
from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db.migrations.loader import MigrationLoader

from portal import backups


class Command(BaseCommand):
    help = (
        "Restores a directory written by `manage.py backup`: checks the sha256 of every file, "
        "restores the database into an EMPTY PostgreSQL database (or over an existing one with "
        "--replace) in one transaction, unpacks the media and compares the row counts with the "
        "manifest. Stop the web and worker processes first."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)
        parser.add_argument(
            "--database-url",
            help="Target database (postgres://…). Default: the portal's DATABASE_URL.",
        )
        parser.add_argument(
            "--media-root", type=Path, help="Where the media go. Default: MEDIA_ROOT."
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Restore over a database and media directory that are not empty.",
        )
        parser.add_argument(
            "--yes", action="store_true", help="Confirms that the target may be written."
        )

    def handle(self, *args, directory: Path, database_url, media_root, replace, yes, **options):
        database = (
            dj_database_url.parse(database_url) if database_url else settings.DATABASES["default"]
        )
        backups.require_postgresql(database)
        manifest = backups.read_verified_manifest(directory)
        self.stdout.write(f"Checksums match ({', '.join(manifest['files'])}).")
        has_media = backups.MEDIA_FILE in manifest["files"]
        if has_media and not isinstance(default_storage, FileSystemStorage):
            raise CommandError(
                "The backup holds media files, but this portal keeps media in object storage. "
                "Unpack medien.tar.gz into the bucket with its own tools."
            )
        media_root = media_root or Path(settings.MEDIA_ROOT)
        if not yes:
            raise CommandError(
                f"This writes database {database['NAME']} on {database.get('HOST') or 'localhost'}"
                + (f" and {media_root}" if has_media else "")
                + ". Run again with --yes."
            )
        if has_media:
            backups.check_media_target(media_root, replace)

        self.stdout.write(f"Restoring database {database['NAME']} …")
        counts = backups.restore_database(directory, database, replace)
        if has_media:
            files = backups.restore_media(directory, media_root)
            self.stdout.write(
                f"{files} media files unpacked into {media_root} "
                f"(backup: {manifest['media']['files']})."
            )
        else:
            self.stdout.write(
                "The backup has no media files: they are in object storage (restore them from "
                "the bucket's versions)."
            )
        self.report_counts(manifest["tables"], counts)
        self.report_migrations(manifest["migrations"])

    def report_counts(self, expected: dict[str, int], actual: dict[str, int]) -> None:
        width = max(map(len, expected), default=5)
        self.stdout.write(f"{'table':<{width}}  {'backup':>9}  {'restored':>9}")
        differ = []
        for table in sorted(expected.keys() | actual.keys()):
            before, after = expected.get(table, "-"), actual.get(table, "-")
            if before != after:
                differ.append(table)
            mark = "  ≠" if before != after else ""
            self.stdout.write(f"{table:<{width}}  {before:>9}  {after:>9}{mark}")
        if differ:
            raise CommandError(f"Row counts differ from the backup in: {', '.join(differ)}.")
        self.stdout.write(self.style.SUCCESS(f"All {len(expected)} tables match the backup."))

    def report_migrations(self, applied: dict[str, list[str]]) -> None:
        in_backup = {(app, name) for app, names in applied.items() for name in names}
        in_code = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
        if newer := in_code - in_backup:
            self.stdout.write(
                f"This release has {len(newer)} migrations the backup predates: run "
                "`manage.py migrate` against the restored database before starting the portal."
            )
        if unknown := in_backup - in_code:
            self.stdout.write(
                self.style.WARNING(
                    f"The backup comes from a newer release ({len(unknown)} migrations this "
                    "code does not know): deploy that release to use it."
                )
            )

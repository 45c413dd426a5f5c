"""Backups: the PostgreSQL database (pg_dump's custom format), the media files (a tar.gz of
MEDIA_ROOT) and a manifest with checksums, row counts and the migration state.

The row counts and the dump come from one snapshot (pg_dump --snapshot), so a restore can be
checked table by table against the manifest even when the portal was busy during the backup.
Passwords reach pg_dump and pg_restore through PGPASSWORD, never on a command line that every
user of the machine can read in the process list.
"""

import hashlib
import json
import os
import subprocess
import tarfile
from collections.abc import Callable
from pathlib import Path

import psycopg
from django.core.management.base import CommandError
from django.utils import timezone
from psycopg import sql

MANIFEST = "manifest.json"
DATABASE_FILE = "datenbank.dump"
MEDIA_FILE = "medien.tar.gz"
FORMAT = 1


def require_postgresql(database: dict) -> None:
    if "postgresql" not in database.get("ENGINE", ""):
        raise CommandError(
            "Backup and restore work with PostgreSQL only (DATABASE_URL=postgres://…); "
            f"this database is {database.get('ENGINE')}."
        )


def _connection_params(database: dict) -> dict:
    return {
        "dbname": database["NAME"],
        "user": database.get("USER") or None,
        "password": database.get("PASSWORD") or None,
        "host": database.get("HOST") or None,
        "port": database.get("PORT") or None,
        **{k: v for k, v in database.get("OPTIONS", {}).items() if k in {"sslmode"}},
    }


def pg_environment(database: dict) -> dict[str, str]:
    """The environment for pg_dump/pg_restore: the connection in PG* variables."""
    env = dict(os.environ)
    names = {
        "PGDATABASE": database["NAME"],
        "PGUSER": database.get("USER"),
        "PGPASSWORD": database.get("PASSWORD"),
        "PGHOST": database.get("HOST"),
        "PGPORT": database.get("PORT"),
        "PGSSLMODE": database.get("OPTIONS", {}).get("sslmode"),
    }
    for name, value in names.items():
        env.pop(name, None)
        if value:
            env[name] = str(value)
    return env


def row_counts(connection: psycopg.Connection) -> dict[str, int]:
    """Rows of every table in the portal's schema, by table name."""
    tables = connection.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema() ORDER BY c.relname"
    ).fetchall()
    return {
        table: connection.execute(
            sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
        ).fetchone()[0]
        for (table,) in tables
    }


def table_count(connection: psycopg.Connection) -> int:
    """Tables outside PostgreSQL's own schemas: 0 for a freshly created database."""
    return connection.execute(
        "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
        "AND n.nspname NOT LIKE 'pg\\_toast%'"
    ).fetchone()[0]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _run(command: list[str], env: dict[str, str]) -> None:
    # A fixed program and our own arguments, no shell.
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise CommandError(f"{command[0]} failed:\n{result.stderr.strip()}")


def dump_database(database: dict, target: Path) -> dict:
    """pg_dump into `target`; returns the row counts and applied migrations of the same
    snapshot."""
    with psycopg.connect(**_connection_params(database)) as connection:
        connection.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        connection.read_only = True
        # The transaction stays open until pg_dump has taken over its snapshot.
        snapshot = connection.execute("SELECT pg_export_snapshot()").fetchone()[0]
        counts = row_counts(connection)
        migrations: dict[str, list[str]] = {}
        for app, name in connection.execute("SELECT app, name FROM django_migrations ORDER BY id"):
            migrations.setdefault(app, []).append(name)
        _run(
            ["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={target}"],
            pg_environment(database),
        )
    return {"tables": counts, "migrations": migrations}


def archive_media(media_root: Path, target: Path) -> int:
    """Pack every file under MEDIA_ROOT into a tar.gz; returns the number of files."""
    files = sorted(p for p in media_root.rglob("*") if p.is_file() and not p.is_symlink())
    with tarfile.open(target, "w:gz") as archive:
        for path in files:
            archive.add(path, arcname=path.relative_to(media_root).as_posix(), recursive=False)
    return len(files)


def write_backup(
    output: Path, database: dict, media_root: Path | None, say: Callable[[str], None]
) -> dict:
    """Database dump, media archive (None: media are in object storage) and manifest."""
    require_postgresql(database)
    if output.exists() and any(output.iterdir()):
        raise CommandError(f"{output} is not empty; choose a new directory.")
    output.mkdir(parents=True, exist_ok=True)
    output.chmod(0o700)  # the dump holds personal data
    manifest: dict = {"format": FORMAT, "created": timezone.now().isoformat()}

    say(f"Dumping database {database['NAME']} …")
    state = dump_database(database, output / DATABASE_FILE)
    manifest["migrations"] = state["migrations"]
    manifest["tables"] = state["tables"]
    manifest["files"] = {DATABASE_FILE: {"sha256": sha256_of(output / DATABASE_FILE)}}

    if media_root is None:
        say(
            "Media are in object storage (MEDIA_STORAGE=s3): they are not copied here; the "
            "bucket's own versioning and replication keep them."
        )
        manifest["media"] = {"storage": "s3"}
    else:
        say(f"Packing media from {media_root} …")
        count = archive_media(media_root, output / MEDIA_FILE)
        manifest["media"] = {"storage": "filesystem", "files": count}
        manifest["files"][MEDIA_FILE] = {"sha256": sha256_of(output / MEDIA_FILE)}

    (output / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    for path in output.iterdir():
        path.chmod(0o600)
    return manifest


def read_verified_manifest(directory: Path) -> dict:
    """The manifest, after every file it lists matched its sha256."""
    try:
        manifest = json.loads((directory / MANIFEST).read_text())
    except FileNotFoundError:
        raise CommandError(f"{directory} has no {MANIFEST}: not a backup of this portal.") from None
    if manifest.get("format") != FORMAT:
        raise CommandError(f"Unknown backup format {manifest.get('format')!r}.")
    for name, expected in manifest["files"].items():
        path = directory / name
        if not path.is_file():
            raise CommandError(f"{name} is missing from {directory}.")
        if sha256_of(path) != expected["sha256"]:
            raise CommandError(
                f"{name} does not match the sha256 in the manifest: the file is damaged or was "
                "changed. Nothing was restored."
            )
    return manifest


def restore_database(directory: Path, database: dict, replace: bool) -> dict[str, int]:
    """pg_restore into `database` in one transaction; returns its row counts afterwards."""
    require_postgresql(database)
    with psycopg.connect(**_connection_params(database)) as connection:
        existing = table_count(connection)
    if existing and not replace:
        raise CommandError(
            f"Database {database['NAME']} already has {existing} tables. Restore into an empty "
            "database, or add --replace to replace the objects the backup contains."
        )
    command = ["pg_restore", "--no-owner", "--no-privileges", "--single-transaction"]
    if replace:
        command += ["--clean", "--if-exists"]
    _run(
        [*command, f"--dbname={database['NAME']}", str(directory / DATABASE_FILE)],
        pg_environment(database),
    )
    with psycopg.connect(**_connection_params(database)) as connection:
        return row_counts(connection)


def check_media_target(media_root: Path, replace: bool) -> None:
    if not replace and media_root.exists() and any(media_root.iterdir()):
        raise CommandError(
            f"{media_root} is not empty. Restore into an empty media directory, or add "
            "--replace to write the backup's files over it."
        )


def restore_media(directory: Path, media_root: Path) -> int:
    """Unpack the media archive into MEDIA_ROOT; returns the number of files."""
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(directory / MEDIA_FILE, "r:gz") as archive:
        members = [m for m in archive.getmembers() if m.isfile()]
        # The "data" filter refuses absolute paths, "..", links out of the directory, devices.
        archive.extractall(media_root, members=members, filter="data")
    return len(members)

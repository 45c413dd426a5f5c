"""`manage.py backup` and `manage.py restore`: a round trip into a fresh PostgreSQL database
gives the same rows in every table and the same media bytes; damaged backups and occupied
targets are refused."""

import io
import json
import uuid

import psycopg
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from psycopg import sql

from portal.models import Meldung
from tests.portal.fixtures import PDF_BYTES

# pg_dump runs in its own connection: the data must be committed, not in a test transaction.
pytestmark = pytest.mark.django_db(transaction=True)


def _params(name: str) -> dict:
    db = settings.DATABASES["default"]
    return {
        "dbname": name,
        "user": db["USER"] or None,
        "password": db["PASSWORD"] or None,
        "host": db["HOST"] or None,
        "port": db["PORT"] or None,
    }


def _url(name: str) -> str:
    db = settings.DATABASES["default"]
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{name}"


def _counts(conn: psycopg.Connection) -> dict[str, int]:
    tables = conn.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
    ).fetchall()
    return {
        table: conn.execute(
            sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
        ).fetchone()[0]
        for (table,) in tables
    }


@pytest.fixture
def fresh_database():
    """An empty database next to the test database, dropped afterwards."""
    name = f"restore_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(**_params("postgres"), autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield name
    finally:
        with psycopg.connect(**_params("postgres"), autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


@pytest.fixture
def content(make_meldung, make_dokument, citizen):
    make_meldung(titel="Erste Meldung")
    make_meldung(titel="Zweite Meldung")
    return make_dokument(titel="Handreichung")


@pytest.fixture
def backup(tmp_path, content):
    directory = tmp_path / "backup"
    call_command("backup", output=directory, stdout=io.StringIO())
    return directory


def _restore(directory, database: str, media_root, *flags: str) -> str:
    out = io.StringIO()
    call_command(
        "restore",
        str(directory),
        f"--database-url={_url(database)}",
        f"--media-root={media_root}",
        *flags,
        stdout=out,
    )
    return out.getvalue()


def test_a_backup_restores_into_a_fresh_database_with_the_same_rows_and_files(
    backup, content, fresh_database, tmp_path
):
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["tables"]["portal_meldung"] == 2
    assert manifest["media"] == {"storage": "filesystem", "files": 1}
    assert "0001_initial" in manifest["migrations"]["portal"]
    assert {"datenbank.dump", "medien.tar.gz"} == manifest["files"].keys()

    output = _restore(backup, fresh_database, tmp_path / "restored-media", "--yes")

    assert f"All {len(manifest['tables'])} tables match the backup." in output
    with psycopg.connect(**_params(connection.settings_dict["NAME"])) as source:
        source_counts = _counts(source)
    with psycopg.connect(**_params(fresh_database)) as target:
        assert _counts(target) == source_counts
        titles = target.execute("SELECT titel FROM portal_meldung ORDER BY titel").fetchall()
    assert titles == [("Erste Meldung",), ("Zweite Meldung",)]
    assert source_counts["portal_meldung"] == Meldung.objects.count() == 2
    assert (tmp_path / "restored-media" / content.datei.name).read_bytes() == PDF_BYTES


def test_a_changed_archive_is_refused_and_nothing_is_restored(backup, fresh_database, tmp_path):
    archive = backup / "medien.tar.gz"
    data = bytearray(archive.read_bytes())
    data[-1] ^= 0xFF
    archive.write_bytes(bytes(data))

    with pytest.raises(CommandError, match=r"medien\.tar\.gz does not match the sha256"):
        _restore(backup, fresh_database, tmp_path / "restored-media", "--yes")

    with psycopg.connect(**_params(fresh_database)) as target:
        assert _counts(target) == {}
    assert not (tmp_path / "restored-media").exists()


def test_a_database_that_is_not_empty_is_refused_unless_replace_is_given(
    backup, fresh_database, tmp_path
):
    _restore(backup, fresh_database, tmp_path / "first", "--yes")
    with psycopg.connect(**_params(fresh_database), autocommit=True) as target:
        target.execute("DELETE FROM portal_meldung WHERE titel = 'Zweite Meldung'")

    with pytest.raises(CommandError, match=r"already has \d+ tables"):
        _restore(backup, fresh_database, tmp_path / "second", "--yes")
    with psycopg.connect(**_params(fresh_database)) as target:
        assert target.execute("SELECT count(*) FROM portal_meldung").fetchone()[0] == 1

    output = _restore(backup, fresh_database, tmp_path / "first", "--yes", "--replace")
    assert "tables match the backup" in output
    with psycopg.connect(**_params(fresh_database)) as target:
        assert target.execute("SELECT count(*) FROM portal_meldung").fetchone()[0] == 2


def test_restore_asks_for_yes(backup, fresh_database, tmp_path):
    with pytest.raises(CommandError, match="Run again with --yes"):
        _restore(backup, fresh_database, tmp_path / "restored-media")
    with psycopg.connect(**_params(fresh_database)) as target:
        assert _counts(target) == {}


def test_sqlite_is_refused(backup, tmp_path):
    with pytest.raises(CommandError, match="PostgreSQL only"):
        call_command("restore", str(backup), f"--database-url=sqlite:///{tmp_path}/x.db", "--yes")


def test_media_in_object_storage_are_left_to_the_bucket(settings, tmp_path, content):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {"bucket_name": "portal-medien"},
        },
    }
    out = io.StringIO()
    call_command("backup", output=tmp_path / "backup", stdout=out)

    assert "bucket's own versioning and replication" in out.getvalue()
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert manifest["media"] == {"storage": "s3"}
    assert not (tmp_path / "backup" / "medien.tar.gz").exists()

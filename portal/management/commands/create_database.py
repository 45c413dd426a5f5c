import psycopg
from django.conf import settings
from django.core.management.base import BaseCommand
from psycopg import sql


class Command(BaseCommand):
    help = (
        "Creates the PostgreSQL database named in DATABASE_URL if it does not exist yet, so "
        "`make run` works on a fresh server. Does nothing on SQLite or when the database exists."
    )

    def handle(self, *args, **options):
        database = settings.DATABASES["default"]
        if "postgresql" not in database["ENGINE"]:
            self.stdout.write("SQLite: nothing to create.")
            return
        params = {
            "dbname": "postgres",
            "user": database.get("USER") or None,
            "password": database.get("PASSWORD") or None,
            "host": database.get("HOST") or None,
            "port": database.get("PORT") or None,
        }
        with psycopg.connect(**params, autocommit=True) as connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [database["NAME"]]
            ).fetchone()
            if exists:
                self.stdout.write(f"Database {database['NAME']} exists.")
                return
            connection.execute(
                sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database["NAME"]))
            )
        self.stdout.write(self.style.SUCCESS(f"Created database {database['NAME']}."))

import importlib

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

DEMO_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


class Command(BaseCommand):
    help = (
        "Fills the portal with the demo content of the pages it replaces and a demo login per "
        "role. Safe to run again: existing demo records are updated, nothing is duplicated."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Also run with DJANGO_DEBUG off (never on a production database: the demo "
            "logins have known passwords).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "seed_demo creates logins with known passwords; it runs only with "
                "DJANGO_DEBUG=true (or --force on a throw-away database)."
            )
        logins = []
        # Every app may ship a `demo` module with a `seed(stdout) -> list of logins` function.
        for config in apps.get_app_configs():
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.demo":
                    raise
                continue
            # Demo records go through the real steps, whose tasks send mail (to addresses at
            # real municipalities' domains): here the tasks are recorded, never run.
            with override_settings(TASKS=DEMO_TASKS), transaction.atomic():
                logins += module.seed(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is in place. Logins:"))
        for role, username, password in logins:
            self.stdout.write(f"  {role:<40} {username:<30} {password}")

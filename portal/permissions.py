"""The staff groups and what they may do; kept in code so every installation has the same."""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

GROUP_PERMISSIONS = {
    # Städtetag staff who edit the public content.
    "Redaktion": {
        "portal": [
            "meldung",
            "rundschreiben",
            "dokument",
            "seite",
            "faq",
            "faqthema",
            "veranstaltung",
            "thementisch",
            "video",
            "videofassung",
            "link",
        ],
        # Kreis is missing on purpose: its admin lets all staff look, only superusers edit.
        "kontakte": [
            "organisation",
            "person",
            "thema",
            "abteilung",
            "mitgliedschaft",
            "nachricht",
            "plattformzugang",
            "diskussion",
            "beitrag",
            "anhang",
        ],
        # Aenderung is read-only in its admin for everyone; undoing needs change_buendnis.
        "buendnisse": [
            "themenfeld",
            "foerderrunde",
            "buendnis",
            "partner",
            "teilnahme",
            "aenderung",
        ],
        "foerderung": ["programm", "ausschreibung", "frage", "unterlage"],
    },
    # Städtetag staff who review and decide applications (includes pruefen_antrag).
    "Förderreferat": {
        "foerderung": [
            "programm",
            "ausschreibung",
            "frage",
            "unterlage",
            "antrag",
            "fristverlaengerung",
            "kostenposition",
            "rueckfrage",
            "anhang",
            "statuswechsel",
            "einreichung",
            "verwendungsnachweis",
            "erinnerung",
            "vorpruefung",
            "kriterium",
            "gutachten",
            "bewertung",
            "bescheid",
            "bescheidvorlage",
            "auszahlung",
        ],
        "kontakte": ["organisation", "person", "mitgliedschaft"],
        # Granted alliance applications become Lokale Bündnisse.
        "buendnisse": ["buendnis", "partner", "foerderrunde"],
    },
}
# Jurors: their own reviews only (GutachtenAdmin shows each juror the reviews assigned to them).
GROUP_CODENAMES = {
    "Jury": {"foerderung": ["view_gutachten", "change_gutachten", "begutachten"]},
}


def ensure_groups(**kwargs) -> None:
    """Create the groups and give them full rights on their models (runs after migrate)."""
    for name, app_models in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, models in app_models.items():
            # Our post_migrate handler may run before auth's: make sure the permissions exist.
            create_permissions(apps.get_app_config(app_label), verbosity=0)
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=app_label, content_type__model__in=models
                ).exclude(codename="begutachten")  # reviewing is the jury's, not the staff's
            )
    for name, app_codenames in GROUP_CODENAMES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codenames in app_codenames.items():
            create_permissions(apps.get_app_config(app_label), verbosity=0)
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=app_label, codename__in=codenames
                )
            )

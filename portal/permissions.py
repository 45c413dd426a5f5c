"""The staff groups and what they may do; kept in code so every installation has the same."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

GROUP_PERMISSIONS = {
    # Städtetag staff who edit the public content; funding is the Förderreferat's alone.
    "Redaktion": {
        "portal": [
            "meldung",
            "rundschreiben",  # incl. freigeben_rundschreiben: release with a number
            "rundschreibenanlage",
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
        "ehrenamt": [
            "angebotsart",
            "arbeitskreis",
            "sachspendenstelle",
            "datenschutzhinweis",
            "gesuch",
            # Trainings: the statewide ones are kept in the admin only.
            "schulung",
            "schulungstermin",
            "teilnahme",
            # incl. freigeben_newsletter; who received it (newsletterversand) is not shown.
            "newsletter",
            "newsletterbeitrag",
        ],
        "buendnisse": [
            "themenfeld",
            "foerderrunde",
            "buendnis",
            "partner",
            "teilnahme",
            "aenderung",
        ],
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


def gruppen_einrichten(apps=global_apps) -> None:
    """Create the groups and give them exactly the rights listed here, so a right taken out of
    the lists is taken from the group, too. Runs as a data migration (with the historical
    models) and after every migrate."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for app_config in global_apps.get_app_configs():
        # Permissions are made after migrate; the groups may need them before.
        create_permissions(app_config, verbosity=0, apps=apps)
    for name in set(GROUP_PERMISSIONS) | set(GROUP_CODENAMES):
        rechte = Permission.objects.none()
        for app_label, models in GROUP_PERMISSIONS.get(name, {}).items():
            rechte |= Permission.objects.filter(
                content_type__app_label=app_label, content_type__model__in=models
            ).exclude(codename="begutachten")  # reviewing is the jury's, not the staff's
        for app_label, codenames in GROUP_CODENAMES.get(name, {}).items():
            rechte |= Permission.objects.filter(
                content_type__app_label=app_label, codename__in=codenames
            )
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(rechte)


def ensure_groups(**kwargs) -> None:
    gruppen_einrichten()

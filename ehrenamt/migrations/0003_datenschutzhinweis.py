"""The first version of the privacy notice for volunteers, so the sign-up works from the start;
later versions are added in the admin."""

from django.db import migrations

TEXT = """\
## Wer verantwortlich ist

Städtetag Baden-Württemberg, Königstraße 2, 70173 Stuttgart, zusammen mit der
Ehrenamtskoordination des Kreises, den Sie bei der Anmeldung wählen.

## Was wir speichern und wozu

Ihren Namen, Ihre E-Mail-Adresse, freiwillig Ihre Telefonnummer, Ihre Postleitzahl, den Kreis,
die Arten der Hilfe, Sprachen, Zeiten und Ihre Nachricht – damit die Ehrenamtskoordination
Ihres Kreises Sie erreichen und mit einem passenden Angebot zusammenbringen kann
(Art. 6 Abs. 1 lit. a DSGVO, Ihre Einwilligung).

Jede weitere Verwendung (Weitergabe an einen Arbeitskreis, Newsletter, Fotos) geschieht nur
mit Ihrer gesonderten Einwilligung.

## Wie lange

Bis Sie Ihre Einwilligung widerrufen oder zwei Jahre lang nicht aktiv waren; unbestätigte
Anmeldungen löschen wir nach 30 Tagen.

## Ihre Rechte

Sie können Auskunft über Ihre Daten verlangen, sie berichtigen oder löschen lassen, die
Verarbeitung einschränken und jede Einwilligung jederzeit für die Zukunft widerrufen. Sie
können sich bei der Landesbeauftragten für den Datenschutz und die Informationsfreiheit
Baden-Württemberg beschweren.
"""


def anlegen(apps, schema_editor):
    Datenschutzhinweis = apps.get_model("ehrenamt", "Datenschutzhinweis")
    Datenschutzhinweis.objects.get_or_create(version="1", defaults={"text": TEXT})


class Migration(migrations.Migration):
    dependencies = [("ehrenamt", "0002_ehrenamtliche")]

    operations = [migrations.RunPython(anlegen, migrations.RunPython.noop)]

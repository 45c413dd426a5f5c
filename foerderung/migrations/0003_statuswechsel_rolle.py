from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("foerderung", "0002_antraege")]

    operations = [
        migrations.AddField(
            model_name="statuswechsel",
            name="rolle",
            field=models.CharField(
                choices=[
                    ("antragsteller", "Antragsteller"),
                    ("foerderreferat", "Förderreferat"),
                    ("system", "Portal (automatisch)"),
                ],
                default="system",
                max_length=15,
                verbose_name="Als",
            ),
            preserve_default=False,
        ),
    ]

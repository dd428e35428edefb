from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("operations", "0001_initial")]

    operations = [
        migrations.RenameField("servicestandard", "notes", "notes_en"),
        migrations.AlterField(
            model_name="servicestandard",
            name="notes_en",
            field=models.TextField(
                blank=True,
                help_text="What the standard covers, e.g. applications made outside Canada.",
                verbose_name="notes (English)",
            ),
        ),
        migrations.AddField(
            model_name="servicestandard",
            name="notes_fr",
            field=models.TextField(blank=True, verbose_name="notes (French)"),
        ),
    ]

"""Fact.period, Source.edition and Citation.locator become English fields with French
counterparts, so that French pages show them in French."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.RenameField(model_name="fact", old_name="period", new_name="period_en"),
        migrations.AlterField(
            model_name="fact",
            name="period_en",
            field=models.CharField(
                blank=True,
                help_text="What the figure measures, e.g. 2022 or mid-2023.",
                max_length=40,
                verbose_name="period (English)",
            ),
        ),
        migrations.AddField(
            model_name="fact",
            name="period_fr",
            field=models.CharField(
                blank=True,
                help_text="What the figure measures, in French, e.g. 2022 or mi-2023.",
                max_length=40,
                verbose_name="period (French)",
            ),
        ),
        migrations.RenameField(model_name="source", old_name="edition", new_name="edition_en"),
        migrations.AlterField(
            model_name="source",
            name="edition_en",
            field=models.CharField(
                blank=True, max_length=100, verbose_name="edition or release (English)"
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="edition_fr",
            field=models.CharField(
                blank=True, max_length=100, verbose_name="edition or release (French)"
            ),
        ),
        migrations.RenameField(model_name="citation", old_name="locator", new_name="locator_en"),
        migrations.AlterField(
            model_name="citation",
            name="locator_en",
            field=models.CharField(
                blank=True,
                help_text="Page, table or section.",
                max_length=200,
                verbose_name="locator (English)",
            ),
        ),
        migrations.AddField(
            model_name="citation",
            name="locator_fr",
            field=models.CharField(
                blank=True,
                help_text="Page, table or section, as the French edition names it.",
                max_length=200,
                verbose_name="locator (French)",
            ),
        ),
    ]

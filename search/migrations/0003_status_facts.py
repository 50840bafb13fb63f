"""The search entries carry the status facts of the read model (``dialogue_pages.status``).

They are copied from the read-model rows, which migration ``dialogue_pages.0009`` filled.
"""

import datetime
from django.db import migrations, models


def copy_facts_from_read_model(apps, schema_editor):
    IndexedDialogue = apps.get_model("dialogue_search", "IndexedDialogue")
    PublishedDialogue = apps.get_model("dialogue_pages", "PublishedDialogue")
    fields = ("cancelled", "open_from", "closed_from", "decided_from")
    for row in PublishedDialogue.objects.values("page_id", *fields).iterator(chunk_size=1000):
        IndexedDialogue.objects.filter(page_id=row.pop("page_id")).update(**row)


class Migration(migrations.Migration):

    dependencies = [
        ('dialogue_search', '0002_terms_without_insert_trigger'),
        ('dialogue_pages', '0009_participation_window_and_decision'),
    ]

    operations = [
        migrations.AddField(
            model_name='indexeddialogue',
            name='cancelled',
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name='indexeddialogue',
            name='closed_from',
            field=models.DateField(default=datetime.date(9999, 12, 31)),
        ),
        migrations.AddField(
            model_name='indexeddialogue',
            name='decided_from',
            field=models.DateField(default=datetime.date(9999, 12, 31)),
        ),
        migrations.AddField(
            model_name='indexeddialogue',
            name='open_from',
            field=models.DateField(default=datetime.date(9999, 12, 31)),
        ),
            migrations.RunPython(copy_facts_from_read_model, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name='indexeddialogue',
            name='status_override',
        ),
    ]

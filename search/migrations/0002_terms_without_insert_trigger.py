"""SQLite: the trigram index of the vocabulary is fed by the backend in bulk, not by a trigger per row."""

from django.db import migrations

DROP = "DROP TRIGGER IF EXISTS dialogue_search_term_added"
CREATE = """CREATE TRIGGER dialogue_search_term_added AFTER INSERT ON dialogue_search_indexterm BEGIN
        INSERT INTO dialogue_search_terms(rowid, term) VALUES (new.id, new.term);
    END"""


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(DROP)


def restore_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(CREATE)


class Migration(migrations.Migration):

    dependencies = [("dialogue_search", "0001_initial")]

    operations = [migrations.RunPython(drop_trigger, restore_trigger)]

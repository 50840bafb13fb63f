"""Retire the database search engine: its tables, and the full-text structures 0001 made beside them.

Search runs on the Tantivy index (docs/search.md); after migrating, ``manage.py reindex_dialogues``
builds it from the read model. Going back to 0003 recreates the tables and full-text structures
empty, as 0001 and 0002 left them; the old code then needs a reindex too.
"""

import importlib

from django.db import migrations

# SQLite: the FTS5 tables (each takes its shadow tables with it) and the triggers that fed them.
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS dialogue_search_term_removed",
    "DROP TRIGGER IF EXISTS dialogue_search_term_added",
    "DROP TRIGGER IF EXISTS dialogue_search_text_deleted",
    "DROP TABLE IF EXISTS dialogue_search_terms",
    "DROP TABLE IF EXISTS dialogue_search_suggest",
    "DROP TABLE IF EXISTS dialogue_search_fts",
]
# PostgreSQL: the GIN indexes of the tsvector columns and the trigram index of the vocabulary (dropping
# the tables would take them too; named here so that nothing is left to chance). pg_trgm stays
# installed: other apps may use it, and removing an extension needs rights a site's role may lack.
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS dialogue_search_document_gin",
    "DROP INDEX IF EXISTS dialogue_search_folded_gin",
    "DROP INDEX IF EXISTS dialogue_search_suggest_gin",
    "DROP INDEX IF EXISTS dialogue_search_term_trgm",
]


def drop_full_text(apps, schema_editor):
    statements = {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}.get(schema_editor.connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


def restore_full_text(apps, schema_editor):
    """What 0001 and 0002 made, for the tables the reversed DeleteModels have just recreated."""
    initial = importlib.import_module("dialogue_search.migrations.0001_initial")
    without_trigger = importlib.import_module("dialogue_search.migrations.0002_terms_without_insert_trigger")
    initial.create_full_text(apps, schema_editor)
    without_trigger.drop_trigger(apps, schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ("dialogue_search", "0003_status_facts"),
    ]

    operations = [
        migrations.RunPython(drop_full_text, restore_full_text),
        # The text first: it hangs off the dialogue entry.
        migrations.DeleteModel(name="IndexedText"),
        migrations.DeleteModel(name="IndexedDialogue"),
        migrations.DeleteModel(name="IndexState"),
        migrations.DeleteModel(name="IndexTerm"),
    ]

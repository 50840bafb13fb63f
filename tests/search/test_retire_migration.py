"""Migration 0004 drops the retired database engine's tables and full-text structures from a database
that has content, on SQLite and on PostgreSQL (run the suite with DATABASE_URL for the latter)."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from .conftest import search_json, titles

BEFORE = ("dialogue_search", "0003_status_facts")
RETIRED_TABLES = {"dialogue_search_indexeddialogue", "dialogue_search_indexedtext", "dialogue_search_indexterm",
                  "dialogue_search_indexstate"}
SQLITE_FULL_TEXT = {"dialogue_search_fts", "dialogue_search_suggest", "dialogue_search_terms"}
POSTGRES_INDEXES = {"dialogue_search_document_gin", "dialogue_search_folded_gin", "dialogue_search_suggest_gin",
                    "dialogue_search_term_trgm"}


def migrate(target: list[tuple[str, str]] | None = None):
    """Migrate to ``target`` (default: every app's latest migration); the project state's apps at the end."""
    executor = MigrationExecutor(connection)
    target = target or executor.loader.graph.leaf_nodes()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


def search_tables() -> set[str]:
    return {name for name in connection.introspection.table_names() if name.startswith("dialogue_search_")}


def triggers_and_indexes() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('trigger', 'index') "
                           "AND name LIKE 'dialogue_search_%'")
        elif connection.vendor == "postgresql":
            cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE 'dialogue_search_%'")
        else:
            return set()
        return {name for (name,) in cursor.fetchall()}


def fill_the_old_index(apps, page_id: int) -> None:
    """What the database engine held for one dialogue: its entry, its text, the vocabulary and full text."""
    apps.get_model("dialogue_search", "IndexedDialogue").objects.create(
        page_id=page_id, locale="da", rung_key="dialog", rung_label="Dialog", sort_start=datetime.date(2024, 1, 1),
        facets='[["tag", "havn", "havn"]]')
    apps.get_model("dialogue_search", "IndexedText").objects.create(
        dialogue_id=page_id, title="Borgermøde om havnen", intro="Kom og vær med.")
    apps.get_model("dialogue_search", "IndexTerm").objects.create(term="borgermoed")
    apps.get_model("dialogue_search", "IndexState").objects.update(token="filled")
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("INSERT INTO dialogue_search_fts(rowid, title, intro, purpose, body, ftitle, ftext) "
                           "VALUES (%s, 'borgermød havn', 'kom', '', '', 'borgermoed havn', 'kom')", [page_id])
            cursor.execute("INSERT INTO dialogue_search_suggest(rowid, words) VALUES (%s, 'borgermoede om havnen')",
                           [page_id])
            cursor.execute("INSERT INTO dialogue_search_terms(rowid, term) "
                           "SELECT id, term FROM dialogue_search_indexterm")
            cursor.execute("SELECT count(*) FROM dialogue_search_fts WHERE dialogue_search_fts MATCH 'havn'")
            assert cursor.fetchone() == (1,)
        elif connection.vendor == "postgresql":
            cursor.execute("UPDATE dialogue_search_indexedtext SET document_vector = to_tsvector('danish', title), "
                           "folded_vector = to_tsvector('simple', title), "
                           "suggest_vector = to_tsvector('simple', title)")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migrating_a_filled_database_drops_the_engine_and_keeps_the_dialogues(client, make_dialogue):
    page = make_dialogue(title="Borgermøde om havnen")
    try:
        apps = migrate([BEFORE])
        # Going back recreated what 0001 and 0002 left, so the old engine could be filled again.
        assert search_tables() >= RETIRED_TABLES
        if connection.vendor == "sqlite":
            assert search_tables() >= SQLITE_FULL_TEXT
            assert triggers_and_indexes() >= {"dialogue_search_text_deleted", "dialogue_search_term_removed"}
            assert "dialogue_search_term_added" not in triggers_and_indexes()  # 0002 dropped it
        elif connection.vendor == "postgresql":
            assert triggers_and_indexes() >= {"dialogue_search_document_gin", "dialogue_search_suggest_gin"}
        fill_the_old_index(apps, page.pk)
    finally:
        migrate()
    # Nothing of the engine is left: no tables (nor FTS5 shadow tables), triggers or indexes.
    assert search_tables() == set()
    assert triggers_and_indexes() == set()
    # The dialogues and their search (Tantivy, which the migration does not touch) are as they were.
    assert titles(search_json(client, q="havn")) == ["Borgermøde om havnen"]

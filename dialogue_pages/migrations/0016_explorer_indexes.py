"""Indexes on Wagtail's page table for the explorer of an index with tens of thousands of dialogues.

The explorer lists the children of a page 50 to a page, ordered by the last change (its default), by
title or by status. Without an index in that order SQLite reads every page, works out three
correlated subqueries for each child and sorts them all: at 100,000 dialogues 65 ms for the first
page and 260 ms for page 400. These indexes hold the children of a page together, in each order, and
their paths: the database walks them, checks the path on the entry and stops after the page.

They lead with the length of the tree path (four characters a level), not with ``depth``: the
explorer asks for that length (``wagtail_hooks.explore_children_in_order``) and no other query does,
so page routing, which filters on ``depth`` too, keeps finding a page by its slug index. PostgreSQL's
first index holds the last change in the explorer's order (newest first, never changed last).
Created only if missing; dropped on reversal.
"""

from django.db import migrations

INDEXES = {
    "dialogue_page_children_changed": {
        "sqlite": "length(path), latest_revision_created_at, path",
        "postgresql": "length(path), latest_revision_created_at DESC NULLS LAST, path",
    },
    "dialogue_page_children_title": {"sqlite": "length(path), title, path", "postgresql": "length(path), title, path"},
    "dialogue_page_children_live": {"sqlite": "length(path), live, path", "postgresql": "length(path), live, path"},
}


def create_indexes(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    for name, columns in INDEXES.items():
        if vendor in columns:
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON wagtailcore_page ({columns[vendor]})")


def drop_indexes(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    for name, columns in INDEXES.items():
        if vendor in columns:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [
        ("dialogue_pages", "0015_read_model_version"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]

"""The read model's version row and the triggers that replace its value on every change of a published row,
a page, a view restriction or a site (what the cached lists, feeds and index pages are made of).

See ``read_model/version.py``. SQLite triggers fire per row, PostgreSQL's per statement; both set
a new random value in the writing transaction. Reversing drops the triggers and the table.
"""

from django.db import migrations, models

TABLES = (
    "dialogue_pages_publisheddialogue", "dialogue_pages_publisheddialoguefacet",
    "wagtailcore_page", "wagtailcore_pageviewrestriction", "wagtailcore_pageviewrestriction_groups",
    "wagtailcore_site",
)
VERSION_TABLE = "dialogue_pages_readmodelversion"
EVENTS = ("INSERT", "UPDATE", "DELETE")


def create_triggers(apps, schema_editor) -> None:
    execute = schema_editor.execute
    vendor = schema_editor.connection.vendor
    if vendor not in ("postgresql", "sqlite"):
        return  # no row: without triggers to keep it true, nothing may be cached (read_model_version() is None)
    execute(f"INSERT INTO {VERSION_TABLE} (id, value) VALUES (1, 0)")
    if vendor == "postgresql":
        execute(
            "CREATE OR REPLACE FUNCTION dialogue_pages_new_read_model_version() RETURNS trigger AS $$ "
            f"BEGIN UPDATE {VERSION_TABLE} SET value = floor(random() * 9007199254740991)::bigint WHERE id = 1; "
            "RETURN NULL; END $$ LANGUAGE plpgsql"
        )
        for table in TABLES:
            execute(f"CREATE TRIGGER {table}_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                    "FOR EACH STATEMENT EXECUTE FUNCTION dialogue_pages_new_read_model_version()")
    else:
        for table in TABLES:
            for event in EVENTS:
                execute(f"CREATE TRIGGER {table}_version_{event.lower()} AFTER {event} ON {table} "
                        f"BEGIN UPDATE {VERSION_TABLE} SET value = random() WHERE id = 1; END")


def drop_triggers(apps, schema_editor) -> None:
    execute = schema_editor.execute
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            execute(f"DROP TRIGGER IF EXISTS {table}_version ON {table}")
        execute("DROP FUNCTION IF EXISTS dialogue_pages_new_read_model_version()")
    elif schema_editor.connection.vendor == "sqlite":
        for table in TABLES:
            for event in EVENTS:
                execute(f"DROP TRIGGER IF EXISTS {table}_version_{event.lower()}")


class Migration(migrations.Migration):

    dependencies = [
        ("dialogue_pages", "0014_facet_newest_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="ReadModelVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("value", models.BigIntegerField(default=0)),
            ],
            options={"verbose_name": "read model version"},
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]

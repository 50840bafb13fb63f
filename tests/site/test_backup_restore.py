"""The documented backup and restore (docs/operations.md): a restored database, rebuilt, serves the same API.

SQLite: an online copy with the backup API while the site runs, restored into a fresh file.
PostgreSQL (only when the suite runs on it): ``pg_dump -Fc`` and ``pg_restore`` into a fresh database.
Then ``rebuild_dialogue_api`` and ``reindex_dialogues`` run against the restored database in another
process, as an operator runs them, and the API answers byte for byte as before the backup.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import connection

from dialogue_pages.factories import DialoguePageFactory

ROOT = Path(__file__).resolve().parents[2]

# Runs in the restored site's process: the rebuild commands, then the API's answers as JSON.
AFTER_RESTORE = """
import json, sys, django
django.setup()
from django.core.management import call_command
from django.test import Client
call_command("rebuild_dialogue_api", stdout=sys.stderr)
call_command("reindex_dialogues", stdout=sys.stderr)
client = Client()
print(json.dumps({url: client.get(url).content.decode() for url in json.loads(sys.argv[1])}))
"""


def api_urls(pages) -> list[str]:
    return ["/api/v1/dialogues/", *(f"/api/v1/dialogues/{page.pk}/" for page in pages)]


def answers(client, urls: list[str]) -> dict[str, str]:
    return {url: client.get(url).content.decode() for url in urls}


def served_after_restore(database_url: str, urls: list[str], tmp_path: Path) -> dict[str, str]:
    env = {
        **{key: value for key, value in os.environ.items() if key != "DATABASE_URL"},
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "dialogue_site.settings.test",
        "DIALOGUE_SEARCH_INDEX_DIR": str(tmp_path / "search-index"),
    }
    result = subprocess.run(
        [sys.executable, "-c", AFTER_RESTORE, json.dumps(urls)], cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def published(dialogue_index, publish):
    return [publish(DialoguePageFactory(parent=dialogue_index, title=f"Dialog {n}")) for n in range(3)]


@pytest.mark.slow
@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite procedure")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_sqlite_online_backup_restores_the_same_api(client, published, tmp_path):
    urls = api_urls(published)
    before = answers(client, urls)
    assert published[0].title in before[urls[1]]

    backup, restored = tmp_path / "backup.sqlite3", tmp_path / "restored.sqlite3"
    # The documented one-liner: sqlite3.connect(live).backup(sqlite3.connect(copy)), while the site runs.
    with sqlite3.connect(connection.settings_dict["NAME"]) as live, sqlite3.connect(backup) as copy:
        live.backup(copy)
    with sqlite3.connect(backup) as copy, sqlite3.connect(restored) as fresh:
        copy.backup(fresh)

    assert served_after_restore(f"sqlite:///{restored}", urls, tmp_path) == before


@pytest.mark.slow
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL procedure; set DATABASE_URL")
@pytest.mark.skipif(not shutil.which("pg_dump"), reason="needs pg_dump and pg_restore")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_postgresql_dump_restores_the_same_api(client, published, tmp_path):
    urls = api_urls(published)
    before = answers(client, urls)
    settings = connection.settings_dict
    pg_env = {**os.environ, "PGHOST": settings["HOST"] or "localhost", "PGPORT": str(settings["PORT"] or 5432),
              "PGUSER": settings["USER"], "PGPASSWORD": settings["PASSWORD"]}
    dump = tmp_path / "dialogues.dump"
    subprocess.run(["pg_dump", "--format=custom", f"--file={dump}", settings["NAME"]], env=pg_env, check=True)

    fresh = f"restore_{uuid.uuid4().hex[:12]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{fresh}"')
    try:
        subprocess.run(["pg_restore", "--no-owner", f"--dbname={fresh}", str(dump)], env=pg_env, check=True)
        url = f"postgres://{settings['USER']}:{settings['PASSWORD']}@{pg_env['PGHOST']}:{pg_env['PGPORT']}/{fresh}"
        assert served_after_restore(url, urls, tmp_path) == before
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}"')

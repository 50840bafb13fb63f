"""manage.py reindex_dialogues: rebuilds from the read model, idempotent, per locale, swapped in whole."""

import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from dialogue_pages.read_model.queries import visible_rows
from dialogue_search import service

from .conftest import search_json, titles


def reindex(*args) -> str:
    out = StringIO()
    call_command("reindex_dialogues", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def indexed() -> set[int]:
    return service.get_backend().indexed_ids()


def test_reindex_rebuilds_a_lost_index(client, make_dialogue):
    make_dialogue(title="Havneplan")
    make_dialogue(title="Skoleplan")
    root = service.get_backend().directory.root
    shutil.rmtree(root)
    assert search_json(client, q="havneplan")["total"] == 0
    assert "indexed 2 dialogues" in reindex("--backend", "tantivy")
    assert titles(search_json(client, q="havneplan")) == ["Havneplan"]
    assert titles(search_json(client, q="plan")) == ["Skoleplan", "Havneplan"]  # compound parts are indexed


def test_reindex_is_idempotent_and_drops_stale_entries(client, make_dialogue):
    page = make_dialogue(title="Havneplan")
    reindex()
    first = indexed()
    assert "indexed 1 dialogues, removed 0" in reindex()
    assert indexed() == first == {page.pk}
    visible_rows().filter(page_id=page.pk).update(locale="xx")  # no longer public, but the entry stayed
    assert "removed 1 stale" in reindex()
    assert indexed() == set()
    assert search_json(client)["total"] == 0


def test_reindex_swaps_in_a_new_generation_and_keeps_the_one_before(make_dialogue):
    make_dialogue(title="Havneplan")
    directory = service.get_backend().directory
    before = directory.current()
    reindex()
    middle = directory.current()
    reindex()
    assert len({before, middle, directory.current()}) == 3
    assert not before.exists() and middle.exists()  # the one before the current is kept for slow readers
    assert directory.building() is None


def test_reindex_one_locale(make_dialogue):
    page = make_dialogue(title="Havneplan")
    assert "indexed 1 dialogues" in reindex("--locale", "da")
    assert "indexed 0 dialogues" in reindex("--locale", "sv")
    assert indexed() == {page.pk}
    with pytest.raises(CommandError):
        reindex("--locale", "xx")


def test_reindex_reports_an_unreachable_elasticsearch(db, settings):
    settings.DIALOGUE_ELASTICSEARCH_URL = "http://127.0.0.1:9"
    settings.DIALOGUE_ELASTICSEARCH_TIMEOUT = 0.5
    with pytest.raises(CommandError, match="elasticsearch"):
        reindex("--backend", "elasticsearch")

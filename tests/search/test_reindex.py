"""manage.py reindex_dialogues: rebuilds from the read model, idempotent, per locale."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from dialogue_pages.read_model.queries import visible_rows
from search.models import IndexedDialogue, IndexTerm

from .conftest import search_json, titles


def reindex(*args) -> str:
    out = StringIO()
    call_command("reindex_dialogues", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_reindex_rebuilds_a_lost_index(client, make_dialogue):
    make_dialogue(title="Havneplan")
    make_dialogue(title="Skoleplan")
    IndexedDialogue.objects.all().delete()
    IndexTerm.objects.all().delete()
    assert search_json(client, q="havneplan")["total"] == 0
    assert "indexed 2 dialogues" in reindex("--backend", "database")
    assert titles(search_json(client, q="havneplan")) == ["Havneplan"]
    assert titles(search_json(client, q="plan")) == ["Skoleplan", "Havneplan"]  # compounds need the vocabulary


def test_reindex_is_idempotent_and_drops_stale_entries(client, make_dialogue):
    page = make_dialogue(title="Havneplan")
    reindex()
    first = list(IndexedDialogue.objects.values_list("page_id", "rung_key", "facets"))
    assert "indexed 1 dialogues, removed 0" in reindex()
    assert list(IndexedDialogue.objects.values_list("page_id", "rung_key", "facets")) == first
    visible_rows().filter(page_id=page.pk).update(locale="xx")  # no longer public, but the entry stayed
    IndexedDialogue.objects.filter(page_id=page.pk).update(locale="xx")
    assert "removed 1 stale" in reindex()
    assert search_json(client)["total"] == 0


def test_reindex_one_locale(make_dialogue):
    make_dialogue(title="Havneplan")
    assert "indexed 1 dialogues" in reindex("--locale", "da")
    assert "indexed 0 dialogues" in reindex("--locale", "sv")
    assert IndexedDialogue.objects.count() == 1
    with pytest.raises(CommandError):
        reindex("--locale", "xx")


def test_reindex_reports_an_unreachable_elasticsearch(db, settings):
    settings.DIALOGUE_ELASTICSEARCH_URL = "http://127.0.0.1:9"
    settings.DIALOGUE_ELASTICSEARCH_TIMEOUT = 0.5
    with pytest.raises(CommandError, match="elasticsearch"):
        reindex("--backend", "elasticsearch")

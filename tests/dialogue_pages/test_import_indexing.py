"""An import leaves search out while it writes and indexes everything once at its end, Wagtail's admin index too."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from dialogue_pages import import_workers
from dialogue_pages.pages import DialoguePage
from dialogue_pages.signals import dialogues_imported, dialogues_published
from dialogue_pages.snippets import Organisation
from dialogue_pages.sync import importing, sync_dialogues
from dialogue_search.backends.tantivy import TantivyBackend, writer
from dialogue_search.service import get_backend

from .test_import import line, run, write_file


@pytest.fixture
def index(dialogue_index):
    return dialogue_index


@pytest.fixture
def writes(monkeypatch):
    """Counts the index's writes: per-batch ``index`` calls, bulk writes and their commits."""
    counted = {"index": 0, "index_bulk": 0, "commit": 0}

    def counting(owner, name, original):
        def wrapper(*args, **kwargs):
            counted[name] += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(owner, name, wrapper)

    counting(TantivyBackend, "index", TantivyBackend.index)
    counting(TantivyBackend, "index_bulk", TantivyBackend.index_bulk)
    counting(writer.BulkWrite, "commit", writer.BulkWrite.commit)
    return counted


@pytest.fixture
def told():
    """What ``dialogues_published`` and ``dialogues_imported`` were sent with."""
    heard = {"published": [], "imported": []}

    def published(sender, dialogues, importing=False, **kwargs):
        heard["published"].append(importing)

    def imported(sender, page_ids, **kwargs):
        heard["imported"].append(sorted(page_ids))

    dialogues_published.connect(published, weak=False, dispatch_uid="told-published")
    dialogues_imported.connect(imported, weak=False, dispatch_uid="told-imported")
    yield heard
    dialogues_published.disconnect(dispatch_uid="told-published")
    dialogues_imported.disconnect(dispatch_uid="told-imported")


def test_no_batch_is_indexed_and_the_end_indexes_everything_in_one_commit(
    tmp_path, index, monkeypatch, writes, told, client
):
    monkeypatch.setattr(import_workers, "BATCH", 2)
    out, _err = run(write_file(tmp_path, [line(n) for n in range(1, 6)]), "--publish")
    assert "5 created" in out and "Indexed 5 dialogue(s) for search" in out
    # Three batches refreshed the read model as an import's; none was indexed on its own.
    assert told["published"] == [True, True, True]
    assert writes == {"index": 0, "index_bulk": 1, "commit": 1}
    pages = sorted(DialoguePage.objects.values_list("pk", flat=True))
    assert told["imported"] == [pages]
    # Searchable when the command returns.
    assert get_backend().indexed_ids() == set(pages)
    response = client.get("/api/v1/search/", {"q": "badezoner"})
    assert response.json()["total"] == 5


def test_drafts_are_written_to_the_admin_index_but_not_to_search(tmp_path, index, writes, told):
    run(write_file(tmp_path, [line(1), line(2)]))
    assert told["published"] == [] and len(told["imported"]) == 1
    assert writes["index"] == 0 and get_backend().indexed_ids() == set()
    assert Page.objects.autocomplete("Borgermøde").count() == 2


def test_refreshes_outside_an_import_are_indexed_at_once(tmp_path, index, writes, told):
    run(write_file(tmp_path, [line(1)]), "--publish")
    page_id = DialoguePage.objects.get().pk
    sync_dialogues([page_id])
    assert told["published"][-1] is False and writes["index"] == 1
    with importing():
        sync_dialogues([page_id])
    assert told["published"][-1] is True and writes["index"] == 1


def test_the_admin_page_search_finds_imported_dialogues_and_snippets(tmp_path, index, client, django_user_model):
    run(write_file(tmp_path, [line(n, title=f"Havnebadet {n}") for n in range(1, 4)]), "--publish")
    client.force_login(django_user_model.objects.create_superuser("editor", "editor@example.org", "pw"))
    response = client.get("/admin/pages/search/", {"q": "havnebad"})
    assert response.status_code == 200
    assert all(f"Havnebadet {n}" in response.content.decode() for n in range(1, 4))
    # Only the lean fields are indexed: the title (autocomplete) and the intro, never the body.
    entries = IndexEntry.objects.filter(object_id__in=[str(pk) for pk in DialoguePage.objects.values_list("pk",
                                                                                                        flat=True)])
    assert entries.count() == 3
    assert all("Over 200 deltog" not in entry.body for entry in entries)
    # The organisation the import created is found by the snippet chooser's search.
    assert list(get_search_backend().search("Havneby", Organisation)) == [Organisation.objects.get(slug="havneby")]


def test_reindex_dialogues_rebuilds_the_admin_index(tmp_path, index):
    run(write_file(tmp_path, [line(1), line(2)]), "--publish")
    IndexEntry.objects.all().delete()
    assert Page.objects.autocomplete("Borgermøde").count() == 0
    assert "wagtail admin: indexed 0 dialogue pages" in call_command_output("reindex_dialogues", "--locale", "sv")
    assert Page.objects.autocomplete("Borgermøde").count() == 0
    out = call_command_output("reindex_dialogues", "--backend", "admin")
    assert "wagtail admin: indexed 2 dialogue pages" in out and "tantivy" not in out
    assert Page.objects.autocomplete("Borgermøde").count() == 2


def test_what_was_written_before_a_batch_failed_is_searchable(tmp_path, index, monkeypatch):
    monkeypatch.setattr(import_workers, "BATCH", 2)
    original, calls = import_workers.write, []

    def failing_second(items, *args, **kwargs):
        calls.append(len(items))
        if len(calls) == 2:
            raise DatabaseError("disk full")
        return original(items, *args, **kwargs)

    monkeypatch.setattr(import_workers, "write", failing_second)
    with pytest.raises(CommandError, match="disk full"):
        run(write_file(tmp_path, [line(n) for n in range(1, 6)]), "--publish")
    assert get_backend().indexed_ids() == set(DialoguePage.objects.values_list("pk", flat=True))
    assert len(get_backend().indexed_ids()) == 2


def call_command_output(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()

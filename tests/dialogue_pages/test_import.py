"""manage.py import_dialogues: validation first, bulk writing, updates by external id, export round trip."""

import json
from io import StringIO

import orjson
import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError
from taggit.models import Tag
from wagtail.models import Page, ReferenceIndex

from dialogue_pages import import_workers
from dialogue_pages.importing import CheckedArchive, LineError, ValidLine, merge_parts
from dialogue_pages.pages import DialoguePage
from dialogue_pages.read_model.models import PublishedDialogue
from dialogue_pages.read_model.writer import refresh_dialogues
from dialogue_pages.snippets import Organisation
from dialogue_search.backends.base import SearchFilters
from dialogue_search.service import get_backend, run_search, search_request


def line(number: int, **changes) -> dict:
    data = {
        "external_id": f"arkiv-{number}",
        "title": f"Borgermøde om havnen {number}",
        "intro": "Kommunen spurgte borgerne om havnens fremtid.",
        "purpose": "<p>At samle ideer.</p>",
        "badge": {"ladder_key": "skr", "key": "dialog"},
        "rung_explanation": "Borgerne drøftede forslagene.",
        "start": "2021-03-01",
        "end": "2021-06-30",
        "organisers": [{"slug": "havneby", "name": "Havneby Kommune", "kind": "municipality"}],
        "place": {"name": "Havnen", "latitude": 55.1, "longitude": 12.2},
        "tags": ["havn", "byudvikling"],
        "target_groups": [{"slug": "unge", "name": "Unge"}],
        "methods": [{"slug": "workshop", "name": "Workshop", "description": ""}],
        "contacts": [{"name": "Mette Hansen", "role": "planlægger", "email": "mette@example.org"}],
        "hearing": {"deadline": "2021-05-01", "bodies": [{"name": "Ældrerådet", "response_url": ""}]},
        "timeline": [
            {"type": "event", "value": {"title": "Borgermøde", "description": "", "date": "2021-03-10",
                                        "precision": "day", "label": "", "status": "done",
                                        "rung": {"ladder_key": "skr", "key": "konsultation"}}},
            {"type": "event", "value": {"title": "Beslutning", "description": "", "date": None,
                                        "precision": "label", "label": "efterår 2021", "status": "done",
                                        "rung": None}},
        ],
        "feedback": [{"type": "item", "value": {"theme": "Badezoner", "you_said": "Flere badezoner.",
                                                 "we_did": "To nye badezoner.", "outcome": "adopted",
                                                 "reason": ""}}],
        "body": [
            {"type": "rich_text", "value": {"html": "<p>Over 200 deltog.</p>"}},
            {"type": "quote", "value": {"text": "Giv os vandet tilbage", "speaker": "", "role": "borger"}},
            {"type": "contact", "value": {"heading": "Spørgsmål?", "contact": {"name": "Mette Hansen",
                                                                            "email": "mette@example.org"}}},
        ],
    }
    data.update(changes)
    return data


def write_file(tmp_path, lines: list) -> str:
    path = tmp_path / "archive.jsonl"
    path.write_text("\n".join(item if isinstance(item, str) else json.dumps(item) for item in lines) + "\n")
    return str(path)


def run(*args, **options) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("import_dialogues", *args, stdout=out, stderr=err, **options)
    except CommandError as error:
        raise CommandError(f"{error}\n{err.getvalue()}") from error
    return out.getvalue(), err.getvalue()


@pytest.fixture
def index(dialogue_index):
    return dialogue_index


def test_import_creates_published_dialogues_like_the_admin_would(tmp_path, index, django_capture_on_commit_callbacks):
    path = write_file(tmp_path, [line(n) for n in range(1, 6)])
    with django_capture_on_commit_callbacks(execute=True):
        out, _err = run(path, "--publish")
    assert "5 created, 0 updated" in out and "dialogues/s" in out
    pages = list(DialoguePage.objects.order_by("path"))
    assert len(pages) == 5
    first = pages[0]
    assert first.live and first.live_revision_id == first.latest_revision_id
    assert first.url_path == f"{index.url_path}{first.slug}/"
    assert first.has_feedback and first.date_from.isoformat() == "2021-03-01"
    assert [org.slug for org in first.organisers.all()] == ["havneby"]
    assert sorted(tag.name for tag in first.tags.all()) == ["byudvikling", "havn"]
    assert first.consulted_bodies.count() == 1
    assert first.body[2].value["contact"].name == "Mette Hansen"
    assert first.timeline[0].value["rung"].key == "konsultation"
    index.refresh_from_db()
    assert index.numchild == 5
    # The tree is consistent: treebeard finds nothing to fix.
    assert all(not problems for problems in Page.find_problems())
    # Editable: the latest revision restores the page with its relations.
    restored = first.get_latest_revision_as_object()
    assert restored.title == first.title and [o.slug for o in restored.organisers.all()] == ["havneby"]
    # And in the read model / API.
    assert PublishedDialogue.objects.count() == 5
    detail = orjson.loads(PublishedDialogue.objects.get(page_id=first.pk).detail)
    assert detail["badge"]["key"] == "dialog" and detail["hearing"]["bodies"][0]["name"] == "Ældrerådet"


REFERENCE_FIELDS = ("object_id", "content_type_id", "base_content_type_id", "to_content_type_id", "to_object_id",
                    "model_path", "content_path", "content_path_hash")


def test_bulk_written_references_and_rows_match_what_wagtail_and_the_read_model_write(tmp_path, index):
    run(write_file(tmp_path, [line(n) for n in range(1, 4)]), "--publish")
    pages = list(DialoguePage.objects.all())
    references = ReferenceIndex.objects.filter(object_id__in=[str(page.pk) for page in pages])
    bulk = set(references.values_list(*REFERENCE_FIELDS))
    assert any(path.startswith("dialogue_tagged_items.") and "None" not in path for *_rest, path, _hash in bulk)
    for page in pages:
        ReferenceIndex.create_or_update_for_object(page)
    assert set(references.values_list(*REFERENCE_FIELDS)) == bulk
    # The rows written from the pages in memory equal those written from the pages read back.
    stored = {row.page_id: bytes(row.detail) for row in PublishedDialogue.objects.all()}
    refresh_dialogues([page.pk for page in pages])
    assert {row.page_id: bytes(row.detail) for row in PublishedDialogue.objects.all()} == stored


def test_an_archive_is_written_a_batch_at_a_time(tmp_path, index, monkeypatch):
    monkeypatch.setattr(import_workers, "BATCH", 2)
    written = []
    original = import_workers.write
    monkeypatch.setattr(import_workers, "write", lambda items, *a, **k: written.append(len(items)) or original(
        items, *a, **k))
    out, _err = run(write_file(tmp_path, [line(n) for n in range(1, 6)] + ["", line(2)]), "--publish",
                    "--skip-invalid")
    assert written == [2, 2, 1] and "5 created, 0 updated, 1 skipped" in out
    index.refresh_from_db()
    assert index.numchild == 5 and all(not problems for problems in Page.find_problems())
    assert PublishedDialogue.objects.count() == 5
    assert len({page.slug for page in DialoguePage.objects.all()}) == 5


def test_imported_page_can_be_edited_and_published_again(tmp_path, index, django_capture_on_commit_callbacks):
    run(write_file(tmp_path, [line(1)]), "--publish")
    page = DialoguePage.objects.get()
    page.title = "Ny titel"
    page.save_revision().publish()
    assert DialoguePage.objects.get().title == "Ny titel"


def test_reimport_updates_instead_of_duplicating(tmp_path, index):
    run(write_file(tmp_path, [line(1), line(2)]), "--publish")
    out, _err = run(write_file(tmp_path, [line(1, title="Ændret titel"), line(2)]), "--publish")
    assert "0 created, 2 updated" in out
    assert DialoguePage.objects.count() == 2
    assert DialoguePage.objects.filter(title="Ændret titel").count() == 1


def test_drafts_unless_published(tmp_path, index):
    run(write_file(tmp_path, [line(1)]))
    page = DialoguePage.objects.get()
    assert not page.live and page.has_unpublished_changes and page.latest_revision_id


@pytest.mark.parametrize(
    ("bad", "expected"),
    [
        ("{not json", "line 2: not valid JSON"),
        (line(9, badge={"ladder_key": "skr", "key": "top"}), "line 2: badge.key: unknown rung 'top'"),
        (line(9, intro=""), "line 2: intro:"),
        (line(9, start="2021-13-01"), "line 2: start:"),
        (line(9, end="2020-01-01"), "line 2: end: the end date is before the start date"),
        (line(9, locale="fr"), "line 2: locale: 'fr' is not one of"),
        (line(1), "line 2: external_id: also used on line 1"),
        (line(9, feedback=[{"type": "item", "value": {"theme": "x", "you_said": "a", "we_did": "b",
                                                       "outcome": "", "reason": ""}}]),
         "line 2: feedback.0.value.outcome"),
        (line(9, body=[{"type": "poll", "value": {}}]), "line 2: body.0.type: unknown block type 'poll'"),
        (line(9, rung_explanation=""), "line 2: rung_explanation"),
        # Contact blocks are checked apart from the others: the position is still the line's.
        (line(9, body=[{"type": "contact", "value": {"heading": "", "contact": {"name": "A", "email": ""}}},
                       {"type": "quote", "value": {"text": "", "speaker": "", "role": ""}}]),
         "line 2: body.1.value.text"),
    ],
)
def test_a_bad_line_stops_everything_and_is_reported(tmp_path, index, bad, expected):
    path = write_file(tmp_path, [line(1), bad, line(3)])
    err = StringIO()
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_dialogues", path, "--publish", stdout=StringIO(), stderr=err)
    assert expected in err.getvalue()
    assert not DialoguePage.objects.exists()


def test_skip_invalid_writes_the_rest(tmp_path, index):
    out, err = run(write_file(tmp_path, [line(1), "[]", line(3)]), "--publish", "--skip-invalid")
    assert "2 created" in out and "1 skipped" in out
    assert "line 2:" in err


def test_dry_run_writes_nothing(tmp_path, index):
    out, _err = run(write_file(tmp_path, [line(1)]), "--dry-run")
    assert "1 valid line(s)" in out
    assert not DialoguePage.objects.exists()


def test_unknown_parent_is_an_error(tmp_path, index):
    with pytest.raises(CommandError, match="No dialogue index at /nowhere/"):
        run(write_file(tmp_path, [line(1)]), "--parent", "/nowhere/")


VOLATILE = {"id", "url", "path", "first_published_at", "last_published_at", "translation_key", "translations"}


def comparable(exported: str) -> list[dict]:
    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in VOLATILE}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return [strip(json.loads(text)) for text in exported.splitlines()]


def test_export_then_import_round_trips(tmp_path, index, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run(write_file(tmp_path, [line(1), line(2, tags=["natur"], cancellation={"reason": "Udskudt."},
                                                 participation={"opens": "2021-02-01", "closes": "2021-03-01",
                                                                "channel": "Borgermøde", "url": "", "place": ""},
                                                 decision={"body": "Byrådet", "date": "2021-05-01", "url": "",
                                                           "summary": "Vedtaget."})]), "--publish")
    first = StringIO()
    call_command("export_dialogues", stdout=first)
    exported = first.getvalue()
    assert [json.loads(text)["external_id"] for text in exported.splitlines()] == ["arkiv-1", "arkiv-2"]
    with django_capture_on_commit_callbacks(execute=True):
        for page in DialoguePage.objects.all():
            page.delete()
    archive = tmp_path / "exported.jsonl"
    archive.write_text(exported)
    with django_capture_on_commit_callbacks(execute=True):
        run(str(archive), "--publish")
    second = StringIO()
    call_command("export_dialogues", stdout=second)
    assert comparable(second.getvalue()) == comparable(exported)
    second_line = json.loads(second.getvalue().splitlines()[1])
    assert second_line["status"]["key"] == "cancelled" and second_line["cancellation"] == {"reason": "Udskudt."}
    assert second_line["participation"]["channel"] == "Borgermøde"
    assert second_line["decision"]["summary"] == "Vedtaget."


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_workers_write_batches_in_parallel_and_the_result_is_sound(tmp_path, dialogue_index, monkeypatch):
    monkeypatch.setattr(import_workers, "BATCH", 3)  # forked workers inherit it
    path = write_file(tmp_path, [line(n) for n in range(1, 12)])
    out, _err = run(path, "--publish", "--workers", "2")
    assert "Importing (2 workers)" in out and "11 created, 0 updated" in out
    dialogue_index.refresh_from_db()
    assert dialogue_index.numchild == 11 and all(not problems for problems in Page.find_problems())
    pages = DialoguePage.objects.order_by("path")
    assert len({page.path for page in pages}) == len({page.slug for page in pages}) == 11
    assert all(page.live and page.latest_revision_id == page.live_revision_id for page in pages)
    assert PublishedDialogue.objects.count() == 11
    # One organisation, tag and contact for all lines, though two processes created them.
    assert Organisation.objects.filter(slug="havneby").count() == 1
    assert Tag.objects.filter(name="havn").count() == 1
    assert get_backend().indexed_ids() == set(PublishedDialogue.objects.values_list("page_id", flat=True))
    assert run_search(search_request("badezoner", "da", SearchFilters(), 20, 0)).total == 11
    # Run again: every line is updated in place, by either worker.
    out, _err = run(path, "--publish", "--workers", "2")
    assert "0 created, 11 updated" in out and DialoguePage.objects.count() == 11


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_failing_batch_stops_the_import_with_a_clear_error(tmp_path, dialogue_index, monkeypatch):
    monkeypatch.setattr(import_workers, "BATCH", 3)

    def failing(items, *args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(import_workers, "write", failing)
    with pytest.raises(CommandError, match="disk full.*run the import again"):
        run(write_file(tmp_path, [line(n) for n in range(1, 8)]), "--publish", "--workers", "2")


def test_inside_a_callers_transaction_the_import_writes_in_its_own_process(monkeypatch, db):
    monkeypatch.setattr(import_workers.os, "cpu_count", lambda: 8)
    # Other processes could not see the rows of the open transaction this test runs in.
    assert import_workers.worker_count(None, import_workers.BATCH * 10) == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_worker_count_is_one_per_core_unless_parallel_writing_cannot_work_or_help(monkeypatch):
    monkeypatch.setattr(import_workers.os, "cpu_count", lambda: 8)
    many = import_workers.BATCH * 10
    assert import_workers.worker_count(None, many) == import_workers.MAX_AUTO_WORKERS
    assert import_workers.worker_count(3, many) == 3
    assert import_workers.worker_count(3, import_workers.BATCH) == 1  # one batch: nothing to share
    if import_workers.connection.vendor == "sqlite":
        monkeypatch.setattr(import_workers.connection, "is_in_memory_db", lambda: True)
        assert import_workers.worker_count(3, many) == 1


def test_workers_must_be_a_positive_number(tmp_path, index):
    with pytest.raises(CommandError, match="'0' is not a whole number of at least 1"):
        run(write_file(tmp_path, [line(1)]), "--workers", "0")


def test_parts_checked_apart_are_merged_in_line_order_and_an_external_id_counts_once():
    first = CheckedArchive(lines=[ValidLine(1, "a", "da"), ValidLine(2, "b", "sv")],
                           errors=[LineError(3, "title", "missing")])
    second = CheckedArchive(lines=[ValidLine(4, "a", "da"), ValidLine(5, "c", "en")],
                            errors=[LineError(6, "", "not valid JSON")])
    merged = merge_parts([first, second])
    assert merged.valid == [1, 2, 5] and merged.locales == {"da", "sv", "en"}
    assert [str(error) for error in merged.errors] == [
        "line 3: title: missing", "line 4: external_id: also used on line 1", "line 6: not valid JSON"]
    assert merged.bad_lines == 3


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_external_id_repeated_in_another_part_is_reported_when_parts_are_checked_in_parallel(
        tmp_path, dialogue_index, monkeypatch):
    monkeypatch.setattr(import_workers, "BATCH", 3)  # lines 1-3 and 4-6 are checked by different workers
    path = write_file(tmp_path, [line(n) for n in range(1, 6)] + [line(1, title="Igen")])
    with pytest.raises(CommandError, match="1 invalid line"):
        run(path, "--workers", "2")
    assert not DialoguePage.objects.exists()
    out, err = run(path, "--workers", "2", "--skip-invalid")
    assert "line 6: external_id: also used on line 1" in err and "5 created, 0 updated, 1 skipped" in out

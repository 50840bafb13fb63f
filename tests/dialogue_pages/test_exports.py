"""Open data: JSON Lines in the import format, flat CSV, a catalogue, and the licence."""

import csv
import io
import json

import pytest
from django.core.management import call_command

from dialogue_pages.api import exports
from dialogue_pages.factories import DialoguePageFactory, OrganisationFactory
from dialogue_pages.models import DialoguePage

ITEM = {"theme": "Lys", "you_said": "Mørkt.", "we_did": "Lamper.", "outcome": "partly", "reason": "Budget."}


@pytest.fixture
def dialogues(dialogue_index, publish, locales):
    lund = OrganisationFactory(name="Lunds kommun", slug="lund")
    first = DialoguePageFactory(parent=dialogue_index, title="Stier", organisers=[lund],
                                feedback=[("item", ITEM), ("item", {**ITEM, "outcome": "adopted", "reason": ""})])
    first.tags.add("Park")
    second = DialoguePageFactory(parent=dialogue_index, title="Skolevej")
    DialoguePageFactory(parent=dialogue_index, title="Kladde", live=False)
    return [publish(first), publish(second)]


def streamed_text(response) -> str:
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode()


def test_jsonl_is_the_import_format_and_round_trips(client, dialogues, tmp_path, commit):
    response = client.get("/api/v1/export/dialogues.jsonl")
    assert response["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
    lines = [json.loads(line) for line in streamed_text(response).splitlines()]
    assert [line["title"] for line in lines] == ["Stier", "Skolevej"]
    assert all(line["external_id"] for line in lines)
    archive = tmp_path / "export.jsonl"
    archive.write_text(streamed_text(client.get("/api/v1/export/dialogues.jsonl")))
    with commit():
        for page in DialoguePage.objects.all():
            page.delete()
    with commit():
        call_command("import_dialogues", str(archive), "--publish", stdout=io.StringIO())
    titles = sorted(DialoguePage.objects.live().values_list("title", flat=True))
    assert titles == ["Skolevej", "Stier"]


def test_csv_is_flat_with_feedback_counts_by_outcome(client, dialogues):
    rows = list(csv.DictReader(io.StringIO(streamed_text(client.get("/api/v1/export/dialogues.csv")))))
    assert [row["title"] for row in rows] == ["Stier", "Skolevej"]
    first = rows[0]
    assert (first["feedback_partly"], first["feedback_adopted"], first["feedback_not_adopted"]) == ("1", "1", "0")
    assert first["organisations"] == "lund" and first["topics"] == "Park" and first["status"] == "closed"
    assert first["rung"] == "dialog" and first["url"].endswith("/stier/")


def test_exports_filter_by_locale_and_refuse_unknown_ones(client, dialogues):
    assert streamed_text(client.get("/api/v1/export/dialogues.jsonl", {"locale": "sv"})) == ""
    assert client.get("/api/v1/export/dialogues.csv", {"locale": "xx"}).status_code == 400


def test_exports_stream_in_chunks_with_two_queries_each(client, dialogue_index, publish, monkeypatch,
                                                        django_assert_max_num_queries):
    for number in range(7):
        publish(DialoguePageFactory(parent=dialogue_index, title=f"Dialog {number}"))
    monkeypatch.setattr(exports, "CHUNK", 3)
    response = client.get("/api/v1/export/dialogues.jsonl")
    with django_assert_max_num_queries(2 * 4 + 1):  # 3 full chunks and the empty one that ends it
        lines = streamed_text(response).splitlines()
    assert len(lines) == 7


def test_the_catalogue_describes_the_datasets_and_the_licence(client, dialogues, settings):
    settings.DIALOGUE_OPEN_DATA_LICENSE = "https://data.example.org/licence"
    data = client.get("/api/v1/export/").json()
    assert data["@type"] == "dcat:Catalog" and data["dct:license"] == "https://data.example.org/licence"
    urls = {item["dcat:accessURL"] for item in data["dcat:dataset"][0]["dcat:distribution"]}
    assert "http://testserver/api/v1/export/dialogues.csv?locale=sv" in urls
    assert "http://testserver/api/v1/export/dialogues.jsonl" in urls


def test_an_unchanged_export_answers_304(client, dialogues):
    first = client.get("/api/v1/export/dialogues.csv")
    assert client.get("/api/v1/export/dialogues.csv", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304

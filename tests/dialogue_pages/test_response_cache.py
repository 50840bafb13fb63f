"""The per-process cache of list-shaped bodies serves a body only while what it was built from holds."""

import datetime

import feedparser
import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from dialogue_pages.api import response_cache
from dialogue_pages.factories import DialoguePageFactory
from dialogue_pages.read_model.models import PublishedDialogue
from dialogue_pages.read_model.version import ReadModelVersion

LIST = "/api/v1/dialogues/?limit=20"


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def queries_of(client, url: str, **headers) -> tuple[object, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **headers)
    return response, len(captured)


@pytest.fixture
def dialogue(dialogue_index, publish):
    return publish(DialoguePageFactory(parent=dialogue_index, title="Cykelstier i midtbyen"))


def test_every_write_to_the_read_model_gives_a_new_version(dialogue):
    first = response_cache.read_model_version()
    PublishedDialogue.objects.filter(page_id=dialogue.pk).update(title="Ny titel")
    second = response_cache.read_model_version()
    with connection.cursor() as cursor:  # any code path, raw SQL too
        cursor.execute("DELETE FROM dialogue_pages_publisheddialogue WHERE page_id = %s", [dialogue.pk])
    third = response_cache.read_model_version()
    assert None not in (first, second, third)
    assert len({first, second, third}) == 3


def test_a_repeated_list_is_served_from_the_cache_with_one_query(client, dialogue):
    first, built = queries_of(client, LIST)
    second, served = queries_of(client, LIST)
    assert second.content == first.content
    assert ids(second) == [dialogue.pk]
    assert served == 1 < built  # the version look-up only
    assert second["ETag"] == first["ETag"]
    assert client.get(LIST, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_a_publish_or_unpublish_shows_at_once(client, dialogue_index, dialogue, publish, commit):
    assert ids(client.get(LIST)) == [dialogue.pk]
    other = publish(DialoguePageFactory(parent=dialogue_index, title="Skolevejen",
                                        start_date=dialogue.start_date + datetime.timedelta(days=1)))
    assert set(ids(client.get(LIST))) == {dialogue.pk, other.pk}
    with commit():
        other.unpublish()
    assert ids(client.get(LIST)) == [dialogue.pk]


def test_an_expiry_hides_the_dialogue_without_any_write(client, dialogue, commit):
    with commit():
        dialogue.expire_at = timezone.now() + datetime.timedelta(hours=1)
        dialogue.save_revision().publish()
    assert ids(client.get(LIST)) == [dialogue.pk]
    version = response_cache.read_model_version()
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=2)):
        assert ids(client.get(LIST)) == []
    assert response_cache.read_model_version() == version


def test_the_status_changes_at_midnight_in_a_cached_list(client, dialogue_index, publish):
    today = timezone.localdate()
    page = publish(DialoguePageFactory(parent=dialogue_index, title="Høring om parkering",
                                       start_date=today - datetime.timedelta(days=10), end_date=today,
                                       input_opens=today - datetime.timedelta(days=10), input_closes=today))
    noon = timezone.make_aware(datetime.datetime.combine(today, datetime.time(12)))
    with time_machine.travel(noon, tick=False):
        assert client.get(LIST).json()["items"][0]["status"]["key"] == "open"
        assert client.get(LIST).json()["items"][0]["status"]["key"] == "open"
    with time_machine.travel(noon + datetime.timedelta(days=1), tick=False):
        assert client.get(LIST).json()["items"][0]["status"]["key"] == "closed"
    assert page.pk == client.get(LIST).json()["items"][0]["id"]


def test_feeds_are_cached_and_keyed_by_language(client, dialogue, rf):
    first = client.get("/api/v1/feeds/dialogues.atom")
    second, served = queries_of(client, "/api/v1/feeds/dialogues.atom")
    assert served == 1
    assert second.content == first.content
    assert not feedparser.parse(second.content).bozo
    request = rf.get("/api/v1/feeds/dialogues.atom")
    now = timezone.now()
    with translation.override("sv"):
        swedish = response_cache.key_of(request, now)
    with translation.override("en"):
        english = response_cache.key_of(request, now)
    assert swedish != english


def test_the_cache_keeps_at_most_its_size(client, dialogue, settings):
    settings.DIALOGUE_API_RESPONSE_CACHE_SIZE = 2
    for limit in (1, 2, 3, 4):
        client.get(f"/api/v1/dialogues/?limit={limit}")
    assert len(response_cache._entries) == 2
    _, built = queries_of(client, "/api/v1/dialogues/?limit=1")  # the oldest went first
    assert built > 1


def test_size_zero_turns_the_cache_off(client, dialogue, settings):
    settings.DIALOGUE_API_RESPONSE_CACHE_SIZE = 0
    _, first = queries_of(client, LIST)
    _, second = queries_of(client, LIST)
    assert first == second  # no version look-up, the list's own queries each time
    assert response_cache._entries == {}


def test_without_the_version_row_nothing_is_cached(client, dialogue):
    ReadModelVersion.objects.all().delete()
    _, first = queries_of(client, LIST)
    _, second = queries_of(client, LIST)
    assert first == second > 1


def test_errors_are_not_cached(client, dialogue):
    assert client.get("/api/v1/dialogues/?organisation=nobody").status_code == 400
    assert response_cache._entries == {}


def test_a_remembered_value_is_built_once_per_version_day_and_language(dialogue, settings):
    built = []

    def build():
        built.append(1)
        return len(built)

    version = response_cache.read_model_version()
    assert response_cache.remembered(version, ("menus", 1), build) == 1
    assert response_cache.remembered(version, ("menus", 1), build) == 1
    assert response_cache.remembered(version, ("menus", 2), build) == 2  # another key
    with translation.override("sv"):
        assert response_cache.remembered(version, ("menus", 1), build) == 3  # labels are per language
    PublishedDialogue.objects.filter(page_id=dialogue.pk).update(title="Ny titel")
    assert response_cache.remembered(response_cache.read_model_version(), ("menus", 1), build) == 4
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1), tick=False):
        assert response_cache.remembered(response_cache.read_model_version(), ("menus", 1), build) == 5
    settings.DIALOGUE_API_RESPONSE_CACHE_SIZE = 0
    assert response_cache.cache_version() is None
    assert response_cache.remembered(None, ("menus", 1), build) == 6
    assert response_cache.remembered(None, ("menus", 1), build) == 7

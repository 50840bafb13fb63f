"""Index pages are kept per process for anonymous visitors, and never outlive what they show."""

import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from dialogue_pages.api import response_cache
from dialogue_pages.factories import DialoguePageFactory


def get(client, path: str = "/"):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    return response, len(captured)


@pytest.fixture
def dialogue(dialogue_index, publish):
    return publish(DialoguePageFactory(parent=dialogue_index, title="Cykelstier i midtbyen"))


def test_a_repeated_index_page_is_served_with_one_query_and_the_usual_headers(client, dialogue):
    first, built = get(client)  # the first visit keeps it
    second, served = get(client)
    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert "Cykelstier i midtbyen" in second.content.decode()
    assert served == 1 < built
    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options"):
        assert second.get(header) == first.get(header) and second.get(header), header


def test_an_edit_of_the_index_page_or_a_new_dialogue_shows_at_once(client, dialogue_index, dialogue, publish):
    get(client)
    get(client)
    assert response_cache._entries
    dialogue_index.title = "Borgerdialoger i kommunen"
    publish(dialogue_index)
    assert "Borgerdialoger i kommunen" in client.get("/").content.decode()
    publish(DialoguePageFactory(parent=dialogue_index, title="Skolevejen ved Åparken"))
    assert "Skolevejen ved Åparken" in client.get("/").content.decode()


def test_an_unpublished_dialogue_leaves_at_once(client, dialogue, commit):
    client.get("/")
    assert "Cykelstier i midtbyen" in client.get("/").content.decode()
    with commit():
        dialogue.unpublish()
    assert "Cykelstier i midtbyen" not in client.get("/").content.decode()


def test_filters_and_pages_are_kept_apart(client, dialogue):
    client.get("/")
    everything = client.get("/").content
    filtered = client.get("/?status=decided").content
    client.get("/")
    assert client.get("/").content == everything
    assert filtered != everything
    assert client.get("/?status=decided").content == filtered


def test_editors_are_never_served_or_kept(client, dialogue):
    user = get_user_model().objects.create_superuser("redaktor", "r@example.org", "pw-for-tests-only")
    client.force_login(user)
    for _ in range(3):
        response, queries = get(client)
        assert response.status_code == 200 and queries > 1
    assert response_cache._entries == {}


def test_a_password_protected_index_is_never_kept(client, dialogue_index, dialogue):
    client.get("/")
    PageViewRestriction.objects.create(page=dialogue_index, restriction_type="password", password="hemmeligt")
    response_cache.clear()
    for _ in range(2):
        response = client.get("/")
        assert response.status_code == 200 and "Cykelstier i midtbyen" not in response.content.decode()
    assert response_cache._entries == {}


def test_a_restriction_added_after_caching_shows_at_once(client, dialogue_index, dialogue):
    client.get("/")
    assert "Cykelstier i midtbyen" in client.get("/").content.decode()
    assert response_cache._entries
    PageViewRestriction.objects.create(page=dialogue_index, restriction_type="password", password="hemmeligt")
    assert "Cykelstier i midtbyen" not in client.get("/").content.decode()


def test_an_expiring_index_page_is_gone_when_it_expires(client, dialogue_index, dialogue, publish):
    dialogue_index.expire_at = timezone.now() + datetime.timedelta(hours=1)
    publish(dialogue_index)
    assert client.get("/").status_code == 200
    assert client.get("/").status_code == 200
    assert response_cache._entries
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=2)):
        assert client.get("/").status_code == 404


def test_without_the_middleware_in_settings_nothing_is_kept(client, dialogue, settings):
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if not name.endswith("IndexPageCacheMiddleware")]
    client.get("/")
    client.get("/")
    assert response_cache._entries == {}

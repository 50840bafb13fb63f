"""No input makes Wagtail's API v2 or the HTML pages answer 500: odd values are 400 or 404."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page

from dialogue_pages.factories import DialoguePageFactory

PROBLEM = "application/problem+json"


@pytest.fixture
def page(dialogue_index, publish):
    return publish(DialoguePageFactory(parent=dialogue_index, title="Havneplan", slug="havneplan"))


@pytest.mark.parametrize(
    "query",
    ["search_operator=xx&search=havn", "offset=9223372036854775808", "limit=9223372036854775808", "offset=-1",
     "offset=1e3", "first_published_at=abc", "last_published_at=2024-13-45", "id=abc", "search=%00",
     "search=" + "a" * 256, "child_of=99999999999999999999", "order=-", "unknown=1"],
)
@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
def test_bad_v2_parameters_are_400_problems(client, page, endpoint, query):
    response = client.get(f"/api/v2/{endpoint}/?{query}")
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == PROBLEM
    assert response.json()["status"] == 400


@pytest.mark.parametrize("search", ['"', " ", "!", '"unterminated', "(", "*", "-", "NEAR(", "'"])
@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
def test_v2_search_without_words_finds_nothing(client, page, endpoint, search):
    response = client.get(f"/api/v2/{endpoint}/", {"search": search})
    assert response.status_code == 200
    assert response.json()["meta"]["total_count"] == 0


def test_v2_search_ignores_syntax_around_words(client, page):
    plain = client.get("/api/v2/pages/", {"search": "Havneplan"}).json()
    quoted = client.get("/api/v2/pages/", {"search": '"Havneplan', "search_operator": "and"}).json()
    assert page.pk in [item["id"] for item in plain["items"]]
    assert [item["id"] for item in quoted["items"]] == [item["id"] for item in plain["items"]]


def test_v2_still_serves_pages(client, page):
    response = client.get("/api/v2/pages/", {"offset": 0, "limit": 20, "first_published_at": "2000-01-01T00:00:00Z"})
    assert response.status_code == 200
    assert client.get(f"/api/v2/pages/{page.pk}/").json()["title"] == "Havneplan"


def test_v2_unknown_page_is_a_404_problem(client, page):
    response = client.get("/api/v2/pages/99999999999999999999/")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM


@pytest.mark.parametrize("url", ["/%00/", "/havneplan%00/", "/havneplan/%1f/", "/en/%7f/", "/admin/%00/"])
def test_control_characters_in_a_page_path_are_a_plain_404(client, page, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/plain")


@pytest.mark.parametrize("url", ["/?q=%00", "/havneplan/?page=%00", "/?%0a=1", "/admin/pages/search/?q=%00"])
def test_control_characters_in_a_page_query_are_a_plain_400(client, page, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")


def test_pages_still_serve(client, page):
    assert client.get("/havneplan/").status_code == 200


def test_v2_search_finds_unexpired_pages_only(client, dialogue_index, publish, page):
    expired = DialoguePageFactory(parent=dialogue_index, title="Havneplan gammel", slug="gammel-havneplan")
    expired.expire_at = timezone.now() + datetime.timedelta(minutes=5)
    publish(expired)
    Page.objects.filter(pk=expired.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    response = client.get("/api/v2/pages/", {"search": "Havneplan"})
    assert response.status_code == 200
    found = [item["id"] for item in response.json()["items"]]
    assert page.pk in found and expired.pk not in found

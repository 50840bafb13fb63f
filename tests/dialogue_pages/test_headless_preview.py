"""Headless preview: the editor's link, signed expiring tokens, and drafts that never leak."""

import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse

from dialogue_pages.factories import DialoguePageFactory
from dialogue_pages.preview import make_token


@pytest.fixture
def draft(dialogue_index, publish):
    page = publish(DialoguePageFactory(parent=dialogue_index, title="Offentlig titel"))
    page.title = "Hemmelig kladde"
    page.decision_summary, page.decision_date = "Endnu ikke vedtaget.", datetime.date(2030, 1, 1)
    page.save_revision()
    return page


@pytest.fixture
def editor(client, db):
    user = get_user_model().objects.create_superuser("redaktoer", "r@example.org", "pw")
    client.force_login(user)
    return client


def test_the_token_shows_the_draft_in_the_detail_schema_and_is_never_cached(client, draft):
    token = make_token(draft.pk, draft.latest_revision.pk)
    response = client.get(f"/api/v1/preview/{token}/")
    assert response.status_code == 200
    data = response.json()
    assert data["title"] == "Hemmelig kladde" and data["decision"]["summary"] == "Endnu ikke vedtaget."
    assert response["Cache-Control"] == "no-store, private" and "ETag" not in response
    # the draft reaches no public output
    assert client.get(f"/api/v1/dialogues/{draft.pk}/").json()["title"] == "Offentlig titel"
    assert "Hemmelig kladde" not in client.get("/api/v1/dialogues/").content.decode()


def test_a_tampered_token_is_refused(client, draft):
    token = make_token(draft.pk, draft.latest_revision.pk)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    response = client.get(f"/api/v1/preview/{tampered}/")
    assert response.status_code == 403 and response["Content-Type"] == "application/problem+json"
    assert client.get("/api/v1/preview/not-a-token/").status_code == 403


def test_a_token_is_tied_to_its_page_and_revision(client, draft, dialogue_index):
    other = DialoguePageFactory(parent=dialogue_index, title="Anden side")
    other.save_revision()
    token = make_token(draft.pk, other.latest_revision.pk)  # a revision of another page
    assert client.get(f"/api/v1/preview/{token}/").status_code == 404


def test_a_token_expires(client, draft, settings):
    settings.DIALOGUE_PREVIEW_TOKEN_SECONDS = 60
    with time_machine.travel(datetime.datetime(2026, 1, 1, 12, tzinfo=datetime.UTC), tick=False):
        token = make_token(draft.pk, draft.latest_revision.pk)
    with time_machine.travel(datetime.datetime(2026, 1, 1, 12, 2, tzinfo=datetime.UTC), tick=False):
        response = client.get(f"/api/v1/preview/{token}/")
    assert response.status_code == 410 and response.json()["title"] == "Preview link expired"


def test_the_editor_offers_the_preview_on_the_municipal_website(editor, draft, settings):
    settings.DIALOGUE_PREVIEW_URL = "https://kommune.example.org/preview?token={token}"
    edit = editor.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).content.decode()
    link = reverse("dialogue_headless_preview", args=[draft.pk])
    assert link in edit and "Preview on the municipal website" in edit
    response = editor.get(link)
    html = response.content.decode()
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert 'href="https://kommune.example.org/preview?token=' in html
    api_link = html.split('href="http://testserver/api/v1/preview/')[1].split('"')[0]
    assert editor.get(f"/api/v1/preview/{api_link}").json()["title"] == "Hemmelig kladde"


def test_only_editors_get_preview_links(client, draft, django_user_model):
    user = django_user_model.objects.create_user("borger", "b@example.org", "pw")
    client.force_login(user)
    response = client.get(reverse("dialogue_headless_preview", args=[draft.pk]))
    assert response.status_code in (302, 403)

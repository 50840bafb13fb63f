"""Never leak: what is not live, public and unexpired appears in no list, detail, count or link."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from dialogue_pages.factories import DialoguePageFactory, OrganisationFactory

SECRET = "Hemmelig dialog"


@pytest.fixture
def organisation(db):
    return OrganisationFactory(slug="skjult-kommune")


@pytest.fixture
def secret(dialogue_index, publish, organisation):
    page = DialoguePageFactory(parent=dialogue_index, title=SECRET, organisers=[organisation])
    page.tags.add("hemmeligt")
    return publish(page)


def assert_invisible(client, page_id: int) -> None:
    listing = client.get("/api/v1/dialogues/")
    assert page_id not in [item["id"] for item in listing.json()["items"]]
    assert SECRET not in listing.content.decode()
    assert client.get(f"/api/v1/dialogues/{page_id}/").status_code == 404
    organisations = {org["slug"]: org["dialogues"] for org in client.get("/api/v1/organisations/").json()}
    assert organisations.get("skjult-kommune", 0) == 0
    assert "hemmeligt" not in client.get("/api/v1/tags/").content.decode()


def assert_visible(client, page_id: int) -> None:
    assert page_id in [item["id"] for item in client.get("/api/v1/dialogues/").json()["items"]]
    assert client.get(f"/api/v1/dialogues/{page_id}/").status_code == 200


def test_a_draft_never_shows(client, dialogue_index, commit):
    with commit():
        draft = DialoguePageFactory(parent=dialogue_index, title=SECRET, live=False)
        draft.save_revision()
    assert_invisible(client, draft.pk)


def test_unpublished_changes_of_a_live_page_do_not_show(client, secret, commit):
    with commit():
        secret.title = "Udkast der ikke må ses"
        secret.save_revision()
    assert "Udkast der ikke må ses" not in client.get(f"/api/v1/dialogues/{secret.pk}/").content.decode()


def test_unpublishing_hides_at_once(client, secret, commit):
    assert_visible(client, secret.pk)
    with commit():
        secret.unpublish()
    assert_invisible(client, secret.pk)


@pytest.mark.parametrize("restriction_type", ["password", "login", "groups"])
@pytest.mark.parametrize("on", ["page", "ancestor"])
def test_private_pages_hide_at_once_and_come_back(client, secret, dialogue_index, commit, restriction_type, on):
    target = secret if on == "page" else dialogue_index
    with commit():
        restriction = PageViewRestriction.objects.create(
            page=target, restriction_type=restriction_type, password="hemmeligt"
        )
        if restriction_type == "groups":
            restriction.groups.add(Group.objects.create(name="Redaktion"))
    assert_invisible(client, secret.pk)
    with commit():
        restriction.delete()
    assert_visible(client, secret.pk)


def test_expired_pages_hide_even_before_the_scheduler_runs(client, secret, commit, monkeypatch):
    with commit():
        secret.expire_at = timezone.now() + datetime.timedelta(hours=1)
        secret.save_revision().publish()
    assert_visible(client, secret.pk)
    two_hours_later = timezone.now() + datetime.timedelta(hours=2)
    monkeypatch.setattr("dialogue_pages.read_model.queries.timezone.now", lambda: two_hours_later)
    assert_invisible(client, secret.pk)


def test_scheduled_go_live_shows_nothing_until_published(client, dialogue_index, commit):
    page = DialoguePageFactory(parent=dialogue_index, title=SECRET, live=False)
    with commit():
        page.go_live_at = timezone.now() + datetime.timedelta(days=1)
        page.save_revision(approved_go_live_at=page.go_live_at)
    assert_invisible(client, page.pk)


def test_deleted_pages_disappear(client, secret, commit):
    page_id = secret.pk
    with commit():
        secret.delete()
    assert_invisible(client, page_id)


def test_locale_that_is_not_a_content_language_is_hidden(client, secret, settings):
    settings.WAGTAIL_CONTENT_LANGUAGES = settings.LANGUAGES = [("sv", "Svenska"), ("en", "English")]
    assert_invisible(client, secret.pk)


def test_translation_links_only_to_public_translations(client, secret, commit, locales):
    with commit():
        english = secret.copy_for_translation(locales["en"], copy_parents=True)
        english.title = "Secret dialogue in English"
        english.save_revision()  # a draft translation
    links = client.get(f"/api/v1/dialogues/{secret.pk}/").json()["translations"]
    assert links == []
    with commit():
        english.save_revision().publish()
    links = client.get(f"/api/v1/dialogues/{secret.pk}/").json()["translations"]
    assert [link["locale"] for link in links] == ["en"]
    english.refresh_from_db()
    with commit():
        english.unpublish()
    assert client.get(f"/api/v1/dialogues/{secret.pk}/").json()["translations"] == []
    assert Locale.objects.filter(language_code="en").exists()

"""An editor translates a Danish dialogue to English with wagtail-localize: a draft, and the ladders stay put."""

import re

import pytest
from playwright.sync_api import Page, expect

from dialogue_pages.ladders import ParticipationRung
from dialogue_pages.models import DialoguePage

from .helpers import get_json, page_action

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def rung_names(translation_key) -> dict[str, str]:
    return dict(ParticipationRung.objects.filter(translation_key=translation_key)
                .values_list("locale__language_code", "name"))


def test_translating_a_dialogue_makes_an_english_draft_and_leaves_the_english_ladder_alone(
    published_dialogue, editor_page: Page
):
    page = editor_page
    source = published_dialogue
    rungs_before = rung_names(source.rung.translation_key)
    assert rungs_before["en"] != rungs_before["da"]  # e.g. "Dialogue" and "Dialog"
    english_before = {item["id"] for item in get_json(page, "/api/v1/dialogues/", locale="en", limit=50)["items"]}

    page.goto(f"/admin/pages/{source.pk}/edit/")
    page_action(page, "Translate this page")
    page.get_by_role("checkbox", name="English").check()
    page.get_by_role("button", name="Submit").click()
    page.wait_for_url(lambda url: f"/admin/pages/{source.pk}/edit/" not in url and "/submit/" not in url)

    translation = DialoguePage.objects.get(translation_key=source.translation_key, locale__language_code="en")
    expect(page).to_have_url(re.compile(rf"/admin/pages/{translation.pk}/edit/$"))
    expect(page.get_by_text("successfully submitted for translation into English")).to_be_visible()
    assert not translation.live, "the new English page was published at once"
    english_after = {item["id"] for item in get_json(page, "/api/v1/dialogues/", locale="en", limit=50)["items"]}
    assert english_after == english_before, "the untranslated English draft appears in the API"
    assert rung_names(source.rung.translation_key) == rungs_before, "translating the page rewrote the ladder"
    translation.refresh_from_db()
    assert translation.rung.locale.language_code == "en"
    assert translation.rung.name == rungs_before["en"]

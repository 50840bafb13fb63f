"""The demo dialogues render in the editor's preview, as the editor would see them before publishing."""

from io import StringIO

import pytest
from django.core.management import call_command

from dialogue_pages.pages import DialogueIndexPage, DialoguePage


@pytest.fixture
def demo(db):
    call_command("load_demo_dialogues", stdout=StringIO())


def test_every_demo_page_renders_in_the_preview(demo):
    pages = [*DialoguePage.objects.all(), *DialogueIndexPage.objects.all()]
    assert len(pages) >= 10
    for page in pages:
        draft = page.get_latest_revision_as_object()
        response = draft.make_preview_request()
        assert response.status_code == 200, page.title
        assert draft.title in response.content.decode()


def test_preview_shows_unpublished_changes(demo):
    page = DialoguePage.objects.get(slug="fokus-dalby")
    page.title = "Fokus Dalby – utkast"
    response = page.make_preview_request()
    assert "Fokus Dalby – utkast" in response.content.decode()

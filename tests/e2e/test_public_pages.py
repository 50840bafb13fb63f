"""A citizen reads the dialogues: the index of each language and every dialogue linked from it, checked by axe."""

import pytest
from playwright.sync_api import Page, expect

from dialogue_pages.models import DialogueIndexPage, DialoguePage

from .helpers import format_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Danish, the default language, has no prefix.
INDEX_URLS = {"da": "/", "sv": "/sv/", "en": "/en/"}


def test_indexes_and_dialogues_in_every_language_meet_wcag_21_aa(demo_site, page: Page, axe):
    violations, visited = {}, []
    for language, index_url in INDEX_URLS.items():
        index = DialogueIndexPage.objects.get(locale__language_code=language)
        dialogues = list(DialoguePage.objects.child_of(index).live().order_by("path"))
        assert dialogues, f"the demo has no {language} dialogues"

        page.goto(index_url)
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.get_by_role("heading", level=1)).to_have_text(index.title)
        violations[index_url] = axe(page)

        for dialogue in dialogues:
            page.goto(index_url)
            page.get_by_role("link", name=dialogue.title, exact=True).click()
            expect(page.get_by_role("heading", level=1)).to_have_text(dialogue.title)
            expect(page.locator("html")).to_have_attribute("lang", language)
            violations[page.url] = axe(page)
            visited.append(page.url)

    assert len(visited) == DialoguePage.objects.live().count()
    found = {url: found for url, found in violations.items() if found}
    assert not found, "\n".join(f"{url}\n{format_violations(items)}" for url, items in found.items())

"""Shared fixtures: a site whose root holds a dialogue index, and helpers to build dialogues."""

import os

import pytest
from django.utils import translation
from wagtail.models import Locale, Page, Site

from dialogue_pages.factories import DialogueIndexPageFactory

# The minimal host project (tests/host) runs with its own settings: `pytest tests/host --ds=tests.host.settings`.
collect_ignore = [] if os.environ.get("DJANGO_SETTINGS_MODULE") == "tests.host.settings" else ["host"]


@pytest.fixture
def locales(db) -> dict[str, Locale]:
    """The three content locales (the data migration creates them)."""
    return {code: Locale.objects.get(language_code=code) for code in ("da", "sv", "en")}


@pytest.fixture
def dialogue_index(db):
    """A published dialogue index under the default site's root page."""
    root = Page.get_first_root_node()
    index = DialogueIndexPageFactory(parent=root, title="Dialoger", slug="dialoger")
    site = Site.objects.get(is_default_site=True)
    site.root_page = index
    site.save()
    return index


@pytest.fixture(autouse=True)
def search_index_of_its_own(settings, tmp_path):
    """Every test searches an index directory of its own: the database rolls back, an index's files do not."""
    settings.DIALOGUE_SEARCH_INDEX_DIR = str(tmp_path / "search-index")


@pytest.fixture(autouse=True)
def fresh_response_cache():
    """Each test starts with an empty per-process response cache (its version check would also tell tests apart)."""
    from dialogue_pages.api import response_cache

    response_cache.clear()


@pytest.fixture(autouse=True)
def english_messages():
    """Tests read messages in English; the default language of the site is Danish."""
    with translation.override("en"):
        yield


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Use as ``with commit():`` to run the on-commit callbacks that keep the read model and search fresh."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def publish(commit):
    """Publish a page (or a new revision of it); the read model and the search index follow."""

    def publish_page(page):
        with commit():
            page.save_revision().publish()
        return page

    return publish_page

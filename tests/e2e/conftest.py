"""Browser tests: a live server with the demo dialogues, Debian's Chromium driven by Playwright, axe-core.

Tests marked ``e2e`` run against ``live_server``: a threaded server on a transactional test database (a
file on SQLite, see ``site/settings/test.py``). Mark them ``django_db(transaction=True,
serialized_rollback=True)`` so that what the migrations created (locales, the shipped ladders) is
restored for the tests after them. Playwright does not download a browser here: it launches
``E2E_CHROMIUM`` (default ``/usr/bin/chromium``, Debian's ``chromium`` package), and the tests are
skipped when it is missing. axe-core comes from npm (``npm ci``, which ``make test`` runs).
"""

import io
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connections
from playwright.sync_api import Browser, Page, expect, sync_playwright
from wagtail.users.models import UserProfile

from dialogue_pages.factories import DialoguePageFactory

from .helpers import EDITOR_PASSWORD, EDITOR_USERNAME, log_in, run_axe

CHROMIUM = Path(os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# How long (ms) Playwright waits for an element or a navigation; a busy shared machine needs headroom.
TIMEOUT_MS = 20_000
expect.set_options(timeout=TIMEOUT_MS)


def pytest_collection_modifyitems(config, items) -> None:
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=f"browser tests need Chromium at {CHROMIUM} (Debian: apt-get install chromium)")
    for item in items:
        if item.get_closest_marker("e2e"):
            item.add_marker(skip)


@pytest.fixture(scope="package")
def browser(django_db_setup) -> Iterator[Browser]:
    """One headless Chromium for the browser tests; Playwright starts it with a fresh profile directory.

    Playwright's sync API keeps its event loop running in this thread while it lives. Django then refuses
    ORM calls here unless DJANGO_ALLOW_ASYNC_UNSAFE is set (the tests' queries are synchronous all the same),
    and it hands out other connection objects than before (asgiref's thread-critical storage). Those must
    carry the test database's post-migration contents, or ``serialized_rollback`` would restore nothing, and
    they are closed before the loop stops. Package scope: the tests after these run without a loop.
    """
    serialized = {alias: getattr(connections[alias], "_test_serialized_contents", None) for alias in connections}
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        for alias, contents in serialized.items():
            if contents is not None:
                connections[alias]._test_serialized_contents = contents
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
        connections.close_all()


@pytest.fixture
def page(browser: Browser, live_server) -> Iterator[Page]:
    """A tab in a fresh browser context (no cookies) whose relative URLs go to the live server."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    yield tab
    # Leave the page first: the admin's timers (editing-session pings, preview updates) must not send
    # requests while the test database is being emptied.
    tab.goto("about:blank")
    context.close()


@pytest.fixture
def demo_site(live_server) -> None:
    """The demo dialogues as ``make demo`` loads them: an index per language, dialogues and translations."""
    call_command("load_demo_dialogues", stdout=io.StringIO())


@pytest.fixture
def published_dialogue(live_server, dialogue_index):
    """One published Danish dialogue (factories, quicker than the demo) under ``dialogue_index``, the site's root."""
    dialogue = DialoguePageFactory(
        parent=dialogue_index, title="Borgerdialog om en ny skolegård", slug="ny-skolegaard",
        intro="Elever, forældre og naboer er med til at forme den nye skolegård.",
    )
    dialogue.save_revision().publish()  # autocommit: the read model and the search index follow at once
    return dialogue


@pytest.fixture
def editor(django_user_model):
    """A superuser whose admin speaks English, so the tests find fields by their English labels."""
    user = django_user_model.objects.create_superuser(EDITOR_USERNAME, "e2e-editor@example.org", EDITOR_PASSWORD)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def editor_page(page: Page, editor) -> Page:
    """The tab, signed in to the Wagtail admin as ``editor`` through the login form."""
    log_in(page)
    return page


@pytest.fixture
def axe() -> Callable[[Page], list[dict]]:
    """``axe(page)``: the WCAG 2.1 A/AA violations of the tab's page (``helpers.format_violations`` explains them)."""
    return run_axe

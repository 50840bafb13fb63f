"""Reach in a real browser: the search page with and without JavaScript, the keyboard, the web components on
another origin, axe-core on every public page and component, no horizontal overflow from 320 to 1280 px, and the
screenshots of docs/embed.md."""

import os
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from playwright.sync_api import Browser, Page, expect
from wagtail.models import Site

from dialogue_pages.models import DialogueIndexPage, DialoguePage
from dialogue_pages.read_model.writer import refresh_dialogues

from .helpers import format_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

REPOSITORY = Path(__file__).resolve().parents[2]
IMAGES = REPOSITORY / "docs" / "images"
WIDTHS = (320, 375, 768, 1280)


@pytest.fixture
def served_here(live_server, published_dialogue):
    """The published dialogue, with the site's address set to the live server's, so its absolute URL opens."""
    Site.objects.update(hostname=urlsplit(live_server.url).hostname, port=urlsplit(live_server.url).port)
    Site.clear_site_root_paths_cache()
    refresh_dialogues([published_dialogue.pk])
    return published_dialogue


def overflows(page: Page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth")


@pytest.fixture
def module_with_cors(monkeypatch) -> None:
    """Static files with ``Access-Control-Allow-Origin: *``, as WhiteNoise serves them in production.

    The live server hands /static/ to Django's StaticFilesHandler instead of WhiteNoise, and a module script
    from another origin is fetched in CORS mode (tests/site/test_embed.py checks WhiteNoise's header).
    """
    serve = StaticFilesHandler.serve

    def serve_with_cors(self, request):
        response = serve(self, request)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    monkeypatch.setattr(StaticFilesHandler, "serve", serve_with_cors)


@pytest.fixture
def other_origin(live_server) -> Iterator[tuple[str, dict]]:
    """A second web server on 127.0.0.1 (another origin than the live server) serving one page: ``pages["/"]``."""
    pages: dict[str, str] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the name http.server calls)
            body = pages.get(self.path.split("?")[0], "").encode()
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", pages
    server.shutdown()
    server.server_close()


def embedding_page(cms: str, dialogue_id: int) -> str:
    return f"""<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Kommunen</title>
<script type="module" src="{cms}/static/dialogue_pages/dialogue-elements.js"></script></head>
<body><main><h1>Medborgardialoger</h1>
<dialogue-list api="{cms}/api/v1" limit="5"></dialogue-list>
<dialogue-card api="{cms}/api/v1" dialogue-id="{dialogue_id}" locale="sv"></dialogue-card>
<dialogue-badge api="{cms}/api/v1" dialogue-id="{dialogue_id}" locale="sv"></dialogue-badge>
<dialogue-search api="{cms}/api/v1" locale="da"></dialogue-search>
</main></body></html>"""


def test_components_work_on_another_origin_through_cors(
    page: Page, live_server, published_dialogue, other_origin, module_with_cors, settings, axe
):
    origin, pages = other_origin
    pages["/"] = embedding_page(live_server.url, published_dialogue.pk)

    settings.CORS_ALLOWED_ORIGINS = []
    page.goto(f"{origin}/")
    expect(page.locator("dialogue-list [role=status]")).to_have_text("Dialogerna kunde inte hämtas.")

    settings.CORS_ALLOWED_ORIGINS = [origin]
    page.goto(f"{origin}/")
    title = published_dialogue.title
    expect(page.locator("dialogue-list .dlg-card h3 a")).to_have_text([title])
    expect(page.locator("dialogue-list [role=status]")).to_have_text("1 dialog visas")
    expect(page.locator("dialogue-list")).not_to_have_attribute("aria-busy", "true")
    expect(page.locator("dialogue-card h3")).to_have_text(title)
    expect(page.locator("dialogue-badge .dlg-badge")).to_contain_text("Grad av inflytande")
    # Light DOM: the host page's own styles and tools reach the elements.
    assert page.evaluate("() => document.querySelector('dialogue-list').shadowRoot === null")

    page.get_by_label("Søg i dialoger").fill("skolegård")
    page.get_by_role("button", name="Søg", exact=True).click()
    expect(page.locator("dialogue-search .dlg-card h3 a")).to_have_text([title])
    expect(page.locator("dialogue-search .dlg-snippet mark").first).to_be_visible()
    expect(page.locator("dialogue-search [role=status]")).to_have_text("1 dialog fundet")

    violations = axe(page)
    assert not violations, format_violations(violations)


def test_components_mark_an_illustrative_example(
    page: Page, live_server, dialogue_index, other_origin, module_with_cors, settings, axe
):
    from dialogue_pages.factories import DialoguePageFactory

    example = DialoguePageFactory(parent=dialogue_index, title="Borgerdialog om en ny legeplads", slug="legeplads",
                                  is_example=True)
    plain = DialoguePageFactory(parent=dialogue_index, title="Borgerdialog om en ny skolegård", slug="skolegaard")
    for dialogue in (example, plain):
        dialogue.save_revision().publish()
    origin, pages = other_origin
    pages["/"] = embedding_page(live_server.url, example.pk)
    settings.CORS_ALLOWED_ORIGINS = [origin]
    page.goto(f"{origin}/")

    # The page speaks Swedish (<html lang="sv">): the list and the card say so in Swedish, on the example only.
    listed = page.locator("dialogue-list .dlg-card")
    expect(listed).to_have_count(2)
    marker = listed.filter(has_text=example.title).locator(".dlg-example")
    expect(marker).to_have_text("Illustrativt exempel")
    expect(marker).to_be_visible()
    expect(marker).to_have_attribute("lang", "sv")
    expect(listed.filter(has_text=plain.title).locator(".dlg-example")).to_have_count(0)
    expect(page.locator("dialogue-card .dlg-example")).to_have_text("Illustrativt exempel")

    # The search element speaks Danish (locale="da").
    page.get_by_label("Søg i dialoger").fill("borgerdialog")
    page.get_by_role("button", name="Søg", exact=True).click()
    results = page.locator("dialogue-search .dlg-card")
    expect(results).to_have_count(2)
    expect(results.filter(has_text=example.title).locator(".dlg-example")).to_have_text("Illustrativt eksempel")
    expect(page.locator("dialogue-search .dlg-example")).to_have_count(1)

    violations = axe(page)
    assert not violations, format_violations(violations)


def test_api_text_is_never_html_in_the_components(page: Page, live_server, dialogue_index, publish):
    from dialogue_pages.factories import DialoguePageFactory

    hostile = DialoguePageFactory(parent=dialogue_index, title='<img src=x onerror="window.owned=1">Skolegård',
                                  slug="hostile", intro="<b>fed</b>")
    hostile.save_revision().publish()
    page.goto("/embed-example/")
    expect(page.locator("#example-list .dlg-card h3 a").first).to_contain_text("<img src=x")
    page.get_by_label("Søg i dialoger").fill("skolegård")
    page.keyboard.press("Enter")
    expect(page.locator("#example-search .dlg-card").first).to_be_visible()
    assert page.evaluate("() => window.owned === undefined && !document.querySelector('main img, main b')")


def test_search_page_without_javascript(browser: Browser, live_server, published_dialogue):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, locale="da-DK")
    page = context.new_page()
    page.goto("/search/")
    field = page.get_by_role("searchbox", name="Søg efter")
    expect(field).not_to_have_attribute("role", "combobox")
    field.fill("skolegård")
    page.get_by_role("button", name="Søg", exact=True).click()
    expect(page.locator(".search-hits h3 a")).to_have_text([published_dialogue.title])
    expect(page.locator(".search-hit__snippet mark").first).to_be_visible()
    expect(page.get_by_role("heading", name="1 dialog fundet")).to_be_visible()
    page.locator(".search-facets a").first.click()
    expect(page.locator(".search-facets a[aria-current]")).to_have_count(1)
    context.close()


def test_search_page_with_javascript_by_keyboard_alone(page: Page, served_here):
    published_dialogue = served_here
    page.goto("/search/")
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "search-q":
            break
    field = page.locator("#search-q")
    expect(field).to_be_focused()
    expect(field).to_have_attribute("role", "combobox")
    page.keyboard.type("skoleg", delay=40)
    listbox = page.get_by_role("listbox")
    expect(listbox).to_be_visible()
    expect(page.get_by_role("option")).to_have_text([published_dialogue.title])
    expect(field).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("option").first).to_have_attribute("aria-selected", "true")
    option_id = page.get_by_role("option").first.get_attribute("id")
    expect(field).to_have_attribute("aria-activedescendant", option_id)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(published_dialogue.title)

    # Escape closes the suggestions; Enter without one chosen searches as the form does.
    page.goto("/search/")
    page.locator("#search-q").fill("skoleg")
    expect(page.get_by_role("listbox")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.get_by_role("listbox")).to_be_hidden()
    page.keyboard.press("Enter")
    expect(page.locator(".results-count")).to_be_visible()


def public_urls() -> list[str]:
    urls = ["/search/?q=skole", "/sv/search/?q=skola", "/embed-example/"]
    for index in DialogueIndexPage.objects.live().order_by("path"):
        urls.append(index.url)
        dialogue = DialoguePage.objects.child_of(index).live().order_by("path").first()
        if dialogue:
            urls.append(dialogue.url)
    return urls


def test_public_pages_meet_wcag_21_aa_and_never_overflow(demo_site, page: Page, axe):
    urls = public_urls()
    assert len(urls) >= 9
    found, wide = {}, []
    for url in urls:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(url)
        if url == "/embed-example/":
            expect(page.locator("#example-list .dlg-card").first).to_be_visible()
        found[url] = axe(page)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            if overflows(page):
                wide.append(f"{url} at {width} px: {page.evaluate('document.documentElement.scrollWidth')} px wide")
    problems = {url: items for url, items in found.items() if items}
    assert not problems, "\n".join(f"{url}\n{format_violations(items)}" for url, items in problems.items())
    assert not wide, "\n".join(wide)


def test_long_compounds_do_not_overflow_a_phone(page: Page, live_server, dialogue_index, publish):
    from dialogue_pages.factories import DialoguePageFactory

    dialogue = DialoguePageFactory(parent=dialogue_index, slug="lang", title="Kommuneplanudviklingsstrategiforslagets"
                                   "borgerinddragelsesprocesevaluering")
    dialogue.save_revision().publish()
    for url in (dialogue.url, dialogue_index.url, "/search/?q=kommuneplanudviklingsstrategiforslagets"):
        for width in (320, 375):
            page.set_viewport_size({"width": width, "height": 800})
            page.goto(url)
            assert not overflows(page), f"{url} overflows at {width} px"


def save_screenshot(name: str, png: bytes) -> None:
    """Write docs/images/<name> when it is missing or UPDATE_SCREENSHOTS=1, so runs do not churn the files."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 2_000
    target = IMAGES / name
    if os.environ.get("UPDATE_SCREENSHOTS") == "1" or not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(png)


def test_embed_example_and_its_screenshots(page: Page, live_server, published_dialogue, axe):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/embed-example/")
    expect(page.locator("#example-list .dlg-card h3 a")).to_have_text([published_dialogue.title])
    expect(page.locator("#example-badge .dlg-badge")).to_contain_text("Grad af indflydelse: Dialog – 3 af 5")
    violations = axe(page)
    assert not violations, format_violations(violations)
    save_screenshot("embed-list.png", page.locator("#example-list").screenshot(animations="disabled"))

    page.get_by_label("Søg i dialoger").fill("skolegård")
    page.get_by_role("button", name="Søg", exact=True).click()
    expect(page.locator("#example-search .dlg-card h3 a")).to_have_text([published_dialogue.title])
    page.locator("#example-search input").blur()
    violations = axe(page)
    assert not violations, format_violations(violations)
    save_screenshot("embed-search.png", page.locator("#example-search").screenshot(animations="disabled"))

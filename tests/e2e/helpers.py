"""What the browser tests do on a page: find fields the way a person does, publish, read the JSON, run axe."""

import json
import re
import urllib.parse
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page

AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
EDITOR_USERNAME, EDITOR_PASSWORD = "e2e-editor", "e2e-password"


def log_in(page: Page, username: str = EDITOR_USERNAME, password: str = EDITOR_PASSWORD) -> None:
    """Sign in through Wagtail's login form (which speaks the site's default language, Danish: hence the names)."""
    page.goto("/admin/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/admin/")


def textbox(scope: Page | Locator, label: str) -> Locator:
    """The text field (input, textarea) labelled ``label``, with or without the required mark."""
    return scope.get_by_role("textbox", name=re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def open_tab(page: Page, heading: str) -> None:
    """Open the editor tab whose heading starts with ``heading`` ("Timeline" finds "Timeline, feedback & …")."""
    page.get_by_role("tab", name=re.compile(rf"^\s*{re.escape(heading)}")).click()


def stream_field(page: Page, field_name: str) -> Locator:
    """A StreamField of the editor by its field name (Wagtail marks each field's content path)."""
    return page.locator(f'[data-contentpath="{field_name}"]').first


def insert_block(page: Page, stream: Locator, block_label: str | None = None) -> None:
    """Press the stream's "+" and, when the stream offers several block types, choose one in the menu."""
    stream.get_by_role("button", name="Insert a block").last.click()
    if block_label:
        page.get_by_role("option", name=block_label).click()


def publish(page: Page) -> None:
    """Publish from the editor's footer: the menu next to "Save draft" holds "Publish"."""
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish", exact=True).click()
    page.wait_for_load_state()


def page_action(page: Page, name: str) -> None:
    """Choose an action in the page header's "Actions" menu (e.g. "Translate this page")."""
    page.get_by_role("navigation", name="Actions", exact=True).get_by_role("button", name="Actions", exact=True).click()
    page.get_by_role("link", name=name).click()


def get_json(page: Page, path: str, **params) -> dict:
    """GET a JSON URL of the live server with the tab's cookies; fails on any status but 200."""
    url = path + ("?" + urllib.parse.urlencode(params) if params else "")
    response = page.request.get(url)
    assert response.status == 200, f"GET {url}: {response.status} {response.text()[:500]}"
    return response.json()


def run_axe(page: Page, tags: list[str] = WCAG_21_AA) -> list[dict]:
    """The violations axe-core finds in the tab's document as it is now (WCAG 2.1 A and AA by default)."""
    if not AXE_SCRIPT.exists():
        pytest.fail(f"{AXE_SCRIPT} is missing: run `npm ci` in the repository (make test does)")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, not as a <script>: the pages' Content-Security-Policy
        # forbids inline scripts, and the test should not weaken it.
        page.evaluate(AXE_SCRIPT.read_text())
    options = json.dumps({"runOnly": {"type": "tag", "values": tags}})
    return page.evaluate(f"async () => (await axe.run(document, {options})).violations")


def format_violations(violations: list[dict]) -> str:
    """axe-core's violations, one block each: rule, impact, what to fix, and the offending elements."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['html'][:200]}")
            summary = " ".join(node.get("failureSummary", "").split())
            if summary:
                lines.append(f"        {summary[:300]}")
    return "\n".join(lines)

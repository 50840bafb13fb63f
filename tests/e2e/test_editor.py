"""An editor writes a dialogue in the Wagtail admin, previews it and publishes it; the JSON and search follow."""

import re

import pytest
from playwright.sync_api import Page, expect

from dialogue_pages.models import DialoguePage

from .helpers import format_violations, get_json, insert_block, open_tab, publish, stream_field, textbox

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Borgerdialog om cykelstier i Valby"


def test_an_editor_writes_and_publishes_a_dialogue(dialogue_index, editor_page: Page):
    page = editor_page
    page.goto(f"/admin/pages/{dialogue_index.pk}/")
    page.get_by_role("link", name="Add child page").click()
    if "/add_subpage/" in page.url:  # the index offers several page types
        page.get_by_role("link", name="Dialogue", exact=True).click()

    textbox(page, "Title").fill(TITLE)
    textbox(page, "Intro").fill("Kommunen spørger borgerne, hvor de nye cykelstier i Valby skal ligge.")

    open_tab(page, "Participation")
    page.get_by_role("group", name=re.compile("SKR")).get_by_label(re.compile(r"^\s*Dialog\b")).check()
    textbox(page, "Why this level").fill("Borgerne drøfter ruterne med hinanden; byrådet beslutter til sidst.")

    open_tab(page, "Timeline")
    timeline = stream_field(page, "timeline")
    insert_block(page, timeline)  # the timeline has one block type: "+" adds an event at once
    textbox(timeline, "Title").fill("Borgermøde i Valby Kulturhus")
    textbox(timeline, "Date").fill("2026-03-01")
    textbox(timeline, "Date").press("Escape")  # close the date picker
    feedback = stream_field(page, "feedback")
    insert_block(page, feedback, "You said, we did")
    textbox(feedback, "Input theme").fill("Sikre skoleveje")
    textbox(feedback, "You said").fill("Mange ønskede sikre cykelstier til skolerne.")
    textbox(feedback, "We did").fill("Ruten ved skolen er flyttet væk fra hovedvejen.")
    feedback.get_by_role("combobox", name="Outcome").select_option(label="Partly adopted")
    textbox(feedback, "Reason").fill("Budgettet rækker kun til én af de to ruter.")

    publish(page)
    expect(page.get_by_text(f"'{TITLE}' created and published")).to_be_visible()

    dialogue = DialoguePage.objects.get(title=TITLE)
    assert dialogue.live and dialogue.rung.key == "dialog"
    listed = get_json(page, "/api/v1/dialogues/", locale="da", limit=50)
    item = next((item for item in listed["items"] if item["id"] == dialogue.pk), None)
    assert item is not None, [item["title"] for item in listed["items"]]
    assert item["badge"]["key"] == "dialog"
    detail = get_json(page, f"/api/v1/dialogues/{dialogue.pk}/")
    assert [event["value"]["title"] for event in detail["timeline"]] == ["Borgermøde i Valby Kulturhus"]
    assert detail["feedback"][0]["value"]["outcome"] == "partly"
    found = get_json(page, "/api/v1/search/", q="cykelstier", locale="da")
    assert dialogue.pk in [hit["id"] for hit in found["items"]], found


def test_the_preview_shows_the_page_as_edited(published_dialogue, editor_page: Page, axe, record_property):
    page = editor_page
    page.goto(f"/admin/pages/{published_dialogue.pk}/edit/")
    expect(textbox(page, "Title")).to_have_value(published_dialogue.title)
    # Report only: what axe finds in the editor is Wagtail's own markup (docs/accessibility.md). It checks
    # what is shown, so the tabs with Wagtail's own widgets are opened in turn.
    report = []
    for tab in ("Promote", "Content"):
        open_tab(page, tab)
        report.append(f"{tab} tab:\n{format_violations(axe(page)) or 'no violations'}")
    record_property("wagtail_admin_axe", "\n".join(report))
    print("axe on the Wagtail page editor (report only):\n" + "\n".join(report))

    textbox(page, "Title").fill("Forhåndsvisning af en ændret titel")
    page.get_by_role("button", name="Toggle preview").click()
    # Wagtail loads the preview into a second iframe and then swaps it in for the first.
    preview = page.frame_locator("iframe[title=Preview]").last
    expect(preview.get_by_role("heading", level=1)).to_have_text("Forhåndsvisning af en ændret titel")
    expect(preview.get_by_text(published_dialogue.intro)).to_be_visible()
    published_dialogue.refresh_from_db()
    assert published_dialogue.title == "Borgerdialog om en ny skolegård"  # previewing saves nothing

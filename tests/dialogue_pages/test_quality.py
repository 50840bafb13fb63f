"""Dialogue quality: the record checked against Copenhagen's principles and Krokom's gate questions."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from dialogue_pages.factories import ContactFactory, DialoguePageFactory, TargetGroupFactory
from dialogue_pages.pages import DialoguePage
from dialogue_pages.quality import CHECK_KEYS, quality, quality_checks
from tests.dialogue_pages import test_admin

editor_client = test_admin.editor_client

EVENT = ("event", {"title": "Borgermøde", "description": "", "date": datetime.date(2024, 4, 10),
                   "precision": "day", "label": "", "status": "done", "rung": None})


@pytest.fixture
def complete(dialogue_index):
    """A dialogue record that passes every check."""
    page = DialoguePageFactory(
        parent=dialogue_index, purpose="<p>Vi vil vide, hvad I ønsker af biblioteket.</p>",
        can_influence="<p>Åbningstider og indretning.</p>", cannot_influence="<p>Budgettet.</p>",
        input_opens=datetime.date(2024, 3, 1), input_closes=datetime.date(2024, 4, 30),
        participation_channel="Svar på spørgeskemaet", decision_date=datetime.date(2024, 6, 1),
        feedback_plan="Vi skriver til alle deltagere i juni.", timeline=[EVENT],
        target_groups=[TargetGroupFactory()], contacts=[ContactFactory()],
    )
    return DialoguePage.objects.get(pk=page.pk)


def by_key(page) -> dict:
    return {check.key: check for check in quality_checks(page)}


def test_a_complete_record_passes_every_check(complete):
    checks = quality_checks(complete)
    assert [check.key for check in checks] == list(CHECK_KEYS)
    assert all(check.passed for check in checks)
    assert all(check.hint == "" for check in checks)
    assert quality(complete)["score"] == quality(complete)["of"] == len(CHECK_KEYS)


@pytest.mark.parametrize(
    ("key", "change"),
    [
        ("purpose", {"purpose": "<p> </p>"}),
        ("influence", {"cannot_influence": ""}),
        ("influence", {"rung": None, "rung_explanation": ""}),
        ("early", {"input_opens": datetime.date(2024, 6, 1), "input_closes": datetime.date(2024, 6, 1)}),
        ("take_part", {"participation_channel": ""}),
        ("take_part", {"input_opens": None, "input_closes": None, "decision_date": None}),
        ("feedback", {"feedback_plan": "  "}),
        ("timeline", {"timeline": []}),
    ],
)
def test_each_gap_fails_its_own_check_only(complete, key, change):
    for field, value in change.items():
        setattr(complete, field, value)
    checks = by_key(complete)
    assert not checks[key].passed
    assert checks[key].hint
    assert [other for other, check in checks.items() if not check.passed] == [key]


def test_target_groups_and_contacts_are_checked(complete):
    complete.target_groups = []
    complete.contacts = []
    failed = {key for key, check in by_key(complete).items() if not check.passed}
    assert failed == {"target_groups", "contact"}


def test_a_decision_without_a_participation_window_is_not_early(complete):
    complete.input_opens = complete.input_closes = None
    failed = {key for key, check in by_key(complete).items() if not check.passed}
    assert failed == {"early", "take_part"}


def test_no_decision_yet_counts_as_early(complete):
    complete.decision_date = None
    complete.input_opens = complete.input_closes = None
    assert by_key(complete)["early"].passed


def test_published_feedback_counts_as_feedback_planned(complete):
    complete.feedback_plan = ""
    complete.has_feedback = True
    assert by_key(complete)["feedback"].passed


def test_the_influence_hint_names_what_is_missing(complete):
    complete.rung = None
    complete.can_influence = ""
    hint = by_key(complete)["influence"].hint
    assert "choose a rung" in hint and "say what can be influenced" in hint
    assert "explain why this level" not in hint and "say what is fixed" not in hint


def test_labels_and_hints_speak_the_active_language(complete):
    complete.feedback_plan = ""
    with translation.override("da"):
        danish = by_key(complete)["feedback"]
    with translation.override("sv"):
        swedish = by_key(complete)["feedback"]
    english = by_key(complete)["feedback"]
    assert len({danish.label, swedish.label, english.label}) == 3
    assert len({danish.hint, swedish.hint, english.hint}) == 3


def test_the_api_detail_carries_quality_and_the_list_does_not(client, complete, publish):
    complete.feedback_plan = ""
    publish(complete)
    detail = client.get(f"/api/v1/dialogues/{complete.pk}/").json()
    assert detail["quality"]["of"] == len(CHECK_KEYS)
    assert detail["quality"]["score"] == len(CHECK_KEYS) - 1
    feedback = next(check for check in detail["quality"]["checks"] if check["key"] == "feedback")
    assert feedback["passed"] is False
    # The page is Danish: so is its JSON.
    with translation.override("da"):
        assert feedback["label"] == str(by_key(complete)["feedback"].label)
    listed = client.get("/api/v1/dialogues/").json()["items"][0]
    assert listed["id"] == complete.pk and "quality" not in listed


def test_the_editor_shows_the_quality_panel_on_the_participation_tab(editor_client, complete):
    complete.contacts = []
    complete.save_revision()
    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[complete.pk]))
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    panel = soup.select_one("#tab-participation [data-dialogue-quality]")
    assert panel is not None
    assert f"{len(CHECK_KEYS) - 1} of {len(CHECK_KEYS)} checks passed." in panel.get_text(" ", strip=True)
    gap = panel.select_one('[data-check="contact"]')
    assert gap["data-passed"] == "false"
    assert "Add a contact person citizens can ask about the dialogue." in gap.get_text(" ", strip=True)
    assert panel.select_one('[data-check="purpose"]')["data-passed"] == "true"

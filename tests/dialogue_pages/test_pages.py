"""Dialogue pages: validation messages, derived dates and status, feedback owed."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from dialogue_pages.factories import DialoguePageFactory, OrganisationFactory, default_rung
from dialogue_pages.status import Status

TODAY = timezone.localdate()


def event(date, precision="day", rung=None, title="Fase", label=""):
    return ("event", {"title": title, "description": "", "date": date, "precision": precision,
                      "label": label, "status": "done", "rung": rung})


def feedback_item(outcome="adopted", reason=""):
    return ("item", {"theme": "Grønt", "you_said": "Mere grønt.", "we_did": "Vi planter træer.",
                     "outcome": outcome, "reason": reason})


def messages(error: ValidationError, field: str) -> str:
    return " ".join(error.message_dict.get(field, []))


@pytest.fixture
def page(dialogue_index):
    return DialoguePageFactory(parent=dialogue_index)


def test_end_before_start_is_refused(page):
    page.start_date, page.end_date = datetime.date(2024, 5, 1), datetime.date(2024, 4, 1)
    with pytest.raises(ValidationError) as caught:
        page.full_clean()
    assert "before the start date" in messages(caught.value, "end_date")


def test_rung_needs_an_explanation(page):
    page.rung_explanation = "  "
    with pytest.raises(ValidationError) as caught:
        page.full_clean()
    assert "why participants get this level" in messages(caught.value, "rung_explanation")


def test_phase_rung_must_come_from_the_same_ladder(page):
    page.timeline = [event(datetime.date(2024, 3, 1), rung=default_rung("involve", "iap2"), title="Workshop")]
    with pytest.raises(ValidationError) as caught:
        page.full_clean()
    text = messages(caught.value, "timeline")
    assert "Workshop" in text and "same ladder" in text


def test_phase_rung_of_the_same_ladder_is_fine(page):
    page.timeline = [event(datetime.date(2024, 3, 1), rung=default_rung("medbeslutande"))]
    page.full_clean()


def test_coordinates_come_in_pairs(page):
    page.latitude = 55.67
    with pytest.raises(ValidationError) as caught:
        page.full_clean()
    assert "both latitude and longitude" in messages(caught.value, "longitude")


def test_formal_hearing_needs_a_deadline(page):
    page.is_formal_hearing = True
    with pytest.raises(ValidationError) as caught:
        page.full_clean()
    assert "response deadline" in messages(caught.value, "hearing_deadline")


def test_dates_are_derived_from_the_timeline_when_empty(dialogue_index):
    page = DialoguePageFactory(
        parent=dialogue_index, start_date=None, end_date=None,
        timeline=[event(datetime.date(2023, 2, 10), "month"), event(datetime.date(2023, 11, 5), "quarter"),
                  event(None, "label", label="primo 2024")],
    )
    assert page.date_from == datetime.date(2023, 2, 1)
    assert page.date_to == datetime.date(2023, 12, 31)


def test_editor_dates_win_over_the_timeline(dialogue_index):
    page = DialoguePageFactory(
        parent=dialogue_index, start_date=datetime.date(2022, 6, 20), end_date=None,
        timeline=[event(datetime.date(2023, 2, 10)), event(datetime.date(2023, 3, 1))],
    )
    assert (page.date_from, page.date_to) == (datetime.date(2022, 6, 20), datetime.date(2023, 3, 1))


def test_closed_dialogue_without_feedback_owes_it(dialogue_index):
    end = TODAY - datetime.timedelta(days=40)
    page = DialoguePageFactory(parent=dialogue_index, start_date=end - datetime.timedelta(days=30), end_date=end)
    assert page.status == Status.CLOSED
    assert page.feedback_owed
    assert page.days_since_close == 40


def test_feedback_settles_what_is_owed_but_only_a_recorded_decision_decides(dialogue_index):
    end = TODAY - datetime.timedelta(days=40)
    page = DialoguePageFactory(
        parent=dialogue_index, start_date=end - datetime.timedelta(days=30), end_date=end,
        feedback=[feedback_item()],
    )
    assert page.has_feedback
    assert page.status == Status.CLOSED
    assert not page.feedback_owed
    page.decision_date, page.decision_body = TODAY - datetime.timedelta(days=2), "Byrådet"
    assert page.status == Status.DECIDED


def test_open_dialogue_owes_nothing_yet(dialogue_index):
    page = DialoguePageFactory(
        parent=dialogue_index, start_date=TODAY - datetime.timedelta(days=3),
        end_date=TODAY + datetime.timedelta(days=3),
    )
    assert page.status == Status.OPEN
    assert not page.feedback_owed
    assert page.days_since_close is None


def test_cancelled_dialogue_owes_no_feedback(dialogue_index):
    page = DialoguePageFactory(parent=dialogue_index, is_cancelled=True, cancellation_reason="Projektet er udskudt.")
    assert page.status == Status.CANCELLED
    assert not page.feedback_owed


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"input_opens": None, "input_closes": datetime.date(2024, 5, 1)}, "input_opens", "first day of input"),
        ({"input_opens": datetime.date(2024, 5, 1), "input_closes": datetime.date(2024, 4, 1)}, "input_closes",
         "closes before it opens"),
        ({"decision_date": datetime.date(2024, 1, 1)}, "decision_date", "before input opens"),
        ({"decision_summary": "Vedtaget."}, "decision_date", "Give the date of the decision"),
        ({"is_cancelled": True}, "cancellation_reason", "why the dialogue was cancelled"),
    ],
)
def test_the_record_is_checked_with_messages_an_editor_understands(dialogue_index, fields, field, message):
    page = DialoguePageFactory(parent=dialogue_index)
    for name, value in fields.items():
        setattr(page, name, value)
    with pytest.raises(ValidationError) as caught:
        page.full_clean()
    assert message in messages(caught.value, field)


def test_a_translation_points_at_translated_snippets(dialogue_index, locales):
    danish = OrganisationFactory(name="Lunds kommun (da)", slug="lund")
    swedish = danish.copy_for_translation(locales["sv"])
    swedish.name = "Lunds kommun"
    swedish.save()
    untranslated = OrganisationFactory(name="Kun på dansk", slug="kun-dansk")
    page = DialoguePageFactory(parent=dialogue_index, organisers=[danish, untranslated])
    translated = page.copy_for_translation(locales["sv"], copy_parents=True)
    translated.save()
    assert {org.name for org in translated.organisers.all()} == {"Lunds kommun", "Kun på dansk"}

"""Each block's API JSON: exact shape for a known value, and valid against the block's JSON Schema."""

import datetime

import jsonschema
import pytest
import wagtail_factories
from django.utils import translation

from dialogue_blocks.advice import LessonsLearnedBlock, RecommendationsBlock
from dialogue_blocks.feedback import FeedbackItemBlock, ResultReportBlock
from dialogue_blocks.figures import KeyFiguresBlock
from dialogue_blocks.media import IMAGE_RENDITIONS, DocumentsBlock, EmbedBlock, ImageBlock
from dialogue_blocks.people import ContactBlock
from dialogue_blocks.text import QuoteBlock, RichTextBlock
from dialogue_blocks.timeline import TimelineEventBlock, date_label, period_of
from dialogue_pages.factories import ContactFactory, OrganisationFactory, default_rung


def represent(block, raw):
    value = block.to_python(raw)
    data = block.get_api_representation(value)
    jsonschema.validate(data, block.api_schema)
    return data


def test_quote():
    data = represent(QuoteBlock(), {"text": "Byg byliv før boliger", "speaker": "", "role": "deltager"})
    assert data == {"text": "Byg byliv før boliger", "speaker": "", "role": "deltager"}


@pytest.mark.django_db
def test_rich_text_gives_front_end_html():
    data = represent(RichTextBlock(), "<p>Vi <b>lytter</b></p>")
    assert data == {"html": "<p>Vi <b>lytter</b></p>"}


def test_recommendations_keep_their_order_and_audience():
    raw = {
        "audience": "Københavns Kommune",
        "recommendations": [
            {"title": "Skærp krav i lokalplaner", "text": "Flere ikke-kommercielle rum."},
            {"title": "Åbn skolerne efter lukketid", "text": ""},
        ],
    }
    data = represent(RecommendationsBlock(), raw)
    assert data["audience"] == "Københavns Kommune"
    assert [item["title"] for item in data["recommendations"]] == [
        "Skærp krav i lokalplaner",
        "Åbn skolerne efter lukketid",
    ]


def test_lessons_learned():
    raw = {"heading": "Lärdomar", "lessons": [{"title": "Möt invånarna där de är", "text": ""}]}
    assert represent(LessonsLearnedBlock(), raw) == {
        "heading": "Lärdomar",
        "lessons": [{"title": "Möt invånarna där de är", "text": ""}],
    }


def test_key_figures():
    raw = {"heading": "", "figures": [{"value": "70", "label": "deltagere", "description": "borgere og aktører"}]}
    assert represent(KeyFiguresBlock(), raw)["figures"] == [
        {"value": "70", "label": "deltagere", "description": "borgere og aktører"}
    ]


@pytest.mark.django_db
def test_contact_block_gives_the_ways_to_reach_the_person():
    organisation = OrganisationFactory(name="Lunds kommun")
    contact = ContactFactory(name="Eva Ek", role="kommunikatör", phone="046-00 00 00", organisation=organisation)
    data = represent(ContactBlock(), {"heading": "Frågor?", "contact": contact.pk})
    assert data == {
        "heading": "Frågor?",
        "contact": {
            "id": contact.pk,
            "name": "Eva Ek",
            "role": "kommunikatör",
            "phone": "046-00 00 00",
            "email": contact.email,
            "organisation": "Lunds kommun",
        },
    }


@pytest.mark.django_db
def test_image_carries_rendition_urls_and_sizes():
    image = wagtail_factories.ImageFactory(file__width=1200, file__height=800)
    data = represent(ImageBlock(), {"image": image.pk, "alt_text": "Borgermøde", "caption": "", "credit": "Foto: K"})
    assert data["id"] == image.pk
    assert (data["width"], data["height"]) == (1200, 800)
    assert set(data["renditions"]) == set(IMAGE_RENDITIONS)
    assert data["renditions"]["small"]["width"] == 480
    assert data["renditions"]["medium"]["height"] == 640
    assert data["renditions"]["large"]["url"].startswith("/media/images/")


@pytest.mark.django_db
def test_documents_list_gives_urls_and_titles():
    document = wagtail_factories.DocumentFactory(title="Referat")
    raw = {"heading": "Materiale", "documents": [{"document": document.pk, "title": ""}]}
    data = represent(DocumentsBlock(), raw)
    assert data["documents"] == [
        {"id": document.pk, "title": "Referat", "url": document.url, "file_extension": document.file_extension}
    ]


def test_embed_gives_url_and_accessible_title():
    raw = {"embed": "https://www.youtube.com/watch?v=abc", "title": "Film om processen", "caption": ""}
    assert represent(EmbedBlock(), raw) == {
        "url": "https://www.youtube.com/watch?v=abc",
        "title": "Film om processen",
        "caption": "",
    }


@pytest.mark.django_db
def test_timeline_event_with_its_own_rung():
    rung = default_rung("inflytande")
    raw = {
        "title": "Workshop", "description": "", "date": "2024-05-17", "precision": "quarter",
        "label": "", "status": "done", "rung": rung.pk,
    }
    with translation.override("en"):
        data = represent(TimelineEventBlock(), raw)
    assert data["date"] == "2024-05-17"
    assert data["date_label"] == "Q2 2024"
    assert (data["period_start"], data["period_end"]) == ("2024-04-01", "2024-06-30")
    assert data["rung"]["key"] == "inflytande"
    assert (data["rung"]["position"], data["rung"]["of"]) == (4, 5)


def test_timeline_event_with_a_fuzzy_date():
    raw = {
        "title": "Vedtagelse", "description": "", "date": None, "precision": "label",
        "label": "primo 2024", "status": "planned", "rung": None,
    }
    data = represent(TimelineEventBlock(), raw)
    assert data["date_label"] == "primo 2024"
    assert data["period_start"] is None and data["period_end"] is None
    assert data["rung"] is None


@pytest.mark.parametrize(
    ("precision", "expected"),
    [
        ("day", ("2024-02-29", "2024-02-29")),
        ("month", ("2024-02-01", "2024-02-29")),
        ("quarter", ("2024-01-01", "2024-03-31")),
        ("year", ("2024-01-01", "2024-12-31")),
        ("label", ("2024-02-29", "2024-02-29")),
    ],
)
def test_period_of_each_precision(precision, expected):
    start, end = period_of(datetime.date(2024, 2, 29), precision)
    assert (start.isoformat(), end.isoformat()) == expected


def test_date_labels_follow_the_active_language():
    day = datetime.date(2023, 2, 1)
    with translation.override("en"):
        assert date_label(day, "month") == "February 2023"
        assert date_label(day, "year") == "2023"
    with translation.override("da"):
        assert date_label(day, "day") == "1. februar 2023"


def test_feedback_item():
    raw = {
        "theme": "Flere mødesteder", "you_said": "Vi mangler fælleslokaler.",
        "we_did": "Kravet skrives ind i lokalplanen.", "outcome": "partly", "reason": "Kun i nye planer.",
    }
    with translation.override("en"):
        data = represent(FeedbackItemBlock(), raw)
    assert data["outcome"] == "partly"
    assert data["outcome_label"] == "Partly adopted"
    assert data["reason"] == "Kun i nye planer."


@pytest.mark.django_db
def test_result_report_prefers_the_uploaded_document():
    document = wagtail_factories.DocumentFactory()
    with_document = represent(ResultReportBlock(), {"title": "Slutrapport", "document": document.pk, "url": ""})
    assert with_document == {"title": "Slutrapport", "url": document.url, "document_id": document.pk}
    external = represent(ResultReportBlock(), {"title": "Rapport", "document": None, "url": "https://example.org/r"})
    assert external == {"title": "Rapport", "url": "https://example.org/r", "document_id": None}


def test_a_meeting_has_its_time_place_and_registration_link():
    raw = {
        "title": "Borgermøde", "description": "", "date": "2026-12-01", "precision": "day", "label": "",
        "status": "planned", "rung": None, "time": "18:30", "place": "Valby Kulturhus",
        "registration_url": "https://example.org/tilmeld",
    }
    data = represent(TimelineEventBlock(), raw)
    assert (data["time"], data["place"], data["registration_url"]) == (
        "18:30", "Valby Kulturhus", "https://example.org/tilmeld"
    )
    stored_before_meetings = {key: value for key, value in raw.items()
                              if key not in ("time", "place", "registration_url")}
    assert represent(TimelineEventBlock(), stored_before_meetings)["time"] is None

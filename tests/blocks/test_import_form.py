"""Each block reads its API form back (``from_api``): the stored value it gives represents as the same JSON."""

import pytest
import wagtail_factories
from django.utils import translation
from wagtail import blocks

from dialogue_blocks.advice import LessonsLearnedBlock, RecommendationsBlock
from dialogue_blocks.feedback import FeedbackItemBlock, ResultReportBlock
from dialogue_blocks.figures import KeyFiguresBlock
from dialogue_blocks.import_form import ImportContext, from_api
from dialogue_blocks.media import DocumentsBlock, EmbedBlock, ImageBlock
from dialogue_blocks.people import ContactBlock
from dialogue_blocks.text import QuoteBlock, RichTextBlock
from dialogue_blocks.timeline import TimelineEventBlock
from dialogue_pages.factories import default_rung


def context() -> ImportContext:
    def find_rung(reference):
        return default_rung(reference["key"], reference["ladder_key"]).pk if reference else None

    return ImportContext(locale="da", find_rung=find_rung)


def round_trip(block, raw):
    """The API form of ``raw``, and the API form of the value read back from it."""
    data = block.get_api_representation(block.to_python(raw))
    again = block.get_api_representation(block.to_python(from_api(block, data, context())))
    return data, again


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("block", "raw"),
    [
        (RichTextBlock(), "<p>Over <b>200</b> deltog.</p>"),
        (QuoteBlock(), {"text": "Giv os vandet tilbage", "speaker": "", "role": "borger"}),
        (RecommendationsBlock(), {"audience": "Kommunen",
                                  "recommendations": [{"title": "Lyt tidligt", "text": "Før planen er skrevet."}]}),
        (KeyFiguresBlock(), {"heading": "", "figures": [{"value": "70", "label": "deltagere", "description": ""}]}),
        (LessonsLearnedBlock(), {"heading": "Lærdomme", "lessons": [{"title": "Gå ud", "text": "Mød folk."}]}),
        (FeedbackItemBlock(), {"theme": "Lys", "you_said": "Mørke stier.", "we_did": "Nye lamper.",
                               "outcome": "adopted", "reason": ""}),
        (ResultReportBlock(), {"title": "Rapport", "document": None, "url": "https://example.org/rapport"}),
        (EmbedBlock(), {"embed": "https://www.youtube.com/watch?v=abc", "title": "Film", "caption": ""}),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, blocks.Block) else "",
)
def test_api_form_reads_back_to_the_same_value(block, raw):
    data, again = round_trip(block, raw)
    assert again == data


@pytest.mark.django_db
def test_a_timeline_event_finds_its_rung_by_ladder_and_key():
    raw = {"title": "Workshop", "description": "", "date": "2024-05-17", "precision": "quarter", "label": "",
           "status": "done", "rung": default_rung("inflytande").pk, "time": None, "place": "", "registration_url": ""}
    with translation.override("en"):
        data, again = round_trip(TimelineEventBlock(), raw)
    assert again == data


@pytest.mark.django_db
def test_images_and_documents_read_back_by_id():
    image = wagtail_factories.ImageFactory()
    data, again = round_trip(ImageBlock(), {"image": image.pk, "alt_text": "Borgermøde", "caption": "", "credit": ""})
    assert again == data
    document = wagtail_factories.DocumentFactory(title="Referat")
    data, again = round_trip(DocumentsBlock(), {"heading": "Materiale",
                                                "documents": [{"document": document.pk, "title": "Bilag"}]})
    assert again == data


def test_a_contact_keeps_its_reference_for_the_writer():
    contact = {"id": 7, "name": "Mette Hansen", "role": "", "phone": "", "email": "mette@example.org",
               "organisation": None}
    raw = from_api(ContactBlock(), {"heading": "Spørgsmål?", "contact": contact}, context())
    assert raw == {"heading": "Spørgsmål?", "contact": None, "contact_ref": contact}


def test_a_block_without_its_own_reverse_is_read_by_its_structure():
    class PollBlock(blocks.StructBlock):
        question = blocks.CharBlock()
        answers = blocks.ListBlock(blocks.StructBlock([("text", blocks.CharBlock()), ("votes", blocks.IntegerBlock())]))

    api_form = {"question": "Flere cykelstier?", "share": 0.75,
                "answers": [{"text": "Ja", "votes": 30, "share": 0.75}, {"text": "Nej", "votes": 10, "share": 0.25}]}
    assert from_api(PollBlock(), api_form, context()) == {
        "question": "Flere cykelstier?", "answers": [{"text": "Ja", "votes": 30}, {"text": "Nej", "votes": 10}],
    }

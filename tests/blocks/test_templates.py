"""Each block's HTML template: the meaningful content appears, labelled and escaped."""

import pytest
import wagtail_factories
from django.utils import translation
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from dialogue_blocks.advice import LessonsLearnedBlock, RecommendationsBlock
from dialogue_blocks.feedback import FeedbackItemBlock, ResultReportBlock
from dialogue_blocks.figures import KeyFiguresBlock
from dialogue_blocks.media import DocumentsBlock, EmbedBlock, ImageBlock
from dialogue_blocks.people import ContactBlock
from dialogue_blocks.streams import FeedbackBlock, TimelineBlock
from dialogue_blocks.text import QuoteBlock, RichTextBlock
from dialogue_blocks.timeline import TimelineEventBlock
from dialogue_pages.factories import ContactFactory, OrganisationFactory, default_rung


def render(block, raw) -> str:
    with translation.override("en"):
        return block.render(block.to_python(raw))


def event(title="Borgermøde", date="2024-03-01", precision="day", label="", status="done", rung=None,
          **meeting) -> dict:
    return {"title": title, "description": "", "date": date, "precision": precision,
            "label": label, "status": status, "rung": rung, **meeting}


def feedback_item(theme="Flere mødesteder", outcome="partly", reason="Kun i nye planer.") -> dict:
    return {"theme": theme, "you_said": "Vi mangler fælleslokaler.", "we_did": "Kravet skrives ind i lokalplanen.",
            "outcome": outcome, "reason": reason}


@pytest.mark.django_db
def test_rich_text_is_rendered_as_html():
    html = render(RichTextBlock(), "<p>Vi <b>lytter</b></p>")
    assert "<b>lytter</b>" in html


def test_quote_shows_the_words_and_who_said_them():
    html = render(QuoteBlock(), {"text": "Byg byliv før boliger", "speaker": "Anna", "role": "beboer i Sydhavnen"})
    assert "<blockquote>" in html
    assert "Byg byliv før boliger" in html
    assert "Anna" in html and "beboer i Sydhavnen" in html


def test_quote_escapes_markup():
    html = render(QuoteBlock(), {"text": "<script>alert(1)</script>", "speaker": "", "role": ""})
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<figcaption>" not in html


def test_anonymous_quote_has_no_empty_caption():
    html = render(QuoteBlock(), {"text": "Mere grønt", "speaker": "", "role": ""})
    assert "figcaption" not in html


def test_recommendations_name_the_audience_and_keep_the_order():
    raw = {
        "audience": "Københavns Kommune",
        "recommendations": [
            {"title": "Skærp krav i lokalplaner", "text": "Flere ikke-kommercielle rum."},
            {"title": "Åbn skolerne efter lukketid", "text": ""},
        ],
    }
    html = render(RecommendationsBlock(), raw)
    assert "Recommendations for Københavns Kommune" in html
    assert "<ol>" in html
    assert html.index("Skærp krav i lokalplaner") < html.index("Åbn skolerne efter lukketid")
    assert "Flere ikke-kommercielle rum." in html


def test_lessons_learned_fall_back_to_a_default_heading():
    html = render(LessonsLearnedBlock(), {"heading": "", "lessons": [{"title": "Mød borgerne hvor de er", "text": ""}]})
    assert "<h2>Lessons learned</h2>" in html
    assert "Mød borgerne hvor de er" in html


def test_key_figures_show_number_and_what_it_counts():
    raw = {"heading": "I tal", "figures": [{"value": "70", "label": "deltagere", "description": "borgere og aktører"}]}
    html = render(KeyFiguresBlock(), raw)
    assert "<h2>I tal</h2>" in html
    for text in ("70", "deltagere", "borgere og aktører"):
        assert text in html


@pytest.mark.django_db
def test_contact_gives_the_ways_to_reach_the_person():
    organisation = OrganisationFactory(name="Lunds kommun")
    contact = ContactFactory(name="Eva Ek", role="kommunikatör", phone="046-00 00 00",
                             email="eva@example.org", organisation=organisation)
    html = render(ContactBlock(), {"heading": "Frågor?", "contact": contact.pk})
    assert "Frågor?" in html
    assert "Eva Ek" in html and "kommunikatör" in html and "Lunds kommun" in html
    assert 'href="tel:046-000000"' in html
    assert 'href="mailto:eva@example.org"' in html


@pytest.mark.django_db
def test_contact_without_a_person_renders_nothing():
    assert render(ContactBlock(), {"heading": "Frågor?", "contact": None}).strip() == ""


@pytest.mark.django_db
def test_documents_link_to_the_files():
    document = wagtail_factories.DocumentFactory(title="Referat")
    html = render(DocumentsBlock(), {"heading": "", "documents": [{"document": document.pk, "title": ""}]})
    assert "<h2>Documents</h2>" in html
    assert f'href="{document.url}"' in html
    assert ">Referat</a>" in html


@pytest.mark.django_db
def test_image_has_alt_text_caption_and_credit():
    image = wagtail_factories.ImageFactory(file__width=1200, file__height=800)
    raw = {"image": image.pk, "alt_text": "Borgere ved et bord", "caption": "Workshop i Dalby", "credit": "Foto: K"}
    html = render(ImageBlock(), raw)
    assert "<figure" in html and "<figcaption>" in html
    assert 'alt="Borgere ved et bord"' in html
    assert "srcset=" in html and "/media/images/" in html
    assert "Workshop i Dalby" in html and "Foto: K" in html


@pytest.mark.django_db
def test_embed_shows_the_provider_html_with_its_title():
    url = "https://www.youtube.com/watch?v=abc"
    Embed.objects.create(url=url, hash=get_embed_hash(url), type="video",
                         html='<iframe src="https://www.youtube.com/embed/abc"></iframe>')
    html = render(EmbedBlock(), {"embed": url, "title": "Film om processen", "caption": "Tre minutter"})
    assert '<iframe src="https://www.youtube.com/embed/abc">' in html
    assert "Film om processen" in html and "Tre minutter" in html


@pytest.mark.django_db
def test_embed_without_provider_html_links_to_the_source(settings):
    settings.WAGTAILEMBEDS_FINDERS = []
    url = "https://video.example.org/123"
    html = render(EmbedBlock(), {"embed": url, "title": "Film om processen", "caption": ""})
    assert f'href="{url}"' in html
    assert "Film om processen" in html


@pytest.mark.parametrize(
    ("date", "precision", "label", "expected", "machine"),
    [
        ("2024-03-05", "day", "", "5. March 2024", '<time class="timeline-event__date" datetime="2024-03-05">'),
        ("2024-03-05", "month", "", "March 2024", 'datetime="2024-03"'),
        ("2024-05-17", "quarter", "", "Q2 2024", 'datetime="2024"'),
        ("2024-11-17", "quarter", "", "Q4 2024", 'datetime="2024"'),
        ("2024-05-17", "year", "", "2024", 'datetime="2024"'),
        (None, "label", "early 2024", "early 2024", ""),
    ],
)
def test_timeline_event_date_follows_its_precision(date, precision, label, expected, machine):
    html = render(TimelineEventBlock(), event(date=date, precision=precision, label=label))
    assert expected in html
    assert machine in html
    if precision == "label":
        assert "<time" not in html


@pytest.mark.django_db
def test_timeline_event_shows_status_and_its_own_rung():
    rung = default_rung("inflytande")
    html = render(TimelineEventBlock(), event(title="Workshop", status="ongoing", rung=rung.pk))
    assert "<h3>Workshop</h3>" in html
    assert "Ongoing" in html
    assert rung.name in html


def test_timeline_lists_events_in_order_and_marks_the_current_one():
    raw = [
        {"type": "event", "value": event(title="Kick-off", status="done")},
        {"type": "event", "value": event(title="Høring", date="2024-06-01", status="ongoing")},
        {"type": "event", "value": event(title="Beslutning", date="2024-09-01", status="planned")},
    ]
    html = render(TimelineBlock(), raw)
    assert '<ol class="timeline">' in html
    assert html.index("Kick-off") < html.index("Høring") < html.index("Beslutning")
    assert html.count('aria-current="step"') == 1
    assert "Done" in html and "Planned" in html


@pytest.mark.parametrize(
    ("outcome", "label"),
    [("adopted", "Adopted"), ("partly", "Partly adopted"), ("not_adopted", "Not adopted"),
     ("under_consideration", "Under consideration")],
)
def test_feedback_item_labels_what_was_said_done_and_decided(outcome, label):
    html = render(FeedbackItemBlock(), feedback_item(outcome=outcome))
    assert "<h3>Flere mødesteder</h3>" in html
    assert "You said" in html and "Vi mangler fælleslokaler." in html
    assert "We did" in html and "Kravet skrives ind i lokalplanen." in html
    assert f'<dd class="feedback-item__outcome">{label}</dd>' in html
    assert "Kun i nye planer." in html


@pytest.mark.django_db
def test_result_report_links_to_the_document_or_the_address():
    document = wagtail_factories.DocumentFactory()
    with_document = render(ResultReportBlock(), {"title": "Slutrapport", "document": document.pk, "url": ""})
    assert f'href="{document.url}"' in with_document and "Slutrapport" in with_document
    external = render(ResultReportBlock(), {"title": "Rapport", "document": None, "url": "https://example.org/r"})
    assert 'href="https://example.org/r"' in external


@pytest.mark.django_db
def test_feedback_lists_items_before_the_result_reports():
    raw = [
        {"type": "report", "value": {"title": "Slutrapport", "document": None, "url": "https://example.org/r"}},
        {"type": "item", "value": feedback_item(theme="Grønne gårde")},
        {"type": "item", "value": feedback_item(theme="Cykelstier")},
    ]
    html = render(FeedbackBlock(), raw)
    assert html.index("Grønne gårde") < html.index("Cykelstier") < html.index("Result reports")
    assert html.index("Result reports") < html.index("Slutrapport")


def test_feedback_without_reports_has_no_reports_heading():
    html = render(FeedbackBlock(), [{"type": "item", "value": feedback_item()}])
    assert "Result reports" not in html


def test_a_meeting_shows_when_where_and_how_to_sign_up():
    html = render(TimelineEventBlock(), event(title="Borgermøde", date="2026-12-01", precision="day",
                                              time="18:30", place="Valby Kulturhus",
                                              registration_url="https://example.org/tilmeld"))
    assert '<time datetime="2026-12-01T18:30">18:30</time>' in html
    assert "Valby Kulturhus" in html and 'href="https://example.org/tilmeld"' in html

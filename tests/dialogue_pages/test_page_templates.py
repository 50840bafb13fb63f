"""The reference HTML pages: a dialogue, the dialogue index and the error pages."""

import datetime

import pytest
from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

from dialogue_pages.factories import (
    ContactFactory,
    DialoguePageFactory,
    MethodFactory,
    OrganisationFactory,
    TargetGroupFactory,
    default_rung,
)
from dialogue_pages.pages import ConsultedBody

TODAY = timezone.localdate()


def in_page_language(make):
    """Evaluate ``make()`` in the language the test pages are served in (their locale, Danish)."""
    with translation.override("da"):
        return make()


def t(message: str) -> str:
    """``message`` as the page shows it: translated to the page's language."""
    return in_page_language(lambda: gettext(message))


def get_html(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status
    return response.content.decode()


def event(title: str, date: datetime.date, status: str = "done", rung=None) -> tuple:
    """A timeline child in native form (the StreamField takes values, not raw JSON, as tuples)."""
    return ("event", {"title": title, "description": "", "date": date, "precision": "month",
                      "label": "", "status": status, "rung": rung})


@pytest.fixture
def dialogue(dialogue_index):
    page = DialoguePageFactory(
        parent=dialogue_index,
        title="Byliv i Sydhavnen",
        intro="Hvordan skal byens fællesrum bruges?",
        easy_read_summary="Kommunen spørger dig om byens rum.",
        purpose="<p>Input bruges i den nye lokalplan.</p>",
        can_influence="<p>Indretningen af pladsen.</p>",
        cannot_influence="<p>Budgettet er fastlagt.</p>",
        place_name="Sydhavnen",
        legal_basis="Planloven § 24.",
        is_formal_hearing=True,
        hearing_deadline=datetime.date(2024, 6, 1),
        decision_body="Borgerrepræsentationen",
        decision_date=datetime.date(2024, 9, 5),
        decision_url="https://example.org/beslutning",
        decision_summary="Lokalplanen blev vedtaget med krav om fælleslokaler.",
        timeline=[
            event("Borgermøde", datetime.date(2024, 3, 1)),
            event("Workshop om pladsen", datetime.date(2024, 4, 1), rung=default_rung("inflytande")),
        ],
        feedback=[
            ("item", {"theme": "Flere mødesteder", "you_said": "Vi mangler fælleslokaler.",
                      "we_did": "Kravet skrives ind i lokalplanen.", "outcome": "partly",
                      "reason": "Kun i nye planer."}),
            ("report", {"title": "Slutrapport", "document": None, "url": "https://example.org/rapport"}),
        ],
        body=[("quote", {"text": "Byg byliv før boliger", "speaker": "Anna", "role": "beboer"})],
    )
    page.organisers = [OrganisationFactory(name="Københavns Kommune", website="https://www.kk.dk")]
    page.methods = [MethodFactory(name="Borgermøde")]
    page.target_groups = [TargetGroupFactory(name="Unge")]
    page.contacts = [ContactFactory(name="Eva Ek", role="projektleder", phone="33 66 33 66")]
    page.consulted_bodies = [ConsultedBody(name="Lokaludvalget", response_url="https://example.org/svar")]
    page.tags.add("byrum")
    page.save()
    return page


def test_dialogue_page_shows_the_record_of_the_dialogue(client, dialogue):
    html = get_html(client, dialogue.url)
    for text in (
        "Borgerrepræsentationen",
        "Lokalplanen blev vedtaget med krav om fælleslokaler.",
        'href="https://example.org/beslutning"',
        '<time datetime="2024-09-05">',
        "<h1>Byliv i Sydhavnen</h1>",
        "Hvordan skal byens fællesrum bruges?",
        "Kommunen spørger dig om byens rum.",
        "Input bruges i den nye lokalplan.",
        "Indretningen af pladsen.",
        "Budgettet er fastlagt.",
        "Sydhavnen",
        "Københavns Kommune",
        "Unge",
        "byrum",
        "Eva Ek",
        'href="tel:33663366"',
        "Planloven § 24.",
        "Lokaludvalget",
        'href="https://example.org/svar"',
        '<time datetime="2024-06-01">',
    ):
        assert text in html, text
    assert '<html lang="da">' in html
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html


def test_dialogue_page_shows_the_badge_in_text_and_colour(client, dialogue):
    badge = dialogue.rung.badge()
    html = get_html(client, dialogue.url)
    assert (badge["position"], badge["of"]) == (3, 5)
    assert f'<strong class="badge__label">{badge["label"]}</strong>' in html
    assert t("%(position)s of %(size)s") % {"position": 3, "size": 5} in html
    assert f"({badge['ladder']})" in html
    assert f"--badge-colour: {badge['colour']}" in html
    assert html.count("badge__step badge__step--reached") == 3
    assert t("Why this level") in html and dialogue.rung_explanation in html


def test_dialogue_page_shows_timeline_feedback_and_body(client, dialogue):
    html = get_html(client, dialogue.url)
    assert html.index("Borgermøde</h3>") < html.index("Workshop om pladsen</h3>")
    march = in_page_language(lambda: date_format(datetime.date(2024, 3, 1), "F Y"))
    assert f'<time class="timeline-event__date" datetime="2024-03">{march}</time>' in html
    assert default_rung("inflytande").name in html
    assert "Vi mangler fælleslokaler." in html and "Kravet skrives ind i lokalplanen." in html
    assert f'<dd class="feedback-item__outcome">{t("Partly adopted")}</dd>' in html
    assert 'href="https://example.org/rapport"' in html
    assert "Byg byliv før boliger" in html
    assert "feedback is still owed" not in html and 'class="notice"' not in html


def test_dialogue_that_owes_feedback_says_so(client, dialogue_index):
    end = TODAY - datetime.timedelta(days=12)
    page = DialoguePageFactory(parent=dialogue_index, start_date=end - datetime.timedelta(days=30), end_date=end)
    assert page.feedback_owed
    html = get_html(client, page.url)
    assert 'class="notice"' in html
    assert t("The dialogue has closed, and the organisers have not yet published what became of the input.") in html
    closed = in_page_language(lambda: ngettext("It closed %(days)s day ago.", "It closed %(days)s days ago.", 12))
    assert closed % {"days": 12} in html


def test_an_open_dialogue_says_how_to_take_part(client, dialogue_index):
    page = DialoguePageFactory(
        parent=dialogue_index, start_date=TODAY - datetime.timedelta(days=3),
        end_date=TODAY + datetime.timedelta(days=20),
        participation_channel="Svar på spørgeskemaet", participation_url="https://example.org/skema",
        participation_place="Biblioteket i Sydhavnen",
    )
    html = get_html(client, page.url)
    assert '<h2 id="take-part">' in html
    for text in ("Svar på spørgeskemaet", 'href="https://example.org/skema"', "Biblioteket i Sydhavnen"):
        assert text in html
    page.input_closes = TODAY - datetime.timedelta(days=1)
    page.save()
    assert '<h2 id="take-part">' not in get_html(client, page.url)


def test_a_cancelled_dialogue_shows_why(client, dialogue_index):
    page = DialoguePageFactory(parent=dialogue_index, is_cancelled=True, cancellation_reason="Byggeriet er opgivet.")
    html = get_html(client, page.url)
    assert t("Cancelled") in html and "Byggeriet er opgivet." in html


def test_a_bare_dialogue_renders_without_empty_sections(client, dialogue_index):
    page = DialoguePageFactory(parent=dialogue_index, rung=None, rung_explanation="", start_date=None, end_date=None)
    html = get_html(client, page.url)
    assert t("Planned") in html
    absent_parts = (
        'class="badge"', t("Why this level"), '<h2 id="timeline">', t("You said, we did"), t("Contact") + "</h2>"
    )
    for absent in absent_parts:
        assert absent not in html, absent


def test_index_lists_its_dialogues(client, dialogue_index, dialogue, publish):
    publish(dialogue)  # the index lists the published read model
    DialoguePageFactory(parent=dialogue_index, title="Kladde", live=False)
    html = get_html(client, dialogue_index.url)
    assert "<h1>Dialoger</h1>" in html
    assert f'<a href="{dialogue.url}">Byliv i Sydhavnen</a>' in html
    assert "Hvordan skal byens fællesrum bruges?" in html
    assert t("Decided") in html
    assert f"{dialogue.rung.name} —" in html and t("%(position)s of %(size)s") % {"position": 3, "size": 5} in html
    assert "Kladde" not in html


def test_empty_index_says_there_is_nothing_yet(client, dialogue_index):
    assert t("No dialogues have been published here yet.") in get_html(client, dialogue_index.url)


def test_unknown_address_gets_the_404_page(client, dialogue_index):
    html = get_html(client, "/does-not-exist/", status=404)
    assert t("Page not found") in html
    assert 'href="/"' in html


def test_500_page_renders_without_a_request():
    html = get_template("500.html").render()
    assert "Server error" in html


def test_a_one_day_window_shows_its_day_once_and_a_span_both_ends(client, dialogue_index):
    day = datetime.date(2025, 11, 26)
    page = DialoguePageFactory(parent=dialogue_index, start_date=day, end_date=day)
    html = get_html(client, page.url)
    assert html.count('<time datetime="2025-11-26">') == 2  # input and the whole process, once each
    page.input_closes = page.end_date = datetime.date(2025, 12, 3)
    page.save()
    html = get_html(client, page.url)
    assert html.count('<time datetime="2025-11-26">') == 2 and html.count('<time datetime="2025-12-03">') == 2

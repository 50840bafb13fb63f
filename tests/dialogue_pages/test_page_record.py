"""The reference dialogue page: the participation window while open, the record's quality, styles and print."""

import datetime
from pathlib import Path

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext

from dialogue_pages.factories import DialoguePageFactory
from dialogue_pages.quality import quality_checks

TODAY = timezone.localdate()
STYLES = Path(__file__).resolve().parents[2] / "dialogue_pages" / "static" / "dialogue_pages" / "pages.css"


def test_the_participation_window_heads_how_to_take_part(client, dialogue_index):
    page = DialoguePageFactory(parent=dialogue_index, start_date=TODAY - datetime.timedelta(days=3),
                               end_date=TODAY + datetime.timedelta(days=20), participation_channel="Skriv til os")
    html = client.get(page.url).content.decode()
    take_part = html.split('<section aria-labelledby="take-part" class="take-part">', 1)[1].split("</section>", 1)[0]
    with translation.override("da"):
        opens, closes = (date_format(day, "DATE_FORMAT") for day in (page.input_opens, page.input_closes))
        window = gettext("Input from %(opens)s to %(closes)s") % {"opens": opens, "closes": closes}
    assert f'<p class="take-part__window">{window}</p>' in take_part


def test_the_record_summary_lists_the_quality_checks(client, dialogue_index):
    page = DialoguePageFactory(parent=dialogue_index)
    html = client.get(page.url).content.decode()
    record = html.split('<section class="record-summary" aria-labelledby="record">', 1)[1].split("</section>", 1)[0]
    with translation.override("da"):
        checks = quality_checks(page)
        passed = sum(check.passed for check in checks)
        summary = gettext("The record meets %(passed)s of %(of)s points of good practice for citizen dialogues:")
        lines = [str(check.label) if check.passed else gettext("Not yet: %(label)s") % {"label": check.label}
                 for check in checks]
    assert summary % {"passed": passed, "of": len(checks)} in record
    missing = [line for line in lines if escape(line) not in record]
    assert not missing, record


def test_pages_link_the_stylesheet_with_hyphenation_and_print_rules(client, dialogue_index):
    page = DialoguePageFactory(parent=dialogue_index)
    html = client.get(page.url).content.decode()
    assert '<link rel="stylesheet" href="/static/dialogue_pages/pages.css">' in html
    assert '<a href="/search/">' in html  # the search page, from every page
    css = STYLES.read_text()
    assert "hyphens: auto" in css and "overflow-wrap: anywhere" in css
    assert "@media print" in css and 'content: " (" attr(href) ")"' in css

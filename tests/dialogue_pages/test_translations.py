"""The Danish and Swedish catalogs of dialogue_pages and blocks: complete, consistent and compiled.

The .mo files are committed (the machines that run the site need not have GNU gettext),
so these tests also check that each one says the same as its .po file.
"""

import datetime
import importlib
import re
from pathlib import Path

import polib
import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from dialogue_blocks.feedback import OUTCOME_LABELS, FeedbackItemBlock
from dialogue_blocks.timeline import date_label
from dialogue_pages.dashboard import FeedbackOwedPanel
from dialogue_pages.factories import DialoguePageFactory
from dialogue_pages.ladders import ParticipationLadder
from dialogue_pages.pages import DialoguePage
from dialogue_pages.status import Status

APPS = ("dialogue_pages", "dialogue_blocks", "dialogue_site")
LANGUAGES = ("da", "sv")
CATALOGS = [(app, lang) for app in APPS for lang in LANGUAGES]

STATUS_LABELS = {
    "da": {
        Status.PLANNED: "Planlagt",
        Status.OPEN: "Åben for deltagelse",
        Status.CLOSED: "Lukket, afventer beslutning",
        Status.DECIDED: "Besluttet",
        Status.CANCELLED: "Aflyst",
    },
    "sv": {
        Status.PLANNED: "Planerad",
        Status.OPEN: "Öppen för deltagande",
        Status.CLOSED: "Stängd, inväntar beslut",
        Status.DECIDED: "Beslutad",
        Status.CANCELLED: "Avbruten",
    },
}
OUTCOMES = {
    "da": {
        "adopted": "Imødekommet",
        "partly": "Delvist imødekommet",
        "not_adopted": "Ikke imødekommet",
        "under_consideration": "Under behandling",
    },
    "sv": {
        "adopted": "Tillgodosedd",
        "partly": "Delvis tillgodosedd",
        "not_adopted": "Inte tillgodosedd",
        "under_consideration": "Under beredning",
    },
}


def catalog_path(app: str, lang: str, suffix: str = "po") -> Path:
    return Path(importlib.import_module(app).__file__).parent / "locale" / lang / "LC_MESSAGES" / f"django.{suffix}"


# --- The strings come out translated at run time -------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_status_labels(lang):
    with translation.override(lang):
        assert {status: str(status.label) for status in Status} == STATUS_LABELS[lang]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_feedback_outcome_labels(lang):
    with translation.override(lang):
        assert {key: str(label) for key, label in OUTCOME_LABELS.items()} == OUTCOMES[lang]


@pytest.mark.parametrize(
    ("lang", "verbose_names"),
    [
        ("da", ("dialog", "dialoger", "deltagelsestrappe", "deltagelsestrin")),
        ("sv", ("dialog", "dialoger", "delaktighetstrappa", "delaktighetssteg")),
    ],
)
def test_model_and_field_names(lang, verbose_names):
    with translation.override(lang):
        names = (
            str(DialoguePage._meta.verbose_name),
            str(DialoguePage._meta.verbose_name_plural),
            str(ParticipationLadder._meta.verbose_name),
            str(DialoguePage._meta.get_field("rung").verbose_name),
        )
    assert names == verbose_names


@pytest.mark.parametrize(
    ("lang", "end_date_message", "hearing_message"),
    [
        ("da", "Slutdatoen ligger før startdatoen.", "En høring skal have en høringsfrist."),
        ("sv", "Slutdatumet ligger före startdatumet.", "Ett samråd måste ha en sista svarsdag."),
    ],
)
def test_page_validation_messages(dialogue_index, lang, end_date_message, hearing_message):
    page = DialoguePageFactory(parent=dialogue_index)
    page.start_date, page.end_date = datetime.date(2024, 5, 1), datetime.date(2024, 4, 1)
    page.is_formal_hearing, page.hearing_deadline = True, None
    with translation.override(lang), pytest.raises(ValidationError) as caught:
        page.full_clean()
    with translation.override(lang):
        errors = caught.value.message_dict
    assert end_date_message in errors["end_date"]
    assert hearing_message in errors["hearing_deadline"]


@pytest.mark.parametrize(
    ("lang", "heading", "all_done"),
    [
        ("da", "Tilbagemelding mangler til deltagerne", "Alle lukkede dialoger har givet deltagerne besked"),
        ("sv", "Återkoppling saknas till deltagarna", "Alla stängda dialoger har gett deltagarna besked"),
    ],
)
def test_feedback_owed_panel(db, lang, heading, all_done):
    with translation.override(lang):
        html = FeedbackOwedPanel().render_html({})
    assert heading in html
    assert all_done in html
    assert "Feedback owed to participants" not in html


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("da", ["I sagde", "Vi gjorde", "Resultat", "Delvist imødekommet", "Begrundelse"]),
        ("sv", ["Ni sa", "Vi gjorde", "Utfall", "Delvis tillgodosedd", "Motivering"]),
    ],
)
def test_feedback_item_template(lang, expected):
    block = FeedbackItemBlock()
    raw = {"theme": "Flere mødesteder", "you_said": "Vi mangler lokaler.", "we_did": "Kravet skrives ind.",
           "outcome": "partly", "reason": "Kun i nye planer."}
    with translation.override(lang):
        html = block.render(block.to_python(raw))
    for text in expected:
        assert text in html


@pytest.mark.parametrize(
    ("lang", "quarter", "closed_days_ago"),
    [
        ("da", "2. kvartal 2024", "Den lukkede for 12 dage siden."),
        ("sv", "Kvartal 2 2024", "Den stängde för 12 dagar sedan."),
    ],
)
def test_formatted_and_plural_strings(lang, quarter, closed_days_ago):
    with translation.override(lang):
        assert date_label(datetime.date(2024, 5, 17), "quarter") == quarter
        days = 12
        message = translation.ngettext("It closed %(days)s day ago.", "It closed %(days)s days ago.", days)
        assert message % {"days": days} == closed_days_ago


def test_english_stays_the_source_language():
    with translation.override("en"):
        assert str(Status.OPEN.label) == "Open for participation"
        assert str(OUTCOME_LABELS["adopted"]) == "Adopted"


# --- The catalogs themselves ----------------------------------------------------------------------

PLACEHOLDER = re.compile(r"%\((\w+)\)[#0\- +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]|\{(\w+)\}")


def placeholders(text: str) -> set[str]:
    return {percent or brace for percent, brace in PLACEHOLDER.findall(text)}


def entries(app: str, lang: str) -> list[polib.POEntry]:
    return [entry for entry in polib.pofile(str(catalog_path(app, lang))) if not entry.obsolete]


@pytest.mark.parametrize(("app", "lang"), CATALOGS)
def test_catalog_header(app, lang):
    po = polib.pofile(str(catalog_path(app, lang)))
    assert not po.metadata_is_fuzzy
    assert po.metadata["Language"] == lang
    assert "charset=UTF-8" in po.metadata["Content-Type"]
    assert po.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"


@pytest.mark.parametrize(("app", "lang"), CATALOGS)
def test_every_entry_is_translated_and_not_fuzzy(app, lang):
    found = entries(app, lang)
    assert found, f"{catalog_path(app, lang)} has no entries"
    fuzzy = [entry.msgid for entry in found if "fuzzy" in entry.flags]
    untranslated = [entry.msgid for entry in found if not entry.translated()]
    assert not fuzzy, f"fuzzy in {app}/{lang}: {fuzzy}"
    assert not untranslated, f"untranslated in {app}/{lang}: {untranslated}"


@pytest.mark.parametrize(("app", "lang"), CATALOGS)
def test_placeholders_match(app, lang):
    mismatches = []
    for entry in entries(app, lang):
        if entry.msgid_plural:
            for index, text in entry.msgstr_plural.items():
                source = entry.msgid if index == 0 else entry.msgid_plural
                if placeholders(text) != placeholders(source):
                    mismatches.append((source, text))
        elif placeholders(entry.msgstr) != placeholders(entry.msgid):
            mismatches.append((entry.msgid, entry.msgstr))
    assert not mismatches


@pytest.mark.parametrize(("app", "lang"), CATALOGS)
def test_python_format_entries_are_flagged(app, lang):
    """makemessages flags %(name)s strings; the flag makes msgfmt check the translation's placeholders."""
    unflagged = [
        entry.msgid for entry in entries(app, lang)
        if re.search(r"%\(\w+\)", entry.msgid) and "python-format" not in entry.flags
    ]
    assert not unflagged


@pytest.mark.parametrize(("app", "lang"), CATALOGS)
def test_compiled_catalog_matches_the_po_file(app, lang):
    mo_path = catalog_path(app, lang, "mo")
    assert mo_path.exists(), f"{mo_path} is missing: run `make messages` (or compilemessages) and commit it"

    def as_dict(catalog) -> dict:
        result = {}
        for entry in catalog:
            if entry.obsolete or not entry.msgid or "fuzzy" in entry.flags:
                continue
            if entry.msgid_plural:
                result[(entry.msgid, entry.msgid_plural)] = tuple(
                    entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)
                )
            elif entry.msgstr:
                result[entry.msgid] = entry.msgstr
        return result

    compiled = as_dict(polib.mofile(str(mo_path)))
    source = as_dict(polib.pofile(str(catalog_path(app, lang))))
    assert compiled == source, f"{mo_path} is stale: run `make messages` (or compilemessages) and commit it"

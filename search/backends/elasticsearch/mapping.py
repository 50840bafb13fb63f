"""The Elasticsearch index: analysers per language and the dialogue ``Document`` (elasticsearch-dsl).

Every text field carries one sub-field per language (``title.da`` …: Snowball stemming),
``.folded`` (å→aa, æ→ae, ø→oe, then ASCII folding) and ``.parts`` (decompounding of common
Nordic compound parts), so a query can weigh a whole stemmed word above a folded one above a
compound part. ``suggest`` is a ``search_as_you_type`` field of the folded title.
"""

from elasticsearch_dsl import (
    Boolean,
    Date,
    Document,
    Integer,
    Keyword,
    SearchAsYouType,
    Text,
    analyzer,
    char_filter,
    token_filter,
)

from ...conf import extra_compound_parts
from ...documents import DialogueDocument

LANGUAGES = {"da": "danish", "sv": "swedish", "en": "english"}
# Frequent parts of Danish and Swedish compounds in civic texts; a host may add its own.
COMPOUND_PARTS = [
    "borger", "medborgar", "dialog", "møde", "möte", "havn", "hamn", "område", "plan", "sti", "väg", "vej", "by",
    "stad", "kommun", "kommune", "skole", "skola", "park", "trafik", "cykel", "bolig", "bostad", "grøn", "grön",
    "natur", "kultur", "ungdom", "udvikling", "utveckling", "høring", "samråd", "strategi", "center", "centrum",
]

nordic_letters = char_filter(
    "nordic_letters", type="mapping",
    mappings=["å => aa", "Å => Aa", "æ => ae", "Æ => Ae", "ø => oe", "Ø => Oe", "ä => ae", "Ä => Ae",
              "ö => oe", "Ö => Oe", "ü => ue", "Ü => Ue"],
)
folded = analyzer("folded", tokenizer="standard", char_filter=[nordic_letters], filter=["lowercase", "asciifolding"])


def compound_parts() -> list[str]:
    return COMPOUND_PARTS + extra_compound_parts()


def parts_analyzer():
    decompounder = token_filter(
        "nordic_decompounder", type="dictionary_decompounder", word_list=compound_parts(),
        min_subword_size=2, only_longest_match=False,
    )
    return analyzer("parts", tokenizer="standard", filter=["lowercase", decompounder])


def stemmed(language: str):
    return analyzer(
        f"{language}_stemmed", tokenizer="standard",
        filter=["lowercase", token_filter(f"{language}_snowball", type="snowball", language=language.capitalize())],
    )


def text_field() -> Text:
    sub_fields = {locale: Text(analyzer=stemmed(language)) for locale, language in LANGUAGES.items()}
    return Text(analyzer="standard", fields={**sub_fields, "folded": Text(analyzer=folded),
                                             "parts": Text(analyzer=parts_analyzer())})


class DialogueIndexDocument(Document):
    """One public dialogue in Elasticsearch."""

    page_id = Integer()
    locale = Keyword()
    title = text_field()
    intro = text_field()
    purpose = text_field()
    body = text_field()
    suggest = SearchAsYouType(analyzer=folded)
    rung_key = Keyword()
    rung_label = Keyword()
    # The facts of the one status rule (``dialogue_pages.status``).
    cancelled = Boolean()
    open_from = Date()
    closed_from = Date()
    decided_from = Date()
    date_from = Date()
    date_to = Date()
    has_feedback = Boolean()
    sort_start = Date()
    expire_at = Date()
    # "key\x1flabel" so that one terms aggregation yields both
    organisation = Keyword()
    tag = Keyword()
    target_group = Keyword()
    area = Keyword()

    class Index:
        name = "dialogues"
        settings = {"number_of_shards": 1, "number_of_replicas": 0}


FACET_SEPARATOR = "\x1f"


def to_index_document(document: DialogueDocument) -> DialogueIndexDocument:
    facets: dict[str, list[str]] = {"organisation": [], "tag": [], "target_group": [], "area": []}
    for kind, key, label in document.facets:
        facets[kind].append(f"{key}{FACET_SEPARATOR}{label}")
    return DialogueIndexDocument(
        meta={"id": document.page_id},
        page_id=document.page_id, locale=document.locale, title=document.title, intro=document.intro,
        purpose=document.purpose, body=document.body, suggest=document.title, rung_key=document.rung_key,
        rung_label=document.rung_label, cancelled=document.cancelled, open_from=document.open_from,
        closed_from=document.closed_from, decided_from=document.decided_from, date_from=document.date_from,
        date_to=document.date_to, has_feedback=document.has_feedback, sort_start=document.sort_start,
        expire_at=document.expire_at, **facets,
    )

"""Generate a realistic archive of citizen dialogues in the import format (docs/import.md).

    python -m bench.generate --count 10000 --seed 1 --out /tmp/dialogues.jsonl

Text is drawn from the real Danish, Swedish and English vocabularies of ``wordfreq`` with
their real (Zipf) frequencies, so full-text search meets stop words, rare words and, in
Danish and Swedish, compounds ("borger" + "møde"). Place and person names come from Faker.
The output is deterministic for a seed: line ``i`` depends only on the seed and ``i``, so
the first lines of a large archive equal a small archive of the same seed.
"""

import argparse
import datetime
import functools
import itertools
import random
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import wordfreq
from faker import Faker

LOCALES = ("da", "sv", "en")
LOCALE_WEIGHTS = (40, 40, 20)
FAKER_LOCALES = {"da": "da_DK", "sv": "sv_SE", "en": "en_GB"}
VOCABULARY_SIZE = 20_000
LADDERS = {
    "skr": ("information", "konsultation", "dialog", "inflytande", "medbeslutande"),
    "iap2": ("inform", "consult", "involve", "collaborate", "empower"),
}
# The ladder a municipality in each country uses most.
USUAL_LADDER = {"da": "iap2", "sv": "skr", "en": "iap2"}
OUTCOMES = ("adopted", "partly", "not_adopted", "under_consideration")
PRECISIONS = ("day", "month", "quarter", "year", "label")
PRECISION_WEIGHTS = (40, 25, 10, 10, 15)
YEARS = tuple(range(2010, 2027))
LAST_DAY = datetime.date(2026, 12, 31)
# The generator's own "today", for the status of timeline events. Fixed, so that a seed always gives the same
# bytes; the server derives each dialogue's status from its dates and the real date.
DATASET_TODAY = datetime.date(2026, 9, 1)
MUNICIPALITIES_PER_LOCALE = 90
# Latitude and longitude boxes of the three countries, for places and municipalities.
COUNTRY_BOXES = {"da": (54.8, 57.6, 8.2, 12.6), "sv": (55.4, 66.0, 11.5, 23.0), "en": (50.2, 58.5, -5.5, 1.7)}

ASCII_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "a", "ö": "o", "é": "e", "ü": "u", "ß": "ss"})


@dataclass(frozen=True)
class Lexicon:
    """The fixed civic words of one language, around which the random vocabulary flows."""

    stems: tuple[str, ...]  # first parts of compounds (empty: the language does not compound)
    heads: tuple[str, ...]  # last parts of compounds
    topics: tuple[str, ...]  # topics (tags) beyond the compounds
    title_templates: tuple[str, ...]
    municipality: str  # "{city} Kommune"
    regions: tuple[str, ...]
    local_body: str  # "{city} Lokaludvalg"
    phases: tuple[str, ...]
    fuzzy_dates: tuple[str, ...]
    roles: tuple[str, ...]
    audiences: tuple[str, ...]
    figure_labels: tuple[str, ...]
    lessons_heading: str
    figures_heading: str
    target_groups: tuple[str, ...]
    methods: tuple[str, ...]
    legal_bases: tuple[str, ...]
    hearing_bodies: tuple[str, ...]
    place_suffixes: tuple[str, ...]


LEXICONS: dict[str, Lexicon] = {
    "da": Lexicon(
        stems=("borger", "by", "kommune", "lokal", "skole", "trafik", "klima", "natur", "bolig", "ungdoms",
               "ældre", "cykel", "park", "havne", "kultur", "sundheds", "erhvervs", "vand", "idræts", "land"),
        heads=("møde", "plan", "råd", "strategi", "område", "udvikling", "politik", "dialog", "høring", "projekt",
               "forum", "panel", "værksted", "budget", "sti", "hus", "center", "vej", "zone", "liv"),
        topics=("byudvikling", "klima", "trafik", "natur", "boliger", "skoler", "ældre", "unge", "kultur",
                "sundhed", "erhverv", "demokrati", "miljø", "idræt", "biblioteker", "mobilitet"),
        title_templates=("{Compound} i {place}", "Borgerdialog om {topic} i {city}", "{Words} – {compound}",
                         "Ny {compound} for {place}", "{Compound}: {words}", "Høring om {compound} i {city}"),
        municipality="{city} Kommune",
        regions=("Region Hovedstaden", "Region Sjælland", "Region Syddanmark", "Region Midtjylland",
                 "Region Nordjylland"),
        local_body="{city} Lokaludvalg",
        phases=("Opstart", "Borgermøde", "Workshop", "Spørgeskema", "Byvandring", "Idéfase", "Høring",
                "Politisk behandling", "Byrådets beslutning", "Evaluering", "Tilbagemelding", "Borgerpanel"),
        fuzzy_dates=("primo {year}", "medio {year}", "ultimo {year}", "foråret {year}", "efteråret {year}"),
        roles=("borger", "planlægger", "projektleder", "kommunikatør", "formand", "lokalrådsmedlem", "elev"),
        audiences=("Byrådet", "Kommunens forvaltning", "Lokaludvalget", "Borgerne", "Bygherrer", "Foreningerne"),
        figure_labels=("deltagere", "svar", "borgermøder", "høringssvar", "idéer", "workshops", "forslag"),
        lessons_heading="Det lærte vi",
        figures_heading="Dialogen i tal",
        target_groups=("Unge", "Ældre", "Børnefamilier", "Beboere", "Erhvervsdrivende", "Foreninger", "Skoler"),
        methods=("Borgermøde", "Spørgeskema", "Workshop", "Fokusgrupper", "Borgerpanel", "Byvandring",
                 "Digital høring"),
        legal_bases=("Planloven § 24", "Lov om kommunernes styrelse", "Miljøvurderingsloven", "Vejloven"),
        hearing_bodies=("Ældrerådet", "Handicaprådet", "Lokaludvalget", "Ungdomsrådet", "Grønt Råd"),
        place_suffixes=("by", "rup", "strup", "lev", "sted", "holm", "bjerg", "havn", "skov", "køb"),
    ),
    "sv": Lexicon(
        stems=("medborgar", "stads", "kommun", "lokal", "skol", "trafik", "klimat", "natur", "bostads", "ungdoms",
               "äldre", "cykel", "park", "hamn", "kultur", "hälso", "närings", "vatten", "idrotts", "lands"),
        heads=("möte", "plan", "råd", "strategi", "område", "utveckling", "politik", "dialog", "samråd", "projekt",
               "forum", "panel", "verkstad", "budget", "väg", "hus", "center", "zon", "nät", "program"),
        topics=("stadsutveckling", "klimat", "trafik", "natur", "bostäder", "skola", "äldre", "unga", "kultur",
                "hälsa", "näringsliv", "demokrati", "miljö", "idrott", "bibliotek", "kollektivtrafik"),
        title_templates=("{Compound} i {place}", "Medborgardialog om {topic} i {city}", "{Words} – {compound}",
                         "Ny {compound} för {place}", "{Compound}: {words}", "Samråd om {compound} i {city}"),
        municipality="{city} kommun",
        regions=("Region Skåne", "Region Stockholm", "Västra Götalandsregionen", "Region Uppsala",
                 "Region Jämtland Härjedalen"),
        local_body="{city} stadsdelsnämnd",
        phases=("Uppstart", "Dialogmöte", "Workshop", "Enkät", "Trygghetsvandring", "Idéfas", "Samråd",
                "Politisk behandling", "Beslut i fullmäktige", "Utvärdering", "Återkoppling", "Medborgarpanel"),
        fuzzy_dates=("början av {year}", "mitten av {year}", "slutet av {year}", "våren {year}", "hösten {year}"),
        roles=("invånare", "planerare", "projektledare", "kommunikatör", "ordförande", "förtroendevald", "elev"),
        audiences=("Kommunfullmäktige", "Förvaltningen", "Stadsdelsnämnden", "Invånarna", "Byggherrar",
                   "Föreningarna"),
        figure_labels=("deltagare", "svar", "dialogmöten", "remissvar", "idéer", "workshoppar", "förslag"),
        lessons_heading="Det här lärde vi oss",
        figures_heading="Dialogen i siffror",
        target_groups=("Unga", "Äldre", "Barnfamiljer", "Boende", "Företagare", "Föreningar", "Skolor"),
        methods=("Dialogmöte", "Enkät", "Workshop", "Fokusgrupper", "Medborgarpanel", "Trygghetsvandring",
                 "Digitalt samråd"),
        legal_bases=("Plan- och bygglagen 5 kap.", "Kommunallagen", "Miljöbalken 6 kap.", "Skollagen"),
        hearing_bodies=("Pensionärsrådet", "Funktionshinderrådet", "Ungdomsrådet", "Naturskyddsföreningen"),
        place_suffixes=("by", "köping", "hamn", "torp", "sund", "vik", "berg", "holm", "ås", "näs", "fors"),
    ),
    "en": Lexicon(
        stems=(),
        heads=(),
        topics=("urban development", "climate", "traffic", "nature", "housing", "schools", "older people",
                "young people", "culture", "health", "local economy", "democracy", "environment", "sport",
                "libraries", "public transport", "parks", "cycling", "waterfront", "town centre"),
        title_templates=("{Topic} in {place}", "Citizen dialogue on {topic} in {city}", "{Words}: {topic}",
                         "A new plan for {topic} in {place}", "{Topic}: {words}", "Consultation on {topic}"),
        municipality="{city} Council",
        regions=("Greater London Authority", "West Midlands Combined Authority", "Kent County Council",
                 "Devon County Council", "North Yorkshire Council"),
        local_body="{city} Parish Council",
        phases=("Launch", "Public meeting", "Workshop", "Survey", "Walkabout", "Ideas phase", "Consultation",
                "Committee", "Council decision", "Evaluation", "Feedback", "Citizens' panel"),
        fuzzy_dates=("early {year}", "mid-{year}", "late {year}", "spring {year}", "autumn {year}"),
        roles=("resident", "planner", "project manager", "communications officer", "chair", "councillor",
               "pupil"),
        audiences=("The council", "Council officers", "The parish council", "Residents", "Developers",
                   "Local groups"),
        figure_labels=("participants", "responses", "meetings", "consultation responses", "ideas", "workshops"),
        lessons_heading="What we learned",
        figures_heading="The dialogue in numbers",
        target_groups=("Young people", "Older people", "Families", "Residents", "Businesses", "Community groups",
                       "Schools"),
        methods=("Public meeting", "Survey", "Workshop", "Focus groups", "Citizens' panel", "Walkabout",
                 "Online consultation"),
        legal_bases=("Town and Country Planning Act 1990", "Localism Act 2011", "Local Government Act 1972"),
        hearing_bodies=("Older People's Forum", "Disability Forum", "Youth Council", "Civic Society"),
        place_suffixes=("ton", "ford", "ham", "bury", "field", "wick", "by", "worth"),
    ),
}


def slugify(text: str) -> str:
    """An ASCII slug: 'Høring om Åbyhøj' -> 'hoering-om-aabyhoej'."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower().translate(ASCII_FOLD)).strip("-")


@dataclass(frozen=True)
class Vocabulary:
    """The real words of a language with their Zipf weights, and the words fit for titles and queries."""

    words: tuple[str, ...]
    cum_weights: tuple[float, ...]
    content_words: tuple[str, ...]


# Stands in the vocabulary of a compounding language for "a compound here".
COMPOUND = "<compound>"
COMPOUND_SHARE = 0.08


@functools.cache
def vocabulary(language: str) -> Vocabulary:
    """The ``VOCABULARY_SIZE`` most frequent words of ``language`` according to wordfreq.

    Danish and Swedish get a stand-in for compounds, drawn about one word in twelve.
    """
    words = [word for word in wordfreq.top_n_list(language, VOCABULARY_SIZE) if word.isalpha()]
    content_words = tuple(word for word in words[150:6000] if len(word) >= 4)
    # Zipf–Mandelbrot: the weight of rank r is 1 / (r + 2.7).
    weights = [1 / (rank + 2.7) for rank in range(len(words))]
    if LEXICONS[language].stems:
        words.append(COMPOUND)
        weights.append(sum(weights) * COMPOUND_SHARE / (1 - COMPOUND_SHARE))
    return Vocabulary(tuple(words), tuple(itertools.accumulate(weights)), content_words)


class Writer:
    """Random text in one language; all randomness comes from the given ``random.Random``."""

    def __init__(self, rng: random.Random, language: str) -> None:
        self.rng = rng
        self.lexicon = LEXICONS[language]
        self.vocabulary = vocabulary(language)

    def compound(self) -> str:
        """A Nordic compound: a civic stem and a civic head or an ordinary word ('borger' + 'møde')."""
        stem = self.rng.choice(self.lexicon.stems)
        head = self.rng.choice(self.lexicon.heads) if self.rng.random() < 0.6 else self.rng.choice(
            self.vocabulary.content_words)
        return stem + head

    def topic(self) -> str:
        if self.lexicon.stems and self.rng.random() < 0.5:
            return self.compound()
        return self.rng.choice(self.lexicon.topics)

    def words(self, count: int) -> list[str]:
        """``count`` words with their real frequencies; in Danish and Swedish about one in twelve a compound."""
        vocabulary = self.vocabulary
        tokens = self.rng.choices(vocabulary.words, cum_weights=vocabulary.cum_weights, k=count)
        if self.lexicon.stems:
            tokens = [self.compound() if token is COMPOUND else token for token in tokens]
        return tokens

    def phrase(self, count: int) -> str:
        return " ".join(self.rng.choice(self.vocabulary.content_words) for _ in range(count))

    def text(self, count: int) -> str:
        """Exactly ``count`` words in sentences of 6–18 words."""
        tokens = self.words(count)
        sentences = []
        position = 0
        while position < count:
            length = self.rng.randint(6, 18)
            sentences.append(capitalise(" ".join(tokens[position:position + length])) + ".")
            position += length
        return " ".join(sentences)

    def paragraphs(self, count: int) -> str:
        """``count`` words as HTML paragraphs of 40–90 words."""
        parts = []
        while count > 0:
            length = min(count, self.rng.randint(40, 90))
            parts.append(f"<p>{self.text(length)}</p>")
            count -= length
        return "".join(parts)


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Person:
    name: str
    role: str
    phone: str
    email: str


@dataclass(frozen=True)
class Organisation:
    slug: str
    name: str
    kind: str
    latitude: float
    longitude: float
    city: str
    contacts: tuple[Person, ...] = ()

    def as_organiser(self) -> dict[str, str]:
        return {"slug": self.slug, "name": self.name, "kind": self.kind}


@dataclass(frozen=True)
class Pools:
    """The names a dialogue draws from: organisations, places, people and topics, per language."""

    municipalities: dict[str, tuple[Organisation, ...]]
    regions: dict[str, tuple[Organisation, ...]]
    local_bodies: dict[str, tuple[Organisation, ...]]
    places: dict[str, tuple[str, ...]]
    people: dict[str, tuple[str, ...]]
    tags: dict[str, tuple[str, ...]]


def unique_place_names(fake: Faker, rng: random.Random, lexicon: Lexicon, count: int) -> list[str]:
    """Faker's town names of the country, topped up with made-up ones ('Lars' + 'torp') where Faker knows few."""
    names: dict[str, str] = {}
    for _attempt in range(count * 10):
        names.setdefault(slugify(name := fake.city()), name)
        if len(names) >= count:
            return list(names.values())
    while len(names) < count:
        name = fake.first_name()[: rng.randint(3, 5)] + rng.choice(lexicon.place_suffixes)
        names.setdefault(slugify(name), name)
    return list(names.values())


def make_pools(seed: int) -> Pools:
    """About 300 organisations (90 municipalities, 5 regions and 5 local bodies per language) and name pools."""
    pools: dict[str, dict[str, tuple]] = {name: {} for name in ("municipalities", "regions", "local_bodies",
                                                                 "places", "people", "tags")}
    for language in LOCALES:
        rng = random.Random(f"pools:{seed}:{language}")
        fake = Faker(FAKER_LOCALES[language])
        fake.seed_instance(seed)
        lexicon = LEXICONS[language]
        cities = unique_place_names(fake, rng, lexicon, MUNICIPALITIES_PER_LOCALE + 5)
        pools["municipalities"][language] = tuple(
            organisation(rng, language, lexicon.municipality.format(city=city), "municipality", city,
                         tuple(person(fake, rng, lexicon, city) for _ in range(3)))
            for city in cities[:MUNICIPALITIES_PER_LOCALE]
        )
        pools["regions"][language] = tuple(
            organisation(rng, language, name, "region", name) for name in lexicon.regions)
        pools["local_bodies"][language] = tuple(
            organisation(rng, language, lexicon.local_body.format(city=city), "other", city)
            for city in cities[MUNICIPALITIES_PER_LOCALE:]
        )
        pools["places"][language] = tuple(
            itertools.chain((fake.street_name() for _ in range(150)), unique_place_names(fake, rng, lexicon, 150)))
        pools["people"][language] = tuple(fake.name() for _ in range(300))
        writer = Writer(rng, language)
        pools["tags"][language] = tuple(dict.fromkeys(
            [*lexicon.topics, *(writer.topic() for _ in range(120))]))
    return Pools(**pools)


def organisation(rng: random.Random, language: str, name: str, kind: str, city: str,
                 contacts: tuple[Person, ...] = ()) -> Organisation:
    """An organiser somewhere in its country."""
    south, north, west, east = COUNTRY_BOXES[language]
    return Organisation(slugify(name), name, kind, round(rng.uniform(south, north), 5),
                        round(rng.uniform(west, east), 5), city, contacts)


def person(fake: Faker, rng: random.Random, lexicon: Lexicon, city: str) -> Person:
    """A municipal employee citizens can contact."""
    name = fake.name()
    local = ".".join(slugify(part) for part in name.split()[-2:])
    return Person(name, rng.choice(lexicon.roles[1:5]), fake.phone_number()[:40],
                  f"{local}@{slugify(city)[:30]}.example.org")


def named(names: list[str], **extra: str) -> list[dict[str, str]]:
    """Target groups or methods as the importer matches them: by slug, created with their name when new."""
    return [{"slug": slugify(name), "name": name, **extra} for name in names]


def random_date(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randint(0, max(0, (last - first).days)))


def dialogue(index: int, seed: int, pools: Pools) -> dict[str, Any]:
    """Line ``index`` of the archive of ``seed``, as the importer reads it."""
    rng = random.Random(f"dialogue:{seed}:{index}")
    language = rng.choices(LOCALES, weights=LOCALE_WEIGHTS)[0]
    writer = Writer(rng, language)
    lexicon = writer.lexicon
    municipality = rng.choice(pools.municipalities[language])
    organisers = [municipality]
    if rng.random() < 0.25:
        organisers.append(rng.choice(pools.regions[language]))
    if rng.random() < 0.1:
        organisers.append(rng.choice(pools.local_bodies[language]))
    place = municipality.city if rng.random() < 0.5 else rng.choice(pools.places[language])

    # Recent years are busier; the last one holds dialogues still planned or open.
    start = datetime.date(rng.choices(YEARS, weights=range(1, len(YEARS) + 1))[0], rng.randint(1, 12),
                          rng.randint(1, 28))
    end = min(start + datetime.timedelta(days=rng.randint(20, 540)), LAST_DAY)
    ladder = USUAL_LADDER[language] if rng.random() < 0.7 else rng.choice(list(LADDERS))
    topic = writer.topic()

    title = rng.choice(lexicon.title_templates).format(
        place=place, city=municipality.city, topic=topic, Topic=capitalise(topic),
        compound=writer.topic(), Compound=capitalise(writer.topic()), words=writer.phrase(rng.randint(1, 3)),
        Words=capitalise(writer.phrase(rng.randint(1, 3))),
    )[:255]
    line: dict[str, Any] = {
        "external_id": f"bench-{seed}-{index:07d}",
        "locale": language,
        "title": title,
        "slug": f"{slugify(title)[:80].strip('-') or 'dialog'}-{index}",
        "intro": intro(writer),
        "easy_read_summary": easy_read(writer) if rng.random() < 0.3 else "",
        "purpose": f"<p>{writer.text(rng.randint(30, 60))}</p>",
        "can_influence": f"<p>{writer.text(rng.randint(20, 40))}</p>",
        "cannot_influence": f"<p>{writer.text(rng.randint(15, 30))}</p>" if rng.random() < 0.7 else "",
        "badge": {"ladder_key": ladder, "key": rng.choice(LADDERS[ladder])},
        "rung_explanation": writer.text(rng.randint(15, 35)),
        "cancellation": {"reason": writer.text(rng.randint(8, 16))} if rng.random() < 0.03 else None,
        "start": start.isoformat() if rng.random() < 0.9 else None,
        "end": end.isoformat() if rng.random() < 0.85 else None,
        "participation": participation(rng, writer, start, end) if rng.random() < 0.9 else None,
        "decision": decision(rng, writer, lexicon, end) if end < DATASET_TODAY and rng.random() < 0.6 else None,
        "feedback_plan": writer.text(rng.randint(10, 25)) if rng.random() < 0.6 else "",
        "organisers": [organisation.as_organiser() for organisation in organisers],
        "place": place_of(rng, place, municipality),
        "tags": sorted(set(rng.choices(pools.tags[language], weights=[1 / (rank + 1) for rank in range(
            len(pools.tags[language]))], k=rng.randint(1, 5)))),
        "target_groups": named(rng.sample(lexicon.target_groups, rng.randint(0, 3))),
        "methods": named(rng.sample(lexicon.methods, rng.randint(1, 3)), description=""),
        "contacts": [contact(person, municipality) for person in rng.sample(municipality.contacts,
                                                                             rng.randint(0, 2))],
        "legal_basis": rng.choice(lexicon.legal_bases) if rng.random() < 0.2 else "",
        "hearing": hearing(rng, lexicon, start, end) if rng.random() < 0.15 else None,
        "timeline": timeline(writer, ladder, start, end),
        "feedback": feedback(writer) if end < DATASET_TODAY and rng.random() < 0.75 else [],
        "body": body(writer, pools.people[language]),
    }
    return line


def intro(writer: Writer) -> str:
    """About 60 words, within the 600 characters an intro may have."""
    words = writer.text(writer.rng.randint(50, 70)).split()
    while len(" ".join(words)) > 599:
        words.pop()
    return " ".join(words)


def easy_read(writer: Writer) -> str:
    """Short sentences of frequent words."""
    common = writer.vocabulary.words[:1500]
    sentences = [capitalise(" ".join(writer.rng.choices(common, k=writer.rng.randint(4, 8)))) + "."
                 for _ in range(writer.rng.randint(4, 7))]
    return " ".join(sentences)


def place_of(rng: random.Random, name: str, municipality: Organisation) -> dict[str, Any] | None:
    roll = rng.random()
    if roll < 0.05:
        return None
    if roll < 0.15:
        return {"name": name, "latitude": None, "longitude": None}
    return {"name": name, "latitude": round(municipality.latitude + rng.uniform(-0.05, 0.05), 5),
            "longitude": round(municipality.longitude + rng.uniform(-0.05, 0.05), 5)}


def contact(person: Person, organisation: Organisation) -> dict[str, str]:
    return {"name": person.name, "role": person.role, "phone": person.phone, "email": person.email,
            "organisation": organisation.name}


def participation(rng: random.Random, writer: Writer, start: datetime.date, end: datetime.date) -> dict[str, Any]:
    """A window inside the process, with how to take part."""
    opens = random_date(rng, start, end)
    return {
        "opens": opens.isoformat(),
        "closes": random_date(rng, opens, end).isoformat(),
        "channel": capitalise(writer.phrase(rng.randint(3, 6))),
        "url": f"https://example.org/deltag/{rng.randint(1, 10**6)}" if rng.random() < 0.6 else "",
        "place": capitalise(writer.phrase(rng.randint(2, 4))) if rng.random() < 0.4 else "",
    }


def decision(rng: random.Random, writer: Writer, lexicon: Lexicon, end: datetime.date) -> dict[str, Any]:
    """A decision taken within a year after the process ended."""
    return {
        "body": rng.choice(lexicon.hearing_bodies),
        "date": min(end + datetime.timedelta(days=rng.randint(1, 365)), LAST_DAY).isoformat(),
        "url": f"https://example.org/beslut/{rng.randint(1, 10**6)}.pdf" if rng.random() < 0.5 else "",
        "summary": capitalise(writer.text(rng.randint(15, 40))),
    }


def hearing(rng: random.Random, lexicon: Lexicon, start: datetime.date, end: datetime.date) -> dict[str, Any]:
    bodies = rng.sample(lexicon.hearing_bodies, rng.randint(1, 3))
    return {
        "deadline": random_date(rng, start, end).isoformat(),
        "bodies": [{"name": name, "response_url": f"https://example.org/{slugify(name)}.pdf"
                    if rng.random() < 0.5 else ""} for name in bodies],
    }


def timeline(writer: Writer, ladder: str, start: datetime.date, end: datetime.date) -> list[dict[str, Any]]:
    """3–12 events from shortly before the start to after the end, known to the day, month, quarter, year or
    only by a fuzzy label; a quarter of them with a rung of their own."""
    rng = writer.rng
    first, last = start - datetime.timedelta(days=60), min(end + datetime.timedelta(days=120), LAST_DAY)
    dates = sorted(random_date(rng, first, last) for _ in range(rng.randint(3, 12)))
    events = []
    for position, date in enumerate(dates):
        precision = rng.choices(PRECISIONS, weights=PRECISION_WEIGHTS)[0]
        label = rng.choice(writer.lexicon.fuzzy_dates).format(year=date.year) if precision == "label" else ""
        if precision == "label" and rng.random() < 0.5:
            date = None
        reference = date or datetime.date(int(label[-4:]), 7, 1)
        status = "done" if reference < DATASET_TODAY - datetime.timedelta(days=30) else (
            "ongoing" if reference <= DATASET_TODAY else "planned")
        phases = writer.lexicon.phases
        events.append({"type": "event", "value": {
            "title": phases[min(position * len(phases) // len(dates), len(phases) - 1)],
            "description": writer.text(rng.randint(10, 25)) if rng.random() < 0.7 else "",
            "date": date.isoformat() if date else None,
            "precision": precision,
            "label": label,
            "status": status,
            "rung": {"ladder_key": ladder, "key": rng.choice(LADDERS[ladder])} if rng.random() < 0.25 else None,
        }})
    return events


def feedback(writer: Writer) -> list[dict[str, Any]]:
    """1–15 "you said, we did" items with every outcome; a reason unless the input was adopted."""
    rng = writer.rng
    items = []
    for _ in range(rng.randint(1, 15)):
        outcome = rng.choice(OUTCOMES)
        needs_reason = outcome != "adopted" or rng.random() < 0.3
        items.append({"type": "item", "value": {
            "theme": capitalise(writer.phrase(rng.randint(2, 5))),
            "you_said": writer.text(rng.randint(12, 30)),
            "we_did": writer.text(rng.randint(12, 30)),
            "outcome": outcome,
            "reason": writer.text(rng.randint(8, 20)) if needs_reason else "",
        }})
    return items


def points(writer: Writer) -> list[dict[str, str]]:
    return [{"title": capitalise(writer.phrase(writer.rng.randint(3, 7))), "text": writer.text(
        writer.rng.randint(10, 25))} for _ in range(writer.rng.randint(2, 5))]


def body(writer: Writer, people: tuple[str, ...]) -> list[dict[str, Any]]:
    """About 1,000 words: rich text around quotes, key figures, recommendations and lessons learned."""
    rng = writer.rng
    lexicon = writer.lexicon
    extras: list[dict[str, Any]] = []
    for _ in range(rng.randint(0, 2)):
        extras.append({"type": "quote", "value": {
            "text": writer.text(rng.randint(10, 35)),
            "speaker": rng.choice(people) if rng.random() < 0.6 else "",
            "role": rng.choice(lexicon.roles),
        }})
    if rng.random() < 0.6:
        extras.append({"type": "key_figures", "value": {"heading": lexicon.figures_heading, "figures": [
            {"value": f"{rng.randint(5, 2500)}", "label": label, "description": ""}
            for label in rng.sample(lexicon.figure_labels, rng.randint(2, 4))]}})
    if rng.random() < 0.4:
        extras.append({"type": "recommendations", "value": {
            "audience": rng.choice(lexicon.audiences), "recommendations": points(writer)}})
    if rng.random() < 0.4:
        extras.append({"type": "lessons_learned", "value": {
            "heading": lexicon.lessons_heading, "lessons": points(writer)}})
    rng.shuffle(extras)

    remaining = rng.randint(900, 1100) - sum(count_words(block["value"]) for block in extras)
    texts = rng.randint(2, 4)
    blocks = []
    for position in range(texts):
        share = remaining // (texts - position)
        remaining -= share
        heading = capitalise(writer.phrase(rng.randint(2, 5)))
        html = f"<h2>{heading}</h2>"
        share -= count_words(heading)
        if rng.random() < 0.3:
            items = [writer.phrase(rng.randint(3, 8)) for _ in range(rng.randint(3, 5))]
            html += "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
            share -= sum(count_words(item) for item in items)
        blocks.append({"type": "rich_text", "value": {"html": html + writer.paragraphs(max(share, 20))}})
        if extras:
            blocks.append(extras.pop())
    return blocks + extras


TAG = re.compile(r"<[^>]+>")


def count_words(value: Any) -> int:
    """Words in every string inside ``value`` (HTML tags do not count)."""
    if isinstance(value, str):
        return len(TAG.sub(" ", value).split())
    if isinstance(value, dict):
        return sum(count_words(item) for item in value.values())
    if isinstance(value, list):
        return sum(count_words(item) for item in value)
    return 0


def dialogues(count: int, seed: int) -> Iterator[dict[str, Any]]:
    """The first ``count`` lines of the archive of ``seed``."""
    pools = make_pools(seed)
    for index in range(count):
        yield dialogue(index, seed, pools)


CHUNK = 250
_worker_pools: tuple[int, Pools] | None = None


def _start_worker(seed: int) -> None:
    global _worker_pools
    _worker_pools = (seed, make_pools(seed))


def _encode_range(bounds: tuple[int, int]) -> list[tuple[str, bytes]]:
    assert _worker_pools is not None
    seed, pools = _worker_pools
    lines = (dialogue(index, seed, pools) for index in range(*bounds))
    return [(line["locale"], orjson.dumps(line) + b"\n") for line in lines]


def encoded_lines(count: int, seed: int, processes: int = 1) -> Iterator[tuple[str, bytes]]:
    """``(locale, JSON line)`` of the first ``count`` lines of the archive of ``seed``, in order; with
    ``processes`` > 1 the lines are made in that many processes (the same bytes: a line depends on its index)."""
    if processes <= 1 or count <= CHUNK:
        for line in dialogues(count, seed):
            yield line["locale"], orjson.dumps(line) + b"\n"
        return
    import multiprocessing

    bounds = [(start, min(start + CHUNK, count)) for start in range(0, count, CHUNK)]
    with multiprocessing.get_context("fork").Pool(processes, _start_worker, (seed,)) as pool:
        for chunk in pool.imap(_encode_range, bounds):
            yield from chunk


def write_archive(path: Path, count: int, seed: int) -> int:
    """Write ``count`` dialogues to ``path`` as JSON Lines; return the number of bytes written."""
    size = 0
    with path.open("wb") as out:
        for line in dialogues(count, seed):
            data = orjson.dumps(line) + b"\n"
            out.write(data)
            size += len(data)
    return size


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="number of dialogues (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", type=Path, required=True, help="the .jsonl file to write")
    args = parser.parse_args(argv)
    started = time.monotonic()
    size = write_archive(args.out, args.count, args.seed)
    elapsed = time.monotonic() - started
    print(f"{args.count} dialogues, {size / 1e6:.1f} MB in {elapsed:.1f} s -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()

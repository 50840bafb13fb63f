"""The demo dialogues and the snippets they refer to, as plain data.

Written in our own words from the facts of the reference texts in ``shared/seeds/``:
Copenhagen's five dialogue principles, the Vesterbro/Sydhavnen community conference,
Region Hovedstaden's regional development strategy 2024, Fokus Dalby in Lund and
Krokom's strategy for citizen dialogue. Each dialogue is written in the language of
its source, and names, dates, places, numbers and bodies are the sources' own.

What the sources do not say is either left out or the dialogue is flagged ``is_example``,
which puts a notice on its page and ``"example": true`` in its JSON:

- the principles (a) and the yearly meetings (c2) carry only facts of their sources: no contact,
  and no participation window or decision, which the sources do not give (so both read as planned);
- the conference (b) is an example: its organisers, contact and the pending answer are illustrative;
  its one day of input is the source's, so it honestly owes feedback;
- the strategy (c) and Fokus Dalby (d) are examples: their sources give no closing or decision
  dates and no outcomes, so the window, the decision day and the "you said, we did" are illustrative;
- the Krokom plan dialogue (e) is an example as a whole, built around the municipality's strategy.

Contacts are fictional ("Eksempel"/"Exempel", addresses on example.org) and appear on examples
only: the sources name real officials, whose details we do not republish.

``demo.py`` loads this data; nothing here touches the database.
References between the structures are by stable keys: snippet slugs, contact email
addresses, rung keys of the shipped ladders.
"""

import datetime
from typing import Any

Spec = dict[str, Any]

# The content locales, in the order the index pages are created (the first is the source).
LANGUAGES = ("da", "sv", "en")

INDEX_PAGES: dict[str, Spec] = {
    "da": {
        "slug": "da",
        "title": "Borgerdialoger",
        "intro": (
            "<p>Her kan du følge borgerdialoger i kommuner og regioner: hvad dialogen handler om, "
            "hvor meget du kan påvirke, hvad der sker hvornår – og hvad der kom ud af det, "
            "du og andre sagde.</p>"
        ),
    },
    "sv": {
        "slug": "sv",
        "title": "Medborgardialoger",
        "intro": (
            "<p>Här kan du följa medborgardialoger i kommuner och regioner: vad dialogen gäller, "
            "hur mycket du kan påverka, vad som händer när – och vad som blev av det du och "
            "andra tyckte.</p>"
        ),
    },
    "en": {
        "slug": "en",
        "title": "Citizen dialogues",
        "intro": (
            "<p>Follow citizen dialogues held by municipalities and regions: what each one is about, "
            "how much you can influence, what happens when – and what came of what people said.</p>"
        ),
    },
}

# Organisations exist in every content locale (translations share one translation key);
# ``language`` is the locale of the original.
ORGANISATIONS: list[Spec] = [
    {
        "slug": "kobenhavns-kommune",
        "kind": "municipality",
        "website": "https://www.kk.dk/",
        "language": "da",
        "names": {"da": "Københavns Kommune", "sv": "Köpenhamns kommun", "en": "City of Copenhagen"},
    },
    {
        "slug": "vesterbro-lokaludvalg",
        "kind": "other",
        "website": "",
        "language": "da",
        "names": {"da": "Vesterbro Lokaludvalg", "sv": "Vesterbro Lokaludvalg", "en": "Vesterbro Local Council"},
    },
    {
        "slug": "kongens-enghave-lokaludvalg",
        "kind": "other",
        "website": "",
        "language": "da",
        "names": {
            "da": "Kongens Enghave Lokaludvalg",
            "sv": "Kongens Enghave Lokaludvalg",
            "en": "Kongens Enghave Local Council",
        },
    },
    {
        "slug": "region-hovedstaden",
        "kind": "region",
        "website": "https://www.regionh.dk/",
        "language": "da",
        "names": {"da": "Region Hovedstaden", "sv": "Region Hovedstaden", "en": "Capital Region of Denmark"},
    },
    {
        "slug": "lunds-kommun",
        "kind": "municipality",
        "website": "https://www.lund.se/",
        "language": "sv",
        "names": {"sv": "Lunds kommun", "da": "Lunds Kommune", "en": "Lund Municipality"},
    },
    {
        "slug": "krokoms-kommun",
        "kind": "municipality",
        "website": "https://www.krokom.se/",
        "language": "sv",
        "names": {"sv": "Krokoms kommun", "da": "Krokoms Kommune", "en": "Krokom Municipality"},
    },
]

# Areas the seeds name, in every content locale (place names are the same in every language). No
# outlines: the seeds give no boundaries, and geometry is not made up. ``organisation``: the
# municipality the area belongs to.
AREAS: list[Spec] = [
    {"slug": "vesterbro", "kind": "district", "organisation": "kobenhavns-kommune", "language": "da",
     "names": {"da": "Vesterbro", "sv": "Vesterbro", "en": "Vesterbro"}},
    {"slug": "sydhavnen", "kind": "neighbourhood", "organisation": "kobenhavns-kommune", "language": "da",
     "names": {"da": "Sydhavnen", "sv": "Sydhavnen", "en": "Sydhavnen"}},
    {"slug": "dalby", "kind": "other", "organisation": "lunds-kommun", "language": "sv",
     "names": {"sv": "Dalby", "da": "Dalby", "en": "Dalby"}},
]

# Participation methods, in every content locale (the Danish one is the original).
METHODS: list[Spec] = [
    {
        "slug": "open-meeting",
        "names": {"da": "Åbent møde", "sv": "Öppet möte", "en": "Open meeting"},
        "descriptions": {
            "da": "Et møde, som alle kan komme til uden tilmelding.",
            "sv": "Ett möte som alla kan komma till utan anmälan.",
            "en": "A meeting anyone can attend without signing up.",
        },
    },
    {
        "slug": "focus-group",
        "names": {"da": "Fokusgruppe", "sv": "Fokusgrupp", "en": "Focus group"},
        "descriptions": {
            "da": "En lille gruppe drøfter et emne i dybden sammen med en mødeleder.",
            "sv": "En mindre grupp diskuterar en fråga på djupet tillsammans med en samtalsledare.",
            "en": "A small group discusses a topic in depth with a moderator.",
        },
    },
    {
        "slug": "survey",
        "names": {"da": "Spørgeskema", "sv": "Enkät", "en": "Survey"},
        "descriptions": {
            "da": "Mange svarer på de samme spørgsmål, på papir eller digitalt.",
            "sv": "Många svarar på samma frågor, på papper eller digitalt.",
            "en": "Many people answer the same questions, on paper or online.",
        },
    },
    {
        "slug": "workbook",
        "names": {"da": "Arbejdsbog", "sv": "Arbetsbok", "en": "Workbook"},
        "descriptions": {
            "da": "Et hæfte, hvor deltagerne skriver deres svar og idéer ned, alene eller i grupper.",
            "sv": "Ett häfte där deltagarna skriver ner sina svar och idéer, ensamma eller i grupp.",
            "en": "A booklet in which participants write down their answers and ideas, alone or in groups.",
        },
    },
    {
        "slug": "conference",
        "names": {"da": "Konference med gruppedialog", "sv": "Konferens med gruppdialog",
                  "en": "Conference with group dialogue"},
        "descriptions": {
            "da": "Et større arrangement, hvor deltagerne arbejder i grupper og samler deres pointer.",
            "sv": "Ett större arrangemang där deltagarna arbetar i grupper och sammanfattar sina slutsatser.",
            "en": "A larger event in which participants work in groups and gather their conclusions.",
        },
    },
    {
        "slug": "dialogue-meeting",
        "names": {"da": "Dialogmøde", "sv": "Dialogmöte", "en": "Dialogue meeting"},
        "descriptions": {
            "da": "Et møde, hvor inviterede parter drøfter et emne med hinanden og med myndigheden.",
            "sv": "Ett möte där inbjudna parter diskuterar en fråga med varandra och med myndigheten.",
            "en": "A meeting in which invited parties discuss a topic with each other and the authority.",
        },
    },
    {
        "slug": "citizen-panel",
        "names": {"da": "Borgerpanel", "sv": "Medborgarpanel", "en": "Citizen panel"},
        "descriptions": {
            "da": "En fast gruppe borgere, der jævnligt svarer på spørgsmål, ofte digitalt.",
            "sv": "En fast grupp invånare som regelbundet svarar på frågor, ofta digitalt.",
            "en": "A standing group of residents who answer questions regularly, often online.",
        },
    },
    {
        "slug": "formal-hearing",
        "names": {"da": "Høring", "sv": "Samråd", "en": "Formal consultation"},
        "descriptions": {
            "da": "En lovbestemt høring, hvor alle kan indsende bemærkninger inden en frist.",
            "sv": "Ett lagstadgat samråd där alla kan lämna synpunkter före ett sista datum.",
            "en": "A consultation required by law, in which anyone can respond before a deadline.",
        },
    },
]

TARGET_GROUPS: list[Spec] = [
    {"slug": "residents", "names": {"da": "Borgere", "sv": "Invånare", "en": "Residents"}},
    {"slug": "young-people", "names": {"da": "Unge", "sv": "Unga", "en": "Young people"}},
    {
        "slug": "local-associations",
        "names": {"da": "Foreninger og lokale aktører", "sv": "Föreningar och lokala aktörer",
                  "en": "Associations and local actors"},
    },
    {"slug": "businesses", "names": {"da": "Erhvervsliv", "sv": "Näringsliv", "en": "Businesses"}},
    {
        "slug": "developers",
        "names": {"da": "Grundejere og udviklere", "sv": "Fastighetsägare och byggherrar",
                  "en": "Landowners and developers"},
    },
    {"slug": "municipalities", "names": {"da": "Kommuner", "sv": "Kommuner", "en": "Municipalities"}},
    {
        "slug": "partners",
        "names": {"da": "Samarbejdspartnere og interessenter", "sv": "Samarbetspartner och intressenter",
                  "en": "Partners and stakeholders"},
    },
    {
        "slug": "elected-representatives",
        "names": {"da": "Folkevalgte", "sv": "Förtroendevalda", "en": "Elected representatives"},
    },
]

# Fictional people, on example dialogues only: the sources name real officials, whose details we do not
# republish, and a made-up name must not pass for real staff of a real organisation.
CONTACTS: list[Spec] = [
    {"email": "mette.eksempel@example.org", "name": "Mette Eksempel", "role": "kontaktperson (eksempel)",
     "organisation": "vesterbro-lokaludvalg"},
    {"email": "lars.eksempel@example.org", "name": "Lars Eksempel", "role": "kontaktperson (eksempel)",
     "organisation": "region-hovedstaden"},
    {"email": "karin.exempel@example.org", "name": "Karin Exempel", "role": "kontaktperson (exempel)",
     "organisation": "lunds-kommun"},
    {"email": "erik.exempel@example.org", "name": "Erik Exempel", "role": "kontaktperson (exempel)",
     "organisation": "krokoms-kommun"},
]

# Contacts earlier versions of the demo invented with realistic names and staff roles; the loader
# deletes them from databases it loaded before.
RETIRED_CONTACT_EMAILS = (
    "sofie.kjaer@example.org", "mads.holm@example.org", "line.dahl@example.org", "maja.lindqvist@example.org",
    "johan.berg@example.org", "elin.persson@example.org",
)


def event(
    title: str,
    description: str = "",
    *,
    date: datetime.date | None = None,
    precision: str = "day",
    label: str = "",
    status: str = "done",
    rung: str | None = None,
) -> tuple[str, Spec]:
    """A timeline event; ``rung`` is the key of a rung on the dialogue's own ladder."""
    return ("event", {
        "title": title, "description": description, "date": date, "precision": precision,
        "label": label, "status": status, "rung": rung,
    })


def feedback(theme: str, you_said: str, we_did: str, outcome: str, reason: str = "") -> tuple[str, Spec]:
    """One "you said, we did" record."""
    return ("item", {"theme": theme, "you_said": you_said, "we_did": we_did, "outcome": outcome, "reason": reason})


def points(*pairs: tuple[str, str]) -> list[Spec]:
    """Titled points for recommendations and lessons."""
    return [{"title": title, "text": text} for title, text in pairs]


def figures(*triples: tuple[str, str, str]) -> list[Spec]:
    """Key figures: (value, what it counts, explanation)."""
    return [{"value": value, "label": label, "description": description} for value, label, description in triples]


# --- (a) Copenhagen: five principles for dialogue (Danish, translated to English) -------------------

PRINCIPLES_DA: Spec = {
    "title": "Sammen om byen: fem principper for dialog med københavnerne",
    "slug": "sammen-om-byen",
    "intro": (
        "Københavns Kommune har fået fem fælles principper for, hvordan kommunen taler med borgerne. "
        "De gælder i alle syv forvaltninger og fortæller, hvad du som københavner kan forvente – både når "
        "byen udvikles, og når kommunen løser sine daglige opgaver."
    ),
    "easy_read_summary": (
        "Kommunen vil tale mere med københavnerne. Der er fem regler for, hvordan det skal ske. "
        "Kommunen spørger dig tidligt. Kommunen siger tydeligt, hvad du kan være med til at bestemme. "
        "Kommunen fortæller dig, hvad der sker med dine idéer. Alle skal kunne være med."
    ),
    "purpose": (
        "<p>Københavnerne kender livet i byen bedre end nogen andre. Principperne skal gøre det lettere "
        "for dem at sige deres mening, at finde på nye løsninger i samarbejde med kommunen og at deltage i samtaler, "
        "hvor begge parter lytter og bliver klogere.</p>"
        "<p>Samtidig giver principperne de syv forvaltninger et fælles udgangspunkt, så du møder den samme "
        "tilgang til dialog, uanset hvilken del af kommunen du er i kontakt med.</p>"
    ),
    "can_influence": (
        "<p>Hvordan principperne bliver til praksis i de konkrete projekter: hvornår dialogen begynder, "
        "hvilke former den tager, og hvem der bliver inviteret med.</p>"
    ),
    "cannot_influence": (
        "<p>Selve principperne er fastlagt af kommunen og gælder på tværs af alle syv forvaltninger.</p>"
    ),
    "rung_explanation": (
        "Siden fortæller, hvilke løfter kommunen giver om dialog, og hvad du kan forvente. Principperne er "
        "ikke selv til debat her – indflydelsen ligger i de projekter, hvor de bliver brugt."
    ),
    "place_name": "København",
    "tags": ["borgerinddragelse", "demokrati", "byudvikling"],
    "timeline": [
        event(
            "Fælles principper for dialog",
            "Kommunen samler sin tilgang til borgerdialog i fem principper, der gælder for hele organisationen.",
            precision="label", label="Før udrulningen", status="done",
        ),
        event(
            "Udrulning i de syv forvaltninger",
            "Forvaltningerne arbejder principperne ind i deres kerneopgaver og i nye projekter og initiativer.",
            precision="label", label="I gang", status="ongoing",
        ),
        event(
            "Dialog fra start i større projekter",
            "Før et større projekt eller en vigtig beslutning går i gang, lægges der en plan for, hvordan "
            "borgerne inddrages fra idé til virkelighed.",
            precision="label", label="Løbende", status="planned", rung="dialog",
        ),
    ],
    "feedback": [],
    "body": [
        ("rich_text", (
            "<h2>De fem principper</h2><ol>"
            "<li><b>Dialog som kerneopgave.</b> Samtalen med borgerne tænkes ind i kommunens daglige opgaver "
            "og i nye projekter, og organisationen indrettes, så den kan bære dialogen.</li>"
            "<li><b>Tidlig dialog.</b> Før større projekter og beslutninger går i gang, tager kommunen stilling "
            "til, hvordan borgerne kan inddrages meningsfuldt hele vejen fra idé til virkelighed.</li>"
            "<li><b>Tydelig dialog.</b> Kommunen gør klart, hvad målet er, hvor der er reel indflydelse, og "
            "hvorfor, hvornår og hvordan man kan deltage – og fortæller løbende, hvad dialogen fører til.</li>"
            "<li><b>Engagerende dialog.</b> Kommunen afprøver nye former for inddragelse og samarbejde, tager "
            "borgernes egne idéer op og sørger for, at deltagerne har den viden, der skal til for at "
            "bidrage.</li>"
            "<li><b>Mangfoldig dialog.</b> Kommunen opsøger alle relevante stemmer – også de københavnere, den "
            "sjældent hører fra – fordi forskellige perspektiver giver bedre løsninger.</li>"
            "</ol>"
        )),
        ("key_figures", {
            "heading": "Principperne i tal",
            "figures": figures(
                ("5", "principper for dialog",
                 "Tidlig, tydelig, engagerende og mangfoldig dialog – som en kerneopgave."),
                ("7", "forvaltninger", "Principperne gælder på tværs af hele Københavns Kommune."),
            ),
        }),
        ("rich_text", (
            "<h2>Hvad kan du forvente?</h2><p>Når kommunen går i dialog med dig, skal den gøre sig umage for at "
            "invitere tidligt, være klar om rammerne, give dig et ordentligt grundlag at deltage på og række ud "
            "til mange forskellige københavnere – både når byen udvikles, og i kommunens kerneopgaver.</p>"
        )),
    ],
}

# The English translation: the same structure as the Danish page, block for block.
PRINCIPLES_EN: Spec = {
    "title": "Together on the city: five principles for dialogue with Copenhageners",
    "slug": "together-on-the-city",
    "intro": (
        "The City of Copenhagen has five shared principles for how it talks with residents. They apply in all "
        "seven administrations and tell you, as a Copenhagener, what you can expect – both when the city is "
        "developed and when the municipality carries out its everyday tasks."
    ),
    "easy_read_summary": (
        "The city wants to talk more with the people of Copenhagen. There are five rules for how to do it. "
        "The city asks you early. The city says clearly what you can help decide. "
        "The city tells you what happens to your ideas. Everyone should be able to take part."
    ),
    "purpose": (
        "<p>Copenhageners know life in the city better than anyone. The principles should make it easier for "
        "them to give their views, to find new solutions together with the municipality and to take part in "
        "conversations in which both sides listen and learn.</p>"
        "<p>At the same time, the principles give the seven administrations a common starting point, so you "
        "meet the same approach to dialogue whichever part of the municipality you deal with.</p>"
    ),
    "can_influence": (
        "<p>How the principles are put into practice in actual projects: when the dialogue starts, what form it "
        "takes and who is invited.</p>"
    ),
    "cannot_influence": (
        "<p>The principles themselves have been set by the municipality and apply across all seven "
        "administrations.</p>"
    ),
    "rung_explanation": (
        "This page sets out the promises the municipality makes about dialogue and what you can expect. The "
        "principles themselves are not up for debate here – the influence lies in the projects where they "
        "are applied."
    ),
    "place_name": "Copenhagen",
    "tags": ["citizen participation", "democracy", "urban development"],
    "timeline": [
        event(
            "Shared principles for dialogue",
            "The municipality brings its approach to citizen dialogue together in five principles that apply "
            "to the whole organisation.",
            precision="label", label="Before the roll-out", status="done",
        ),
        event(
            "Roll-out in the seven administrations",
            "The administrations build the principles into their core tasks and into new projects and "
            "initiatives.",
            precision="label", label="Under way", status="ongoing",
        ),
        event(
            "Dialogue from the start in larger projects",
            "Before a larger project or an important decision begins, a plan is made for how residents are "
            "involved from idea to reality.",
            precision="label", label="Ongoing", status="planned", rung="dialog",
        ),
    ],
    "feedback": [],
    "body": [
        ("rich_text", (
            "<h2>The five principles</h2><ol>"
            "<li><b>Dialogue as a core task.</b> Talking with residents is built into the municipality's everyday "
            "tasks and into new projects, and the organisation is set up to support it.</li>"
            "<li><b>Early dialogue.</b> Before larger projects and decisions begin, the municipality decides how "
            "residents can be meaningfully involved all the way from idea to reality.</li>"
            "<li><b>Clear dialogue.</b> The municipality makes clear what the aim is, where there is real "
            "influence, and why, when and how people can take part – and reports regularly on what the dialogue "
            "leads to.</li>"
            "<li><b>Engaging dialogue.</b> The municipality tries new forms of involvement and collaboration, "
            "takes up residents' own ideas and makes sure participants have the knowledge they need to "
            "contribute.</li>"
            "<li><b>Diverse dialogue.</b> The municipality seeks out all relevant voices – including "
            "Copenhageners it rarely hears from – because different perspectives lead to better solutions.</li>"
            "</ol>"
        )),
        ("key_figures", {
            "heading": "The principles in figures",
            "figures": figures(
                ("5", "principles for dialogue", "Early, clear, engaging and diverse dialogue – as a core task."),
                ("7", "administrations", "The principles apply across the whole City of Copenhagen."),
            ),
        }),
        ("rich_text", (
            "<h2>What can you expect?</h2><p>When the municipality enters into dialogue with you, it should make "
            "an effort to invite you early, be clear about the frames, give you a proper basis for taking part "
            "and reach out to many different Copenhageners – both when the city is developed and in the "
            "municipality's core tasks.</p>"
        )),
    ],
}

PRINCIPLES: Spec = {
    **PRINCIPLES_DA,
    "language": "da",
    "ladder": "skr",
    "rung": "information",
    "organisers": ["kobenhavns-kommune"],
    # The source names no method, contact or dates: none are given, and the record reads as planned.
    "methods": [],
    "target_groups": ["residents"],
    "contacts": [],
    "latitude": "55.676098",
    "longitude": "12.568337",
    "is_example": False,
    "translations": {"en": PRINCIPLES_EN},
}


# --- (b) Vesterbro and Sydhavnen: community conference (Danish; feedback owed; an example) ---------
# The day, place, number of participants and the recommendations are the source's. It does not name
# the organisers or say whether anyone has answered: those (and the contact) are illustrative.

CONFERENCE: Spec = {
    "language": "da",
    "title": "Fællesskab og byliv i de nye kvarterer på Vesterbro og i Sydhavnen",
    "slug": "faellesskab-i-nye-byomraader",
    "is_example": True,
    # Input was given on the day of the conference.
    "input_opens": datetime.date(2025, 11, 26),
    "input_closes": datetime.date(2025, 11, 26),
    "participation_channel": "Gruppedialoger på en konference for borgere og lokale aktører",
    "participation_place": "Københavns Roklub",
    "intro": (
        "Omkring 70 borgere og lokale aktører mødtes den 26. november 2025 på Københavns Roklub for at drøfte "
        "fællesskab, identitet og livskvalitet i de nye bydele på Vesterbro og i Sydhavnen. "
        "Gruppedialogerne blev til anbefalinger til seks forskellige målgrupper."
    ),
    "purpose": (
        "<p>I de nye byområder flytter beboerne ind i etaper, mange flytter igen, og fællesskabet opstår ikke af "
        "sig selv. Konferencen samlede erfaringer fra borgere og lokale aktører og gjorde dem til konkrete "
        "anbefalinger.</p>"
        "<p>Opsamlingen skal bruges som grundlag for nye lokale initiativer og til at få flere beboere med i "
        "samarbejdet og i lokaldemokratiet – blandt andet ved valget til lokaludvalgene i 2026.</p>"
    ),
    "can_influence": (
        "<p>Hvilke emner lokaludvalgene tager op i deres arbejde med de nye kvarterer, og hvilke anbefalinger de "
        "bringer videre til kommunen, grundejerne og de andre lokale aktører.</p>"
    ),
    "cannot_influence": (
        "<p>Lokaludvalgene rådgiver og sætter lokale initiativer i gang, men de vedtager ikke lokalplaner og "
        "bestemmer ikke over private ejendomme. Den slags beslutninger ligger hos Borgerrepræsentationen og hos "
        "ejerne selv.</p>"
    ),
    "ladder": "skr",
    "rung": "dialog",
    "rung_explanation": (
        "Deltagerne drøftede udfordringer og idéer i grupper og formulerede anbefalinger sammen. Der blev ikke "
        "truffet beslutninger på dagen, og ingen skulle nå til enighed – anbefalingerne er input til "
        "lokaludvalgenes og kommunens videre arbejde."
    ),
    "organisers": ["vesterbro-lokaludvalg", "kongens-enghave-lokaludvalg"],
    "methods": ["conference"],
    "target_groups": ["residents", "local-associations", "businesses", "developers"],
    "contacts": ["mette.eksempel@example.org"],
    "areas": ["vesterbro", "sydhavnen"],
    "place_name": "Vesterbro og Sydhavnen",
    "latitude": "55.659000",
    "longitude": "12.552000",
    "tags": ["fællesskab", "byliv", "byudvikling", "lokaludvalg"],
    "timeline": [
        event(
            "Konference på Københavns Roklub",
            "Cirka 70 borgere og lokale aktører drøftede fællesskab, identitet og livskvalitet i gruppedialoger.",
            date=datetime.date(2025, 11, 26), precision="day", status="done",
        ),
        event(
            "Opsamling af gruppedialogerne",
            "Pointerne fra grupperne samles i tværgående tendenser og anbefalinger til seks målgrupper.",
            precision="label", label="Efter konferencen", status="done",
        ),
        event(
            "Lokaludvalgene svarer på anbefalingerne",
            "Lokaludvalgene melder tilbage, hvilke anbefalinger de vil arbejde videre med.",
            precision="label", label="Afventer", status="planned",
        ),
    ],
    # Deliberately empty: the conference is over and the participants still wait for an answer.
    "feedback": [],
    "body": [
        ("quote", {
            "text": "Lad bylivet komme før boligerne.",
            "speaker": "",
            "role": "Deltager i en af gruppedialogerne (frit gengivet)",
        }),
        ("quote", {
            "text": "Hvor legetøjet ligger fremme i byrummet, har børnene det godt, og man føler sig tryg.",
            "speaker": "",
            "role": "Deltager om 'legetøjsindikatoren' (frit gengivet)",
        }),
        ("key_figures", {
            "heading": "Konferencen i tal",
            "figures": figures(
                ("ca. 70", "deltagere", "Borgere og lokale aktører."),
                ("6", "målgrupper", "Anbefalingerne er rettet mod seks forskellige modtagere."),
                ("18", "anbefalinger", "Tre til hver målgruppe."),
            ),
        }),
        ("rich_text", (
            "<h2>Det gik igen i alle grupper</h2><p>Grupperne var enige om, at de nye kvarterer har brug for mere "
            "liv, flere steder at mødes og stærkere fællesskaber. Udfordringerne er store, men det er lysten til "
            "at gøre noget også.</p><ul>"
            "<li><b>For få mødesteder.</b> Der mangler steder at være uden at skulle købe noget – kulturhuse, "
            "fælleslokaler, grønne arealer, offentlige toiletter og butikker – eller de fungerer dårligt. "
            "Kodelåse og lukkede gårde holder folk ude.</li>"
            "<li><b>Fællesskabet kommer ikke af sig selv.</b> Beboerne flytter ind i etaper, mange flytter igen, "
            "og det er de samme få ildsjæle, der trækker læsset. Travlhed og sociale barrierer gør det svært for "
            "fællesskaber at opstå.</li>"
            "<li><b>Byrum, der ikke inviterer til ophold.</b> Der er for meget beton og for lidt grønt, og "
            "passager som dem ved Fisketorvet og Dybbølsbro føles utrygge. Tomme butikslokaler, ensartede "
            "erhverv og høje huslejer gør gadelivet fattigt.</li></ul>"
        )),
        ("recommendations", {
            "audience": "Vesterbro- og Kgs. Enghave Lokaludvalg",
            "recommendations": points(
                ("En strategi for fællesskab i de nye kvarterer",
                 "Saml principper for værtskab, åbne mødesteder, midlertidige aktiviteter og borgerinddragelse i "
                 "ét dokument, der kan styre arbejdet de kommende år."),
                ("En pulje til hurtige handlinger",
                 "Små beløb til små initiativer – bænke, byttehylder, fællesspisning, grønne lommer – så gode idéer "
                 "hurtigt og synligt kan blive til noget."),
                ("Faste partnerskabsmøder",
                 "Saml grundejere, institutioner, virksomheder, beboerrepræsentanter og andre aktører hvert kvartal "
                 "om, hvordan kvarteret udvikler sig, og om fælles rum og fællesskaber."),
            ),
        }),
        ("recommendations", {
            "audience": "Københavns Kommune",
            "recommendations": points(
                ("Stil krav om mødesteder i lokalplanerne",
                 "Ikke-kommercielle rum, åbne stueetager, blandede erhverv og grønne opholdsarealer skal tænkes "
                 "ind tidligt i planlægningen."),
                ("Åbn skoler og kommunale bygninger efter lukketid",
                 "Lad skoler og institutioner fungere som lokale samlingssteder for kultur og fællesskab, med klare "
                 "regler for booking og værtskab."),
                ("Giv plads til det midlertidige",
                 "Midlertidige byrum, grønne lommer, kulturhuse i pop op-form og aktiviteter på vandet kan skabe "
                 "liv, længe før byggeriet er færdigt."),
            ),
        }),
        ("recommendations", {
            "audience": "Grundejere og udviklere",
            "recommendations": points(
                ("Stueetager, der åbner sig mod gaden",
                 "Kantiner, fællesrum, værksteder og butikker i stueetagen skal kunne bruges af nabolaget i stedet "
                 "for at vende ryggen til."),
                ("Sociale erhvervslejemål",
                 "Sænk lejen for erhvervslejere, der giver noget tilbage til kvarteret – for eksempel ved at være "
                 "vært, lave kultur eller holde åbent hus – efter inspiration fra Stuttgart."),
                ("Lån tomme lokaler og arealer ud",
                 "Korte, enkle lejeaftaler med foreninger, kulturaktører, iværksættere og borgergrupper kan give "
                 "kvarteret liv og identitet fra første dag."),
            ),
        }),
        ("recommendations", {
            "audience": "Borgere i de nye kvarterer",
            "recommendations": points(
                ("Begynd i det små",
                 "Byttehjørner, fællesspisning, kaffe med naboerne og små arrangementer gør det let at være med."),
                ("Del det, I har",
                 "Spørg, hvad I kan give: vær vært, åbn jeres fælleslokaler, og lav arrangementer, der samler "
                 "flere opgange og ejendomme."),
                ("Bland jer i lokalpolitikken",
                 "Gør brug af lokaludvalgene, deltag i arbejdet med lokalplanerne, og overvej at stille op til "
                 "valget i 2026 – de nye kvarterer mangler en stemme."),
            ),
        }),
        ("recommendations", {
            "audience": "Lokale aktører og foreninger",
            "recommendations": points(
                ("Vær synlige og mobile",
                 "Ryk ud med mobile aktiviteter, udendørs arrangementer og pop op-tilbud, så I møder beboerne, "
                 "hvor de er."),
                ("Samarbejd med skoler og institutioner",
                 "Fælles workshops, åbne værksteder og arrangementer med skoler, genbrugsstationer og "
                 "institutioner giver flere brugere og flere rum."),
                ("Gør værtskab til et fag",
                 "Byd nye beboere velkommen, gør stederne trygge og lette at komme til, og tag del i driften af "
                 "fællesskaberne, så ildsjælene ikke brænder ud."),
            ),
        }),
        ("recommendations", {
            "audience": "Det lokale erhvervsliv",
            "recommendations": points(
                ("Åbn dørene for naboerne",
                 "Inviter til fælles frokost, lån lokalerne ud uden for åbningstid, og vis, at I er en del af "
                 "kvarteret."),
                ("Giv noget til bylivet",
                 "Vær med til arrangementer, eller sponsorér bænke, planter og fællesspisning – det skaber liv og "
                 "styrker også jeres egen kundekreds."),
                ("Byg bro i de lokale netværk",
                 "Vær med i lokale netværk sammen med lokaludvalg, udviklere og foreninger; især butikkerne i "
                 "stueetagen kan give et nyt kvarter identitet."),
            ),
        }),
        ("contact", {"heading": "Spørgsmål om konferencen?", "contact": "mette.eksempel@example.org"}),
    ],
}


# --- (c) Region Hovedstaden: regional development strategy 2024 (Danish; decided; an example) ------
# The process is the source's: the decision of 20 June 2022, the meetings, the bodies and the numbers,
# and adoption in early 2024. It gives no day for the end of input or the adoption, and nothing of what
# the strategy took up: the closing and decision days and the "you said, we did" are illustrative.

REGIONAL_STRATEGY: Spec = {
    "language": "da",
    "title": "Regional udviklingsstrategi 2024: en samskabende proces",
    "slug": "regional-udviklingsstrategi-2024",
    "is_example": True,
    "input_opens": datetime.date(2022, 6, 20),
    "input_closes": datetime.date(2023, 12, 31),
    "participation_channel": "Dialogmøder for kommuner, samarbejdspartnere og interessenter efter invitation",
    "decision_date": datetime.date(2024, 3, 31),
    "decision_summary": (
        "Strategien vedtages i begyndelsen af 2024, som processen lagde op til. Dagen er et eksempel: "
        "procesbeskrivelsen siger kun 'primo 2024'."
    ),
    "intro": (
        "Region Hovedstaden har udarbejdet sin regionale udviklingsstrategi fra 2024 i tæt dialog med kommuner, "
        "samarbejdspartnere og interessenter i hele hovedstadsregionen – gennem administrative dialogmøder, "
        "politiske drøftelser med borgmestre og udvalgsformænd og et fælles dialogmøde i februar 2023."
    ),
    "purpose": (
        "<p>Mange af regionens udfordringer – kollektiv trafik, rent drikkevand, jordforurening og bæredygtigt "
        "byggeri – er for store og komplekse til, at én aktør kan løse dem alene. Processen skulle samle "
        "aktørerne tidligt, høre, hvilke problemer og løsninger de ser, og afklare, hvilken rolle regionen skal "
        "spille.</p>"
    ),
    "can_influence": (
        "<p>Hvilke fælles udfordringer strategien skal fokusere på, hvor kommuner og region kan samarbejde mere, "
        "og hvilke samarbejder og partnerskaber der skal sættes i gang.</p>"
    ),
    "cannot_influence": (
        "<p>Regionens lovbestemte opgaver og økonomiske rammer. Det er regionens politikere, der vedtager den "
        "endelige strategi.</p>"
    ),
    "ladder": "skr",
    "rung": "inflytande",
    "rung_explanation": (
        "Kommunerne og partnerne var med fra starten og formede strategiens fokus gennem halvandet år. Den "
        "endelige strategi blev vedtaget politisk i regionen, så deltagerne havde indflydelse på forslaget, men "
        "ikke på selve beslutningen."
    ),
    "legal_basis": (
        "Beslutning af 20. juni 2022 i Udvalget for trafik og regional udvikling: strategien laves i en "
        "samskabende proces med regionens samarbejdspartnere."
    ),
    "organisers": ["region-hovedstaden"],
    "methods": ["dialogue-meeting"],
    "target_groups": ["municipalities", "partners", "elected-representatives"],
    "contacts": ["lars.eksempel@example.org"],
    "place_name": "Hovedstadsregionen",
    "tags": ["regional udvikling", "kollektiv trafik", "grøn omstilling", "samskabelse"],
    "timeline": [
        event(
            "Beslutning om en samskabende proces",
            "Udvalget for trafik og regional udvikling sætter arbejdet med strategien i gang og beslutter, at den "
            "skal laves i tæt dialog med regionens partnere.",
            date=datetime.date(2022, 6, 20), precision="day", status="done",
        ),
        event(
            "Administrative dialogmøder med partnere",
            "Administrationen mødes med partnere, fagfolk og interessenter fra hele regionen om udfordringer, "
            "mulige løsninger og regionens rolle.",
            precision="label", label="Tidligt i processen", status="done", rung="dialog",
        ),
        event(
            "Drøftelser i Kommunekontaktudvalget og med udvalgsformænd",
            "Kommunekontaktudvalget, hvor alle regionens 29 borgmestre sidder, drøfter strategien to gange, og "
            "udvalgsformænd og næstformænd fra 11 kommuner deltager i to politiske dialogmøder.",
            precision="label", label="Undervejs i processen", status="done", rung="dialog",
        ),
        event(
            "Dialogmøde på KolleKolle",
            "Alle kommuners borgmestre og administrative ledelser og relevante partnere inviteres til at drøfte "
            "kollektiv trafik og mobilitet, rent drikkevand og bæredygtigt byggeri.",
            date=datetime.date(2023, 2, 1), precision="month", status="done", rung="dialog",
        ),
        event(
            "Strategien vedtages",
            "Strategien vedtages i begyndelsen af 2024.",
            date=datetime.date(2024, 1, 1), precision="quarter", status="done",
        ),
    ],
    "feedback": [
        feedback(
            "Regionen som samlende kraft",
            "Partnerne pegede på, at regionen bør tage initiativ til samarbejder og koordinere indsatser på tværs "
            "af kommunegrænser, fx i bæredygtigt byggeri og kollektiv trafik.",
            "Strategien giver regionen en tydelig rolle som den, der samler aktørerne og tænker på tværs af "
            "kommuner og interesser.",
            "adopted",
        ),
        feedback(
            "Kollektiv trafik og mobilitet",
            "Borgmestre og trafikselskaber ønskede et stærkere fælles greb om den kollektive trafik i hele "
            "regionen.",
            "Kollektiv trafik er et af strategiens fælles indsatsområder og et fast emne på de årlige dialogmøder.",
            "adopted",
        ),
        feedback(
            "Jordforurening og grøn omstilling",
            "Udvalgsformændene fremhævede grøn omstilling, jordforurening og en klogere brug af ressourcerne.",
            "Jordforurening og grøn omstilling indgår i strategien; ressourceområdet behandles mere overordnet.",
            "partly",
            "Flere af de konkrete ønsker kræver finansiering eller ligger hos kommunerne, så de må afklares i de "
            "enkelte projekter.",
        ),
        feedback(
            "Rent drikkevand",
            "Forsyningsselskaberne ønskede et tættere samarbejde om at beskytte drikkevandet.",
            "Regionen undersøger sammen med forsyningerne, hvordan samarbejdet bedst kan organiseres.",
            "under_consideration",
            "Rollefordelingen mellem region, kommuner og forsyninger skal afklares, før regionen kan love konkrete "
            "indsatser.",
        ),
        feedback(
            "Fortsat inddragelse",
            "Deltagerne ville gerne fortsætte dialogen, også når strategien er vedtaget.",
            "Regionen holder hvert år dialogmøder for både politikere og administrationer og inddrager relevante "
            "aktører, når nye initiativer og partnerskaber skal modnes.",
            "adopted",
        ),
        ("report", {
            "title": "Regional udviklingsstrategi 2024 (demolink)",
            "url": "https://example.org/region-hovedstaden/regional-udviklingsstrategi-2024",
        }),
    ],
    "body": [
        ("key_figures", {
            "heading": "Inddragelsen i tal",
            "figures": figures(
                ("29", "borgmestre", "Kommunekontaktudvalget drøftede strategien to gange."),
                ("12", "borgmestre på dialogmødet",
                 "I februar 2023, sammen med bl.a. Movia, DSB, Novafos, MTHøjgaard og Bygherreforeningen."),
                ("11", "kommuner", "Udvalgsformænd og næstformænd deltog i to politiske dialogmøder."),
            ),
        }),
        ("rich_text", (
            "<h2>Sådan foregik inddragelsen</h2><p>Tidligt i forløbet holdt administrationen en række åbne "
            "dialogmøder med partnere, fagfolk og interessenter fra forskellige fagområder og dele af regionen. "
            "Strategien blev også drøftet bl.a. i KKR's embedsmandsudvalg for Erhverv, Klima og Infrastruktur og for "
            "Vækst, Uddannelse og Beskæftigelse, hvor direktører fra kommunerne sidder.</p>"
            "<p>På det politiske niveau drøftede Kommunekontaktudvalget strategien to gange, og formandskaberne for "
            "TRU og MKU stod for hvert sit dialogmøde med kommunernes udvalgsformænd. Her kom grøn omstilling, "
            "jordforurening, kollektiv trafik og en klogere brug af ressourcerne på bordet.</p>"
            "<p>I februar 2023 blev borgmestre, kommunale ledelser og relevante partnere inviteret til et fælles "
            "dialogmøde på KolleKolle om mobilitet og kollektiv trafik, drikkevandet og bæredygtigt byggeri.</p>"
        )),
        ("contact", {"heading": "Spørgsmål om processen?", "contact": "lars.eksempel@example.org"}),
    ],
}


# --- (c2) Region Hovedstaden: the yearly dialogue meetings that follow (Danish; IAP2 ladder) -------
# Only what the source plans: yearly meetings after adoption and involvement in projects. It gives no
# dates, so the record has no participation window and reads as planned.

YEARLY_MEETINGS: Spec = {
    "language": "da",
    "title": "Årlige dialogmøder om hovedstadsregionens fælles udfordringer",
    "slug": "aarlige-dialogmoeder",
    "is_example": False,
    "intro": (
        "Når den regionale udviklingsstrategi er vedtaget, vil Region Hovedstaden tage initiativ til årlige "
        "dialogmøder på politisk og administrativt niveau om de fælles udfordringer i strategien, som går på "
        "tværs af hovedstadsregionen – fx kollektiv trafik og jordforurening."
    ),
    "purpose": (
        "<p>Inddragelsen skal fortsætte, også efter at strategien er vedtaget. Møderne skal holde fokus på de "
        "udfordringer, som regionens aktører deler, og relevante aktører skal inddrages, når nye initiativer og "
        "partnerskaber udvikles og modnes.</p>"
    ),
    "can_influence": (
        "<p>Hvilke af strategiens fælles udfordringer der skal drøftes, og hvordan nye initiativer og "
        "partnerskaber udvikles i de konkrete projekter.</p>"
    ),
    "cannot_influence": (
        "<p>Møderne tager udgangspunkt i de fælles udfordringer, som indgår i strategien.</p>"
    ),
    "ladder": "iap2",
    "rung": "collaborate",
    "rung_explanation": (
        "Regionen vil udvikle og modne nye initiativer og partnerskaber sammen med de relevante aktører og "
        "drøfte de fælles udfordringer med kommuner og samarbejdspartnere hvert år."
    ),
    "organisers": ["region-hovedstaden"],
    "methods": ["dialogue-meeting"],
    "target_groups": ["municipalities", "partners", "elected-representatives"],
    # The source names no contact.
    "contacts": [],
    "place_name": "Hovedstadsregionen",
    "tags": ["regional udvikling", "kollektiv trafik", "jordforurening"],
    "timeline": [
        event(
            "Inddragelse på projektniveau",
            "Relevante aktører inddrages, når nye initiativer og partnerskaber udvikles og modnes.",
            precision="label", label="Efter vedtagelsen", status="planned", rung="involve",
        ),
        event(
            "Årligt politisk og administrativt dialogmøde",
            "Regionen tager initiativ til et dialogmøde om de fælles udfordringer i strategien.",
            precision="label", label="Hvert år efter vedtagelsen", status="planned", rung="collaborate",
        ),
    ],
    "feedback": [],
    "body": [
        ("rich_text", (
            "<p>Møderne tager udgangspunkt i de udfordringer, der går på tværs af aktørerne i hovedstadsregionen "
            "– for eksempel kollektiv trafik og jordforurening. Ud over de årlige møder inddrages relevante "
            "aktører i de konkrete projekter.</p>"
        )),
    ],
}


# --- (d) Lund: Fokus Dalby (Swedish; three years, ten lessons; an example) ------------------------
# The project, its aims, methods, partners and ten lessons are the source's. It gives no years, no
# outcomes of single proposals and no public report link: the three-year window, the "you said, we did"
# and the report link are illustrative.

FOKUS_DALBY: Spec = {
    "language": "sv",
    "title": "Fokus Dalby – tre år av dialog om ortens framtid",
    "slug": "fokus-dalby",
    "is_example": True,
    "input_opens": datetime.date(2007, 1, 1),
    "input_closes": datetime.date(2009, 12, 31),
    "participation_channel": "Öppna möten, fokusgrupper, enkäter och Arbetsboken",
    "participation_place": "Dalby",
    "feedback_plan": (
        "Projektet redovisas i en slutrapport om kunskapsinsamling, initiativ och aktiviteter, kommunikation, "
        "fortsatt arbete, utvärderingar och erfarenheter."
    ),
    "intro": (
        "Fokus Dalby var ett dialogprojekt som pågick i tre år i Dalby, drygt en mil öster om Lund. Kommunen "
        "letade tillsammans med invånare, föreningar och näringsliv efter sätt att utveckla orten – och efter "
        "bättre sätt att föra dialog med medborgarna."
    ),
    "easy_read_summary": (
        "Lunds kommun ville veta vad de som bor i Dalby tycker om sin ort. I tre år träffade kommunen "
        "dalbyborna på många olika sätt. Kommunen lärde sig tio saker om hur man gör dialog bra."
    ),
    "purpose": (
        "<p>Dalby ska växa, och kommunen ville visa orten som en attraktiv plats att bo på i framtiden. Tanken var "
        "att de som bäst kan berätta om Dalby är de som redan bor där och trivs. Därför behövde kommunen först ta "
        "reda på vad invånarna själva tycker om sin ort.</p>"
        "<p>Projektet byggde på tre ledord: <b>långsiktighet</b> (tre år), <b>delaktighet</b> (arbetssätt som tas "
        "fram tillsammans med de boende) och <b>samverkan</b> – med kommunens förvaltningar, näringsliv och "
        "föreningar, byggherrar och arkitekter, Region Skåne, Skånetrafiken, Lunds universitet och LTH.</p>"
    ),
    "can_influence": (
        "<p>Vilka förändringar och förbättringar i Dalby som skulle lyftas fram, vilka lokala projekt som "
        "startades och vilka önskemål som fördes vidare till kommunens nämnder och förvaltningar.</p>"
    ),
    "cannot_influence": (
        "<p>Besluten om Dalbys utbyggnad fattades av kommunens politiker i vanlig ordning. Projektet hade en egen "
        "budget och arbetade inom den.</p>"
    ),
    "ladder": "skr",
    "rung": "dialog",
    "rung_explanation": (
        "Invånarnas förslag och önskemål var utgångspunkten, men det gick inte att veta i förväg vart processen "
        "skulle leda. Dalbyborna mötte kommunen och varandra i många olika former; besluten fattades sedan av "
        "nämnderna."
    ),
    "organisers": ["lunds-kommun"],
    "methods": ["open-meeting", "focus-group", "survey", "workbook"],
    "target_groups": ["residents", "local-associations", "businesses"],
    "contacts": ["karin.exempel@example.org"],
    "areas": ["dalby"],
    "place_name": "Dalby",
    "latitude": "55.665800",
    "longitude": "13.349000",
    "tags": ["medborgardialog", "tätortsutveckling", "lärdomar"],
    "timeline": [
        event(
            "Projektet startar",
            "En projektgrupp med egen budget börjar arbeta, med stöd av en ledningsgrupp och en styrgrupp.",
            precision="label", label="Projektets början", status="done",
        ),
        event(
            "Kunskapsinsamling",
            "Enkäter, fokusgrupper, öppna möten och Arbetsboken visar vad dalbyborna tycker om sin ort.",
            precision="label", label="Under projekttiden", status="done", rung="konsultation",
        ),
        event(
            "Initiativ och aktiviteter",
            "Projekt startas utifrån invånarnas förslag, och lokala önskemål förs vidare till nämnder och "
            "förvaltningar.",
            precision="label", label="Under projekttiden", status="done", rung="inflytande",
        ),
        event(
            "Slutrapport och utvärdering",
            "Arbetet redovisas i en slutrapport med kunskapsinsamling, initiativ, kommunikation, utvärderingar "
            "och erfarenheter.",
            precision="label", label="Vid projektets slut", status="done",
        ),
    ],
    "feedback": [
        feedback(
            "Förslag på förbättringar i Dalby",
            "Dalbyborna kom med många idéer om vad som borde förändras och förbättras i orten.",
            "Projektet startade egna initiativ där det gick och förde vidare övriga önskemål till berörda nämnder "
            "och förvaltningar.",
            "partly",
            "Alla förslag rymdes inte i projektets budget eller uppdrag; en del fick hanteras i förvaltningarnas "
            "ordinarie arbete.",
        ),
        feedback(
            "En mötesplats mitt i orten",
            "Det ska vara lätt att hitta och nå kommunen i Dalby.",
            "Projektet arbetade från en centralt belägen lokal som var lätt att ta sig till.",
            "adopted",
        ),
        feedback(
            "Möten på invånarnas villkor",
            "Många har svårt att komma på möten dagtid på kommunens kontor.",
            "Projektet mötte dalbyborna där de fanns och när de hade tid, också utanför kontorstid, och "
            "varierade mötesformerna.",
            "adopted",
        ),
        feedback(
            "Ett eget beslutsorgan för Dalby",
            "Några föreslog att dalbyborna själva skulle få besluta om hur orten byggs ut.",
            "Projektet förde fram förslaget till kommunledningen men inrättade inget eget beslutsorgan.",
            "not_adopted",
            "Beslut om utbyggnaden fattas av de förtroendevalda i fullmäktige och nämnder; ett projekt kan inte "
            "flytta den beslutanderätten.",
        ),
        feedback(
            "Dialog även efter projektet",
            "Dialogen får inte ta slut när projektet gör det.",
            "Bland projektets lärdomar finns att kommunen behöver en central resurs för medborgardialog och att "
            "medborgarkontoren skulle kunna spela en mer strategisk roll.",
            "under_consideration",
            "Lärdomarna är förslag; att genomföra dem kräver beslut om organisation och resurser.",
        ),
        ("report", {"title": "Slutrapport Fokus Dalby (demolänk)", "url": "https://example.org/lund/fokus-dalby"}),
    ],
    "body": [
        ("key_figures", {
            "heading": "Fokus Dalby i siffror",
            "figures": figures(
                ("3", "år", "Långsiktighet var ett av projektets tre ledord."),
                ("10", "lärdomar", "Erfarenheter att ta med till nästa dialogprojekt."),
                ("drygt 10 km", "öster om Lund", "Dalby är en tätort i Lunds kommun."),
            ),
        }),
        ("rich_text", (
            "<h2>Så arbetade projektet</h2><p>Dialog och ett kommunikativt arbetssätt styrde arbetet. Det betyder "
            "att man inte kan bestämma i förväg vart processen ska leda. Projektledningen hade tre uppdrag:</p><ul>"
            "<li>hitta och starta projekt utifrån dalbybornas förslag och önskemål,</li>"
            "<li>föra vidare lokala önskemål till kommunens nämnder och förvaltningar,</li>"
            "<li>pröva metoder och arbetssätt som utvecklar kommunens dialog med invånarna.</li></ul>"
            "<p>Förvaltningarnas chefer var ett viktigt stöd för återkoppling och avstämning, bland annat genom en "
            "gemensam förvaltningsresa. En aktivitetsplan som uppdaterades löpande höll lednings- och styrgrupp "
            "informerade, och projektet hade hela tiden kontakt med lokala föreningar och organisationer.</p>"
        )),
        ("lessons_learned", {
            "heading": "Tio lärdomar från Fokus Dalby",
            "lessons": points(
                ("Förankring ger resultat",
                 "Att projektet var väl förankrat både i lokalsamhället och i kommunens verksamheter bidrog starkt "
                 "till att det lyckades."),
                ("En central och lättillgänglig lokal",
                 "En lokal mitt i orten som alla lätt kan ta sig till gör det enklare att delta."),
                ("Politiskt engagemang på riktigt",
                 "Politikerna behöver stå helhjärtat bakom arbetet."),
                ("Gå dit invånarna finns",
                 "Träffa människor på deras platser i stället för att vänta på dem i kommunens lokaler."),
                ("Anpassa tiden efter invånarna",
                 "Lägg möten när invånarna har möjlighet, inte när det passar förvaltningen."),
                ("Blanda mötesformerna",
                 "Olika människor nås på olika sätt; variera formerna för att möta fler."),
                ("Var flexibel",
                 "Engagemang uppstår inte enligt schema, och arbetet måste kunna ändra riktning."),
                ("Arbetstid efter uppdraget",
                 "Den som arbetar med dialog behöver kunna lägga upp sin arbetstid efter uppgifterna, inte efter "
                 "vanlig kontorstid."),
                ("Medborgarkontoren kan göra mer",
                 "Kommunens medborgarkontor skulle kunna användas mer strategiskt i dialogarbetet."),
                ("En central stödfunktion",
                 "Kommunen behöver en gemensam resurs för medborgardialog som stöttar tjänstepersoner och "
                 "politiker."),
            ),
        }),
        ("contact", {"heading": "Frågor om Fokus Dalby?", "contact": "karin.exempel@example.org"}),
    ],
}


# --- (e) Krokom: dialogue on the comprehensive plan, following the municipality's strategy (Swedish) --
# An example as a whole: the source is Krokom's strategy for citizen dialogue (the ladder, the steps,
# the principles, the law it cites), not a plan dialogue. The plan process, its dates, the bodies
# consulted, the feedback and the contact are illustrative.

KROKOM: Spec = {
    "language": "sv",
    "title": "Medborgardialog om Krokoms nya översiktsplan",
    "slug": "oversiktsplan-krokom",
    "is_example": True,
    "input_opens": datetime.date(2026, 10, 5),
    "input_closes": datetime.date(2026, 12, 15),
    "participation_channel": "Kom till ett dialogmöte, svara i medborgarpanelen eller lämna synpunkter i samrådet",
    "feedback_plan": (
        "Synpunkterna sammanställs i en rapport till kommunfullmäktige och publiceras, så att deltagarna ser "
        "vilken skillnad dialogen har gjort – så som kommunens strategi för medborgardialog beskriver."
    ),
    "intro": (
        "Krokoms kommun vill att invånarna ska ha inflytande över hur kommunen utvecklas. Därför bjuder kommunen "
        "in till medborgardialog inför den nya översiktsplanen, enligt sin strategi för medborgardialog och med "
        "särskilt fokus på unga. Dialogen avslutas med ett formellt samråd enligt plan- och bygglagen."
    ),
    "purpose": (
        "<p>Översiktsplanen visar hur mark och vatten ska användas och hur kommunen vill växa på lång sikt. "
        "Politikerna behöver veta vad invånarna värderar och prioriterar för att kunna fatta ett väl underbyggt "
        "beslut. Dialogen ska också ge invånarna kunskap om hur de kan påverka, vad kommunen ansvarar för och "
        "vilka avvägningar som måste göras.</p>"
    ),
    "can_influence": (
        "<p>Vilka platser och frågor som ska prioriteras, hur kommunens olika delar ska utvecklas och vad som "
        "saknas i förslaget. Under samrådet kan alla lämna synpunkter på hela planförslaget.</p>"
    ),
    "cannot_influence": (
        "<p>Beslut som rör enskilda personer ingår inte. Lagens krav på planens innehåll och på samrådet går inte "
        "att välja bort, och det är kommunfullmäktige som till sist antar planen.</p>"
    ),
    "ladder": "skr",
    "rung": "inflytande",
    "rung_explanation": (
        "Synpunkterna från dialogen och samrådet blir underlag för det förslag som kommunfullmäktige tar "
        "ställning till. Invånarna är med och formar planen men fattar inte beslutet; i samrådet kan alla yttra "
        "sig, inte bara de inbjudna."
    ),
    "legal_basis": (
        "Plan- och bygglagen (2010:900) 3 kap. 9 §: kommunen ska samråda om förslaget till översiktsplan med "
        "länsstyrelsen och berörda kommuner och regionplaneorgan och ge andra med ett väsentligt intresse "
        "möjlighet att delta."
    ),
    "is_formal_hearing": True,
    "hearing_deadline": datetime.date(2026, 12, 15),
    "consulted_bodies": [
        {"name": "Länsstyrelsen i Jämtlands län", "response_url": ""},
        {"name": "Region Jämtland Härjedalen", "response_url": ""},
        {"name": "Östersunds kommun", "response_url": ""},
    ],
    "organisers": ["krokoms-kommun"],
    "methods": ["dialogue-meeting", "open-meeting", "citizen-panel", "formal-hearing"],
    "target_groups": ["residents", "young-people", "local-associations"],
    "contacts": ["erik.exempel@example.org"],
    "place_name": "Krokoms kommun",
    "latitude": "63.326500",
    "longitude": "14.460000",
    "tags": ["medborgardialog", "översiktsplan", "unga", "demokrati"],
    "timeline": [
        event(
            "Planerings- och projektgrupp tillsätts",
            "Kommunstyrelsens verksamheter stöttar arbetet med kunskap om metoder för dialog.",
            date=datetime.date(2026, 1, 1), precision="quarter", status="done",
        ),
        event(
            "Projektplanen fastställs",
            "Planen anger målgrupper, delar av kommunen, frågeställningar, metoder, tidslinje, budget, "
            "dokumentation och hur resultatet ska återkopplas.",
            date=datetime.date(2026, 3, 1), precision="month", status="done",
        ),
        event(
            "Dialogmöten med unga",
            "Unga i olika delar av kommunen diskuterar vad som gör en plats bra att växa upp och bo på.",
            date=datetime.date(2026, 5, 1), precision="month", status="done", rung="dialog",
        ),
        event(
            "Samråd om planförslaget",
            "Alla kan lämna synpunkter på förslaget till översiktsplan fram till den 15 december 2026.",
            date=datetime.date(2026, 10, 5), precision="day", status="ongoing", rung="konsultation",
        ),
        event(
            "Sammanställning och återkoppling",
            "Synpunkterna sammanställs, och deltagarna får veta vilken skillnad de har gjort.",
            precision="label", label="Våren 2027", status="planned",
        ),
        event(
            "Kommunfullmäktige antar översiktsplanen",
            date=datetime.date(2027, 1, 1), precision="year", status="planned",
        ),
    ],
    "feedback": [
        feedback(
            "Mötesplatser för unga",
            "Unga efterfrågade fler trygga platser att träffas på, både i centralorten och i byarna.",
            "Önskemålet finns med i samrådsförslaget som ett utvecklingsområde.",
            "under_consideration",
            "Var och hur mötesplatserna kan ordnas avgörs när alla synpunkter från samrådet har vägts samman.",
        ),
    ],
    "body": [
        ("rich_text", (
            "<h2>Delaktighetstrappan</h2><p>Kommunen använder delaktighetstrappan för att visa hur mycket "
            "invånarna kan påverka i en viss fråga:</p><ol>"
            "<li><b>Information</b> – grunden för allt deltagande. Vissa beslut passar inte för dialog, men "
            "invånarna har alltid rätt att få veta vad som har beslutats.</li>"
            "<li><b>Konsultation</b> – invånarna väljer mellan färdiga alternativ som tjänstepersonerna har tagit "
            "fram och politikerna har godkänt.</li>"
            "<li><b>Dialog</b> – invånarna möts och argumenterar för sina synsätt. Ingen behöver bli överens.</li>"
            "<li><b>Inflytande</b> – invånarna deltar djupare i en utvecklingsprocess, och resultatet blir "
            "underlag för politiska beslut.</li>"
            "<li><b>Medbeslutande</b> – fullmäktige har delegerat ansvar till en nämnd eller styrelse där "
            "ledamöterna sitter som personer och inte för ett parti, till exempel en skolstyrelse med "
            "föräldrar.</li></ol>"
        )),
        ("rich_text", (
            "<h2>När är dialog meningsfull?</h2><p>Strategin ställer två frågor innan en dialog startar: går "
            "frågan att påverka, och är vi själva beredda att låta oss påverkas? Båda svaren måste vara ja. "
            "Dessutom ska dialogen komma tidigt, bygga på ärliga avsikter, handla om något som intresserar "
            "invånarna, ha ett tydligt syfte och tydliga ramar, ingå i styrprocessen och tidplanen, nå så många "
            "som möjligt, visualiseras – och följas av återkoppling.</p>"
            "<p>Dialogen sker i samarbete mellan politiker, invånare och tjänstepersoner. Tjänstepersonerna leder "
            "processen och dokumenterar, invånarna för fram och prövar sina synpunkter, och politikerna "
            "rapporterar tillbaka till fullmäktige och nämnder.</p>"
        )),
        ("key_figures", {
            "heading": "Strategin i korthet",
            "figures": figures(
                ("5", "nivåer i delaktighetstrappan", "Från information till medbeslutande."),
                ("5", "steg i arbetsgången", "Från projektgrupp till sammanställning och utvärdering."),
                ("3", "parter i dialogen", "Politiker, invånare och tjänstepersoner."),
            ),
        }),
        ("contact", {"heading": "Frågor om dialogen eller samrådet?", "contact": "erik.exempel@example.org"}),
    ],
}


# In the order they appear in their index. CONFERENCE is the one whose feedback is owed.
DIALOGUES: list[Spec] = [PRINCIPLES, CONFERENCE, REGIONAL_STRATEGY, YEARLY_MEETINGS, FOKUS_DALBY, KROKOM]

# The date the demo content was written for. On this day the statuses derived from the participation
# windows and decision records are: principles and yearly meetings planned (no window), the conference
# closed and owing feedback, the strategy decided, Fokus Dalby closed, Krokom open. Later, open dialogues
# close and may owe feedback, as real ones would.
WRITTEN_FOR = datetime.date(2026, 11, 25)

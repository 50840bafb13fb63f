"""Create the two shipped participation ladders, in every content language, and their mapping.

The Swedish SKR *delaktighetstrappan* and the IAP2 spectrum of public participation,
five rungs each. Rung n of one ladder is recorded as equivalent to rung n of the other.
"""

import uuid

from django.conf import settings
from django.db import migrations

# (key, colour, {language: (name, short description, what citizens can expect)})
SKR_RUNGS = [
    ("information", "#4f6d8a", {
        "sv": ("Information", "Du får veta vad som planeras och vad som har beslutats.",
               "Du får saklig information om frågan och om beslutet, men kan inte påverka det."),
        "da": ("Information", "Du får at vide, hvad der planlægges, og hvad der er besluttet.",
               "Du får saglig information om sagen og beslutningen, men kan ikke påvirke den."),
        "en": ("Information", "You are told what is planned and what has been decided.",
               "You get factual information about the issue and the decision, but cannot change it."),
    }),
    ("konsultation", "#2f7d6d", {
        "sv": ("Konsultation", "Du tycker till om färdiga förslag.",
               "Du väljer mellan alternativ som tagits fram i förväg; politikerna beslutar."),
        "da": ("Konsultation", "Du siger din mening om færdige forslag.",
               "Du vælger mellem alternativer, der er forberedt på forhånd; politikerne beslutter."),
        "en": ("Consultation", "You give your view on prepared proposals.",
               "You choose between alternatives prepared in advance; elected members decide."),
    }),
    ("dialog", "#6a5a9e", {
        "sv": ("Dialog", "Du möter andra och diskuterar frågan.",
               "Alla får framföra och argumentera för sin syn; ni behöver inte bli eniga."),
        "da": ("Dialog", "Du mødes med andre og drøfter sagen.",
               "Alle kan fremføre og argumentere for deres syn; I behøver ikke blive enige."),
        "en": ("Dialogue", "You meet others and discuss the issue.",
               "Everyone can state and argue their view; no consensus is required."),
    }),
    ("inflytande", "#a2572b", {
        "sv": ("Inflytande", "Du deltar i en längre process som underlag för beslut.",
               "Din medverkan formar förslaget som politikerna sedan fattar beslut om."),
        "da": ("Indflydelse", "Du deltager i et længere forløb, der danner grundlag for beslutningen.",
               "Din medvirken former forslaget, som politikerne derefter beslutter."),
        "en": ("Influence", "You take part in a longer process that shapes the decision.",
               "Your involvement shapes the proposal that elected members then decide on."),
    }),
    ("medbeslutande", "#8c2f4a", {
        "sv": ("Medbeslutande", "Du är med och fattar beslutet.",
               "Beslutanderätt har delegerats till ett organ där medborgare ingår som personer."),
        "da": ("Medbestemmelse", "Du er med til at træffe beslutningen.",
               "Beslutningsretten er uddelegeret til et organ, hvor borgere deltager som personer."),
        "en": ("Co-decision", "You share in making the decision.",
               "Decision-making has been delegated to a body in which citizens take part as persons."),
    }),
]

IAP2_RUNGS = [
    ("inform", "#4f6d8a", {
        "en": ("Inform", "We keep you informed.", "Balanced, objective information to understand the issue."),
        "da": ("Informere", "Vi holder dig orienteret.", "Saglig information, så du kan forstå sagen."),
        "sv": ("Informera", "Vi håller dig informerad.", "Saklig information så att du kan förstå frågan."),
    }),
    ("consult", "#2f7d6d", {
        "en": ("Consult", "We listen to your views and tell you how they influenced the decision.",
               "Your feedback on analysis, alternatives or decisions is heard and answered."),
        "da": ("Høre", "Vi lytter til dine synspunkter og fortæller, hvordan de påvirkede beslutningen.",
               "Dine kommentarer til analyser, alternativer og beslutninger bliver hørt og besvaret."),
        "sv": ("Konsultera", "Vi lyssnar på dina synpunkter och berättar hur de påverkade beslutet.",
               "Dina synpunkter på analyser, alternativ och beslut hörs och besvaras."),
    }),
    ("involve", "#6a5a9e", {
        "en": ("Involve", "Your concerns are reflected in the alternatives developed.",
               "You work with us throughout the process so your concerns are understood."),
        "da": ("Involvere", "Dine bekymringer afspejles i de alternativer, der udvikles.",
               "Du arbejder med gennem hele forløbet, så dine hensyn bliver forstået."),
        "sv": ("Involvera", "Dina farhågor syns i de alternativ som tas fram.",
               "Du arbetar med oss genom hela processen så att dina synpunkter förstås."),
    }),
    ("collaborate", "#a2572b", {
        "en": ("Collaborate", "We partner with you in each aspect of the decision.",
               "Your advice and recommendations are built into the decision as far as possible."),
        "da": ("Samarbejde", "Vi er partnere i alle dele af beslutningen.",
               "Dine råd og anbefalinger indarbejdes i beslutningen så vidt muligt."),
        "sv": ("Samarbeta", "Vi är partner i varje del av beslutet.",
               "Dina råd och rekommendationer byggs in i beslutet så långt det går."),
    }),
    ("empower", "#8c2f4a", {
        "en": ("Empower", "The final decision is in your hands.", "We implement what you decide."),
        "da": ("Overdrage beslutningen", "Den endelige beslutning ligger hos dig.",
               "Vi gennemfører det, du beslutter."),
        "sv": ("Överlåta beslutet", "Det slutliga beslutet ligger hos dig.", "Vi genomför det du beslutar."),
    }),
]

LADDERS = [
    ("skr", SKR_RUNGS, {
        "sv": ("Delaktighetstrappan (SKR)", "SKR:s trappa för medborgares delaktighet i kommunala beslut."),
        "da": ("Deltagelsestrappen (SKR)", "Den svenske kommuneforenings trappe for borgeres deltagelse."),
        "en": ("Participation ladder (SKR)", "The Swedish municipal association's ladder of citizen participation."),
    }),
    ("iap2", IAP2_RUNGS, {
        "en": ("IAP2 Spectrum of Public Participation", "The International Association for Public Participation's spectrum."),
        "da": ("IAP2-spektret for borgerdeltagelse", "Det internationale spektrum for borgerdeltagelse fra IAP2."),
        "sv": ("IAP2:s spektrum för medborgardeltagande", "Det internationella spektrumet för medborgardeltagande från IAP2."),
    }),
]


def content_languages() -> list[str]:
    return [code for code, _name in getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", settings.LANGUAGES)]


def create_ladders(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Ladder = apps.get_model("dialogue_pages", "ParticipationLadder")
    Rung = apps.get_model("dialogue_pages", "ParticipationRung")
    Equivalence = apps.get_model("dialogue_pages", "RungEquivalence")

    default_language = settings.LANGUAGE_CODE
    created: dict[str, list] = {}
    for ladder_key, rungs, ladder_texts in LADDERS:
        ladder_uuid = uuid.uuid4()
        rung_uuids = [uuid.uuid4() for _rung in rungs]
        for language in content_languages():
            locale, _created = Locale.objects.get_or_create(language_code=language)
            texts_language = language if language in ladder_texts else "en"
            name, description = ladder_texts[texts_language]
            ladder = Ladder.objects.create(
                translation_key=ladder_uuid, locale=locale, key=ladder_key, name=name, description=description
            )
            for order, ((rung_key, colour, rung_texts), rung_uuid) in enumerate(zip(rungs, rung_uuids, strict=True)):
                rung_name, short, expectation = rung_texts[texts_language]
                rung = Rung.objects.create(
                    translation_key=rung_uuid, locale=locale, ladder=ladder, sort_order=order,
                    key=rung_key, name=rung_name, short_description=short,
                    citizen_expectation=expectation, colour=colour,
                )
                if language == default_language:
                    created.setdefault(ladder_key, []).append(rung)
    for skr_rung, iap2_rung in zip(created.get("skr", []), created.get("iap2", []), strict=True):
        Equivalence.objects.create(rung=skr_rung, equivalent=iap2_rung)


def remove_ladders(apps, schema_editor):
    apps.get_model("dialogue_pages", "ParticipationLadder").objects.filter(key__in=["skr", "iap2"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("dialogue_pages", "0001_initial"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_ladders, remove_ladders)]

"""The dataset generator: deterministic by seed, valid import lines, realistic sizes and spread."""

import json
import random
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from bench.generate import (
    COMPOUND,
    LADDERS,
    LEXICONS,
    LOCALES,
    OUTCOMES,
    PRECISIONS,
    Writer,
    count_words,
    dialogues,
    main,
    make_pools,
)

SCHEMA = Path(__file__).resolve().parents[2] / "dialogue_pages" / "schemas" / "import-dialogue.schema.json"
BODY_TYPES = {"rich_text", "quote", "key_figures", "recommendations", "lessons_learned"}


@pytest.fixture(scope="module")
def lines() -> list[dict]:
    return list(dialogues(400, seed=11))


def test_same_seed_same_bytes(tmp_path):
    first, second, other = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "c.jsonl"
    main(["--count", "25", "--seed", "3", "--out", str(first)])
    main(["--count", "25", "--seed", "3", "--out", str(second)])
    main(["--count", "25", "--seed", "4", "--out", str(other)])
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes() != other.read_bytes()
    assert len(first.read_text().splitlines()) == 25


def test_a_line_does_not_depend_on_the_count():
    assert list(dialogues(5, seed=2)) == list(dialogues(12, seed=2))[:5]


def test_every_line_validates_against_the_import_schema(lines):
    if not SCHEMA.exists():
        pytest.skip(f"{SCHEMA.name} does not exist yet")
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text()))
    for line in lines:
        errors = [f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(line)]
        assert not errors, (line["external_id"], errors[:3])


@pytest.mark.django_db
def test_the_importer_accepts_every_line(tmp_path, lines):
    path = tmp_path / "archive.jsonl"
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines[:60]))
    out = StringIO()
    call_command("import_dialogues", str(path), "--dry-run", stdout=out, stderr=StringIO())
    assert "60 valid line(s), 0 invalid" in out.getvalue()


def test_ids_and_slugs_are_unique_and_stable(lines):
    assert len({line["external_id"] for line in lines}) == len(lines)
    assert len({(line["locale"], line["slug"]) for line in lines}) == len(lines)
    assert lines[7]["external_id"] == "bench-11-0000007"


def test_sizes(lines):
    for line in lines:
        assert 40 <= len(line["intro"].split()) <= 80 and len(line["intro"]) <= 600
        assert 800 <= count_words(line["body"]) <= 1200
        assert {block["type"] for block in line["body"]} <= BODY_TYPES
        assert any(block["type"] == "rich_text" for block in line["body"])
        assert 3 <= len(line["timeline"]) <= 12
        assert 0 <= len(line["feedback"]) <= 15
        assert line["organisers"] and line["tags"]


def test_feedback_has_every_outcome_and_reasons_unless_adopted(lines):
    items = [block["value"] for line in lines for block in line["feedback"]]
    assert {item["outcome"] for item in items} == set(OUTCOMES)
    assert all(item["reason"] for item in items if item["outcome"] != "adopted")


def test_spread_over_languages_ladders_precisions_and_years(lines):
    assert {line["locale"] for line in lines} == set(LOCALES)
    badges = {(line["badge"]["ladder_key"], line["badge"]["key"]) for line in lines}
    assert badges == {(ladder, key) for ladder, keys in LADDERS.items() for key in keys}
    events = [block["value"] for line in lines for block in line["timeline"]]
    assert {event["precision"] for event in events} == set(PRECISIONS)
    assert any(event["rung"] for event in events) and any(not event["date"] for event in events)
    years = {int(line[key][:4]) for line in lines for key in ("start", "end") if line[key]}
    years |= {int(event["date"][:4]) for event in events if event["date"]}
    assert min(years) >= 2009 and max(years) <= 2026  # an event may precede a 2010 start
    assert Counter(line["cancellation"] is not None for line in lines)[True] > 0
    assert Counter(line["decision"] is not None for line in lines)[True] > 0


def test_about_300_organisers_with_slug_name_and_kind():
    pools = make_pools(seed=1)
    organisations = [organisation for group in (pools.municipalities, pools.regions, pools.local_bodies)
                     for language in LOCALES for organisation in group[language]]
    assert 280 <= len(organisations) <= 320
    assert {organisation.kind for organisation in organisations} == {"municipality", "region", "other"}
    for language in LOCALES:
        slugs = [organisation.slug for group in (pools.municipalities, pools.regions, pools.local_bodies)
                 for organisation in group[language]]
        assert len(slugs) == len(set(slugs))


def test_danish_and_swedish_text_has_compounds():
    writer = Writer(random.Random(1), "da")
    compound = writer.compound()
    assert compound.startswith(LEXICONS["da"].stems) and " " not in compound
    text = " ".join(Writer(random.Random(2), language).text(2000) for language in ("da", "sv"))
    assert COMPOUND not in text
    stems = LEXICONS["da"].stems + LEXICONS["sv"].stems
    assert sum(word.lower().startswith(stems) for word in text.split()) > 100

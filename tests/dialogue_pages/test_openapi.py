"""The OpenAPI document describes real responses: the demo content validates against it."""

from io import StringIO

import jsonschema
import pytest
from django.core.management import call_command

from dialogue_blocks.streams import DialogueBodyBlock, FeedbackBlock, TimelineBlock


@pytest.fixture
def spec(client, db) -> dict:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def demo_api(db):
    call_command("load_demo_dialogues", stdout=StringIO())
    call_command("rebuild_dialogue_api", stdout=StringIO())


def validate(spec: dict, data, component: str) -> None:
    jsonschema.validate(data, {**spec, "$ref": f"#/components/schemas/{component}"})


def test_spec_is_openapi_3_1_with_every_endpoint(spec):
    assert spec["openapi"].startswith("3.1")
    for path in ("/api/v1/dialogues/", "/api/v1/dialogues/{dialogue_id}/", "/api/v1/dialogues/by-path/",
                 "/api/v1/ladders/", "/api/v1/organisations/", "/api/v1/tags/"):
        assert path in spec["paths"], path


@pytest.mark.parametrize(("field", "stream"), [("body", DialogueBodyBlock), ("timeline", TimelineBlock),
                                               ("feedback", FeedbackBlock)])
def test_every_block_type_has_its_own_schema(spec, field, stream):
    items = spec["components"]["schemas"]["DialogueDetail"]["properties"][field]["items"]
    assert set(items["discriminator"]["mapping"]) == set(stream().child_blocks)
    for ref in items["oneOf"]:
        component = spec["components"]["schemas"][ref["$ref"].rsplit("/", 1)[1]]
        assert component["properties"]["value"].get("properties"), ref


def test_demo_responses_validate_against_the_spec(client, spec, demo_api):
    listing = client.get("/api/v1/dialogues/?limit=100").json()
    validate(spec, listing, "DialogueList")
    assert len(listing["items"]) >= 6
    seen_blocks = set()
    for item in listing["items"]:
        detail = client.get(f"/api/v1/dialogues/{item['id']}/").json()
        validate(spec, detail, "DialogueDetail")
        seen_blocks |= {block["type"] for block in detail["body"] + detail["timeline"] + detail["feedback"]}
    assert {"event", "item", "quote", "recommendations", "key_figures", "lessons_learned", "rich_text"} <= seen_blocks
    for path, component in (("/api/v1/ladders/", "LadderOut"), ("/api/v1/organisations/", "OrganisationOut"),
                            ("/api/v1/tags/", "TagOut")):
        for entry in client.get(path).json():
            validate(spec, entry, component)


def test_problem_responses_validate(client, spec, db):
    validate(spec, client.get("/api/v1/dialogues/?limit=0").json(), "Problem")
    validate(spec, client.get("/api/v1/dialogues/424242/").json(), "Problem")

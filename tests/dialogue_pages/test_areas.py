"""Areas (districts, neighbourhoods): the snippet and its outline, the page field, the API, feeds, exports, the map."""

import csv
import datetime
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction
from wagtail_localize.fields import get_translatable_fields
from wagtail_localize.operations import TranslationCreator

from dialogue_pages.factories import AreaFactory, DialoguePageFactory, OrganisationFactory
from dialogue_pages.forms import DialoguePageForm
from dialogue_pages.pages import DialoguePage
from dialogue_pages.read_model.models import PublishedDialogue
from dialogue_pages.snippets import Area

SQUARE = {"type": "Polygon", "coordinates": [[[12.54, 55.66], [12.56, 55.66], [12.56, 55.67], [12.54, 55.66]]]}
OTHER_SQUARE = {"type": "Polygon", "coordinates": [[[12.5, 55.64], [12.53, 55.64], [12.53, 55.65], [12.5, 55.64]]]}


# --- The snippet ---------------------------------------------------------------------------------

@pytest.mark.parametrize("outline", [
    SQUARE,
    {"type": "MultiPolygon", "coordinates": [SQUARE["coordinates"], OTHER_SQUARE["coordinates"]]},
    {"type": "Polygon", "coordinates": [[[12.54, 55.66, 3], [12.56, 55.66, 3], [12.56, 55.67, 3], [12.54, 55.66, 3]]]},
])
def test_polygon_and_multipolygon_outlines_are_accepted(db, outline):
    area = AreaFactory.build(outline=outline)
    area.full_clean()
    assert area.outline == outline


def test_a_pasted_feature_keeps_only_its_geometry(db):
    area = AreaFactory.build(outline={"type": "Feature", "properties": {"name": "x"}, "geometry": SQUARE})
    area.full_clean()
    assert area.outline == SQUARE


def test_an_empty_outline_is_none(db):
    area = AreaFactory.build(outline={})
    area.full_clean()
    assert area.outline is None


@pytest.mark.parametrize(("outline", "message"), [
    ({"type": "Point", "coordinates": [12.5, 55.6]}, "Give a GeoJSON Polygon or MultiPolygon"),
    ("12.5, 55.6", "Give a GeoJSON Polygon or MultiPolygon"),
    ({"type": "Polygon", "coordinates": []}, "a polygon is a list of rings"),
    ({"type": "Polygon", "coordinates": [[[12.5, 55.6], [12.6, 55.6], [12.5, 55.6]]]}, "at least four points"),
    ({"type": "Polygon", "coordinates": [[[12.5, 55.6], [12.6, 55.6], [12.6, 55.7], [12.5, 55.7]]]},
     "must end at the point it starts from"),
    ({"type": "Polygon", "coordinates": [[[55.6, 200], [55.7, 12.6], [55.7, 12.7], [55.6, 200]]]},
     "latitude 200 is outside -90 to 90"),
    ({"type": "Polygon", "coordinates": [[[190, 55.6], [12.6, 55.6], [12.6, 55.7], [190, 55.6]]]},
     "longitude 190 is outside -180 to 180"),
    ({"type": "Polygon", "coordinates": [[["12.5", 55.6], [12.6, 55.6], [12.6, 55.7], ["12.5", 55.6]]]},
     "[longitude, latitude] in numbers"),
    ({"type": "MultiPolygon", "coordinates": SQUARE["coordinates"]}, "Polygon 1, ring 1"),
])
def test_invalid_outlines_are_refused_with_a_message_an_editor_can_act_on(db, outline, message):
    area = AreaFactory.build(outline=outline)
    with pytest.raises(ValidationError) as raised:
        area.full_clean()
    assert message in " ".join(raised.value.message_dict["outline"])


def test_the_key_and_outline_are_synchronised_across_translations_and_the_name_is_translated(locales):
    vesterbro = AreaFactory(name="Vesterbro", slug="vesterbro", outline=SQUARE, locale=locales["da"])
    fields = {field.field_name: field for field in get_translatable_fields(Area)}
    assert fields["slug"].is_synchronized(vesterbro) and not fields["slug"].is_translated(vesterbro)
    assert fields["outline"].is_synchronized(vesterbro) and not fields["outline"].is_translated(vesterbro)
    assert fields["name"].is_translated(vesterbro)


def test_areas_are_in_the_dialogue_data_admin_menu_and_searchable(admin_client):
    AreaFactory(name="Sydhavnen", slug="sydhavnen")
    AreaFactory(name="Vesterbro", slug="vesterbro")
    assert "/admin/snippets/dialogue_pages/area/" in admin_client.get("/admin/").content.decode()
    found = admin_client.get("/admin/snippets/dialogue_pages/area/?q=Sydhav")
    assert found.status_code == 200
    assert "Sydhavnen" in found.content.decode() and "Vesterbro" not in found.content.decode()


# --- The page ------------------------------------------------------------------------------------

def test_the_editor_offers_the_areas_of_the_page_locale(dialogue_index, locales):
    danish = AreaFactory(name="Dalby", slug="dalby", locale=locales["da"])
    AreaFactory(name="Dalby (sv)", slug="dalby", locale=locales["sv"])
    page = DialoguePageFactory(parent=dialogue_index)
    form_class = DialoguePage.get_edit_handler().get_form_class()
    form = form_class(instance=page, for_user=get_user_model()(is_superuser=True), parent_page=dialogue_index)
    assert isinstance(form, DialoguePageForm)
    assert list(form.fields["areas"].queryset) == [danish]


def test_a_translated_page_points_at_the_areas_of_its_locale_and_leaves_their_translations_alone(
    dialogue_index, publish, locales, commit
):
    editor = get_user_model().objects.create_superuser("redaktor", "redaktor@kommune.dk", "pw")
    vesterbro = AreaFactory(name="Vesterbro", slug="vesterbro", locale=locales["da"])
    english_vesterbro = vesterbro.copy_for_translation(locales["en"])
    english_vesterbro.name = "Vesterbro district"
    english_vesterbro.save()
    sydhavnen = AreaFactory(name="Sydhavnen", slug="sydhavnen", locale=locales["da"])
    page = DialoguePageFactory(parent=dialogue_index, title="Havneplan")
    page.areas.set([vesterbro, sydhavnen])
    publish(page)
    with commit():
        TranslationCreator(editor, [locales["en"]]).create_translations(page)
    english = page.get_translation(locales["en"]).specific
    # Sydhavnen has no English translation yet: the page keeps the Danish one until an editor writes it.
    assert set(english.areas.all()) == {english_vesterbro, sydhavnen}
    english_vesterbro.refresh_from_db()
    assert english_vesterbro.name == "Vesterbro district"


# --- The API -------------------------------------------------------------------------------------

@pytest.fixture
def mapped(dialogue_index, publish, locales):
    """Public dialogues: one in Vesterbro with a point, one in Sydhavnen (outlined) without, one with neither."""
    vesterbro = AreaFactory(name="Vesterbro", slug="vesterbro", kind="district")
    sydhavnen = AreaFactory(name="Sydhavnen", slug="sydhavnen", kind="neighbourhood", outline=OTHER_SQUARE)
    nowhere = AreaFactory(name="Indre By", slug="indre-by")
    square = DialoguePageFactory(parent=dialogue_index, title="Vesterbros torv", place_name="Vesterbros Torv",
                                 latitude="55.670000", longitude="12.550000", start_date=datetime.date(2024, 5, 1))
    square.areas.set([vesterbro, sydhavnen])
    harbour = DialoguePageFactory(parent=dialogue_index, title="Sydhavnens havn", start_date=datetime.date(2024, 4, 1))
    harbour.areas.set([sydhavnen])
    unplaced = DialoguePageFactory(parent=dialogue_index, title="Uden sted", start_date=datetime.date(2024, 3, 1))
    unplaced.areas.set([nowhere])
    for page in (square, harbour, unplaced):
        publish(page)
    return {"square": square, "harbour": harbour, "unplaced": unplaced}


def test_areas_are_in_the_detail_and_the_summary(client, mapped):
    expected = [{"slug": "sydhavnen", "name": "Sydhavnen", "kind": "neighbourhood"}]
    harbour = mapped["harbour"]
    assert client.get(f"/api/v1/dialogues/{harbour.pk}/").json()["areas"] == expected
    items = {item["id"]: item for item in client.get("/api/v1/dialogues/").json()["items"]}
    assert items[harbour.pk]["areas"] == expected


def test_the_list_filters_by_area(client, mapped):
    found = [item["id"] for item in client.get("/api/v1/dialogues/?area=sydhavnen").json()["items"]]
    assert found == [mapped["square"].pk, mapped["harbour"].pk]
    assert client.get("/api/v1/dialogues/?area=ukendt").status_code == 400
    assert client.get("/api/v1/dialogues/?area=ukendt").json()["invalid_params"][0]["parameter"] == "area"


def test_renaming_an_area_reaches_the_stored_json(client, mapped, commit):
    with commit():
        area = Area.objects.get(slug="sydhavnen")
        area.name = "Sydhavn"
        area.save()
    assert client.get(f"/api/v1/dialogues/{mapped['harbour'].pk}/").json()["areas"][0]["name"] == "Sydhavn"


def test_feeds_and_calendars_filter_by_area(client, mapped):
    feed = client.get("/api/v1/feeds/dialogues.atom?area=vesterbro").content.decode()
    assert "Vesterbros torv" in feed and "Sydhavnens havn" not in feed
    assert client.get("/api/v1/calendar.ics?area=vesterbro").status_code == 200


def test_the_csv_export_has_the_area_keys(client, mapped):
    response = client.get("/api/v1/export/dialogues.csv")
    rows = {row["title"]: row for row in csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))}
    assert rows["Vesterbros torv"]["areas"] == "sydhavnen; vesterbro"
    assert rows["Uden sted"]["areas"] == "indre-by"


# --- The map -------------------------------------------------------------------------------------

def test_the_map_is_a_feature_collection_with_longitude_first(client, mapped):
    response = client.get("/api/v1/dialogues.geojson")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    data = response.json()
    assert data["type"] == "FeatureCollection"
    assert data["links"] == []
    features = {feature["id"]: feature for feature in data["features"]}
    # The dialogue with neither a point nor an outlined area is not on the map.
    assert list(features) == [mapped["square"].pk, mapped["harbour"].pk]
    square = features[mapped["square"].pk]
    assert square["type"] == "Feature"
    assert square["geometry"] == {"type": "GeometryCollection", "geometries": [
        {"type": "Point", "coordinates": [12.55, 55.67]}, OTHER_SQUARE,
    ]}
    properties = square["properties"]
    assert properties["title"] == "Vesterbros torv"
    assert properties["url"].endswith("/vesterbros-torv/")
    assert properties["status"]["key"] == "closed" and properties["status"]["label"]
    assert properties["badge"]["key"] == "dialog"
    assert properties["areas"] == [{"slug": "sydhavnen", "name": "Sydhavnen", "kind": "neighbourhood"},
                                   {"slug": "vesterbro", "name": "Vesterbro", "kind": "district"}]
    assert features[mapped["harbour"].pk]["geometry"] == OTHER_SQUARE


def test_the_map_filters_like_the_list(client, mapped):
    def ids(query: str) -> list[int]:
        return [feature["id"] for feature in client.get(f"/api/v1/dialogues.geojson?{query}").json()["features"]]

    assert ids("area=vesterbro") == [mapped["square"].pk]
    assert ids("area=sydhavnen&status=closed") == [mapped["square"].pk, mapped["harbour"].pk]
    assert ids("status=open") == []
    assert ids("locale=sv") == []
    mapped["harbour"].organisers.set([OrganisationFactory(slug="kk")])
    mapped["harbour"].tags.add("Havn")
    mapped["harbour"].save_revision().publish()
    from dialogue_pages.sync import sync_page_ids
    sync_page_ids([mapped["harbour"].pk])
    assert ids("organisation=kk") == [mapped["harbour"].pk]
    assert ids("tag=havn") == [mapped["harbour"].pk]
    assert client.get("/api/v1/dialogues.geojson?locale=xx").status_code == 400
    assert client.get("/api/v1/dialogues.geojson?limit=1001").status_code == 422


def test_the_map_pages_with_a_next_link(client, mapped):
    first = client.get("/api/v1/dialogues.geojson?limit=1").json()
    assert [feature["id"] for feature in first["features"]] == [mapped["square"].pk]
    [link] = first["links"]
    assert link["rel"] == "next" and link["type"] == "application/geo+json" and "limit=1" in link["href"]
    second = client.get(link["href"]).json()
    assert [feature["id"] for feature in second["features"]] == [mapped["harbour"].pk]
    assert second["links"] == []


def test_drafts_private_and_expired_dialogues_are_never_on_the_map(client, mapped, dialogue_index, publish, commit):
    draft = DialoguePageFactory(parent=dialogue_index, title="Kladde", latitude="55.1", longitude="12.1", live=False)
    draft.save_revision()
    private = publish(DialoguePageFactory(parent=dialogue_index, title="Privat", latitude="55.2", longitude="12.2"))
    with commit():
        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    expiring = publish(DialoguePageFactory(parent=dialogue_index, title="Udløbet", latitude="55.3", longitude="12.3"))
    PublishedDialogue.objects.filter(page_id=expiring.pk).update(
        expire_at=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    )
    titles = {f["properties"]["title"] for f in client.get("/api/v1/dialogues.geojson").json()["features"]}
    assert titles == {"Vesterbros torv", "Sydhavnens havn"}


def test_the_map_reads_a_fixed_number_of_queries_and_answers_304(client, mapped, dialogue_index, publish):
    for number in range(5):
        area = AreaFactory(outline=SQUARE)
        page = DialoguePageFactory(parent=dialogue_index, latitude="55.5", longitude=f"12.{number}")
        page.areas.set([area])
        publish(page)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/dialogues.geojson")
    assert len(response.json()["features"]) == 7
    assert len(queries) <= 2
    again = client.get("/api/v1/dialogues.geojson", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_the_map_is_documented_as_geojson(client, db):
    operation = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/dialogues.geojson"]["get"]
    content = operation["responses"]["200"]["content"]
    assert list(content) == ["application/geo+json"]
    assert {parameter["name"] for parameter in operation["parameters"]} == {
        "locale", "status", "organisation", "tag", "area", "limit", "cursor",
    }


# --- Import and export ---------------------------------------------------------------------------

def test_the_jsonl_export_round_trips_areas_and_import_creates_missing_ones(client, mapped, tmp_path, commit):
    archive = tmp_path / "export.jsonl"
    archive.write_text(b"".join(client.get("/api/v1/export/dialogues.jsonl").streaming_content).decode())
    with commit():
        for page in DialoguePage.objects.all():
            page.delete()
        Area.objects.filter(slug="vesterbro").delete()
    with commit():
        call_command("import_dialogues", str(archive), "--publish", stdout=io.StringIO())
    square = DialoguePage.objects.get(title="Vesterbros torv")
    assert [(area.slug, area.name, area.kind) for area in square.areas.all()] == [
        ("sydhavnen", "Sydhavnen", "neighbourhood"), ("vesterbro", "Vesterbro", "district")]
    assert Area.objects.filter(slug="sydhavnen").count() == 1  # found, not created again
    # A second import updates the pages by external id and keeps their areas.
    with commit():
        call_command("import_dialogues", str(archive), "--publish", stdout=io.StringIO())
    assert client.get(f"/api/v1/dialogues/{square.pk}/").json()["areas"][1]["slug"] == "vesterbro"


def test_the_import_schema_refuses_an_unknown_area_kind(tmp_path, dialogue_index):
    archive = tmp_path / "bad.jsonl"
    archive.write_text(json.dumps({"external_id": "x-1", "locale": "da", "title": "T", "intro": "I",
                                   "areas": [{"slug": "vesterbro", "name": "Vesterbro", "kind": "planet"}]}) + "\n")
    errors = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_dialogues", str(archive), stdout=io.StringIO(), stderr=errors)
    assert "areas.0.kind" in errors.getvalue()
    assert not Area.objects.exists()

"""The OpenAPI document lists every reach endpoint: feeds, calendars, exports, preview."""

import pytest

REACH_PATHS = [
    "/api/v1/feeds/dialogues.{kind}",
    "/api/v1/feeds/feedback.{kind}",
    "/api/v1/dialogues/{dialogue_id}/calendar.ics",
    "/api/v1/calendar.ics",
    "/api/v1/export/",
    "/api/v1/export/dialogues.jsonl",
    "/api/v1/export/dialogues.csv",
    "/api/v1/preview/{token}/",
]


@pytest.mark.django_db
def test_every_reach_endpoint_is_documented(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert [path for path in REACH_PATHS if path not in paths] == []
    feed = paths["/api/v1/feeds/dialogues.{kind}"]["get"]
    assert "application/atom+xml" in feed["responses"]["200"]["content"]
    kinds = next(parameter for parameter in feed["parameters"] if parameter["name"] == "kind")
    assert kinds["schema"]["enum"] == ["atom", "rss"]
    assert "text/calendar" in paths["/api/v1/calendar.ics"]["get"]["responses"]["200"]["content"]

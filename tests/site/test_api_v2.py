"""Wagtail's generic API v2 serves dialogues with their badge, status and typed blocks."""

import datetime

from dialogue_pages.factories import DialoguePageFactory


def test_dialogue_detail_in_api_v2(client, dialogue_index):
    page = DialoguePageFactory(
        parent=dialogue_index, title="Fokus på byrum", decision_date=datetime.date(2024, 9, 1),
        feedback=[("item", {"theme": "Grønt", "you_said": "Mere grønt.", "we_did": "Vi planter.",
                            "outcome": "adopted", "reason": ""})],
        timeline=[("event", {"title": "Åbent møde", "description": "", "date": datetime.date(2024, 3, 5),
                             "precision": "day", "label": "", "status": "done", "rung": None})],
    )
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert data["title"] == "Fokus på byrum"
    assert (data["badge"]["label"], data["badge"]["position"], data["badge"]["of"]) == ("Dialog", 3, 5)
    assert data["status_info"]["status"] == "decided"
    assert data["feedback"][0]["type"] == "item"
    assert data["feedback"][0]["value"]["outcome"] == "adopted"
    assert data["timeline"][0]["value"]["period_start"] == "2024-03-05"


def test_drafts_are_not_served_by_api_v2(client, dialogue_index):
    draft = DialoguePageFactory(parent=dialogue_index, live=False)
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404

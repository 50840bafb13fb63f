from dialogue_pages.factories import DialoguePageFactory


def test_factory_builds_a_live_dialogue_with_a_badge(dialogue_index):
    page = DialoguePageFactory(parent=dialogue_index)
    assert page.live
    assert page.rung.badge()["position"] == 3
    assert page.date_from.isoformat() == "2024-03-01"

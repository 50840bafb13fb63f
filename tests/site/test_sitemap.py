"""/sitemap.xml lists the public pages of every content language of the site."""

from dialogue_pages.factories import DialoguePageFactory


def test_the_sitemap_lists_every_language_tree_and_no_draft(client, dialogue_index, locales, publish):
    danish = publish(DialoguePageFactory(parent=dialogue_index, title="Dansk dialog"))
    swedish_index = dialogue_index.copy_for_translation(locales["sv"])
    publish(swedish_index)
    swedish = publish(DialoguePageFactory(parent=swedish_index, title="Svensk dialog", locale=locales["sv"]))
    draft = DialoguePageFactory(parent=dialogue_index, title="Kladde", live=False)

    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    for page in (dialogue_index, danish, swedish_index, swedish):
        assert f"<loc>{page.full_url}</loc>" in xml, page.title
    assert "/sv/" in swedish.full_url
    assert draft.slug not in xml

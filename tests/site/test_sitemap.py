"""The sitemap (/sitemap.xml, an index of its pages) lists the public pages of every content language of the site."""

import re

from django.utils import timezone

from dialogue_pages.factories import DialoguePageFactory
from dialogue_site.sitemaps import PublicPagesSitemap


def test_the_sitemap_lists_every_language_tree_and_no_draft(client, dialogue_index, locales, publish):
    danish = publish(DialoguePageFactory(parent=dialogue_index, title="Dansk dialog"))
    swedish_index = dialogue_index.copy_for_translation(locales["sv"])
    publish(swedish_index)
    swedish = publish(DialoguePageFactory(parent=swedish_index, title="Svensk dialog", locale=locales["sv"]))
    draft = DialoguePageFactory(parent=dialogue_index, title="Kladde", live=False)

    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    assert "<loc>http://testserver/sitemap-pages.xml</loc>" in index.content.decode()
    response = client.get("/sitemap-pages.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    for page in (dialogue_index, danish, swedish_index, swedish):
        assert f"<loc>{page.full_url}</loc>" in xml, page.title
    assert "/sv/" in swedish.full_url
    assert draft.slug not in xml


def test_the_sitemap_comes_in_pages_of_a_bounded_size(client, dialogue_index, publish, monkeypatch):
    # An archive of 100,000 dialogues in one answer took 8.9 s: the index names pages of ``limit`` URLs.
    monkeypatch.setattr(PublicPagesSitemap, "limit", 2)
    pages = [publish(DialoguePageFactory(parent=dialogue_index, title=f"Dialog {n}")) for n in range(4)]
    index = client.get("/sitemap.xml").content.decode()
    for page in pages:
        page.refresh_from_db()
    latest = timezone.localtime(max(page.last_published_at for page in pages))
    assert f"<lastmod>{latest.date().isoformat()}" in index  # from one aggregate, not a walk of every page
    for number in (2, 3):
        assert f"<loc>http://testserver/sitemap-pages.xml?p={number}</loc>" in index
    assert "p=4" not in index  # the index (the site root) and four dialogues: pages of 2, 2 and 1
    listed = []
    for number in (1, 2, 3):
        xml = client.get("/sitemap-pages.xml", {"p": number}).content.decode()
        listed += re.findall(r"<loc>([^<]+)</loc>", xml)
    assert len(listed) == len(set(listed)) == 5
    assert {page.full_url for page in [dialogue_index, *pages]} <= set(listed)
    for bad in ("4", "0", "x"):
        assert client.get(f"/sitemap-pages.xml?p={bad}").status_code == 404, bad
    assert client.get("/sitemap-pages.xml?p=%00").status_code == 400  # refused before any view
    assert client.get("/sitemap-nothing.xml").status_code == 404

"""Fixtures of the minimal host project."""

import pytest
from wagtail.models import Page, Site

from dialogue_pages.factories import DialogueIndexPageFactory


@pytest.fixture
def dialogue_index(db):
    index = DialogueIndexPageFactory(parent=Page.get_first_root_node(), title="Dialogues", slug="dialogues")
    site = Site.objects.get(is_default_site=True)
    site.root_page = index
    site.save()
    return index

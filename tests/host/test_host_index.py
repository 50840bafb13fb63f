"""Index pages of a host site list every concrete dialogue type, the host's own included."""

from dialogue_pages.factories import DialoguePageFactory
from tests.host.hostapp.models import CouncilDialoguePage


def test_the_index_lists_the_host_type_beside_the_plugin_type(client, dialogue_index, publish):
    council = CouncilDialoguePage(title="Budget dialogue", slug="budget-dialogue", intro="How to spend it?")
    dialogue_index.add_child(instance=council)
    publish(council)
    plain = publish(DialoguePageFactory(parent=dialogue_index, title="Plain dialogue"))
    html = client.get(dialogue_index.url).content.decode()
    assert f'<a href="{council.url}">Budget dialogue</a>' in html
    assert f'<a href="{plain.url}">Plain dialogue</a>' in html

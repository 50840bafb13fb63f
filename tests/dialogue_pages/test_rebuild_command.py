"""manage.py rebuild_dialogue_api restores the read model from the pages."""

from io import StringIO

import orjson
from django.core.management import call_command
from django.utils import timezone

from dialogue_pages.factories import DialoguePageFactory
from dialogue_pages.read_model.models import PublishedDialogue


def test_rebuild_restores_rows_and_drops_strays(dialogue_index, publish):
    live = publish(DialoguePageFactory(parent=dialogue_index, title="Levende"))
    draft = DialoguePageFactory(parent=dialogue_index, live=False)
    PublishedDialogue.objects.all().delete()
    PublishedDialogue.objects.create(
        page_id=draft.pk, locale="da", translation_key=draft.translation_key, path="/x/", slug="x", title="x",
        sort_title="x", detail=b"{}", summary=b"{}", etag="x", sort_start="2020-01-01", updated_at=timezone.now(),
    )
    out = StringIO()
    call_command("rebuild_dialogue_api", stdout=out)
    assert list(PublishedDialogue.objects.values_list("page_id", flat=True)) == [live.pk]
    assert orjson.loads(PublishedDialogue.objects.get().detail)["title"] == "Levende"
    assert "1 public dialogues stored, 1 not public" in out.getvalue()


def test_rebuild_leaves_planner_statistics(dialogue_index, publish):
    from django.db import connection

    publish(DialoguePageFactory(parent=dialogue_index))
    call_command("rebuild_dialogue_api", stdout=StringIO())
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT tbl FROM sqlite_stat1 WHERE tbl = %s", [PublishedDialogue._meta.db_table])
            assert cursor.fetchone() is not None

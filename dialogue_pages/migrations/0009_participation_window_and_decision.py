"""The participation window, the decision record and explicit cancellation replace the status override.

Existing content keeps telling the same story: the window is taken from the dates the old rule
used (the editor's start and end, else the timeline's span), an override "cancelled" becomes a
cancellation, and an override "decided" a decision dated on the last day. Other overrides named no
fact and are dropped. Read-model rows get the new status facts and are marked stale, so the API
renews their JSON on first read (``manage.py rebuild_dialogue_api`` renews them all at once).
"""

import datetime
import django.db.models.deletion
import modelcluster.fields
from django.conf import settings
from django.db import migrations, models


NEVER = datetime.date(9999, 12, 31)
ONE_DAY = datetime.timedelta(days=1)
STALE = datetime.date(1, 1, 1)
RECORD_FIELDS = ("input_opens", "input_closes", "is_cancelled", "cancellation_reason", "decision_date")


def facts_of(page) -> dict:
    opens = page.start_date or page.date_from
    closes = page.end_date or page.date_to
    facts = {
        "input_opens": opens or closes,
        "input_closes": closes,
        "is_cancelled": page.status_override == "cancelled",
        "cancellation_reason": "",
        "decision_date": (closes or opens) if page.status_override == "decided" else None,
    }
    return facts


def record_facts_from_status_override(apps, schema_editor):
    DialoguePage = apps.get_model("dialogue_pages", "DialoguePage")
    PublishedDialogue = apps.get_model("dialogue_pages", "PublishedDialogue")
    Revision = apps.get_model("wagtailcore", "Revision")
    for page in DialoguePage.objects.all().iterator(chunk_size=500):
        facts = facts_of(page)
        for name, value in facts.items():
            setattr(page, name, value)
        page.save(update_fields=list(RECORD_FIELDS))
        # The editor opens the latest revision: it must carry the same facts, or a save would drop them.
        revision_ids = {page.latest_revision_id, page.live_revision_id} - {None}
        for revision in Revision.objects.filter(pk__in=revision_ids):
            content = dict(revision.content)
            content.update({name: value.isoformat() if isinstance(value, datetime.date) else value
                            for name, value in facts.items()})
            content.pop("status_override", None)
            revision.content = content
            revision.save(update_fields=["content"])
        PublishedDialogue.objects.filter(page_id=page.pk).update(
            cancelled=facts["is_cancelled"],
            open_from=facts["input_opens"] or NEVER,
            closed_from=facts["input_closes"] + ONE_DAY if facts["input_closes"] else NEVER,
            decided_from=facts["decision_date"] or NEVER,
            stale_after=STALE,
        )


class Migration(migrations.Migration):

    dependencies = [
        ('dialogue_pages', '0008_newest_first_visibility_index'),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='publisheddialogue',
            name='dialogue_start_visible',
        ),
        migrations.AddField(
            model_name='dialoguepage',
            name='cancellation_reason',
            field=models.TextField(blank=True, help_text="Shown to citizens with the status 'Cancelled'.", max_length=1000, verbose_name='why it was cancelled'),
        ),
        migrations.AddField(
            model_name='dialoguepage',
            name='decision_body',
            field=models.CharField(blank=True, help_text="E.g. 'City Council' or 'Technical and Environmental Committee'.", max_length=255, verbose_name='deciding body'),
        ),
        migrations.AddField(
            model_name='dialoguepage',
            name='decision_date',
            field=models.DateField(blank=True, help_text='The day the decision was (or will be) taken. From this day the dialogue shows as decided.', null=True, verbose_name='decision date'),
        ),
        migrations.AddField(
            model_name='dialoguepage',
            name='decision_summary',
            field=models.TextField(blank=True, help_text='Two or three sentences on the decision and how the input was used.', max_length=1000, verbose_name='what was decided'),
        ),
        migrations.AddField(
            model_name='dialoguepage',
            name='decision_url',
            field=models.URLField(blank=True, help_text='The minutes or decision document.', max_length=500, verbose_name='link to the decision'),
        ),
        migrations.AddField(
            model_name='dialoguepage',
            name='feedback_plan',
            field=models.TextField(blank=True, help_text='When and how you will tell participants what became of their input.', max_length=1000, verbose_name='how participants will hear back'),
        ),
        migrations.AddField(
            model_name='dialoguepage',
            name='input_closes',
            field=models.DateField(blank=True, help_text='The last day citizens can take part, e.g. the hearing deadline. After it the dialogue shows as closed, and participants are owed feedback until you publish it.', null=True, verbose_name='input closes'),
        ),
        migrations.AddField(
            model_name='dialoguepage',
            name='input_opens',
            field=models.DateField(blank=True, help_text='The first day citizens can take part. The dialogue shows as open from this day.', null=True, verbose_name='input opens'),
        ),
        migrations.AddField(
            model_name='dialoguepage',
            name='is_cancelled',
            field=models.BooleanField(default=False, help_text='Tick if the dialogue will not take place or was stopped.', verbose_name='cancelled'),
        ),
        migrations.AddField(
            model_name='dialoguepage',
            name='participation_channel',
            field=models.CharField(blank=True, help_text="In a few words, e.g. 'Answer the survey or send a hearing response by email'.", max_length=255, verbose_name='how to take part'),
        ),
        migrations.AddField(
            model_name='dialoguepage',
            name='participation_place',
            field=models.CharField(blank=True, help_text="A place citizens can come to, e.g. 'Dalby library, Tuesdays 16–18'.", max_length=255, verbose_name='where to take part'),
        ),
        migrations.AddField(
            model_name='dialoguepage',
            name='participation_url',
            field=models.URLField(blank=True, help_text='Link to the survey, hearing portal or sign-up form.', max_length=500, verbose_name='take part online'),
        ),
        migrations.AddField(
            model_name='publisheddialogue',
            name='cancelled',
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name='publisheddialogue',
            name='closed_from',
            field=models.DateField(default=datetime.date(9999, 12, 31)),
        ),
        migrations.AddField(
            model_name='publisheddialogue',
            name='decided_from',
            field=models.DateField(default=datetime.date(9999, 12, 31)),
        ),
        migrations.AddField(
            model_name='publisheddialogue',
            name='open_from',
            field=models.DateField(default=datetime.date(9999, 12, 31)),
        ),
        migrations.RunPython(record_facts_from_status_override, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name='dialoguepage',
            name='status_override',
        ),
        migrations.RemoveField(
            model_name='publisheddialogue',
            name='status_override',
        ),
        migrations.AlterField(
            model_name='consultedbody',
            name='page',
            field=modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='consulted_bodies', to=settings.WAGTAIL_PAGE_MODEL),
        ),
        migrations.AlterField(
            model_name='dialoguepage',
            name='end_date',
            field=models.DateField(blank=True, help_text='When the whole process ends. Leave empty to use the last date of the timeline.', null=True, verbose_name='end date'),
        ),
        migrations.AlterField(
            model_name='dialoguepage',
            name='start_date',
            field=models.DateField(blank=True, help_text='When the whole process starts. Leave empty to use the first date of the timeline.', null=True, verbose_name='start date'),
        ),
        migrations.AlterField(
            model_name='dialoguepagetag',
            name='content_object',
            field=modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='dialogue_tagged_items', to=settings.WAGTAIL_PAGE_MODEL),
        ),
        migrations.AddIndex(
            model_name='publisheddialogue',
            index=models.Index(fields=['sort_start', 'page_id', 'locale', 'expire_at', 'cancelled', 'open_from', 'closed_from', 'decided_from', 'has_feedback'], name='dialogue_start_status'),
        ),
    ]

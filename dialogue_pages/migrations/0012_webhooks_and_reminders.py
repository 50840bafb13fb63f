"""Webhooks (endpoints, the outbox of events, the delivery log) and the record of feedback reminders."""

import dialogue_pages.webhooks.models
import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('dialogue_pages', '0011_example_flag'),
    ]

    operations = [
        migrations.CreateModel(
            name='FeedbackReminder',
            fields=[
                ('page_id', models.IntegerField(primary_key=True, serialize=False)),
                ('last_sent_at', models.DateTimeField()),
            ],
            options={
                'verbose_name': 'feedback reminder',
            },
        ),
        migrations.CreateModel(
            name='OutboxEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('event', models.CharField(choices=[('dialogue.published', 'A dialogue was published or updated'), ('dialogue.unpublished', 'A dialogue was unpublished'), ('feedback.published', 'Feedback ("you said, we did") was first published'), ('decision.recorded', 'A decision was recorded')], max_length=40)),
                ('page_id', models.IntegerField(db_index=True)),
                ('payload', models.JSONField()),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={
                'verbose_name': 'webhook event',
                'ordering': ['pk'],
            },
        ),
        migrations.CreateModel(
            name='WebhookEndpoint',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(help_text="E.g. 'Municipal website'.", max_length=100, verbose_name='name')),
                ('url', models.URLField(help_text='Receives a POST with a JSON body for every event it subscribes to.', max_length=500, validators=[django.core.validators.URLValidator(schemes=['https', 'http'])], verbose_name='URL')),
                ('secret', models.CharField(help_text='Shared with the receiver, who checks the X-Dialogue-Signature header with it (HMAC-SHA256).', max_length=200, verbose_name='secret')),
                ('events', models.JSONField(default=dialogue_pages.webhooks.models.all_events, help_text='The events this endpoint receives.', verbose_name='events')),
                ('is_active', models.BooleanField(default=True, verbose_name='active')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
            ],
            options={
                'verbose_name': 'webhook endpoint',
                'verbose_name_plural': 'webhook endpoints',
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='WebhookDelivery',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('state', models.CharField(choices=[('pending', 'Pending'), ('delivered', 'Delivered'), ('failed', 'Given up')], default='pending', max_length=10)),
                ('attempts', models.PositiveIntegerField(default=0)),
                ('next_attempt_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('last_status', models.PositiveIntegerField(blank=True, null=True)),
                ('last_error', models.CharField(blank=True, max_length=500)),
                ('delivered_at', models.DateTimeField(blank=True, null=True)),
                ('outbox_event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to='dialogue_pages.outboxevent')),
                ('endpoint', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to='dialogue_pages.webhookendpoint')),
            ],
            options={
                'verbose_name': 'webhook delivery',
                'verbose_name_plural': 'webhook deliveries',
                'ordering': ['-pk'],
                'default_permissions': ('view',),
                'indexes': [models.Index(fields=['state', 'next_attempt_at'], name='webhook_due')],
            },
        ),
    ]

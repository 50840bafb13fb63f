"""Read-model rows know the first day their stored status holds, so a date before it renews them too."""

import datetime
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('dialogue_pages', '0009_participation_window_and_decision'),
    ]

    operations = [
        migrations.AddField(
            model_name='publisheddialogue',
            name='fresh_from',
            field=models.DateField(default=datetime.date(1, 1, 1)),
        ),
    ]

"""A message's journal note is now journal.JournalNote (the model moved app, its table did not): the
foreign key still points at the same table, so only Django's record of it changes."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('journal', '0001_initial'),
        ('residentcomm', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='message',
                    name='journal_note',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='journal.journalnote'),
                ),
            ],
            database_operations=[],
        ),
    ]

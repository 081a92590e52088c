"""Journal notes moved to bistand.journal: only Django's record of the model changes; the table stays as
it is."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('journal', '0001_initial'),
        # The messages' foreign key points at journal.JournalNote first, so nothing refers to the old one.
        ('residentcomm', '0002_journal_note_moves_to_journal'),
        ('casework', '0010_audit_and_payments_move_to_their_apps'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='journalnote',
                    name='author',
                ),
                migrations.RemoveField(
                    model_name='journalnote',
                    name='case',
                ),
                migrations.DeleteModel(
                    name='JournalNote',
                ),
            ],
            database_operations=[],
        ),
    ]

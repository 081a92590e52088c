"""Journal notes, moved from casework with their table (db_table): state only."""

import django.db.models.deletion
from django.db import migrations, models


MOVED = ['journalnote']


def move_content_types(apps, schema_editor):
    """Keep the content type (and so any permissions) of the moved model: only its app changes."""
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label="casework", model__in=MOVED).update(app_label="journal")


def move_content_types_back(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label="journal", model__in=MOVED).update(app_label="casework")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('casework', '0010_audit_and_payments_move_to_their_apps'),
        ('cases', '0005_decision_automated'),
        ('organisation', '0003_municipality_payer_account'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='JournalNote',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('written_at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='skriven')),
                        ('occurred_on', models.DateField(verbose_name='händelsedatum')),
                        ('heading', models.CharField(max_length=120, verbose_name='rubrik')),
                        ('text', models.TextField(verbose_name='anteckning')),
                        ('author', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisation.staffmember', verbose_name='skriven av')),
                        ('case', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='journal_notes', to='cases.case')),
                    ],
                    options={
                        'verbose_name': 'journalanteckning',
                        'verbose_name_plural': 'journalanteckningar',
                        'db_table': 'casework_journalnote',
                        'ordering': ['-written_at', '-id'],
                        'indexes': [models.Index(fields=['case', 'written_at'], name='casework_jo_case_id_6a8971_idx')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]

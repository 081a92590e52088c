"""The audit log and access grants, moved from casework with their tables (db_table): state only."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


MOVED = ['auditevent', 'auditeventcase', 'caseaccessgrant']


def move_content_types(apps, schema_editor):
    """Keep the content types (and so any permissions) of the moved models: only their app changes."""
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label="casework", model__in=MOVED).update(app_label="audit")


def move_content_types_back(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label="audit", model__in=MOVED).update(app_label="casework")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('casework', '0009_payment_batch_file_format'),
        ('cases', '0005_decision_automated'),
        ('organisation', '0003_municipality_payer_account'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='AuditEvent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='tidpunkt')),
                        ('action', models.CharField(max_length=40, verbose_name='händelse')),
                        ('what', models.CharField(max_length=200, verbose_name='vad som visades')),
                        ('path', models.CharField(max_length=300, verbose_name='adress')),
                        ('client', models.CharField(blank=True, default='', max_length=120, verbose_name='tjänstekonto')),
                        ('case', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='cases.case')),
                        ('staff', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisation.staffmember')),
                        ('user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'loggpost',
                        'verbose_name_plural': 'loggposter',
                        'db_table': 'casework_auditevent',
                        'ordering': ['-at', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='AuditEventCase',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('case', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='cases.case')),
                        ('event', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='case_links', to='audit.auditevent')),
                    ],
                    options={
                        'verbose_name': 'ärende i loggpost',
                        'verbose_name_plural': 'ärenden i loggposter',
                        'db_table': 'casework_auditeventcase',
                    },
                ),
                migrations.AddField(
                    model_name='auditevent',
                    name='cases',
                    field=models.ManyToManyField(related_name='+', through='audit.AuditEventCase', to='cases.case'),
                ),
                migrations.CreateModel(
                    name='CaseAccessGrant',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('reason', models.CharField(max_length=200, verbose_name='skäl')),
                        ('granted_at', models.DateTimeField(auto_now_add=True)),
                        ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='återkallad')),
                        ('revoke_reason', models.CharField(blank=True, max_length=200, verbose_name='skäl för återkallelse')),
                        ('case', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='access_grants', to='cases.case')),
                        ('granted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisation.staffmember')),
                        ('revoked_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisation.staffmember')),
                        ('staff', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisation.staffmember')),
                    ],
                    options={
                        'verbose_name': 'behörighet till ärende',
                        'verbose_name_plural': 'behörigheter till ärenden',
                        'db_table': 'casework_caseaccessgrant',
                    },
                ),
                migrations.AddConstraint(
                    model_name='auditeventcase',
                    constraint=models.UniqueConstraint(fields=('case', 'event'), name='audit_case_event_unique'),
                ),
                migrations.AddIndex(
                    model_name='auditevent',
                    index=models.Index(fields=['case', 'at'], name='casework_au_case_id_8aa086_idx'),
                ),
                migrations.AddIndex(
                    model_name='auditevent',
                    index=models.Index(fields=['staff', 'at'], name='casework_au_staff_i_410bf4_idx'),
                ),
                migrations.AddConstraint(
                    model_name='caseaccessgrant',
                    constraint=models.UniqueConstraint(condition=models.Q(('revoked_at__isnull', True)), fields=('case', 'staff'), name='one_active_grant_per_case_staff'),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]

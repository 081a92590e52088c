"""Payment batches, the export lock and returned payments, moved from casework with their tables
(db_table): state only."""

import django.db.models.deletion
from django.db import migrations, models


MOVED = ['paymentbatch', 'paymentbatchline', 'batchconfirmation', 'exportlock', 'paymentreturn']


def move_content_types(apps, schema_editor):
    """Keep the content types (and so any permissions) of the moved models: only their app changes."""
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label="casework", model__in=MOVED).update(app_label="payments")


def move_content_types_back(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label="payments", model__in=MOVED).update(app_label="casework")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('casework', '0009_payment_batch_file_format'),
        ('cases', '0005_decision_automated'),
        ('organisation', '0003_municipality_payer_account'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ExportLock',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=50, unique=True)),
                        ('taken_at', models.DateTimeField(blank=True, null=True)),
                    ],
                    options={
                        'verbose_name': 'exportlås',
                        'verbose_name_plural': 'exportlås',
                        'db_table': 'casework_exportlock',
                    },
                ),
                migrations.CreateModel(
                    name='PaymentBatch',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('pay_date', models.DateField(verbose_name='utbetalningsdag')),
                        ('file_name', models.CharField(max_length=200, verbose_name='filnamn')),
                        ('message_id', models.CharField(help_text='Filens unika identitet hos banken.', max_length=35, null=True, unique=True, verbose_name='meddelande-id')),
                        ('file_format', models.CharField(db_default='csv', default='csv', max_length=20, verbose_name='format')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisation.staffmember')),
                    ],
                    options={
                        'verbose_name': 'utbetalningsfil',
                        'verbose_name_plural': 'utbetalningsfiler',
                        'db_table': 'casework_paymentbatch',
                        'ordering': ['-pay_date', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='BatchConfirmation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('confirmed_at', models.DateTimeField(auto_now_add=True)),
                        ('file_name', models.CharField(default='', max_length=200, verbose_name='filnamn')),
                        ('message_id', models.CharField(default='', max_length=35, verbose_name='meddelande-id')),
                        ('line_count', models.PositiveIntegerField(verbose_name='antal rader')),
                        ('total_amount', models.BigIntegerField(verbose_name='summa (kr)')),
                        ('sha256', models.CharField(max_length=64, verbose_name='kontrollsumma (SHA-256)')),
                        ('batch', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='confirmation', to='payments.paymentbatch')),
                    ],
                    options={
                        'verbose_name': 'bekräftad utbetalningsfil',
                        'verbose_name_plural': 'bekräftade utbetalningsfiler',
                        'db_table': 'casework_batchconfirmation',
                    },
                ),
                migrations.CreateModel(
                    name='PaymentReturn',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('returned_on', models.DateField(verbose_name='returnerad den')),
                        ('reason', models.CharField(max_length=300, verbose_name='orsak')),
                        ('recorded_at', models.DateTimeField(auto_now_add=True)),
                        ('payment', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='returned', to='cases.payment', verbose_name='utbetalning')),
                        ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisation.staffmember')),
                    ],
                    options={
                        'verbose_name': 'returnerad utbetalning',
                        'verbose_name_plural': 'returnerade utbetalningar',
                        'db_table': 'casework_paymentreturn',
                    },
                ),
                migrations.CreateModel(
                    name='PaymentBatchLine',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('line_number', models.PositiveIntegerField(verbose_name='radnummer')),
                        ('batch', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='lines', to='payments.paymentbatch')),
                        ('payment', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='batch_line', to='cases.payment', verbose_name='utbetalning')),
                    ],
                    options={
                        'verbose_name': 'rad i utbetalningsfil',
                        'verbose_name_plural': 'rader i utbetalningsfiler',
                        'db_table': 'casework_paymentbatchline',
                        'ordering': ['batch', 'line_number'],
                        'constraints': [models.UniqueConstraint(fields=('batch', 'line_number'), name='one_payment_per_batch_line')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]

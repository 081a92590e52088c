"""The audit log and access grants moved to bistand.audit, payment batches and returns to
bistand.payments: only Django's record of the models changes; the tables stay as they are."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('payments', '0001_initial'),
        ('audit', '0001_initial'),
        ('casework', '0009_payment_batch_file_format'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='auditevent',
                    name='case',
                ),
                migrations.RemoveField(
                    model_name='auditevent',
                    name='cases',
                ),
                migrations.RemoveField(
                    model_name='auditevent',
                    name='staff',
                ),
                migrations.RemoveField(
                    model_name='auditevent',
                    name='user',
                ),
                migrations.RemoveField(
                    model_name='auditeventcase',
                    name='event',
                ),
                migrations.RemoveField(
                    model_name='auditeventcase',
                    name='case',
                ),
                migrations.RemoveField(
                    model_name='batchconfirmation',
                    name='batch',
                ),
                migrations.RemoveField(
                    model_name='caseaccessgrant',
                    name='case',
                ),
                migrations.RemoveField(
                    model_name='caseaccessgrant',
                    name='granted_by',
                ),
                migrations.RemoveField(
                    model_name='caseaccessgrant',
                    name='revoked_by',
                ),
                migrations.RemoveField(
                    model_name='caseaccessgrant',
                    name='staff',
                ),
                migrations.DeleteModel(
                    name='ExportLock',
                ),
                migrations.RemoveField(
                    model_name='paymentbatch',
                    name='created_by',
                ),
                migrations.RemoveField(
                    model_name='paymentbatchline',
                    name='batch',
                ),
                migrations.RemoveField(
                    model_name='paymentbatchline',
                    name='payment',
                ),
                migrations.RemoveField(
                    model_name='paymentreturn',
                    name='payment',
                ),
                migrations.RemoveField(
                    model_name='paymentreturn',
                    name='recorded_by',
                ),
                migrations.DeleteModel(
                    name='AuditEvent',
                ),
                migrations.DeleteModel(
                    name='AuditEventCase',
                ),
                migrations.DeleteModel(
                    name='BatchConfirmation',
                ),
                migrations.DeleteModel(
                    name='CaseAccessGrant',
                ),
                migrations.DeleteModel(
                    name='PaymentBatch',
                ),
                migrations.DeleteModel(
                    name='PaymentBatchLine',
                ),
                migrations.DeleteModel(
                    name='PaymentReturn',
                ),
            ],
            database_operations=[],
        ),
    ]

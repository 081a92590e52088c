"""The audit log (who saw or changed what, OSL 26 kap. and GDPR art. 5.2 and 32) and explicit access grants.

`audit.record(...)` with an `audit.AuditAction` is the one way to write the log, from a service, in the
same transaction as the change; `admin.AuditedAdmin` audits the Django admin.
"""

"""The models of casework, each in its own module, imported here so Django finds them.

The audit log and access grants are in bistand.audit, payment batches and returns in bistand.payments,
journal notes in bistand.journal.
"""

# Answers of API calls sent with an Idempotency-Key (bistand.casework.idempotency).
from bistand.casework.idempotency import IdempotentRequest
from bistand.casework.protection_models import ProtectionChange
from bistand.casework.referral_models import DecisionReferral

__all__ = ["DecisionReferral", "IdempotentRequest", "ProtectionChange"]

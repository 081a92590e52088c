"""The 2026–2027 reforms in the case: aktivitetskrav, läkarintyg, second-hand leases, lawful residence.

The rules themselves are pure Python in bistand.rules.reforms; this app stores the per-person records
they need, flags them on the application page, lists adults without an assigned activity on the start
page, and writes the quarterly figures for IVO (docs/reforms.md).
"""

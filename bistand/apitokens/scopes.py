"""The named rights an API token can carry: one per thing a machine client needs to do.

A token gets only the scopes its client needs (the e-service sends applications and nothing else).
"""

APPLICATIONS_WRITE = "applications:write"

SCOPES = {
    APPLICATIONS_WRITE: "Skicka in ansökningar (POST /api/v1/applications)",
}

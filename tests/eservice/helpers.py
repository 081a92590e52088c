"""Signing a resident in to the e-service in tests, the way the demo's test login does."""

import time

from bistand.eservice import auth


def resident_login(client, person) -> None:
    """Give `client` a resident session for `person` (as the demo test login would), without a request."""
    session = client.session
    now = int(time.time())
    session[auth.SESSION_PERSON] = person.pk
    session[auth.SESSION_LOGIN_AT] = now
    session[auth.SESSION_LAST_SEEN] = now
    session[auth.SESSION_METHOD] = auth.DEMO.code
    session.save()

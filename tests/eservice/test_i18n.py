"""Every text of the e-service has an English translation, compiled (.mo) as committed."""

from babel.messages.pofile import read_po
from django.conf import settings
from django.utils import translation

PO = settings.BASE_DIR / "eservice" / "locale" / "en" / "LC_MESSAGES" / "django.po"
SAME_IN_BOTH = {"Pension", "%(what)s"}


def test_every_message_is_translated_to_english_and_compiled():
    with PO.open("rb") as handle:
        catalog = read_po(handle, locale="en")
    ids = [m.id for m in catalog if m.id and not isinstance(m.id, tuple)]
    assert len(ids) > 150
    with translation.override("en"):
        untranslated = [i for i in ids if translation.gettext(i) == i and i not in SAME_IN_BOTH]
    assert untranslated == []


def test_staff_language_stays_swedish(client):
    response = client.get("/logga-in/", HTTP_ACCEPT_LANGUAGE="en", HTTP_COOKIE="bistand_mina_sidor_sprak=en")
    assert response["Content-Language"] == "sv"
    assert "Användarnamn" in response.content.decode()

"""What the guard finds: the kinds of personal data (stable codes, stored and logged), their
Dutch labels and :class:`Finding`.

Labels and messages are Dutch gettext msgids, translated when they are asked for (and returned
as they are when Django is not configured).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from casereflection.privacy.patterns import _POSTCODE_RE

# Stable codes (stored, logged and tested); never change them.
KIND_BSN = "bsn"
KIND_EMAIL = "email"
KIND_PHONE = "phone"
KIND_POSTCODE_HOUSE_NUMBER = "postcode_house_number"
KIND_BIRTH_DATE = "birth_date"
KIND_AGE_WITH_NAME = "age_with_name"
KIND_IBAN = "iban"

# Also the priority order: when two findings overlap, the earlier kind wins (then the longer).
KINDS = (
    KIND_IBAN,
    KIND_EMAIL,
    KIND_BSN,
    KIND_PHONE,
    KIND_BIRTH_DATE,
    KIND_POSTCODE_HOUSE_NUMBER,
    KIND_AGE_WITH_NAME,
)


def gettext_noop(message: str) -> str:
    """Marks ``message`` for makemessages. Django's own gettext_noop needs configured settings."""
    return message


# Dutch source texts (msgids); LABELS holds them lazily translated.
_LABEL_TEXTS = {
    KIND_BSN: gettext_noop("BSN"),
    KIND_EMAIL: gettext_noop("e-mailadres"),
    KIND_PHONE: gettext_noop("telefoonnummer"),
    KIND_POSTCODE_HOUSE_NUMBER: gettext_noop("postcode met huisnummer"),
    KIND_BIRTH_DATE: gettext_noop("geboortedatum"),
    KIND_AGE_WITH_NAME: gettext_noop("leeftijd bij een naam"),
    KIND_IBAN: gettext_noop("IBAN"),
}
# The label of a postcode_house_number finding without a postcode (street + house number).
_ADDRESS_LABEL_TEXT = gettext_noop("adres")
_MESSAGE_TEXT = gettext_noop(
    '%(label)s gevonden: "%(text)s" (teken %(first)d–%(last)d: "%(context)s")'
)
LABELS = {kind: _(text) for kind, text in _LABEL_TEXTS.items()}
ADDRESS_LABEL = _(_ADDRESS_LABEL_TEXT)

_PRIORITY = {kind: rank for rank, kind in enumerate(KINDS)}


@dataclass(frozen=True)
class Finding:
    kind: str  # one of KINDS
    text: str  # the matched text, exactly as in the input
    start: int  # offset in the input string
    end: int  # exclusive offset

    @property
    def label(self) -> str:
        """Dutch name of the kind ("adres" for a street + house number without postcode)."""
        if self.kind == KIND_POSTCODE_HOUSE_NUMBER and not _POSTCODE_RE.search(self.text):
            return _translate(_ADDRESS_LABEL_TEXT)
        return _translate(_LABEL_TEXTS[self.kind])


def _translate(message: str) -> str:
    """``message`` translated; the Dutch source text itself when Django's settings are not
    configured (plain Python use: scripts, a shell without settings)."""
    return gettext(message) if settings.configured else message

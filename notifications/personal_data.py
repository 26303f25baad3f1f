"""This app's part of the inzage and the erasure (registered in ``apps.ready`` with
``core.personal_data``): notification preferences, the digest setting and its waiting
entries, and the mails sent to the account or its addresses."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from notifications.models import DigestEntry, DigestSetting, NotificationPreference, SentMail


def _when(value) -> str:
    return f"{timezone.localtime(value):%d-%m-%Y %H:%M}" if value else ""


def collect_preferences(user, emails) -> list[dict[str, str]]:
    if user is None:
        return []
    rows = [
        {"Soort melding": pref.get_kind_display(), "Instelling": pref.get_mode_display()}
        for pref in NotificationPreference.objects.filter(user=user).order_by("kind")
    ]
    setting = DigestSetting.objects.filter(user=user).first()
    if setting is not None:
        rows.append({"Soort melding": "Overzicht", "Instelling": setting.get_frequency_display()})
    rows.extend(
        {"Soort melding": entry.get_kind_display(), "Instelling": f"wacht: {entry.subject}"}
        for entry in DigestEntry.objects.filter(user=user, digest__isnull=True)
    )
    return rows


def _mails(user, emails):
    condition = Q(address__in=list(emails)) if emails else Q(pk__in=[])
    if user is not None:
        condition |= Q(recipient=user)
    return SentMail.objects.filter(condition)


def collect_sent_mails(user, emails) -> list[dict[str, str]]:
    return [
        {
            "Aangemaakt": _when(mail.created_at),
            "Verzonden": _when(mail.sent_at),
            "Adres": mail.address,
            "Soort": mail.get_kind_display(),
            "Onderwerp": mail.subject,
            "Status": mail.get_status_display(),
        }
        for mail in _mails(user, emails).order_by("created_at", "pk")
    ]


def erase_settings(user, emails) -> None:
    """Preferences, digest setting and digest entries go; the record of mails sent stays as a
    fact (its address and texts are pseudonymised by the erasure's sweep)."""
    if user is None:
        return
    NotificationPreference.objects.filter(user=user).delete()
    DigestEntry.objects.filter(user=user).delete()
    DigestSetting.objects.filter(user=user).delete()

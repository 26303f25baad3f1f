"""Who gets the trekker/actiehouder notice, and who does not.

The werkagenda service sends ``governance.signals.action_holder_changed`` after the commit;
the receiver of notifications queues the mail. The callbacks after the commit are run by
``django_capture_on_commit_callbacks``.
"""

import pytest
from django.core import mail

from governance.constants import ActionList
from governance.services.werkagenda import action_move, action_save
from notifications.constants import DeliveryMode, MailKind, MailStatus
from notifications.delivery import deliver_now
from notifications.models import NotificationPreference, SentMail

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _links(settings):
    settings.PORTAL_BASE_URL = "https://zv.voorbeeld.nl"


def make_trekker(world, secretary, capture):
    action = world["action"]
    with capture(execute=True):
        action_move(
            action=action,
            to_list=ActionList.ACTIE,
            seen_version=action.version,
            user=secretary,
            **world["ready"],
        )
    return action


def test_the_new_trekker_gets_one_notice(
    holder_world, secretary, django_capture_on_commit_callbacks, client
):
    action = make_trekker(holder_world, secretary, django_capture_on_commit_callbacks)
    sent = SentMail.objects.get()
    assert sent.recipient == holder_world["user"]
    assert sent.address == "wethouder@gemeente.example"
    assert sent.kind == MailKind.TREKKER and sent.status == MailStatus.WACHTRIJ
    assert sent.subject == "U bent trekker van ‘Sluitende aanpak verward gedrag’"
    # The link opens the action for the recipient.
    assert sent.url == "https://zv.voorbeeld.nl" + action.get_absolute_url()
    client.force_login(holder_world["user"])
    assert client.get(action.get_absolute_url()).status_code == 200


def test_the_mail_names_the_title_region_and_termijn_only(
    holder_world, secretary, django_capture_on_commit_callbacks
):
    from datetime import date

    action = holder_world["action"]
    action.description = "Geheime beschrijving van de aanpak"
    action.due_date = date(2027, 3, 1)
    action.save()
    make_trekker(holder_world, secretary, django_capture_on_commit_callbacks)
    assert deliver_now(SentMail.objects.get().pk) == "sent"
    message = mail.outbox[0]
    html = message.alternatives[0][0]
    for body in (message.body, html):
        assert "Sluitende aanpak verward gedrag" in body
        assert "Testregio" in body
        assert "1 maart 2027" in body
        assert "Geheime beschrijving" not in body


def test_a_second_move_does_not_notify_the_same_trekker_again(
    holder_world, secretary, django_capture_on_commit_callbacks
):
    action = make_trekker(holder_world, secretary, django_capture_on_commit_callbacks)
    action.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        action_move(
            action=action,
            to_list=ActionList.VOORRAAD,
            seen_version=action.version,
            user=secretary,
        )
    action.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        action_move(
            action=action,
            to_list=ActionList.ACTIE,
            seen_version=action.version,
            user=secretary,
            **holder_world["ready"],
        )
    assert SentMail.objects.count() == 1


def test_the_new_actiehouder_gets_a_notice(
    region, holder_world, secretary, django_capture_on_commit_callbacks
):
    action = holder_world["action"]
    action.owner = holder_world["trekker"].person  # the bestuurder's person
    with django_capture_on_commit_callbacks(execute=True):
        action_save(instance=action, seen_version=action.version, user=secretary, coalition=[])
    sent = SentMail.objects.get()
    assert sent.subject == "U bent actiehouder van ‘Sluitende aanpak verward gedrag’"
    assert sent.object_key == f"action:{action.pk}:actiehouder"


def test_nothing_is_queued_inside_a_transaction_that_fails(
    holder_world, secretary, django_capture_on_commit_callbacks
):
    from django.db import transaction

    action = holder_world["action"]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            action_move(
                action=action,
                to_list=ActionList.ACTIE,
                seen_version=action.version,
                user=secretary,
                **holder_world["ready"],
            )
            raise RuntimeError("rolled back")
    assert callbacks == []
    assert not SentMail.objects.exists()


def test_a_user_without_an_address_gets_nothing(
    holder_world, secretary, django_capture_on_commit_callbacks
):
    user = holder_world["user"]
    user.email = ""
    user.save(update_fields=["email"])
    make_trekker(holder_world, secretary, django_capture_on_commit_callbacks)
    assert not SentMail.objects.exists()


def test_a_user_who_chose_niet_gets_nothing(
    holder_world, secretary, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(
        user=holder_world["user"], kind=MailKind.TREKKER, mode=DeliveryMode.NIET
    )
    make_trekker(holder_world, secretary, django_capture_on_commit_callbacks)
    assert not SentMail.objects.exists()


def test_a_recipient_who_cannot_see_the_action_gets_nothing(
    holder_world, secretary, outsider, django_capture_on_commit_callbacks
):
    person = holder_world["trekker"].person
    person.user = outsider  # linked by mistake to an account without a role in this region
    person.save(update_fields=["user"])
    make_trekker(holder_world, secretary, django_capture_on_commit_callbacks)
    assert not SentMail.objects.exists()


def test_an_inactive_user_gets_nothing(holder_world, secretary, django_capture_on_commit_callbacks):
    user = holder_world["user"]
    user.is_active = False
    user.save(update_fields=["is_active"])
    make_trekker(holder_world, secretary, django_capture_on_commit_callbacks)
    assert not SentMail.objects.exists()


def test_a_failing_receiver_does_not_undo_the_save_nor_stop_the_mail(
    holder_world, secretary, django_capture_on_commit_callbacks, caplog
):
    from governance.signals import action_holder_changed

    def broken(sender, **kwargs):
        raise ValueError("kapot")

    action_holder_changed.connect(broken, dispatch_uid="test.broken")
    try:
        action = make_trekker(holder_world, secretary, django_capture_on_commit_callbacks)
    finally:
        action_holder_changed.disconnect(dispatch_uid="test.broken")
    action.refresh_from_db()
    assert action.list == ActionList.ACTIE
    assert SentMail.objects.count() == 1
    assert "action_holder_changed failed" in caplog.text

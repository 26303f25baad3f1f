"""The bestuurder's meeting preparation and the overview of their next meetings."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from governance import constants as c
from governance.models import ActionUpdate, Knelpunt, Theme
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    BodyFactory,
    DocumentFactory,
    KnelpuntFactory,
    MandateFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    RelationFactory,
    trekker_membership,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def themes(db):
    return (
        Theme.objects.create(name="Testthema A"),
        Theme.objects.create(name="Testthema B"),
    )


@pytest.fixture
def setting(region, bestuurder, themes):
    """A Stamtafel the bestuurder sits on, its next meeting and the one before."""
    body = BodyFactory(region=region, name="Stamtafel")
    body.themes.add(themes[0])
    person = PersonFactory(region=region, user=bestuurder, name="Wethouder Eigen")
    seat = MembershipFactory(body=body, person=person)
    other_seat = trekker_membership(region, body=body, person__name="Burgemeester Ander")
    previous = MeetingFactory(
        body=body, starts_at=timezone.now() - timedelta(days=20), status=c.MeetingStatus.GEHOUDEN
    )
    meeting = MeetingFactory(body=body, starts_at=timezone.now() + timedelta(days=10))
    return {
        "body": body,
        "seat": seat,
        "other_seat": other_seat,
        "meeting": meeting,
        "previous": previous,
    }


def url(region, meeting):
    return reverse("meeting_preparation", kwargs={"region": region.slug, "pk": meeting.pk})


def test_preparation_page_shows_the_agenda(client, region, bestuurder, setting):
    action = ActionFactory(region=region, title="Actie op de agenda")
    item = AgendaItemFactory(
        meeting=setting["meeting"], title="Werkagenda bespreken", kind=c.AgendaItemKind.BESLUITEN
    )
    item.action = action
    item.save()
    DocumentFactory(agenda_item=item)
    DocumentFactory(agenda_item=item)
    client.force_login(bestuurder)
    response = client.get(url(region, setting["meeting"]))
    assert response.status_code == 200
    [row] = response.context["items"]
    assert row.document_count == 2
    text = response.content.decode()
    assert "Werkagenda bespreken" in text and "Besluiten" in text
    assert "Actie op de agenda" in text and "Voorraad" in text


def test_own_trekker_actions_are_listed_as_yours_and_others_separately(
    client, region, bestuurder, setting
):
    mine = ActionFactory(
        region=region,
        title="Mijn actie",
        list=c.ActionList.ACTIE,
        trekker=setting["seat"],
        owning_body=setting["body"],
        due_date=timezone.localdate() - timedelta(days=1),
        created_on=timezone.localdate() - timedelta(days=200),
    )
    theirs = ActionFactory(
        region=region,
        title="Actie van een ander",
        list=c.ActionList.ACTIE,
        trekker=setting["other_seat"],
        owning_body=setting["body"],
    )
    owned_by_body = ActionFactory(
        region=region, title="Actie van de tafel", owning_body=setting["body"]
    )
    done = ActionFactory(
        region=region, title="Klaar", list=c.ActionList.GEREED, trekker=setting["seat"]
    )
    elsewhere = ActionFactory(
        region=region, title="Andere tafel", owning_body=BodyFactory(region=region)
    )
    client.force_login(bestuurder)
    response = client.get(url(region, setting["meeting"]))
    assert [a.pk for a in response.context["my_actions"]] == [mine.pk]
    [own] = response.context["my_actions"]
    assert own.overdue and own.stale
    assert own.last_update_on == timezone.localdate() - timedelta(days=200)
    body_ids = {a.pk for a in response.context["body_actions"]}
    assert body_ids == {theirs.pk, owned_by_body.pk}
    assert done.pk not in body_ids and elsewhere.pk not in body_ids
    text = response.content.decode()
    mine_section = text.split('id="uw-acties"')[1].split("</section>")[0]
    assert "Mijn actie" in mine_section
    assert "Actie van een ander" not in mine_section
    assert "termijn verstreken" in mine_section


def test_secretary_without_person_sees_body_actions_and_an_explanation(
    client, region, secretary, setting
):
    ActionFactory(region=region, title="Actie van een ander", trekker=setting["other_seat"])
    client.force_login(secretary)
    response = client.get(url(region, setting["meeting"]))
    assert response.context["my_actions"] == []
    assert [a.title for a in response.context["body_actions"]] == ["Actie van een ander"]
    assert "account in Z+V Portaal" in response.content.decode()


def test_knelpunten_of_the_body_themes_only(
    client, region, other_region, bestuurder, setting, themes
):
    KnelpuntFactory(region=region, theme=themes[0], title="Open bij thema A")
    KnelpuntFactory(
        region=region, theme=themes[0], title="Belegd bij thema A", status=c.KnelpuntStatus.BELEGD
    )
    KnelpuntFactory(
        region=region, theme=themes[0], title="Opgelost A", status=c.KnelpuntStatus.OPGELOST
    )
    KnelpuntFactory(region=region, theme=themes[1], title="Open bij thema B")
    KnelpuntFactory(region=other_region, theme=themes[0], title="Andere regio A")
    client.force_login(bestuurder)
    response = client.get(url(region, setting["meeting"]))
    titles = {k.title for k in response.context["knelpunten"]}
    assert titles == {"Open bij thema A", "Belegd bij thema A"}


def test_findings_about_this_body_only(client, region, bestuurder, setting):
    BodyFactory(region=region, name="Lege werkgroep")  # body_without_members, elsewhere
    client.force_login(bestuurder)
    response = client.get(url(region, setting["meeting"]))
    findings = response.context["findings"]
    assert findings
    assert all(f.concerns(setting["body"].pk) for f in findings)
    assert any(f.check == "no_chair_or_secretary" for f in findings)
    section = response.content.decode().split('id="controles"')[1].split("</section>")[0]
    assert "Stamtafel heeft geen voorzitter" in section
    assert "Lege werkgroep" not in section


def test_changes_since_the_previous_meeting(client, region, other_region, bestuurder, setting):
    before = KnelpuntFactory(region=region, title="Van vóór de vorige vergadering")
    Knelpunt.history.filter(id=before.pk).update(
        history_date=setting["previous"].starts_at - timedelta(days=1)
    )
    KnelpuntFactory(region=region, title="Nieuw knelpunt")
    action = ActionFactory(region=region, title="Verplaatste actie")
    ActionUpdate.objects.create(
        action=action,
        kind=c.ActionUpdateKind.VERPLAATSING,
        from_list=c.ActionList.VOORRAAD,
        to_list=c.ActionList.ACTIE,
        author=bestuurder,
    )
    KnelpuntFactory(region=other_region, title="Knelpunt elders")
    client.force_login(bestuurder)
    response = client.get(url(region, setting["meeting"]))
    assert response.context["previous"] == setting["previous"]
    labels = [f"{c.object_label} {c.what}" for c in response.context["changes"]]
    assert "knelpunt ‘Nieuw knelpunt’ toegevoegd" in labels
    assert "actie ‘Verplaatste actie’ verplaatst van voorraad naar actie" in labels
    assert not any("Van vóór" in label for label in labels)
    assert not any("elders" in label for label in labels)
    whens = [c.when for c in response.context["changes"]]
    assert whens == sorted(whens, reverse=True)
    assert response.context["changes_total"] == len(labels)


def test_changes_are_capped_with_the_total(client, region, bestuurder, setting):
    for _ in range(30):
        KnelpuntFactory(region=region)
        ActionFactory(region=region)
    client.force_login(bestuurder)
    response = client.get(url(region, setting["meeting"]))
    assert len(response.context["changes"]) == 50
    assert response.context["changes_total"] > 60
    assert "De nieuwste 50 van" in response.content.decode()


def test_without_previous_meeting_the_last_three_months(client, region, bestuurder):
    body = BodyFactory(region=region)
    meeting = MeetingFactory(body=body)
    client.force_login(bestuurder)
    response = client.get(url(region, meeting))
    assert response.context["previous"] is None
    assert timezone.now() - response.context["since"] > timedelta(days=85)
    assert "drie maanden" in response.content.decode()


def test_cancelled_previous_meeting_does_not_count(client, region, bestuurder, setting):
    cancelled = MeetingFactory(
        body=setting["body"],
        starts_at=timezone.now() - timedelta(days=5),
        status=c.MeetingStatus.GEANNULEERD,
    )
    client.force_login(bestuurder)
    response = client.get(url(region, setting["meeting"]))
    assert response.context["previous"] == setting["previous"] != cancelled


def test_meeting_of_another_region_is_404(client, region, other_region, bestuurder, setting):
    foreign = MeetingFactory(body=BodyFactory(region=other_region))
    client.force_login(bestuurder)
    assert client.get(url(region, foreign)).status_code == 404
    assert client.get(url(other_region, foreign)).status_code == 404
    assert client.post(url(region, setting["meeting"])).status_code == 405


def test_documents_count_hidden_from_national_readers(client, vng_advisor, region, setting):
    client.force_login(vng_advisor)
    response = client.get(url(region, setting["meeting"]))
    assert response.status_code == 200
    assert response.context["can_view_documents"] is False
    assert "Stukken" not in response.content.decode()


# overview ---------------------------------------------------------------------------------------


def test_overview_lists_next_meeting_per_body(client, region, bestuurder, setting):
    AgendaItemFactory(meeting=setting["meeting"])
    later = MeetingFactory(body=setting["body"], starts_at=timezone.now() + timedelta(days=40))
    idle = BodyFactory(region=region, name="Tafel zonder vergadering")
    MembershipFactory(body=idle, person=setting["seat"].person)
    ActionFactory(region=region, list=c.ActionList.ACTIE, trekker=setting["seat"])
    client.force_login(bestuurder)
    response = client.get(reverse("preparation"))
    assert response.status_code == 200
    rows = {r["body"].name: r for r in response.context["rows"]}
    assert rows["Stamtafel"]["meeting"] == setting["meeting"] != later
    assert rows["Stamtafel"]["meeting"].item_count == 1
    assert rows["Stamtafel"]["trekker_actions"] == 1
    assert rows["Tafel zonder vergadering"]["meeting"] is None
    text = response.content.decode()
    assert url(region, setting["meeting"]) in text
    assert "Geen volgende vergadering gepland" in text
    assert response.context["region_meetings"] is None


def test_overview_explains_a_missing_person_link(client, participant):
    client.force_login(participant)
    response = client.get(reverse("preparation"))
    assert response.context["has_person"] is False
    text = response.content.decode()
    assert "netwerksecretaris" in text and "account in Z+V Portaal" in text


def test_overview_for_the_secretary_lists_the_region_meetings(
    client, region, other_region, secretary, setting
):
    MeetingFactory(body=BodyFactory(region=other_region, name="Vreemde tafel"))
    client.force_login(secretary)
    response = client.get(reverse("preparation"))
    meetings = response.context["region_meetings"]
    assert [m.pk for m in meetings] == [setting["meeting"].pk]
    assert "Vreemde tafel" not in response.content.decode()


def test_every_kind_of_change_is_named(region, bestuurder, setting):
    """One change of every kind the page lists, each with the names its label needs."""
    from dashboard.selectors.changes import region_changes_since

    since = timezone.now() - timedelta(minutes=1)
    bestuurder.first_name, bestuurder.last_name = "Wil", "Wijzig"
    bestuurder.save()
    body = BodyFactory.build(region=region, name="Nieuwe werkgroep")
    body._history_user = bestuurder
    body.save()
    MembershipFactory(body=body, person=PersonFactory(region=region, name="Lid Lidmaat"))
    MandateFactory(body=body, subject="Toezicht op de aanpak")
    RelationFactory(source=body, target=setting["body"], kind=c.RelationKind.ADVISEERT)
    MeetingFactory(body=body, title="", starts_at=timezone.now() + timedelta(days=3))
    action = ActionFactory(region=region, title="Bijgewerkte actie")
    ActionUpdate.objects.create(
        action=action, kind=c.ActionUpdateKind.VOORTGANG, text="Gesproken", author=bestuurder
    )
    changes, total = region_changes_since(region, since)
    lines = {f"{ch.object_label} {ch.what} ({ch.who})" for ch in changes}
    day = (timezone.localtime(timezone.now() + timedelta(days=3))).strftime("%d-%m-%Y")
    relation = dict(c.RelationKind.choices)[c.RelationKind.ADVISEERT]
    assert {
        "gremium ‘Nieuwe werkgroep’ toegevoegd (Wil Wijzig)",
        "lidmaatschap ‘Lid Lidmaat’ (Nieuwe werkgroep) toegevoegd (—)",
        "mandaat ‘Toezicht op de aanpak’ (Nieuwe werkgroep) toegevoegd (—)",
        f"relatie ‘Nieuwe werkgroep {relation} Stamtafel’ toegevoegd (—)",
        f"vergadering ‘Nieuwe werkgroep’ van {day} toegevoegd (—)",
        "actie ‘Bijgewerkte actie’ toegevoegd (—)",
        "actie ‘Bijgewerkte actie’ voortgang gemeld (Wil Wijzig)",
    } <= lines
    assert total == len(changes)


def test_kept_changes_follow_every_write_and_a_note_reads_only_the_action_log(
    region, bestuurder, setting, django_assert_max_num_queries
):
    """The history part of the changes is kept under the region's stamps but voortgang
    (issue 22): asked again it reads the stamps and the action log; a note shows at once; a
    change to the register or a user's name gives the history anew."""
    from dashboard.selectors.changes import region_changes_since

    def lines():
        changes, total = region_changes_since(region, since)
        assert total == len(changes)
        return {f"{ch.object_label} {ch.what} ({ch.who})" for ch in changes}

    since = timezone.now() - timedelta(minutes=1)
    bestuurder.first_name, bestuurder.last_name = "Wil", "Wijzig"
    bestuurder.save()
    who = "Wil Wijzig"
    action = ActionFactory(region=region, title="Gevolgde actie")
    first = lines()
    assert "actie ‘Gevolgde actie’ toegevoegd (—)" in first
    ActionUpdate.objects.create(
        action=action, kind=c.ActionUpdateKind.VOORTGANG, text="Gesproken", author=bestuurder
    )
    with django_assert_max_num_queries(2):  # the stamps and the action log
        after_note = lines()
    assert after_note - first == {f"actie ‘Gevolgde actie’ voortgang gemeld ({who})"}
    body = BodyFactory.build(region=region, name="Later gremium")
    body._history_user = bestuurder
    body.save()
    assert f"gremium ‘Later gremium’ toegevoegd ({who})" in lines()
    bestuurder.first_name, bestuurder.last_name = "Nieuwe", "Naam"
    bestuurder.save()
    assert "gremium ‘Later gremium’ toegevoegd (Nieuwe Naam)" in lines()


def test_a_progress_note_from_an_imported_file_names_its_author(region):
    """An imported log entry has no account here, only the name the file gave."""
    from dashboard.selectors.changes import region_changes_since

    since = timezone.now() - timedelta(minutes=1)
    action = ActionFactory(region=region, title="Ingelezen actie")
    ActionUpdate.objects.create(
        action=action,
        kind=c.ActionUpdateKind.VOORTGANG,
        text="Uit het bestand",
        author_name="Anne Elders",
    )
    changes, _total = region_changes_since(region, since)
    assert "actie ‘Ingelezen actie’ voortgang gemeld (Anne Elders)" in {
        f"{ch.object_label} {ch.what} ({ch.who})" for ch in changes
    }

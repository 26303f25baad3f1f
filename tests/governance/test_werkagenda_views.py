"""The werkagenda pages: the board, moves, progress by the action's holder, the table and its
CSV, knelpunten; wrong users and other regions' ids."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.constants import ActionList, ActionUpdateKind, ClosedReason, KnelpuntStatus
from governance.models import Action, ActionUpdate, Knelpunt, Theme
from governance.selectors.werkagenda import trekker_label
from governance.services.werkagenda import action_move
from tests.factories import (
    ActionFactory,
    KnelpuntFactory,
    OrganisationFactory,
    PersonFactory,
    trekker_membership,
)

pytestmark = pytest.mark.django_db


def url(name, region, **kwargs):
    return reverse(f"governance:{name}", kwargs={"region": region.slug, **kwargs})


def put_in_actie(action, user, **overrides):
    trekker = trekker_membership(action.region)
    kwargs = {
        "trekker": trekker,
        "owning_body": trekker.body,
        "coalition": [OrganisationFactory(region=action.region)],
    }
    kwargs.update(overrides)
    return action_move(
        action=action, to_list=ActionList.ACTIE, seen_version=action.version, user=user, **kwargs
    )


@pytest.fixture
def three_lists(region, secretary):
    today = timezone.localdate()
    voorraad = ActionFactory(region=region, title="Nog te wegen")
    weighed = ActionFactory(
        region=region, title="Zwaar gewogen", importance=3, feasibility=3, impact=2
    )
    actie = put_in_actie(
        ActionFactory(region=region, title="Lopende actie", due_date=today - timedelta(days=3)),
        secretary,
    )
    gereed = ActionFactory(region=region, title="Klaar")
    action_move(
        action=gereed,
        to_list=ActionList.GEREED,
        seen_version=gereed.version,
        user=secretary,
        closed_reason=ClosedReason.AFGEROND,
    )
    # Stale: created long ago and never updated.
    stale = ActionFactory(region=region, title="Stil gevallen")
    Action.objects.filter(pk=stale.pk).update(created_on=today - timedelta(days=200))
    return {
        "voorraad": voorraad,
        "weighed": weighed,
        "actie": actie,
        "gereed": gereed,
        "stale": stale,
    }


def test_board_shows_three_lists_with_flags(client, bestuurder, region, three_lists):
    client.force_login(bestuurder)
    response = client.get(url("werkagenda", region))
    assert response.status_code == 200
    html = response.content.decode()
    for heading in ("Voorraad", "Actie", "Gereed"):
        assert f'<h2 id="lijst-{heading.lower()}">{heading}' in html
    voorraad, actie, gereed = (
        html.index('id="lijst-voorraad"'),
        html.index('id="lijst-actie"'),
        html.index('id="lijst-gereed"'),
    )
    # Each action in its own column; the weighed one above the unweighed.
    assert voorraad < html.index("Zwaar gewogen") < html.index("Nog te wegen") < actie
    assert actie < html.index("Lopende actie") < gereed < html.index(">Klaar<")
    assert "Termijn verstreken" in html[actie:gereed]
    assert "Niet gewogen" in html[voorraad:actie]
    assert "Geen update sinds 90 dagen" in html[voorraad:actie]
    # Readers do not get the secretary's buttons.
    assert "Verplaatsen naar" not in html and "Actie toevoegen" not in html


def test_board_offers_moves_to_the_secretary_and_filters_by_theme(
    client, secretary, region, three_lists
):
    other_theme = Theme.objects.order_by("pk")[1]
    ActionFactory(region=region, title="Ander thema", theme=other_theme)
    client.force_login(secretary)
    html = client.get(url("werkagenda", region)).content.decode()
    move_url = url("action_move", region, pk=three_lists["voorraad"].pk)
    assert f'href="{move_url}?naar=actie"' in html and "Actie toevoegen" in html
    filtered = client.get(url("werkagenda", region), {"thema": other_theme.pk}).content.decode()
    assert "Ander thema" in filtered and "Lopende actie" not in filtered


def test_move_without_trekker_is_refused_then_accepted_with_one(client, secretary, region):
    action = ActionFactory(region=region)
    partner = OrganisationFactory(region=region)
    trekker = trekker_membership(region)
    client.force_login(secretary)
    move_url = url("action_move", region, pk=action.pk)
    page = client.get(move_url, {"naar": "actie"})
    assert page.status_code == 200
    assert "van de voorraadlijst naar de actielijst" in page.content.decode()
    data = {
        "naar": "actie",
        "seen_version": action.version,
        "owning_body": trekker.body.pk,
        "coalition": [partner.pk],
        "note": "",
    }
    refused = client.post(move_url, data)
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "Een actie op de actielijst heeft een bestuurlijk trekker nodig." in html
    assert 'id="id_trekker-fout"' in html
    assert Action.objects.get(pk=action.pk).list == ActionList.VOORRAAD

    accepted = client.post(move_url, {**data, "trekker": trekker.pk})
    assert accepted.status_code == 302 and accepted["Location"] == action.get_absolute_url()
    stored = Action.objects.get(pk=action.pk)
    assert stored.list == ActionList.ACTIE and stored.trekker == trekker
    assert ActionUpdate.objects.get(action=action, kind=ActionUpdateKind.VERPLAATSING).author == (
        secretary
    )


def test_move_to_gereed_needs_a_reason_on_the_form(client, secretary, region):
    action = ActionFactory(region=region)
    client.force_login(secretary)
    response = client.post(
        url("action_move", region, pk=action.pk),
        {"naar": "gereed", "seen_version": action.version},
    )
    assert response.status_code == 400
    assert "Kies waarom de actie gereed is" in response.content.decode()
    assert Action.objects.get(pk=action.pk).list == ActionList.VOORRAAD


def test_stale_move_shows_what_changed(client, secretary, region):
    action = ActionFactory(region=region)
    Action.objects.filter(pk=action.pk).update(version=2)
    client.force_login(secretary)
    response = client.post(
        url("action_move", region, pk=action.pk),
        {"naar": "gereed", "seen_version": 1, "closed_reason": "vervallen"},
    )
    assert response.status_code == 400
    assert "Niet opgeslagen" in response.content.decode()
    assert Action.objects.get(pk=action.pk).list == ActionList.VOORRAAD


def test_move_without_a_valid_target_offers_the_other_lists(client, secretary, region):
    action = ActionFactory(region=region)
    client.force_login(secretary)
    move_url = url("action_move", region, pk=action.pk)
    for query in ({}, {"naar": "voorraad"}, {"naar": "elders"}):
        html = client.get(move_url, query).content.decode()
        assert "?naar=actie" in html and "?naar=gereed" in html and "?naar=voorraad" not in html
    assert client.post(move_url, {"naar": "elders"}).status_code == 400


def test_participant_who_owns_the_action_posts_progress(client, participant, region):
    owner = PersonFactory(region=region, user=participant)
    action = ActionFactory(region=region, owner=owner)
    client.force_login(participant)
    page = client.get(action.get_absolute_url())
    assert "Voortgang vastleggen" in page.content.decode()
    response = client.post(
        url("action_progress", region, pk=action.pk),
        {"seen_version": action.version, "text": "Gesprek met de GGD gevoerd", "due_date": ""},
    )
    assert response.status_code == 302 and response["Location"] == action.get_absolute_url()
    update = ActionUpdate.objects.get(action=action, kind=ActionUpdateKind.VOORTGANG)
    assert update.text == "Gesprek met de GGD gevoerd" and update.author == participant


def test_participant_cannot_post_progress_on_someone_elses_action(client, participant, region):
    PersonFactory(region=region, user=participant)
    action = ActionFactory(region=region, owner=PersonFactory(region=region))
    client.force_login(participant)
    response = client.post(
        url("action_progress", region, pk=action.pk),
        {"seen_version": action.version, "text": "Niet mijn actie"},
    )
    assert response.status_code == 403
    assert not ActionUpdate.objects.filter(action=action).exists()
    assert "Voortgang vastleggen" not in client.get(action.get_absolute_url()).content.decode()


def test_empty_progress_is_refused_next_to_the_field(client, secretary, region):
    action = ActionFactory(region=region)
    client.force_login(secretary)
    response = client.post(
        url("action_progress", region, pk=action.pk), {"seen_version": action.version}
    )
    assert response.status_code == 400
    assert 'id="id_text-fout"' in response.content.decode()


def test_csv_export(client, bestuurder, region, three_lists):
    Action.objects.filter(pk=three_lists["voorraad"].pk).update(title="=HYPERLINK(1)")
    client.force_login(bestuurder)
    response = client.get(url("werkagenda_csv", region))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    today = timezone.localdate()
    assert f"werkagenda-{region.slug}-{today:%Y-%m-%d}.csv" in response["Content-Disposition"]
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.removeprefix("\ufeff")), delimiter=";"))
    assert rows[0][:3] == ["Titel", "Lijst", "Op deze lijst sinds"]
    by_title = {row[0]: row for row in rows[1:]}
    assert len(by_title) == 5
    assert "'=HYPERLINK(1)" in by_title and "=HYPERLINK(1)" not in by_title
    lopend = by_title["Lopende actie"]
    assert lopend[1] == "Actie" and lopend[2] == today.strftime("%d-%m-%Y")
    assert "Termijn verstreken" in lopend


def test_csv_uses_the_table_filters(client, bestuurder, region, three_lists):
    client.force_login(bestuurder)
    body = client.get(url("werkagenda_csv", region), {"lijst": "gereed"}).content.decode()
    assert "Klaar" in body and "Lopende actie" not in body


def test_table_filters_on_theme_and_overdue(client, bestuurder, region, three_lists):
    other_theme = Theme.objects.order_by("pk")[1]
    ActionFactory(region=region, title="Ander thema", theme=other_theme)
    client.force_login(bestuurder)
    table = url("action_table", region)
    html = client.get(table).content.decode()
    assert "Ander thema" in html and "Lopende actie" in html and "Klaar" in html
    overdue = client.get(table, {"achterstallig": "1"}).content.decode()
    assert "Lopende actie" in overdue
    assert "Ander thema" not in overdue and "Nog te wegen" not in overdue
    themed = client.get(table, {"thema": other_theme.pk}).content.decode()
    assert "Ander thema" in themed and "Lopende actie" not in themed
    stale = client.get(table, {"stil": "1"}).content.decode()
    assert "Stil gevallen" in stale and "Lopende actie" not in stale


def test_table_ignores_an_invalid_filter_value(client, bestuurder, region, three_lists):
    client.force_login(bestuurder)
    response = client.get(url("action_table", region), {"thema": "x", "lijst": "gereed"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Klaar" in html and "Lopende actie" not in html  # the valid filter still applies
    assert 'class="field-error"' in html


def test_secretary_adds_an_action_directly_on_actie_only_with_a_trekker(client, secretary, region):
    trekker = trekker_membership(region)
    partner = OrganisationFactory(region=region)
    knelpunt = KnelpuntFactory(region=region)
    client.force_login(secretary)
    data = {
        "title": "Regionaal vervoer verward gedrag",
        "description": "",
        "theme": knelpunt.theme.pk,
        "list": "actie",
        "importance": "3",
        "feasibility": "2",
        "impact": "",
        "owning_body": trekker.body.pk,
        "coalition": [partner.pk],
        "knelpunten": [knelpunt.pk],
        "due_date": "2030-01-31",
        "origin": "knelpunt",
        "origin_note": "",
    }
    refused = client.post(url("action_add", region), data)
    assert refused.status_code == 400
    assert "heeft een bestuurlijk trekker nodig" in refused.content.decode()
    assert not Action.objects.exists()

    saved = client.post(url("action_add", region), {**data, "trekker": trekker.pk})
    action = Action.objects.get()
    assert saved.status_code == 302 and saved["Location"] == action.get_absolute_url()
    assert action.list == ActionList.ACTIE and list(action.knelpunten.all()) == [knelpunt]
    page = client.get(action.get_absolute_url()).content.decode()
    assert knelpunt.title in page and partner.name in page and "Aangemaakt" in page


def test_edit_form_has_no_list_field(client, secretary, region):
    action = ActionFactory(region=region)
    client.force_login(secretary)
    html = client.get(url("action_edit", region, pk=action.pk)).content.decode()
    assert 'name="list"' not in html and 'name="title"' in html
    response = client.post(
        url("action_edit", region, pk=action.pk),
        {"title": "Nieuwe titel", "seen_version": action.version, "list": "gereed"},
    )
    assert response.status_code == 302
    stored = Action.objects.get(pk=action.pk)
    assert stored.title == "Nieuwe titel" and stored.list == ActionList.VOORRAAD


def test_action_page_shows_updates_and_history(client, bestuurder, secretary, region):
    action = put_in_actie(ActionFactory(region=region, title="Met logboek"), secretary)
    client.force_login(bestuurder)
    html = client.get(action.get_absolute_url()).content.decode()
    assert "Voorraad → Actie" in html and "Verplaatsing" in html
    assert "Historie" in html and "gewijzigd actie ‘Met logboek’" in html
    # Related fields in the history are named, not shown as ids.
    assert f"‘—’ → ‘{trekker_label(action.trekker)}’" in html
    assert "Wijzigen" not in html and "Voortgang vastleggen" not in html


def test_action_page_names_an_imported_author_by_text(client, bestuurder, region):
    """A log entry from a region file has no account of this portal, only the author's name."""
    action = ActionFactory(region=region)
    ActionUpdate.objects.create(action=action, text="Uit het bestand", author_name="Anne Elders")
    ActionUpdate.objects.create(action=action, text="Zonder naam")
    client.force_login(bestuurder)
    html = client.get(action.get_absolute_url()).content.decode()
    assert "<td>Anne Elders</td>" in html and "<td>—</td>" in html


def test_secretary_creates_and_edits_a_knelpunt(client, secretary, region):
    client.force_login(secretary)
    theme = Theme.objects.order_by("pk").first()
    data = {
        "theme": theme.pk,
        "title": "Geen passende woonplek na detentie",
        "description": "",
        "source": "partner",
        "source_note": "Reclassering",
        "status": "open",
        "signalled_on": "2025-03-01",
    }
    response = client.post(url("knelpunt_add", region), data)
    knelpunt = Knelpunt.objects.get(region=region)
    assert response.status_code == 302
    assert knelpunt.title == data["title"] and knelpunt.version == 1
    listing = client.get(url("knelpunt_list", region)).content.decode()
    assert data["title"] in listing and f'<h2 id="thema-{theme.pk}">{theme.name}' in listing

    edit = url("knelpunt_edit", region, obj=knelpunt.pk)
    response = client.post(
        edit, {**data, "status": KnelpuntStatus.BELEGD, "seen_version": knelpunt.version}
    )
    assert response.status_code == 302
    knelpunt.refresh_from_db()
    assert knelpunt.status == KnelpuntStatus.BELEGD and knelpunt.version == 2
    bad = client.post(edit, {**data, "title": "", "seen_version": knelpunt.version})
    assert bad.status_code == 400 and 'id="id_title-fout"' in bad.content.decode()


def test_knelpunt_list_filters_on_status_and_links_actions(client, bestuurder, secretary, region):
    open_one = KnelpuntFactory(region=region, title="Open knelpunt")
    KnelpuntFactory(region=region, title="Opgelost knelpunt", status=KnelpuntStatus.OPGELOST)
    action = ActionFactory(region=region, title="Antwoord op knelpunt")
    action.knelpunten.add(open_one)
    client.force_login(bestuurder)
    html = client.get(url("knelpunt_list", region), {"status": "open"}).content.decode()
    assert "Open knelpunt" in html and "Opgelost knelpunt" not in html
    assert action.get_absolute_url() in html and "1 actie:" in html
    assert "Knelpunt toevoegen" not in html


def test_other_regions_action_is_404(client, secretary, region, other_region):
    foreign = ActionFactory(region=other_region)
    foreign_knelpunt = KnelpuntFactory(region=other_region)
    client.force_login(secretary)
    for name in ("action", "action_edit", "action_move", "action_progress"):
        assert client.get(url(name, region, pk=foreign.pk)).status_code == 404, name
    assert client.post(url("action_progress", region, pk=foreign.pk), {}).status_code == 404
    assert client.get(url("knelpunt_edit", region, obj=foreign_knelpunt.pk)).status_code == 404


def test_form_refuses_objects_of_another_region(client, secretary, region, other_region):
    foreign_trekker = trekker_membership(other_region)
    action = ActionFactory(region=region)
    client.force_login(secretary)
    response = client.post(
        url("action_move", region, pk=action.pk),
        {
            "naar": "actie",
            "seen_version": action.version,
            "trekker": foreign_trekker.pk,
            "owning_body": foreign_trekker.body.pk,
        },
    )
    assert response.status_code == 400
    assert Action.objects.get(pk=action.pk).list == ActionList.VOORRAAD

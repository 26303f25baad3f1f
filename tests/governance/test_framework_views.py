"""Frameworks (kaders): the secretary records them once per region, bodies choose one, the
region page names the formal decision line."""

import pytest
from django.db.models import RestrictedError
from django.urls import reverse

from governance.constants import BodyStatus, FrameworkKind
from governance.models import Body, Framework
from tests.factories import BodyFactory, FrameworkFactory
from tests.governance.test_register_views import body_payload

pytestmark = pytest.mark.django_db


def _url(name, region, **kwargs):
    return reverse(f"governance:{name}", kwargs={"region": region.slug, **kwargs})


def _payload(**overrides):
    data = {
        "name": "GR Veiligheidsregio",
        "kind": FrameworkKind.GR,
        "source_document": "Gemeenschappelijke regeling 2019",
        "description": "",
    }
    data.update(overrides)
    return data


def test_secretary_adds_and_changes_a_framework_with_history(client, secretary, region):
    client.force_login(secretary)
    response = client.post(_url("framework_add", region), _payload())
    assert response.status_code == 302 and response["Location"] == _url("framework_list", region)
    framework = Framework.objects.get(region=region)
    assert framework.kind == "gemeenschappelijke_regeling" and framework.version == 1
    assert framework.history.first().history_user == secretary

    response = client.post(
        _url("framework_edit", region, obj=framework.pk),
        _payload(name="GR VNOG", seen_version="1"),
    )
    assert response.status_code == 302
    framework.refresh_from_db()
    assert framework.name == "GR VNOG" and framework.version == 2
    assert framework.history.count() == 2
    page = client.get(_url("framework_list", region)).content.decode()
    assert "GR VNOG" in page and "Gemeenschappelijke regeling" in page


def test_stale_edit_is_refused_and_shows_what_changed(client, secretary, region):
    framework = FrameworkFactory(region=region, name="Convenant ZVH")
    framework.name = "Convenant Zorg- en Veiligheidshuis"
    framework.version = 2
    framework.save()
    client.force_login(secretary)
    response = client.post(
        _url("framework_edit", region, obj=framework.pk),
        _payload(name="Iets anders", kind="convenant", seen_version="1"),
    )
    assert response.status_code == 400
    framework.refresh_from_db()
    assert framework.name == "Convenant Zorg- en Veiligheidshuis"
    assert "Het formulier is niet opgeslagen" in response.content.decode()


def test_bad_input_is_refused_next_to_the_field(client, secretary, region, other_region):
    FrameworkFactory(region=region, name="GR Veiligheidsregio")
    FrameworkFactory(region=other_region, name="Netwerk")  # another region: a free name here
    client.force_login(secretary)
    response = client.post(_url("framework_add", region), _payload(name="gr veiligheidsregio"))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_name-fout"' in html and "al een kader met deze naam" in html
    response = client.post(_url("framework_add", region), _payload(kind="handdruk"))
    assert response.status_code == 400 and 'id="id_kind-fout"' in response.content.decode()
    assert Framework.objects.filter(region=region).count() == 1
    response = client.post(_url("framework_add", region), _payload(name="Netwerk"))
    assert response.status_code == 302


def test_delete_is_refused_while_bodies_stand_in_it(client, secretary, region):
    framework = FrameworkFactory(region=region, name="Convenant ZVH")
    body = BodyFactory(region=region, name="Stuurgroep ZVH", framework=framework)
    client.force_login(secretary)
    page = client.get(_url("framework_delete", region, obj=framework.pk)).content.decode()
    assert "kan niet worden verwijderd" in page and "Stuurgroep ZVH" in page
    assert "Kader verwijderen</button>" not in page

    response = client.post(_url("framework_delete", region, obj=framework.pk))
    assert response.status_code == 400
    assert "want er staan nog gremia in: Stuurgroep ZVH" in response.content.decode()
    assert Framework.objects.filter(pk=framework.pk).exists()

    body.framework = None
    body.save()
    response = client.post(_url("framework_delete", region, obj=framework.pk))
    assert response.status_code == 302
    assert not Framework.objects.filter(pk=framework.pk).exists()
    assert Framework.history.filter(id=framework.pk, history_type="-").get().history_user == (
        secretary
    )


def test_framework_of_another_region_is_404(client, secretary, region, other_region):
    foreign = FrameworkFactory(region=other_region)
    client.force_login(secretary)
    for name in ("framework_edit", "framework_delete"):
        assert client.get(_url(name, region, obj=foreign.pk)).status_code == 404
    assert client.post(_url("framework_delete", region, obj=foreign.pk)).status_code == 404
    assert Framework.objects.filter(pk=foreign.pk).exists()


def test_the_body_form_offers_only_the_regions_frameworks(client, secretary, region, other_region):
    own = FrameworkFactory(region=region, name="GR Eigen")
    foreign = FrameworkFactory(region=other_region, name="GR Vreemd")
    client.force_login(secretary)
    form = client.get(_url("body_add", region)).content.decode()
    assert "GR Eigen" in form and "GR Vreemd" not in form and "Geen kader" in form

    for bad in (str(foreign.pk), "abc", "1e9", "-1"):
        response = client.post(_url("body_add", region), body_payload(framework=bad))
        assert response.status_code == 400, bad
        html = response.content.decode()
        assert 'id="id_framework-fout"' in html and "geldige keuze" in html
    assert not Body.objects.exists()

    response = client.post(_url("body_add", region), body_payload(framework=str(own.pk)))
    assert response.status_code == 302
    body = Body.objects.get(region=region)
    assert body.framework == own
    page = client.get(body.get_absolute_url()).content.decode()
    assert "GR Eigen" in page


def test_region_page_names_the_formal_decision_lines(client, bestuurder, region):
    gr = FrameworkFactory(region=region, name="GR Noord", kind=FrameworkKind.GR)
    BodyFactory(region=region, name="Algemeen bestuur", framework=gr)
    BodyFactory(region=region, name="Dagelijks bestuur", framework=gr)
    BodyFactory(
        region=region,
        name="Oude commissie",
        framework=gr,
        status=BodyStatus.OPGEHEVEN,
        dissolved_on="2020-01-01",
        established_on="2010-01-01",
    )
    convenant = FrameworkFactory(region=region, name="Convenant ZVH", kind="convenant")
    BodyFactory(region=region, name="Stuurgroep ZVH", framework=convenant)
    client.force_login(bestuurder)
    html = client.get(_url("region", region)).content.decode()
    assert "<strong>GR Noord</strong> (gemeenschappelijke regeling)" in html
    line = html.split("<strong>GR Noord</strong> (gemeenschappelijke regeling)")[1]
    line = line.split("</li>")[0]
    assert "Algemeen bestuur" in line and "Dagelijks bestuur" in line
    assert "Oude commissie" not in line  # dissolved: no longer in the line
    lines = html.split('<ul class="decision-lines">')[1].split("</ul>")[0]
    assert "Stuurgroep ZVH" not in lines  # a convenant is no formal decision line
    assert "Er is geen formele besluitvormingslijn" not in html


def test_region_page_says_plainly_when_there_is_no_formal_line(client, bestuurder, region):
    FrameworkFactory(region=region, name="Netwerk", kind=FrameworkKind.INFORMEEL)
    client.force_login(bestuurder)
    html = client.get(_url("region", region)).content.decode()
    assert "Er is geen formele besluitvormingslijn vastgelegd" in html
    assert 'class="decision-lines"' not in html


def _frameworks(region, n):
    for i in range(n):
        framework = FrameworkFactory(region=region, name=f"Kader {region.slug} {i}")
        for j in range(3):
            BodyFactory(region=region, name=f"Tafel {i}-{j}", framework=framework)


@pytest.mark.parametrize("size", [2, 12])
def test_framework_list_queries_do_not_grow(
    client, secretary, region, size, django_assert_max_num_queries
):
    _frameworks(region, size)
    client.force_login(secretary)
    client.get(_url("framework_list", region))  # warm the session and caches
    with django_assert_max_num_queries(FRAMEWORK_LIST_QUERIES):
        response = client.get(_url("framework_list", region))
    assert response.status_code == 200
    assert response.content.decode().count("wijzigen<span") == size


#: Queries of the framework page, however many frameworks and bodies.
FRAMEWORK_LIST_QUERIES = 7


def test_a_framework_in_use_cannot_be_deleted_but_its_region_can(region):
    """Body.framework is RESTRICT (migration 0007): the database refuses to delete a framework
    bodies stand in, yet deleting the whole region takes its frameworks and bodies along."""
    framework = FrameworkFactory(region=region)
    BodyFactory(region=region, framework=framework)
    with pytest.raises(RestrictedError):
        framework.delete()
    region.delete()
    assert not Framework.objects.exists() and not Body.objects.exists()

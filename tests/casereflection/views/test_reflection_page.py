"""The reflection page per role, another region's reflection, and the history."""

import pytest

from casereflection.constants import ReflectionStatus
from tests.casereflection.ui_helpers import reflection, url
from tests.casereflection.views.support import form_data

pytestmark = pytest.mark.django_db


def test_reflection_page_for_the_secretary(client, secretary, region):
    r = reflection(
        region,
        status=ReflectionStatus.VOORBEREID,
        summary="De samenvatting.",
        answer_principles="Antwoord een.",
        dilemma="Het dilemma.",
        proposal="Het voorstel.",
    )
    client.force_login(secretary)
    response = client.get(url("reflection", region, pk=r.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert r.title in html
    for text in ("De samenvatting.", "Antwoord een.", "Het dilemma.", "Het voorstel."):
        assert text in html
    assert "Werken we in de praktijk volgens de leidende principes?" in html
    assert 'aria-current="step"' in html and "huidige stap" in html
    assert f"?naar={ReflectionStatus.BESPROKEN}" in html
    # open requirements of the next step, in words
    assert "Vul de datum in waarop de casus is besproken." in html
    assert "Een stap terugzetten" in html
    assert "Toelichtingen bij de persoonsgegevenscheck" in html
    assert url("reflection_history", region, pk=r.pk) in html
    assert "Conclusie vastleggen" not in html  # not yet aangeboden
    assert "zodra de reflectie is aangeboden" in html


def test_reflection_page_for_a_bestuurder(client, bestuurder, region):
    r = reflection(region, summary="De samenvatting.")
    client.force_login(bestuurder)
    html = client.get(url("reflection", region, pk=r.pk)).content.decode()
    assert "De samenvatting." in html
    assert "Een stap terugzetten" not in html
    assert "?naar=" not in html
    assert "Toelichtingen bij de persoonsgegevenscheck" not in html


def test_another_regions_reflection_is_not_found(client, secretary, other_region):
    foreign = reflection(other_region)
    client.force_login(secretary)
    region_slug = secretary.role_assignments.get().region.slug
    for name in ("reflection", "reflection_edit", "reflection_advance", "reflection_history"):
        response = client.get(
            f"/regio/{region_slug}/reflecties/{foreign.pk}/"
            + {
                "reflection": "",
                "reflection_edit": "wijzigen/",
                "reflection_advance": "status/",
                "reflection_history": "historie/",
            }[name]
        )
        assert response.status_code == 404, name


# --- history ---------------------------------------------------------------------------------


def test_history_lists_the_changes(client, secretary, region):
    r = reflection(region)
    client.force_login(secretary)
    client.post(url("reflection_edit", region, pk=r.pk), form_data(r, dilemma="Wie beslist?"))
    response = client.get(url("reflection_history", region, pk=r.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "het dilemma" in html and "Wie beslist?" in html

"""The header shows the national comparison only to those who may open it, and the region
sub-navigation links to the checklist."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "shown"),
    [("vng_advisor", True), ("staff_user", True), ("secretary", False), ("bestuurder", False)],
)
def test_comparison_link_in_header(client, request, persona, shown):
    client.force_login(request.getfixturevalue(persona))
    html = client.get(reverse("home")).content.decode()
    assert (reverse("checklist:comparison") in html) is shown


def test_region_navigation_links_to_the_checklist(client, secretary, region):
    client.force_login(secretary)
    html = client.get(reverse("governance:region", kwargs={"region": region.slug})).content.decode()
    assert reverse("checklist:overview", kwargs={"region": region.slug}) in html

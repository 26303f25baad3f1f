"""The voortgangsrapportage as a page: sections, escaping, period form, other regions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils.formats import date_format

from dashboard.reports.selectors.voortgang import SECTIONS
from tests.reports.voortgang.support import (
    ALL_MARKS,
    EARLY_STAND,
    ESCAPED_TITLE,
    PAST_STAND,
    TODAY,
    day,
    url,
)

pytestmark = pytest.mark.django_db


def test_the_page_shows_every_section_and_escapes_user_text(client, region, bestuurder, world):
    client.force_login(bestuurder)
    response = client.get(url(region))
    assert response.status_code == 200
    html = response.content.decode()
    for section in SECTIONS:
        assert f'id="{section.id}"' in html
        assert f'href="#{section.id}"' in html
        assert section.title in html
    assert "Volgens de actuele beoordelingen" in html
    assert "Convenant &lt;b&gt;gegevensdeling&lt;/b&gt; &amp; privacy" in html
    assert ESCAPED_TITLE not in html
    assert "Signalen eerder delen met de wijkteams" in html
    assert "1 van 3 gemeenten gerealiseerd of beter: Apeldoorn" in html
    assert 'class="report-figure' in html and "<svg" in html
    assert not [m for m in ALL_MARKS if m in html]


def test_the_page_for_a_past_stand_names_the_peilmoment(client, region, bestuurder, world):
    client.force_login(bestuurder)
    html = client.get(url(region, stand=PAST_STAND.isoformat())).content.decode()
    expected = f"Volgens peilmoment ‘Stamtafel voorjaar’ van {date_format(day(60), 'j F Y')}"
    assert expected in html
    html = client.get(url(region, stand=EARLY_STAND.isoformat())).content.decode()
    assert "Er is geen peilmoment vastgelegd op of vóór" in html
    assert 'class="report-table voortgang-items"' not in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"stand": (TODAY + timedelta(days=1)).isoformat()}, "niet in de toekomst"),
        (
            {"stand": day(10).isoformat(), "sinds": day(5).isoformat()},
            "De periode moet vóór de stand-per-datum beginnen.",
        ),
    ],
)
def test_bad_period_is_refused(client, region, secretary, params, message):
    client.force_login(secretary)
    response = client.get(url(region, **params))
    assert response.status_code == 400
    assert message in response.content.decode()
    pdf_response = client.get(url(region, pdf=True, **params))
    assert pdf_response.status_code == 400


def test_other_regions_do_not_get_the_report(client, region, other_secretary, world):
    client.force_login(other_secretary)
    assert client.get(url(region)).status_code == 404
    assert client.get(url(region, pdf=True)).status_code == 404

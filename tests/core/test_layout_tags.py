"""The layout's own tags (core.templatetags.portal): ``printed_at`` writes what
``{% now "j F Y, H:i" %}`` writes, ``asset`` what ``{% static %}`` gives, each looked up once."""

import pytest
from django.template import engines
from django.templatetags.static import static
from django.test import override_settings
from django.utils import timezone, translation

from core.templatetags import portal


def render(text: str) -> str:
    return engines["django"].from_string("{% load portal %}" + text).render({})


def _same_minute(first, second):
    for _ in range(3):  # a minute may turn between the two renders; it cannot turn thrice
        a, b = first(), second()
        if a == b:
            return a, b
    return a, b


@pytest.mark.parametrize("zone", ["Europe/Amsterdam", "UTC", "America/Curacao"])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_printed_at_writes_what_the_now_tag_writes(zone, language):
    with timezone.override(zone), translation.override(language):
        ours, django = _same_minute(
            lambda: render("{% printed_at %}"), lambda: render('{% now "j F Y, H:i" %}')
        )
    assert ours == django


def test_printed_at_follows_the_time_zone_and_the_language():
    with translation.override("nl"):
        with timezone.override("Europe/Amsterdam"):
            amsterdam = render("{% printed_at %}")
        with timezone.override("Asia/Tokyo"):
            tokyo = render("{% printed_at %}")
    assert amsterdam != tokyo  # eight hours apart
    with timezone.override("UTC"):
        with translation.override("nl"):
            dutch = render("{% printed_at %}")
        with translation.override("en"):
            english = render("{% printed_at %}")
    # month names differ in every month (januari/January ... december/December)
    assert dutch.split()[1] != english.split()[1]
    assert len(portal._printed) == 1  # one minute, one entry


def test_asset_gives_the_static_url_and_follows_a_settings_change():
    assert render("{% asset 'css/portal.css' %}") == static("css/portal.css")
    with override_settings(STATIC_URL="/elders/"):
        assert render("{% asset 'css/portal.css' %}") == "/elders/css/portal.css"
    assert render("{% asset 'css/portal.css' %}") == static("css/portal.css")

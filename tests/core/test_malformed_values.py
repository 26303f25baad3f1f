"""The shared pieces behind "Malformed input" (docs/architecture.md): the ``in`` lookup on
integer columns and the backstop that turns a value the database cannot hold into a 400."""

import pytest
from django import forms
from django.db import DataError
from django.test import RequestFactory

from core.middleware import MalformedValueMiddleware
from governance.models import Region
from tests.factories import RegionFactory


@pytest.mark.django_db
def test_in_lookup_leaves_out_ids_beyond_64_bits():
    region = RegionFactory()
    ids = [region.pk, 2**64, -(2**63) - 1, 2**63]
    assert list(Region.objects.filter(pk__in=ids)) == [region]
    assert list(Region.objects.filter(pk__in=[2**64])) == []
    assert Region.objects.exclude(pk__in=[2**64]).count() == Region.objects.count()


@pytest.mark.django_db
def test_multiple_choice_with_an_id_beyond_64_bits_is_a_form_error():
    region = RegionFactory()

    class Form(forms.Form):
        regions = forms.ModelMultipleChoiceField(queryset=Region.objects.all())

    form = Form({"regions": [str(region.pk), str(2**64)]})
    assert not form.is_valid()
    assert "regions" in form.errors


@pytest.mark.parametrize("error", [OverflowError("too large"), DataError("out of range")])
def test_backstop_answers_a_dutch_400(error):
    middleware = MalformedValueMiddleware(lambda request: None)
    response = middleware.process_exception(RequestFactory().post("/x/"), error)
    assert response.status_code == 400
    assert 'lang="nl"' in response.content.decode()
    assert "Ongeldig verzoek" in response.content.decode()


def test_backstop_leaves_other_errors_alone():
    middleware = MalformedValueMiddleware(lambda request: None)
    assert middleware.process_exception(RequestFactory().get("/x/"), ValueError("x")) is None

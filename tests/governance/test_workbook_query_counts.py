"""The workbook's queries do not grow with the region: the export reads every kind once, the
upload's plan too, and the preview reads the plan from the session."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.workbook.export import build_workbook
from tests.governance.workbook_data import build_region, secretary_of

pytestmark = pytest.mark.django_db

EXPORT_QUERIES = 23  # the view (session, user, region, permission), the data, the lists, the stamp
UPLOAD_QUERIES = 27
PREVIEW_QUERIES = 5


def _count(call) -> int:
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured.captured_queries)


@pytest.mark.parametrize("extra", [0, 25])
def test_export_queries_are_constant(client, extra, django_assert_max_num_queries):
    region = build_region(f"r{extra}", extra=extra)
    client.force_login(secretary_of(region, f"s{extra}"))
    url = reverse("governance:workbook_export", kwargs={"region": region.slug})
    with django_assert_max_num_queries(EXPORT_QUERIES):
        response = client.get(url)
    assert response.status_code == 200


def test_export_reads_each_kind_once_at_two_sizes():
    small = build_region("klein")
    large = build_region("groot", extra=30)
    assert _count(lambda: build_workbook(small)) == _count(lambda: build_workbook(large))


@pytest.mark.parametrize("extra", [0, 25])
def test_upload_and_preview_queries_are_constant(client, extra, django_assert_max_num_queries):
    region = build_region(f"u{extra}", extra=extra)
    client.force_login(secretary_of(region, f"s{extra}"))
    data = build_workbook(region)
    url = reverse("governance:workbook_upload", kwargs={"region": region.slug})
    with django_assert_max_num_queries(UPLOAD_QUERIES):
        response = client.post(url, {"file": SimpleUploadedFile("w.xlsx", data)})
    assert response.status_code == 302
    preview = reverse("governance:workbook_preview", kwargs={"region": region.slug})
    with django_assert_max_num_queries(PREVIEW_QUERIES):
        assert client.get(preview).status_code == 200
    with django_assert_max_num_queries(PREVIEW_QUERIES):
        assert client.get(url).status_code == 200

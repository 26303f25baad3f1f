"""Constants and helpers of the structure diagram tests."""

import shutil
from datetime import date

import pytest

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
MERGE_DAY = date(2022, 4, 19)
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot not installed")


def url_of(body):
    return f"/test/gremia/{body.pk}/?a=1&b=2"

"""Figures in reports: the same SVG inline on the page and as an image with alt text in the PDF
(WeasyPrint tags an ``<img>`` as a Figure with its ``alt`` as /Alt; an inline SVG gets none)."""

import base64
import re

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

_FONT_ATTRIBUTE = re.compile(r'font-family="[^"]*"')
_FONT_PROPERTY = re.compile(r"font-family:[^;\"]*")
REPORT_FONT = "Fira Sans, sans-serif"


def in_report_font(svg: str) -> str:
    """The figure with its text in the report's bundled font. Graphviz lays the diagram out
    with DejaVu Sans; Fira Sans is narrower, so every label still fits its box, and the PDF
    embeds no font the machine happened to have."""
    svg = _FONT_ATTRIBUTE.sub(f'font-family="{REPORT_FONT}"', svg)
    return _FONT_PROPERTY.sub(f"font-family:{REPORT_FONT}", svg)


@register.simple_tag(takes_context=True)
def report_figure(context, svg: str, alt: str, caption: str = "", css_class: str = ""):
    """``<figure>`` around ``svg`` (server-made markup) with ``alt`` as its text equivalent."""
    classes = "report-figure" + (f" {css_class}" if css_class else "")
    if context.get("pdf"):
        encoded = base64.b64encode(in_report_font(str(svg)).encode("utf-8")).decode("ascii")
        picture = format_html(
            '<img class="report-figure__img" src="data:image/svg+xml;base64,{}" alt="{}">',
            encoded,
            alt,
        )
    else:
        picture = format_html(
            '<div class="report-figure__svg" role="img" aria-label="{}">{}</div>',
            alt,
            mark_safe(svg),  # noqa: S308 - SVG made on the server with escaped labels
        )
    if caption:
        return format_html(
            '<figure class="{}">{}<figcaption>{}</figcaption></figure>', classes, picture, caption
        )
    return format_html('<figure class="{}">{}</figure>', classes, picture)

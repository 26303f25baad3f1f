from datetime import datetime

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static

register = template.Library()


@register.filter
def widget(field):
    """Render a form field's widget wired to its help text and error for screen readers."""
    attrs = {}
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_helptext")
    if field.errors:
        described_by.append(f"{field.auto_id}-fout")
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)


@register.filter
def euro(value):
    """Format an amount the Dutch way: € 66.000,00."""
    if value in (None, ""):
        return "—"
    text = f"{value:,.2f}"
    return "€ " + text.replace(",", "_").replace(".", ",").replace("_", ".")


@register.filter
def pk_url(url, pk):
    """``{{ action_url|pk_url:a.pk }}``: the link of object ``pk`` (core.links.PkUrl)."""
    return url(pk)


@register.filter(expects_localtime=True)
def dmy(value):
    """A date as dd-mm-jjjj, like ``|date:"d-m-Y"`` but without its format parsing (for long
    lists); empty for no date."""
    return value.strftime("%d-%m-%Y") if value else ""


#: path -> URL of ``asset``: fixed for a process (the manifest of its release), emptied when a
#: test changes the settings.
_assets: dict[str, str] = {}


@receiver(setting_changed)
def _forget_assets(**kwargs) -> None:
    _assets.clear()


@register.simple_tag
def asset(path):
    """``{% static path %}``, looked up once per process: the layout links four static files
    on every page, and each lookup in the manifest (with its URL joins) cost about 0.015 ms."""
    url = _assets.get(path)
    if url is None:
        url = _assets[path] = static(path)
    return url


#: (minute, language, time zone) -> the text of ``printed_at``; one entry (the current minute).
_printed: dict[tuple, str] = {}


@register.simple_tag
def printed_at():
    """Now, as ``{% now "j F Y, H:i" %}`` writes it ("5 december 2026, 14:03"), formatted
    once per minute: the layout prints it on every page, and formatting a date with month
    names cost about 0.08 ms of each."""
    from django.utils import timezone, translation
    from django.utils.dateformat import format as date_format

    now = timezone.localtime() if settings.USE_TZ else datetime.now()
    key = (now.replace(second=0, microsecond=0), translation.get_language(), now.tzinfo)
    text = _printed.get(key)
    if text is None:
        text = date_format(now, "j F Y, H:i")
        _printed.clear()
        _printed[key] = text
    return text


@register.simple_tag(takes_context=True)
def has_perm(context, perm, obj=None):
    user = context["request"].user
    return user.has_perm(perm, obj)


@register.simple_tag(takes_context=True)
def page_header(context):
    """The site header (templates/_header.html), rendered once per distinct key and kept in
    this process's memory. The key holds everything the header shows: the viewer (name,
    beheer flags), the links their roles give, the switcher's regions (read with the roles, in
    one query), the current region and the page's URL name. Only the logout form's CSRF token
    differs per request; it is put in afterwards."""
    from django.template.loader import get_template
    from django.utils.safestring import mark_safe

    from core import cache

    request = context.get("request")
    user = context.get("user")
    match = getattr(request, "resolver_match", None)
    region = context.get("region")
    signed_in = bool(user is not None and user.is_authenticated)
    parts = (
        signed_in,
        (user.pk, user.get_username(), user.get_full_name(), user.is_staff, user.is_superuser)
        if signed_in
        else None,
        tuple(
            bool(context.get(flag))
            for flag in (
                "can_compare_regions",
                "can_view_permissions",
                "can_view_reachability",
                "can_inspect_persons",
            )
        ),
        tuple((r.pk, r.slug, r.name) for r in context.get("switcher_regions") or ()),
        getattr(region, "pk", None),
        (match.url_name, match.view_name) if match else None,
    )
    key = cache.make_key("header", parts)
    html = cache.get("header", key, shared=False)
    if html is None:
        with context.push(csrf_token=cache.CSRF_PLACEHOLDER):
            html = get_template("_header.html").template.render(context)
        cache.put(key, html, shared=False)
    token = context.get("csrf_token")
    return mark_safe(html.replace(cache.CSRF_PLACEHOLDER, str(token) if token else ""))

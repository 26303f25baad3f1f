from django import template

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


@register.simple_tag(takes_context=True)
def has_perm(context, perm, obj=None):
    user = context["request"].user
    return user.has_perm(perm, obj)

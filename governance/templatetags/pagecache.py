"""``{% fresh "name" argument=value … %}…{% endfresh %}``: a section of a kept page that is
rendered again on every hit (``governance.pagecache``).

The view renders the section as usual; the tag wraps it in markers and records the arguments
on the request. The page cache keeps the page without the section, with the arguments, and on
a hit calls the function registered for ``name`` with them.
"""

from django import template
from django.utils.safestring import mark_safe

from governance.pagecache import fresh_markers, record_fresh_part

register = template.Library()


class FreshNode(template.Node):
    def __init__(self, name, arguments, nodelist):
        self.name = name
        self.arguments = arguments
        self.nodelist = nodelist

    def render(self, context):
        name = self.name.resolve(context)
        arguments = {key: value.resolve(context) for key, value in self.arguments.items()}
        record_fresh_part(context.get("request"), name, arguments)
        start, end = fresh_markers(name)
        return mark_safe(start + self.nodelist.render(context) + end)


@register.tag
def fresh(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fresh %} needs the part's name")
    name = parser.compile_filter(bits[1])
    arguments = template.base.token_kwargs(bits[2:], parser)
    if len(arguments) != len(bits) - 2:
        raise template.TemplateSyntaxError("{% fresh %} takes name=value arguments only")
    nodelist = parser.parse(("endfresh",))
    parser.delete_first_token()
    return FreshNode(name, arguments, nodelist)

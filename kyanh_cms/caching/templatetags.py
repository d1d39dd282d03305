"""``{% cached_fragment %}`` (``{% load kyanh_cms_tags %}``)."""

from django import template

from kyanh_cms.caching import fragments

register = template.Library()


class CachedFragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist, self.name, self.vary_on = nodelist, name, vary_on

    def render(self, context):
        name = self.name.resolve(context)
        vary_on = [value.resolve(context) for value in self.vary_on]
        return fragments.cached_fragment(
            context.get("request"), name, vary_on, lambda: self.nodelist.render(context)
        )


@register.tag
def cached_fragment(parser, token):
    """``{% cached_fragment "name" value … %}…{% endcached_fragment %}``: the enclosed
    HTML, kept until the content generation moves on (``kyanh_cms.caching.fragments``).

    Name the fragment and pass every value its HTML depends on besides the
    content itself (usually ``page.pk``); the site, scheme and language are
    part of the key already. Keep live numbers out of it.
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"'{bits[0]}' needs a fragment name.")
    nodelist = parser.parse(("endcached_fragment",))
    parser.delete_first_token()
    return CachedFragmentNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]]
    )

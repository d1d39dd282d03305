"""Rendering the site sidebar, cached per site.

The sidebar is rendered once per site into a list of parts and kept in
Django's cache (``caching.store``) for ``SIDEBAR_CACHE_SECONDS`` under the site's
content generation (saving the sidebar, a Site or publishing a page replaces it
at once). A
part is either finished HTML (map, links, banner, text) or a *live* block —
visit statistics and most read, whose numbers change with every visit. Live
blocks are rendered on each request from the block value stored in the
part, and their HTML is cached on its own for only
``VISIT_STATS_CACHE_SECONDS`` (15 s by default), under the same generation.
So a page on a warm cache costs no query for the sidebar, and the visit numbers are never older than
those seconds: an editor's change shows at once, a visit within seconds.

The cache should be shared by all processes (Redis, Memcached or the
database cache) when the portal runs several workers; with the local-memory
cache each worker sees a saved sidebar only once its own copy expires.
"""

from django.templatetags.static import static
from django.utils.safestring import mark_safe

from kyanh_cms.caching.store import cached
from kyanh_cms.sidebar.models import SidebarSettings


def _block_context(site, request, block_id):
    return {"request": request, "sidebar_site": site, "block_id": block_id}


def build_parts(site, request=None):
    """The sidebar of ``site`` as a list of parts: an HTML string, or
    ``{"type", "value", "id"}`` of a live block."""
    settings = SidebarSettings.for_site(site)
    parts = []
    for child in settings.widgets:
        if getattr(child.block, "renders_live_data", False):
            parts.append(
                {
                    "type": child.block_type,
                    "value": child.block.get_prep_value(child.value),
                    "id": child.id,
                }
            )
        else:
            context = _block_context(site, request, child.id)
            parts.append(str(child.block.render(child.value, context)))
    return parts


def _render_live(site, request, part):
    block = SidebarSettings._meta.get_field("widgets").stream_block.child_blocks.get(part["type"])
    if block is None:  # a block type removed since the sidebar was cached
        return ""
    value = block.to_python(part["value"])
    return str(block.render(value, _block_context(site, request, part["id"])))


def render_sidebar(site, request=None):
    """The HTML of ``site``'s sidebar (see the module's docstring for the caching)."""
    parts = cached(
        "sidebar",
        (),
        lambda: build_parts(site, request),
        scope=site.pk,
        request=request,
        kind="sidebar",
    )
    html = []
    if parts:
        html.append(f'<script src="{static("kyanh_cms/js/sidebar.js")}" defer></script>')
    for part in parts:
        if isinstance(part, str):
            html.append(part)
        else:
            html.append(
                cached(
                    "sidebar-live",
                    (part["id"], part["type"], part["value"]),
                    lambda part=part: _render_live(site, request, part),
                    scope=site.pk,
                    request=request,
                    kind="live",
                )
            )
    return mark_safe("".join(html))  # noqa: S308 - rendered by the blocks' own templates


def configured_link_urls():
    """Every website-link address in any site's sidebar: where the no-JavaScript
    drop-down may redirect to (and nowhere else)."""
    urls = set()
    for stream in SidebarSettings.objects.values_list("widgets", flat=True):
        for item in getattr(stream, "raw_data", None) or []:
            if item.get("type") != "website_links":
                continue
            for link in (item.get("value") or {}).get("links") or []:
                # ListBlock items are stored as {"type": "item", "value": …, "id": …}.
                value = link.get("value", link) if isinstance(link, dict) else {}
                url = (value or {}).get("url")
                if url:
                    urls.add(url)
    return urls

"""Rendered parts of public pages, kept in the cache until the content they show changes.

Most of what a public page draws is the same for every visitor and changes
only when editors publish or moderate: an article's text and pictures, its
approved comments, its related articles, the home page's news sections. The
template tag ``{% cached_fragment "name" var … %}…{% endcached_fragment %}``
keeps such a part's HTML (``store.cached``) in the scope of the request's site,
so it is current while that site's content generation is, under a key made of
the host and scheme of the request (fragments hold absolute links), the active
language, the fragment's name and the values it varies on.

Whatever a template needs only inside a fragment should be computed lazily
(``lazy_context``), so a page whose fragments are warm does not compute it
at all. Live numbers (rating summaries, visit statistics) stay outside the
fragments. Previews are never cached or served from the cache: they show a
draft under the live page's id. ``KYANH_CMS["FRAGMENT_CACHE_SECONDS"] = 0``
renders everything on every request.
"""

from django.utils import translation
from django.utils.functional import SimpleLazyObject

from kyanh_cms.caching.sites import request_scope
from kyanh_cms.caching.store import cached


def is_preview(request):
    """A preview shows a draft under the live page's id: never cached, never counted."""
    return getattr(request, "is_preview", False) or getattr(request, "in_preview_panel", False)


def is_cacheable(request):
    return request is not None and not is_preview(request)


def cached_fragment(request, name, vary_on, render):
    """``render()``'s HTML, kept under ``name`` and ``vary_on`` for the current content."""
    if not is_cacheable(request):
        return render()
    params = (request.scheme, request.get_host(), translation.get_language(), *vary_on)
    return cached(
        f"fragment:{name}",
        params,
        render,
        scope=request_scope(request),
        request=request,
        kind="fragment",
    )


def lazy_context(build):
    """A context value computed the first time a template uses it.

    ``build`` runs at most once; a page whose fragments come from the cache
    never runs it.
    """
    return SimpleLazyObject(build)


def lazy_parts(build, *names):
    """Lazy context values for the parts of one computation: ``build()`` returns a
    dict holding ``names``; it runs at most once, when a template first uses any of
    them."""
    whole = SimpleLazyObject(build)
    return {name: SimpleLazyObject(lambda name=name: whole[name]) for name in names}

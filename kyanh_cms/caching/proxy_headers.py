"""Headers that let a reverse proxy (nginx) keep anonymous pages.

Django's session middleware adds ``Vary: Cookie`` to every response whose view
looked at the session — every Wagtail page does, to know whether an editor is
signed in. A proxy cache then keeps one copy per cookie string (analytics and
preference cookies included), and most refuse such responses altogether. For a
request without a session, messages or authorization (``page_cache.is_anonymous``)
answered with a page that is the same for every anonymous visitor
(``page_cache.is_shareable``: 200, a GET, no cookie set, not private), the cookie
cannot have changed anything, so ``Cookie`` is dropped from ``Vary``. Signed-in
editors keep ``Vary: Cookie`` (and the nginx set-up of docs/production.md never
stores or serves a cached page for a request with a session cookie).

Put ``kyanh_cms.middleware.SharedCacheHeadersMiddleware`` before
``SessionMiddleware`` in ``MIDDLEWARE``, so that it sees the final headers.
"""

from kyanh_cms.caching.page_cache import HEADER_LIST_SEPARATOR, is_anonymous, is_shareable


class SharedCacheHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Vary" in response and is_anonymous(request) and is_shareable(request, response):
            kept = [
                part
                for part in HEADER_LIST_SEPARATOR.split(response["Vary"].strip())
                if part and part.lower() != "cookie"
            ]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        return response

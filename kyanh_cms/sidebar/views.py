import base64

from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from kyanh_cms.core.conf import get_setting
from kyanh_cms.sidebar.rendering import configured_link_urls
from kyanh_cms.sidebar.visits import count_view

# A transparent 1×1 GIF: the no-JavaScript visit counter's picture.
PIXEL_GIF = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


# What ``never_cache`` would add, written once: the beacon answers on every page view,
# and patching the header for each answer costs more than building the answer.
BEACON_CACHE_CONTROL = "max-age=0, no-cache, no-store, must-revalidate, private"


def _beacon_answer(status):
    response = HttpResponse(status=status)
    response["Cache-Control"] = BEACON_CACHE_CONTROL
    return response


@csrf_exempt  # sent by sendBeacon without a token; validated in count_view instead
@require_POST
def visit_beacon(request):
    """Counts one page view: ``p=<page id>`` posted by ``visit_beacon.js``.

    Always answers 204 without a body, also when the hit is ignored (bot,
    other site's page, unpublished page) or could not be stored; a body over
    ``BEACON_MAX_BYTES`` is refused with 413 before it is read. It touches
    neither the session nor the user, so no middleware reads them for it.
    """
    limit = get_setting("BEACON_MAX_BYTES")
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = limit + 1
    if declared > limit:
        return _beacon_answer(413)
    body = request.read(limit + 1)
    if len(body) > limit:
        return _beacon_answer(413)
    page_id = None
    for pair in body.decode("ascii", "replace").split("&"):
        key, _sep, value = pair.partition("=")
        if key == "p":
            page_id = value
    count_view(request, page_id)
    return _beacon_answer(204)


@require_safe
@never_cache
def visit_pixel(request):
    """The ``<noscript>`` counter: browsers without JavaScript load this picture instead
    of sending the beacon (with JavaScript the ``<noscript>`` picture is never loaded,
    so no view counts twice)."""
    if request.method == "GET":
        count_view(request, request.GET.get("p"))
    response = HttpResponse(PIXEL_GIF, content_type="image/gif")
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def website_link(request):
    """Where the website-links drop-down goes without JavaScript: a redirect to the
    chosen address, only if some site's sidebar lists it (no open redirect)."""
    url = request.GET.get("url", "")
    if url and url in configured_link_urls():
        return HttpResponseRedirect(url)
    return render(request, "kyanh_cms/sidebar/website_link_unknown.html", status=404)

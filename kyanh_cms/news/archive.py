"""An article as one self-contained HTML file ("Lưu bài"), for readers to keep.

Decree 42/2022/NĐ-CP expects state portals to let readers print and keep
articles. The file carries its own stylesheet and its pictures as ``data:``
URIs, so it opens offline years later; links point back to the portal.

Pictures are read through the storage that holds them (renditions', original
images', the default), whichever it is: a folder, a shared mount or an S3
bucket on another host. A picture is recognised by its address starting with
the address that storage gives its files, not by ``MEDIA_URL`` alone.
"""

import base64
import logging
import mimetypes
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup
from django.core.exceptions import SuspiciousOperation
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import content_disposition_header
from wagtail.images import get_image_model

from kyanh_cms.caching.sites import setting_for_request
from kyanh_cms.portal.public import PortalSettings

logger = logging.getLogger(__name__)

#: Pictures larger than this stay links instead of being embedded.
MAX_EMBEDDED_IMAGE_BYTES = 4 * 1024 * 1024

#: A file name whose address shows where a storage's addresses begin.
_PROBE_NAME = "kyanh-probe.png"


def _without_query(url):
    return urlsplit(url)._replace(query="", fragment="").geturl()


def _picture_storages():
    """``[(storage, address prefix), …]`` of the storages an article's pictures come from.

    ``url()`` builds an address without asking the storage anything (an S3 address is
    signed locally, if at all), so this costs no request.
    """
    image_model = get_image_model()
    storages = []
    for storage in (
        image_model.get_rendition_model()._meta.get_field("file").storage,
        image_model._meta.get_field("file").storage,
        default_storage,
    ):
        if any(storage is known for known, _prefix in storages):
            continue
        address = _without_query(storage.url(_PROBE_NAME))
        if address.endswith(_PROBE_NAME) and len(address) > len(_PROBE_NAME):
            storages.append((storage, address[: -len(_PROBE_NAME)]))
    # The longest prefix first: renditions under /media/renditions/ are not the default's.
    return sorted(storages, key=lambda found: len(found[1]), reverse=True)


def _stored_picture(src, storages):
    """``(storage, name)`` of the file at ``src``, or ``None`` when no storage serves it."""
    address = _without_query(src)
    for storage, prefix in storages:
        if address.startswith(prefix) and len(address) > len(prefix):
            return storage, unquote(address[len(prefix) :])
    return None


def _data_uri(src, storages):
    found = _stored_picture(src, storages)
    if found is None:
        return None
    storage, name = found
    try:
        if storage.size(name) > MAX_EMBEDDED_IMAGE_BYTES:
            return None
        with storage.open(name, "rb") as handle:
            content = handle.read(MAX_EMBEDDED_IMAGE_BYTES + 1)
    except (OSError, ValueError, SuspiciousOperation):
        # Gone from the storage, or a name outside it: the picture stays a link.
        return None
    except Exception:
        # Object storage raises its client's own errors (unreachable, refused): the
        # reader still gets the article, with the picture as a link.
        logger.warning("Picture %s could not be read from its storage.", name, exc_info=True)
        return None
    if len(content) > MAX_EMBEDDED_IMAGE_BYTES:
        return None
    mime_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return f"data:{mime_type};base64,{base64.b64encode(content).decode('ascii')}"


def make_self_contained(html, base_url):
    """Embed stored pictures as ``data:`` URIs and make every other link absolute."""
    soup = BeautifulSoup(html, "html.parser")
    storages = _picture_storages()
    for image in soup.find_all("img"):
        for attribute in ("srcset", "sizes", "loading"):
            image.attrs.pop(attribute, None)
        src = image.get("src", "")
        image["src"] = _data_uri(src, storages) or urljoin(base_url, src)
    for element in soup.find_all(["a", "link"], href=True):
        if not element["href"].startswith("#"):
            element["href"] = urljoin(base_url, element["href"])
    for element in soup.find_all(["script", "iframe", "form"]):
        element.decompose()
    return str(soup)


def article_archive_response(article, request):
    url = article.get_full_url(request)
    html = render_to_string(
        "kyanh_cms/news/news_article_archive.html",
        {
            "page": article,
            "self": article,
            "archive": True,
            "portal": setting_for_request(PortalSettings, request),
            "source_url": url,
            "saved_at": timezone.now(),
        },
        request=request,
    )
    response = HttpResponse(make_self_contained(html, url), content_type="text/html; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{article.slug}.html"
    )
    response["X-Robots-Tag"] = "noindex"
    return response

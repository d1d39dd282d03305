"""An article as one self-contained HTML file ("Lưu bài"), for readers to keep.

Decree 42/2022/NĐ-CP expects state portals to let readers print and keep
articles. The file carries its own stylesheet and its pictures as ``data:``
URIs, so it opens offline years later; links point back to the portal.
"""

import base64
import mimetypes
from urllib.parse import unquote, urljoin

from bs4 import BeautifulSoup
from django.conf import settings
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import content_disposition_header

from kyanh_cms.caching.sites import setting_for_request
from kyanh_cms.portal.public import PortalSettings

#: Pictures larger than this stay links instead of being embedded.
MAX_EMBEDDED_IMAGE_BYTES = 4 * 1024 * 1024


def _data_uri(src):
    media_url = settings.MEDIA_URL
    if not src.startswith(media_url):
        return None
    name = unquote(src[len(media_url) :])
    try:
        with default_storage.open(name, "rb") as handle:
            content = handle.read(MAX_EMBEDDED_IMAGE_BYTES + 1)
    except (OSError, ValueError):
        return None
    if len(content) > MAX_EMBEDDED_IMAGE_BYTES:
        return None
    mime_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return f"data:{mime_type};base64,{base64.b64encode(content).decode('ascii')}"


def make_self_contained(html, base_url):
    """Embed local pictures as ``data:`` URIs and make every other link absolute."""
    soup = BeautifulSoup(html, "html.parser")
    for image in soup.find_all("img"):
        for attribute in ("srcset", "sizes", "loading"):
            image.attrs.pop(attribute, None)
        src = image.get("src", "")
        image["src"] = _data_uri(src) or urljoin(base_url, src)
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

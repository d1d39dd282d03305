"""What search engines and social networks read from a news page.

Meta description, canonical URL, OpenGraph/Twitter tags and the JSON-LD
``NewsArticle`` (its publisher is the publishing body from the portal's
identity, typed ``GovernmentOrganization``).
"""

import json
from urllib.parse import urljoin

from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from kyanh_cms.caching.sites import setting_for_request
from kyanh_cms.news.renditions import SHARE_IMAGE_SPEC
from kyanh_cms.portal.public import PortalSettings

DESCRIPTION_LENGTH = 200
EMBLEM_SPEC = "height-112"
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _rendition(image, spec):
    if image is None:
        return None
    try:
        return image.get_rendition(spec)
    except (OSError, ValueError):
        # The file behind the image is gone: share the page without a picture.
        return None


def json_ld_script(data):
    """``<script type="application/ld+json">`` with ``<``, ``>`` and ``&`` escaped."""
    text = json.dumps(data, ensure_ascii=False, indent=None).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


def page_seo(page, request, description=""):
    """Canonical URL and description of any page (categories, the search page)."""
    canonical = page.get_full_url(request) if page is not None else request.build_absolute_uri()
    text = (getattr(page, "search_description", "") or description or "").strip()
    return {
        "canonical": canonical,
        "description": Truncator(" ".join(text.split())).chars(DESCRIPTION_LENGTH),
        "og_type": "website",
    }


def article_seo(article, request):
    """Everything ``kyanh_cms/news/news_meta.html`` draws for an article."""
    portal = setting_for_request(PortalSettings, request)
    seo = page_seo(article, request, description=article.lead)
    url = seo["canonical"]
    image = _rendition(article.main_image, SHARE_IMAGE_SPEC)
    image_url = urljoin(url, image.url) if image else ""
    modified = article.last_published_at or article.published_at
    publisher = {
        "@type": "GovernmentOrganization",
        "name": portal.publisher or portal.portal_name,
        "url": urljoin(url, "/"),
    }
    emblem = _rendition(portal.emblem, EMBLEM_SPEC)
    if emblem:
        publisher["logo"] = {
            "@type": "ImageObject",
            "url": urljoin(url, emblem.url),
            "width": emblem.width,
            "height": emblem.height,
        }
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": Truncator(article.title).chars(110),
        "description": seo["description"],
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": article.published_at.isoformat(),
        "dateModified": modified.isoformat(),
        "inLanguage": "vi",
        "publisher": publisher,
        "author": (
            {"@type": "Person", "name": article.byline}
            if article.byline
            else {"@type": "GovernmentOrganization", "name": publisher["name"]}
        ),
    }
    if image_url:
        data["image"] = [image_url]
    category = article.category
    if category is not None:
        data["articleSection"] = category.title
    tags = [tag.name for tag in article.tag_list]
    if tags:
        data["keywords"] = ", ".join(tags)
    seo.update(
        {
            "og_type": "article",
            "image": image,
            "image_url": image_url,
            "published": article.published_at.isoformat(),
            "modified": modified.isoformat(),
            "section": category.title if category is not None else "",
            "tags": tags,
            "json_ld": json_ld_script(data),
        }
    )
    return seo

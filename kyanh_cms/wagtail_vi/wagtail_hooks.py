"""Bring our ``djangojs`` translations to the Wagtail admin's JavaScript.

Wagtail's admin pages load its own JavaScript catalogue
(``wagtailadmin_javascript_catalog``, built from ``wagtail.admin`` only) near
the top of ``wagtailadmin/admin_base.html``; the output of the
``insert_global_admin_js`` hook comes later on the same pages, including the
login and password reset pages. The static file emitted here adds our messages
to the same ``django.catalog`` object, replacing Wagtail's entries for the same
msgids. Wagtail's scripts call ``gettext`` when they render, after the page has
loaded, so they see the merged catalogue.

The file is only emitted when the active language is Vietnamese: Wagtail
activates each user's preferred admin language before rendering, so users who
chose another language are not affected.
"""

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import get_language
from wagtail import hooks

from kyanh_cms.wagtail_vi.static_catalogue import STATIC_JS_PATH, js_version


def is_vietnamese(language_code: str | None) -> bool:
    return bool(language_code) and language_code.lower().split("-")[0].split("_")[0] == "vi"


@hooks.register("insert_global_admin_js")
def vietnamese_js_catalogue():
    if not is_vietnamese(get_language()):
        return ""
    return format_html('<script src="{}?v={}"></script>', static(STATIC_JS_PATH), js_version())

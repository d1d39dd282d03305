from django.apps import apps
from django.core import checks

from kyanh_cms.wagtail_vi.static_catalogue import STATIC_JS_PATH


def check_static_catalogue(app_configs=None, **kwargs):
    """Warn when the admin's JavaScript catalogue cannot be served.

    The file ships inside the package (``static/``); if a build left it out, or
    staticfiles is not installed, the admin's JavaScript stays in English.
    """
    if not apps.is_installed("django.contrib.staticfiles"):
        return [
            checks.Warning(
                "django.contrib.staticfiles is not installed; the Vietnamese "
                "JavaScript catalogue of the Wagtail admin cannot be served.",
                id="kyanh_cms_wagtail_vi.W001",
            )
        ]
    from django.contrib.staticfiles import finders

    if finders.find(STATIC_JS_PATH) is None:
        return [
            checks.Warning(
                f"Static file {STATIC_JS_PATH} was not found.",
                hint="Reinstall kyanh-cms, or run scripts/messages_wagtail.py in a checkout.",
                id="kyanh_cms_wagtail_vi.W002",
            )
        ]
    return []

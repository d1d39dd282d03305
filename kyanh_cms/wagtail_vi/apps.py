from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailViConfig(AppConfig):
    name = "kyanh_cms.wagtail_vi"
    label = "kyanh_cms_wagtail_vi"
    verbose_name = _("Vietnamese translations for Wagtail")

    def ready(self):
        from django.core import checks

        from kyanh_cms.wagtail_vi.checks import check_static_catalogue

        checks.register(check_static_catalogue, checks.Tags.staticfiles)

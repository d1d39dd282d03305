from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KyanhCmsConfig(AppConfig):
    name = "kyanh_cms"
    label = "kyanh_cms"
    verbose_name = _("Town portal")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Registers the system checks that validate the KYANH_CMS setting.
        from . import checks  # noqa: F401
        from .signal_handlers import connect

        connect()

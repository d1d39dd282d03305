from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KyanhCmsConfig(AppConfig):
    name = "kyanh_cms"
    label = "kyanh_cms"
    verbose_name = _("Town portal")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Registers the system checks that validate the KYANH_CMS setting.
        from django.db.models.signals import post_migrate

        from . import checks, search_index  # noqa: F401
        from .signal_handlers import connect

        connect()
        post_migrate.connect(
            search_index.repair_after_migrate, sender=self, dispatch_uid="kyanh_search_index"
        )

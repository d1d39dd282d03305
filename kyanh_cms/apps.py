from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KyanhCmsConfig(AppConfig):
    name = "kyanh_cms"
    label = "kyanh_cms"
    verbose_name = _("Town portal")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        # Importing the checks registers them: the KYANH_CMS options, required apps,
        # templates (core) and the caches (caching).
        from kyanh_cms.caching import checks as caching_checks  # noqa: F401
        from kyanh_cms.caching import signals
        from kyanh_cms.core import checks as core_checks  # noqa: F401
        from kyanh_cms.core import images
        from kyanh_cms.news import search_index
        from kyanh_cms.news.aggregation import aggregating_sites

        signals.connect()
        images.install()  # the pixel limit on uploads and renditions (core/images.py)
        signals.add_dependent_sites(aggregating_sites)
        post_migrate.connect(
            search_index.repair_after_migrate, sender=self, dispatch_uid="kyanh_search_index"
        )

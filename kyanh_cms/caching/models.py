"""What the database remembers for the shared cache."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CacheEpoch(models.Model):
    """How many changes could not be recorded in the shared cache (one row).

    A publish moves its site's generation in the shared cache; when the cache
    cannot be reached, the move is lost, and a cache that comes back with its
    saved data would serve pages from before the change. The change is counted
    here instead, and every generation includes this count (``epoch.current``),
    so nothing cached before it is current again. It only ever grows.
    """

    value = models.PositiveBigIntegerField(_("changes not recorded in the cache"), default=0)

    class Meta:
        verbose_name = _("cache epoch")
        verbose_name_plural = _("cache epoch")

    def __str__(self):
        return str(self.value)

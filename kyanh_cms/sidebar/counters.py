"""Visit counters: one row per (site, day) and per (page, day), updated atomically.

The shape follows Wagtail's search promotions (a daily row, ``F() + 1``,
a unique constraint, a clean-up command): history stays available for the
admin report, and no process keeps counts in memory. Visitors online are
rows keyed by a salted hash that rotates daily; no IP address is stored.
"""

from datetime import timedelta

from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DailySiteVisitsQuerySet(models.QuerySet):
    def for_site(self, site):
        return self.filter(site=site)

    def figures(self, site, today=None):
        """Total counted views and today's, yesterday's and this month's, in one query."""
        today = today or timezone.localdate()
        yesterday = today - timedelta(days=1)
        first_of_month = today.replace(day=1)
        totals = self.for_site(site).aggregate(
            total=Sum("views"),
            today=Sum("views", filter=Q(day=today)),
            yesterday=Sum("views", filter=Q(day=yesterday)),
            this_month=Sum("views", filter=Q(day__gte=first_of_month, day__lte=today)),
        )
        return {key: value or 0 for key, value in totals.items()}

    def daily_series(self, site, days, today=None):
        """``[(day, views), …]`` for the last ``days`` days, oldest first, zeros included."""
        today = today or timezone.localdate()
        start = today - timedelta(days=days - 1)
        counted = dict(
            self.for_site(site).filter(day__gte=start, day__lte=today).values_list("day", "views")
        )
        return [
            (start + timedelta(days=n), counted.get(start + timedelta(days=n), 0))
            for n in range(days)
        ]


class DailySiteVisits(models.Model):
    """Page views of one Wagtail Site on one day (the portal's local date)."""

    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="+", verbose_name=_("site")
    )
    day = models.DateField(_("day"))
    views = models.PositiveBigIntegerField(_("views"), default=0)

    objects = DailySiteVisitsQuerySet.as_manager()

    #: Counting changes no cached page: the numbers shown are live (``caching.signals``).
    changes_public_content = False

    class Meta:
        verbose_name = _("daily site visits")
        verbose_name_plural = _("daily site visits")
        constraints = [
            models.UniqueConstraint(fields=["site", "day"], name="kyanh_cms_site_visits_day")
        ]

    def __str__(self):
        return f"{self.site_id} {self.day}: {self.views}"


class DailyPageViewsQuerySet(models.QuerySet):
    def most_read(self, site, days, limit, page_queryset, today=None):
        """``[(page_id, views), …]`` of the pages in ``page_queryset`` most viewed in the
        last ``days`` days on ``site``, most views first (ties: newer page first)."""
        today = today or timezone.localdate()
        return list(
            self.filter(
                site=site,
                day__gt=today - timedelta(days=days),
                page__in=page_queryset.values("pk"),
            )
            .values("page_id")
            .annotate(total=Sum("views"))
            .order_by("-total", "-page_id")
            .values_list("page_id", "total")[:limit]
        )


class DailyPageViews(models.Model):
    """Views of one page on one day; what "Đọc nhiều nhất" (most read) ranks by."""

    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="+", verbose_name=_("site")
    )
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    day = models.DateField(_("day"))
    views = models.PositiveBigIntegerField(_("views"), default=0)

    objects = DailyPageViewsQuerySet.as_manager()

    #: Counting changes no cached page: the numbers shown are live (``caching.signals``).
    changes_public_content = False

    class Meta:
        verbose_name = _("daily page views")
        verbose_name_plural = _("daily page views")
        constraints = [
            models.UniqueConstraint(fields=["page", "site", "day"], name="kyanh_cms_page_views_day")
        ]
        indexes = [models.Index(fields=["site", "day"], name="kyanh_cms_page_views_site_day")]

    def __str__(self):
        return f"{self.page_id} {self.day}: {self.views}"


class OnlineVisitorQuerySet(models.QuerySet):
    def online_count(self, site, minutes, now=None):
        since = (now or timezone.now()) - timedelta(minutes=minutes)
        return self.filter(site=site, last_seen__gte=since).count()


class OnlineVisitor(models.Model):
    """A visitor seen recently, known only by a hash that changes every day.

    ``visitor`` is a SHA-256 of the day's random salt (``VisitorSalt``), the
    site, the client address and the browser's user agent. Once the salt is
    deleted the hash cannot be tied to an address any more.
    """

    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="+", verbose_name=_("site")
    )
    visitor = models.CharField(_("visitor hash"), max_length=64)
    last_seen = models.DateTimeField(_("last seen"), db_index=True)

    objects = OnlineVisitorQuerySet.as_manager()

    #: Counting changes no cached page: the numbers shown are live (``caching.signals``).
    changes_public_content = False

    class Meta:
        verbose_name = _("online visitor")
        verbose_name_plural = _("online visitors")
        constraints = [
            models.UniqueConstraint(fields=["site", "visitor"], name="kyanh_cms_online_visitor")
        ]

    def __str__(self):
        return f"{self.site_id} {self.visitor[:8]}…"


class VisitorSalt(models.Model):
    """The random salt of one day's visitor hashes; deleted when the day is over."""

    day = models.DateField(_("day"), unique=True)
    salt = models.CharField(_("salt"), max_length=64)

    #: Counting changes no cached page: the numbers shown are live (``caching.signals``).
    changes_public_content = False

    class Meta:
        verbose_name = _("visitor salt")
        verbose_name_plural = _("visitor salts")

    def __str__(self):
        return str(self.day)

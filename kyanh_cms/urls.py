"""URLs the host portal includes once: ``path("", include("kyanh_cms.urls"))``.

Put the include before ``wagtail_urls``: Wagtail's catch-all pattern serves
pages and must come last.
"""

from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from . import search, views

app_name = "kyanh_cms"

urlpatterns = [
    path("kyanh/health/", views.health, name="health"),
    path("tim-kiem/", search.news_search, name="news_search"),
    path("sitemap.xml", sitemap, name="sitemap"),
]

"""URLs the host portal includes once: ``path("", include("kyanh_cms.urls"))``.

Put the include before ``wagtail_urls``: Wagtail's catch-all pattern serves
pages and must come last.
"""

from django.urls import include, path
from wagtail.contrib.sitemaps.views import sitemap

from . import search, views

app_name = "kyanh_cms"

urlpatterns = [
    path("kyanh/health/", views.health, name="health"),
    # Sent by every page view: matched before the engagement patterns are tried.
    path("kyanh/visits/beacon/", views.visit_beacon, name="visit_beacon"),
    path("kyanh/visits/pixel.gif", views.visit_pixel, name="visit_pixel"),
    # Reader engagement: ratings, comments and their captcha (django-simple-captcha).
    path("kyanh/", include("kyanh_cms.engagement.urls")),
    path("kyanh/lien-ket/", views.website_link, name="website_link"),
    path("tim-kiem/", search.news_search, name="news_search"),
    # Its own template: the host need not install django.contrib.sitemaps.
    path("sitemap.xml", sitemap, {"template_name": "kyanh_cms/sitemap.xml"}, name="sitemap"),
]

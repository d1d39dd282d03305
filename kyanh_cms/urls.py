"""URLs the host portal includes once: ``path("", include("kyanh_cms.urls"))``.

Put the include before ``wagtail_urls``: Wagtail's catch-all pattern serves
pages and must come last.
"""

from django.urls import include, path

from kyanh_cms.documents import views as documents
from kyanh_cms.news import search
from kyanh_cms.portal.robots import robots_txt
from kyanh_cms.portal.sitemaps import sitemap
from kyanh_cms.portal.views import alive, health
from kyanh_cms.sidebar import views

app_name = "kyanh_cms"

urlpatterns = [
    path("kyanh/health/", health, name="health"),
    path("kyanh/health/live/", alive, name="alive"),
    # Sent by every page view: matched before the engagement patterns are tried.
    path("kyanh/visits/beacon/", views.visit_beacon, name="visit_beacon"),
    path("kyanh/visits/pixel.gif", views.visit_pixel, name="visit_pixel"),
    # Reader engagement: ratings, comments and their captcha (django-simple-captcha).
    path("kyanh/", include("kyanh_cms.engagement.urls")),
    # A draft's opinion form: its own uncached page, so the draft's page can be cached.
    path("kyanh/van-ban/<int:page_id>/y-kien/", documents.opinion_form, name="document_opinion"),
    path("kyanh/lien-ket/", views.website_link, name="website_link"),
    path("tim-kiem/", search.news_search, name="news_search"),
    # Its own templates: the host need not install django.contrib.sitemaps. An index of
    # parts (?p=1, ?p=2, …) once the site has more pages than one part holds.
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
]

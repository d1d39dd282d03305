from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("kyanh_cms.urls")),
]

if settings.DEBUG or getattr(settings, "SERVE_MEDIA", False):
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns
    from django.urls import re_path
    from django.views.static import serve

    def serve_media(request, path):
        # MEDIA_ROOT is read per request: the test suite moves it for every test.
        return serve(request, path, document_root=settings.MEDIA_ROOT)

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve_media)]

urlpatterns += [path("", include(wagtail_urls))]

"""Included by ``kyanh_cms.urls`` (namespace ``kyanh_cms``); the host adds nothing."""

from captcha import views as captcha_views
from django.urls import path, re_path

from kyanh_cms.engagement import views

urlpatterns = [
    path("engagement/<int:page_id>/", views.engagement_page, name="engagement"),
    path("engagement/<int:page_id>/rating/", views.rating_form, name="rating_form"),
    path("engagement/<int:page_id>/rating/send/", views.rate, name="rate"),
    path("engagement/<int:page_id>/comments/", views.comment_form, name="comment_form"),
    path("engagement/<int:page_id>/comments/send/", views.comment, name="comment"),
    # django-simple-captcha draws the picture; its URL names are namespaced here.
    re_path(
        r"^captcha/image/(?P<key>\w+)/$",
        captcha_views.captcha_image,
        {"scale": 1},
        name="captcha_image",
    ),
    re_path(
        r"^captcha/image/(?P<key>\w+)@2/$",
        captcha_views.captcha_image,
        {"scale": 2},
        name="captcha_image_2x",
    ),
    # The challenge read aloud (flite), when CAPTCHA_FLITE_PATH names the program.
    re_path(r"^captcha/audio/(?P<key>\w+)\.wav$", views.captcha_audio, name="captcha_audio"),
    path("captcha/refresh/", views.captcha_refresh, name="captcha_refresh"),
]

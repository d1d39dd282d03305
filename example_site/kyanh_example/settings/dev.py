import os

from .base import *  # noqa: F403

# `make demo` runs with DEBUG off (DJANGO_DEBUG=0: the Vietnamese 404 and 500 pages) and
# `make demo DEBUG=1` with it on; `manage.py` run by hand keeps it on.
DEBUG = os.environ.get("DJANGO_DEBUG", "1") != "0"
# The demo serves its uploaded images and documents itself, DEBUG or not (urls.py).
SERVE_MEDIA = True
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# The demo's commune sites (kyanh_cms/demo/communes.py) answer on host names under
# localhost, which browsers send to 127.0.0.1: http://xa-ky-hoa.localhost:8000/.
ALLOWED_HOSTS = [*ALLOWED_HOSTS, ".localhost"]  # noqa: F405

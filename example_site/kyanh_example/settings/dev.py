from .base import *  # noqa: F403

DEBUG = True
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# The demo's commune sites (kyanh_cms/demo/communes.py) answer on host names under
# localhost, which browsers send to 127.0.0.1: http://xa-ky-hoa.localhost:8000/.
ALLOWED_HOSTS = [*ALLOWED_HOSTS, ".localhost"]  # noqa: F405

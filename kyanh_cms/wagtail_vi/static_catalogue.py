"""Where the admin's static JavaScript catalogue lives, and its cache-busting version.

This is all that ``kyanh_cms.wagtail_vi`` needs while the site runs (the
``insert_global_admin_js`` hook and the system check): Django reads the
compiled ``django.mo`` itself, and nothing at runtime reads a ``.po`` file.
The tooling that reads and writes the catalogues is ``catalogue`` (it needs
polib, a development dependency), and must not be imported from here.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

APP_DIR = Path(__file__).resolve().parent
STATIC_JS = APP_DIR / "static" / "kyanh_cms_wagtail_vi" / "js" / "djangojs.vi.js"
STATIC_JS_PATH = "kyanh_cms_wagtail_vi/js/djangojs.vi.js"


def js_version() -> str:
    """Short content hash of the static catalogue, used to bust browser caches."""
    try:
        return hashlib.sha256(STATIC_JS.read_bytes()).hexdigest()[:12]
    except OSError:
        return "0"

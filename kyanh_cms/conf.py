"""The extension's settings: one optional ``KYANH_CMS`` dict with defaults.

Integrators never have to set anything; every key they do set is validated
by a system check (see ``checks.py``) so a typo fails at startup, not on a
visitor's request.
"""

from dataclasses import dataclass
from typing import Any

from django.conf import settings as django_settings


@dataclass(frozen=True)
class Option:
    default: Any
    kind: type | tuple[type, ...]
    help: str


OPTIONS: dict[str, Option] = {
    "BASE_TEMPLATE": Option(
        "kyanh_cms/layout.html",
        str,
        "template that kyanh_cms/base.html extends; it must define the blocks "
        "title, extra_css, extra_js and content (as Wagtail's project template does)",
    ),
}


def get_setting(name: str) -> Any:
    """The value of ``KYANH_CMS[name]``, or its default."""
    option = OPTIONS[name]
    return getattr(django_settings, "KYANH_CMS", {}).get(name, option.default)

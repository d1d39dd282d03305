from django.apps import apps
from django.conf import settings
from django.core import checks
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from .conf import OPTIONS, get_setting

# Apps whose models or template tags the extension uses.
REQUIRED_APPS = [
    "wagtail.contrib.settings",
    "wagtail.images",
    "wagtail.documents",
    "taggit",
    "modelcluster",
]


@checks.register(checks.Tags.compatibility)
def check_required_apps(app_configs, **kwargs):
    missing = [name for name in REQUIRED_APPS if not apps.is_installed(name)]
    if not missing:
        return []
    return [
        checks.Error(
            "kyanh_cms needs these apps in INSTALLED_APPS: " + ", ".join(missing) + ".",
            hint="Add them to INSTALLED_APPS (see the README's installation steps).",
            id="kyanh_cms.E005",
        )
    ]


@checks.register(checks.Tags.compatibility)
def check_kyanh_cms_settings(app_configs, **kwargs):
    errors = []
    configured = getattr(settings, "KYANH_CMS", {})
    if not isinstance(configured, dict):
        return [
            checks.Error(
                "KYANH_CMS must be a dict.",
                hint="Set KYANH_CMS = {...} or remove it to use the defaults.",
                id="kyanh_cms.E001",
            )
        ]
    for key, value in configured.items():
        option = OPTIONS.get(key)
        if option is None:
            errors.append(
                checks.Error(
                    f"KYANH_CMS has an unknown key {key!r}.",
                    hint="Known keys: " + ", ".join(sorted(OPTIONS)),
                    id="kyanh_cms.E002",
                )
            )
        elif not isinstance(value, option.kind) or (isinstance(value, bool) and option.kind is int):
            errors.append(
                checks.Error(
                    f"KYANH_CMS[{key!r}] has the wrong type {type(value).__name__}.",
                    hint=f"{key}: {option.help}",
                    id="kyanh_cms.E003",
                )
            )
    if not errors:
        try:
            get_template(get_setting("BASE_TEMPLATE"))
        except TemplateDoesNotExist:
            errors.append(
                checks.Error(
                    f"KYANH_CMS['BASE_TEMPLATE'] names a template that does not exist: "
                    f"{get_setting('BASE_TEMPLATE')!r}.",
                    hint=OPTIONS["BASE_TEMPLATE"].help,
                    id="kyanh_cms.E004",
                )
            )
    return errors


@checks.register(checks.Tags.security, checks.Tags.compatibility)
def check_reader_engagement(app_configs, **kwargs):
    """Captcha-protected comments need django-simple-captcha, and never its test mode live."""
    from django.apps import apps

    errors = []
    if not apps.is_installed("captcha"):
        errors.append(
            checks.Error(
                "Reader comments need django-simple-captcha: 'captcha' is not in INSTALLED_APPS.",
                hint="Add 'captcha' to INSTALLED_APPS and run migrate.",
                id="kyanh_cms.E010",
            )
        )
    if getattr(settings, "CAPTCHA_TEST_MODE", False) and not settings.DEBUG:
        errors.append(
            checks.Error(
                "CAPTCHA_TEST_MODE is on while DEBUG is off: any captcha answer 'passed' "
                "would be accepted.",
                hint="Remove CAPTCHA_TEST_MODE from production settings.",
                id="kyanh_cms.E011",
            )
        )
    configured = getattr(settings, "KYANH_CMS", {})
    if isinstance(configured, dict):
        alias = configured.get("RATE_LIMIT_CACHE", OPTIONS["RATE_LIMIT_CACHE"].default)
        if isinstance(alias, str) and alias not in settings.CACHES:
            errors.append(
                checks.Error(
                    f"KYANH_CMS['RATE_LIMIT_CACHE'] names a cache missing from CACHES: {alias!r}.",
                    hint=OPTIONS["RATE_LIMIT_CACHE"].help,
                    id="kyanh_cms.E012",
                )
            )
        for key in (
            "TRUSTED_PROXY_HOPS",
            "COMMENT_MAX_LENGTH",
            "COMMENT_RATE_LIMIT",
            "COMMENT_RATE_WINDOW",
            "RATING_RATE_LIMIT",
            "RATING_RATE_WINDOW",
        ):
            value = configured.get(key)
            minimum = 0 if key == "TRUSTED_PROXY_HOPS" else 1
            if isinstance(value, int) and not isinstance(value, bool) and value < minimum:
                errors.append(
                    checks.Error(
                        f"KYANH_CMS[{key!r}] must be at least {minimum}.",
                        hint=OPTIONS[key].help,
                        id="kyanh_cms.E013",
                    )
                )
    return errors

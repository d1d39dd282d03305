from django.apps import apps
from django.conf import settings
from django.core import checks
from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template
from django.template.loader_tags import BlockNode, ExtendsNode

from kyanh_cms.core.conf import OPTIONS, get_setting

# Apps whose models, blocks or template tags the extension uses, and why.
REQUIRED_APPS = {
    "wagtail.contrib.settings": "per-site portal identity, sidebar and engagement settings",
    "wagtail.images": "images in articles, showcases and the sidebar",
    "wagtail.documents": "document attachments",
    "wagtail.embeds": "video and other embeds in articles",
    "wagtail.contrib.typed_table_block": "the tables of article bodies (its admin script)",
    "taggit": "article tags",
    "modelcluster": "article tags and related articles",
    "captcha": "the image captcha of reader comments (django-simple-captcha)",
    "wagtailgeowidget": "the admin map of the sidebar's map block",
    "js_lib_leaflet": "Leaflet's files, served as static files",
}


@checks.register(checks.Tags.compatibility)
def check_required_apps(app_configs, **kwargs):
    return [
        checks.Error(
            f"kyanh_cms needs {name!r} in INSTALLED_APPS, for {reason}.",
            hint="Add it to INSTALLED_APPS (see the README's installation steps) and migrate.",
            id="kyanh_cms.E005",
        )
        for name, reason in REQUIRED_APPS.items()
        if not apps.is_installed(name)
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
        errors += check_base_template(get_setting("BASE_TEMPLATE"))
    return errors


#: Blocks of the base template that kyanh_cms/base.html fills; "content" carries the page.
BASE_TEMPLATE_BLOCKS = ("title", "extra_css", "extra_js")


def template_block_names(name, seen=()):
    """The ``{% block %}`` names of a Django template and of the templates it extends
    (a parent named by a variable is followed only when it resolves without context)."""
    template = getattr(get_template(name), "template", None)
    if template is None or not hasattr(template, "nodelist"):
        return None  # another template engine: nothing to inspect
    names = {node.name for node in template.nodelist.get_nodes_by_type(BlockNode)}
    for node in template.nodelist.get_nodes_by_type(ExtendsNode):
        parent = node.parent_name.resolve(Context())
        if isinstance(parent, str) and parent and parent not in seen:
            names |= template_block_names(parent, (*seen, name)) or set()
    return names


def check_base_template(name):
    try:
        names = template_block_names(name)
    except TemplateDoesNotExist:
        return [
            checks.Error(
                f"KYANH_CMS['BASE_TEMPLATE'] names a template that does not exist: {name!r}.",
                hint=OPTIONS["BASE_TEMPLATE"].help,
                id="kyanh_cms.E004",
            )
        ]
    if names is None:
        return []
    if "content" not in names:
        return [
            checks.Error(
                f"KYANH_CMS['BASE_TEMPLATE'] ({name!r}) has no {{% block content %}}: "
                "the extension's pages would be empty.",
                hint=OPTIONS["BASE_TEMPLATE"].help,
                id="kyanh_cms.E006",
            )
        ]
    missing = [block for block in BASE_TEMPLATE_BLOCKS if block not in names]
    if missing:
        return [
            checks.Warning(
                f"KYANH_CMS['BASE_TEMPLATE'] ({name!r}) has no block "
                + ", ".join(missing)
                + ": the extension's pages lose their title, stylesheet or scripts.",
                hint=OPTIONS["BASE_TEMPLATE"].help,
                id="kyanh_cms.W002",
            )
        ]
    return []


# Bounds of the integer options: (smallest, largest or None).
INTEGER_BOUNDS = {
    "TRUSTED_PROXY_HOPS": (0, 10),
    "COMMENT_MAX_LENGTH": (1, None),
    "COMMENT_RATE_LIMIT": (1, None),
    "COMMENT_RATE_WINDOW": (1, None),
    "RATING_RATE_LIMIT": (1, None),
    "RATING_RATE_WINDOW": (1, None),
    "COMMENT_DUPLICATE_SECONDS": (0, None),
    "CAPTCHA_FREE_ATTEMPTS": (0, None),
    "CAPTCHA_MAX_DELAY": (1, 3600),
    "CAPTCHA_AUDIO_RATE_LIMIT": (1, None),
    "CAPTCHA_AUDIO_RATE_WINDOW": (1, None),
    "ONLINE_WINDOW_MINUTES": (1, 1440),
    "MAX_IMAGE_PIXELS": (1_000_000, 500_000_000),
    "SIDEBAR_CACHE_SECONDS": (0, None),
    "CONTENT_CACHE_SECONDS": (0, None),
    "EMBED_CACHE_SECONDS": (0, None),
    "FRAGMENT_CACHE_SECONDS": (0, None),
    "VISIT_STATS_CACHE_SECONDS": (0, 3600),
    "BEACON_MAX_BYTES": (64, 65536),
    "VISIT_HISTORY_DAYS": (0, None),
    "PAGE_CACHE_SECONDS": (0, None),
    "CACHE_EPOCH_CHECK_SECONDS": (0, 3600),
}


@checks.register(checks.Tags.compatibility)
def check_option_values(app_configs, **kwargs):
    """Integer options within their bounds, and names that must point at something real."""
    configured = getattr(settings, "KYANH_CMS", {})
    if not isinstance(configured, dict):
        return []  # reported by check_kyanh_cms_settings
    errors = []
    for key, (low, high) in INTEGER_BOUNDS.items():
        value = configured.get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            continue  # absent, or a wrong type reported by check_kyanh_cms_settings
        if value < low or (high is not None and value > high):
            allowed = f"{low}-{high}" if high is not None else f"{low} or more"
            errors.append(
                checks.Error(
                    f"KYANH_CMS[{key!r}] is {value}, outside {allowed}.",
                    hint=f"{key}: {OPTIONS[key].help}",
                    id="kyanh_cms.E013",
                )
            )
    alias = get_setting("RATE_LIMIT_CACHE")
    if isinstance(alias, str) and alias not in settings.CACHES:
        errors.append(
            checks.Error(
                f"KYANH_CMS['RATE_LIMIT_CACHE'] names a cache missing from CACHES: {alias!r}.",
                hint=OPTIONS["RATE_LIMIT_CACHE"].help,
                id="kyanh_cms.E012",
            )
        )
    elif isinstance(alias, str) and settings.CACHES[alias].get("BACKEND", "").endswith(
        ".DummyCache"
    ):
        errors.append(
            checks.Error(
                f"KYANH_CMS['RATE_LIMIT_CACHE'] is {alias!r}, a DummyCache: it keeps no count, "
                "so comments and votes would never be rate-limited.",
                hint=OPTIONS["RATE_LIMIT_CACHE"].help,
                id="kyanh_cms.E014",
            )
        )
    model_name = get_setting("MOST_READ_PAGE_MODEL")
    if isinstance(model_name, str):
        from wagtail.models import Page

        try:
            model = apps.get_model(model_name)
        except (LookupError, ValueError):
            model = None
        if model is None or not issubclass(model, Page):
            errors.append(
                checks.Error(
                    f"KYANH_CMS['MOST_READ_PAGE_MODEL'] is {model_name!r}, not a page model.",
                    hint=OPTIONS["MOST_READ_PAGE_MODEL"].help,
                    id="kyanh_cms.E007",
                )
            )
    return errors


@checks.register(checks.Tags.security)
def check_captcha_test_mode(app_configs, **kwargs):
    if getattr(settings, "CAPTCHA_TEST_MODE", False) and not settings.DEBUG:
        return [
            checks.Error(
                "CAPTCHA_TEST_MODE is on while DEBUG is off: any captcha answer 'passed' "
                "would be accepted.",
                hint="Remove CAPTCHA_TEST_MODE from production settings.",
                id="kyanh_cms.E011",
            )
        ]
    return []


@checks.register(checks.Tags.compatibility)
def check_sqlite_waits_for_writers(app_configs, **kwargs):
    from django.db import connections

    database = settings.DATABASES.get("default", {})
    if database.get("ENGINE") != "django.db.backends.sqlite3":
        return []
    if connections["default"].is_in_memory_db():
        return []
    options = database.get("OPTIONS", {})
    if options.get("transaction_mode") == "IMMEDIATE" and options.get("timeout", 5) >= 10:
        return []
    return [
        checks.Warning(
            "SQLite without transaction_mode 'IMMEDIATE' and a timeout of 10 s or "
            "more: concurrent visit counting may skip hits with 'database is locked'.",
            hint="DATABASES['default']['OPTIONS'] = "
            "{'transaction_mode': 'IMMEDIATE', 'timeout': 20}",
            id="kyanh_cms.W001",
        )
    ]


@checks.register(checks.Tags.security, deploy=True)
def check_trusted_proxies(app_configs, **kwargs):
    """Settings that say a proxy forwards the requests, while no proxy hop is trusted:
    every visitor then has the proxy's address (one rate-limit bucket for the town)."""
    behind_proxy = bool(
        getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
        or getattr(settings, "USE_X_FORWARDED_HOST", False)
        or getattr(settings, "USE_X_FORWARDED_PORT", False)
    )
    if behind_proxy and get_setting("TRUSTED_PROXY_HOPS") == 0:
        return [
            checks.Warning(
                "SECURE_PROXY_SSL_HEADER (or USE_X_FORWARDED_HOST/PORT) says a reverse proxy "
                "forwards the requests, but KYANH_CMS['TRUSTED_PROXY_HOPS'] is 0: every "
                "visitor has the proxy's address, so the whole town shares one rate limit "
                "and every comment is stored with the proxy's address.",
                hint="Set TRUSTED_PROXY_HOPS to the number of proxies that append to "
                'X-Forwarded-For (1 for the nginx of docs/production.md, "nginx in front").',
                id="kyanh_cms.W003",
            )
        ]
    return []

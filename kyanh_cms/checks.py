from django.conf import settings
from django.core import checks
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from .conf import OPTIONS, get_setting


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
        elif not isinstance(value, option.kind):
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


# Bounds of the integer options: (smallest, largest or None).
INTEGER_BOUNDS = {
    "ONLINE_WINDOW_MINUTES": (1, 1440),
    "TRUSTED_PROXY_COUNT": (0, 10),
    "SIDEBAR_CACHE_SECONDS": (0, None),
    "VISIT_STATS_CACHE_SECONDS": (0, 3600),
    "BEACON_MAX_BYTES": (64, 65536),
    "VISIT_HISTORY_DAYS": (0, None),
}


@checks.register(checks.Tags.compatibility)
def check_sidebar_settings(app_configs, **kwargs):
    """Values of the sidebar and visit-counting options, and the apps they need."""
    from django.apps import apps

    configured = getattr(settings, "KYANH_CMS", {})
    if not isinstance(configured, dict):
        return []  # reported by check_kyanh_cms_settings
    errors = []
    for key, (low, high) in INTEGER_BOUNDS.items():
        if key not in configured:
            continue
        value = configured[key]
        if isinstance(value, bool) or not isinstance(value, int):
            continue  # a wrong type is reported above; bool is an int to Python
        if value < low or (high is not None and value > high):
            allowed = f"{low}-{high}" if high is not None else f"{low} or more"
            errors.append(
                checks.Error(
                    f"KYANH_CMS[{key!r}] is {value}, outside {allowed}.",
                    hint=f"{key}: {OPTIONS[key].help}",
                    id="kyanh_cms.E005",
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
    for app_label in ("wagtailgeowidget", "js_lib_leaflet"):
        if not apps.is_installed(app_label):
            errors.append(
                checks.Error(
                    f"{app_label!r} is not in INSTALLED_APPS.",
                    hint="The sidebar's map block needs it for its admin map and Leaflet's "
                    "static files; add it next to 'kyanh_cms'.",
                    id="kyanh_cms.E008",
                )
            )
    database = settings.DATABASES.get("default", {})
    in_memory = str(database.get("NAME", "")) in ("", ":memory:")
    if database.get("ENGINE") == "django.db.backends.sqlite3" and not in_memory:
        options = database.get("OPTIONS", {})
        if options.get("transaction_mode") != "IMMEDIATE" or options.get("timeout", 5) < 10:
            errors.append(
                checks.Warning(
                    "SQLite without transaction_mode 'IMMEDIATE' and a timeout of 10 s or "
                    "more: concurrent visit counting may skip hits with 'database is locked'.",
                    hint="DATABASES['default']['OPTIONS'] = "
                    "{'transaction_mode': 'IMMEDIATE', 'timeout': 20}",
                    id="kyanh_cms.W001",
                )
            )
    return errors

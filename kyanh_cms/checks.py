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

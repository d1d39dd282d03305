from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailViConfig(AppConfig):
    name = "kyanh_cms.wagtail_vi"
    label = "kyanh_cms_wagtail_vi"
    verbose_name = _("Vietnamese translations for Wagtail")

    def ready(self):
        from django.core import checks

        from kyanh_cms.wagtail_vi.checks import check_static_catalogue

        checks.register(check_static_catalogue, checks.Tags.staticfiles)
        label_the_login_password()


def label_the_login_password():
    """Wagtail's login form declares its password field without a label, so Django shows
    the field's name, "Password", which no catalogue translates. Give it Wagtail's own
    msgid ("Password" → "Mật khẩu"); a host's own login form is left alone."""
    from django.utils.translation import gettext_lazy
    from wagtail.admin.forms.auth import LoginForm

    field = LoginForm.base_fields["password"]
    if field.label is None:
        field.label = gettext_lazy("Password")

"""The admin form that adds a commune site."""

from django import forms
from django.utils.translation import gettext_lazy as _


class AddCommuneForm(forms.Form):
    """Name, host name, port and slug of a new commune site; ``setup.add_commune`` checks
    them against the other sites and puts its refusals next to the values typed."""

    name = forms.CharField(
        label=_("Name of the commune or ward"),
        max_length=100,
        help_text=_("For example “xã Kỳ Hoa” or “phường Sông Trí”; a name alone is a commune."),
    )
    hostname = forms.CharField(
        label=_("Host name"),
        max_length=255,
        help_text=_(
            "The address the commune's portal is served at, such as xa-ky-hoa.hatinh.gov.vn."
        ),
    )
    port = forms.IntegerField(
        label=_("Port"),
        initial=80,
        min_value=1,
        max_value=65535,
        help_text=_("80 for an ordinary web address; the site's links use it."),
    )
    slug = forms.CharField(
        label=_("Slug"),
        max_length=255,
        required=False,
        help_text=_(
            "The slug of the commune's home page in the page tree; left empty, it is made "
            "from the name (xa-ky-hoa)."
        ),
    )

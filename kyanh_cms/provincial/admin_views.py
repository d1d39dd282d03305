"""The admin screen that adds a commune site (superusers only)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from kyanh_cms.provincial.forms import AddCommuneForm
from kyanh_cms.provincial.setup import CommuneRefused, add_commune


def describe(setup):
    """``"4 news categories, 1 site, …"`` of what ``setup`` created."""
    return ", ".join(f"{number} {label}" for label, number in setup.summary())


class AddCommuneView(WagtailAdminTemplateMixin, FormView):
    template_name = "kyanh_cms/provincial/admin/add_commune.html"
    form_class = AddCommuneForm
    page_title = gettext_lazy("Add a commune site")
    header_icon = "site"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "action_url": reverse("kyanh_cms_communes:add"),
            "submit_button_label": _("Add the commune site"),
            "submit_button_active_label": _("Adding…"),
        }

    def form_valid(self, form):
        try:
            setup = add_commune(**form.cleaned_data)
        except CommuneRefused as refusal:
            form.add_error(None, refusal)
            return self.form_invalid(form)
        values = {"name": setup.name.title, "url": setup.site.root_url}
        if setup.changed:
            messages.success(
                self.request,
                _("The site of %(name)s is set up at %(url)s. Created: %(created)s.")
                % {**values, "created": describe(setup)},
            )
        else:
            messages.info(
                self.request,
                _("%(name)s already had everything at %(url)s: nothing was changed.") % values,
            )
        return redirect("wagtailadmin_explore", setup.home.pk)


class AddCommuneMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


def add_commune_menu_item():
    return AddCommuneMenuItem(
        gettext_lazy("Commune sites"),
        reverse("kyanh_cms_communes:add"),
        name="kyanh-add-commune",
        icon_name="site",
        order=610,
    )

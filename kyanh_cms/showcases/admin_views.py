"""Admin views of the extension that are not plain listings: the showcase import."""

from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from kyanh_cms.showcases import importing as showcase_import
from kyanh_cms.showcases.forms import ShowcaseImportForm
from kyanh_cms.showcases.models import ShowcaseIndexPage

PAYLOAD_SALT = "kyanh_cms.showcases.importing"
PAYLOAD_MAX_AGE = 60 * 60  # an hour between preview and confirmation


def importable_index_pages(user):
    """Showcase indexes under which ``user`` may both add and publish pages."""
    pages = []
    for page in ShowcaseIndexPage.objects.order_by("path"):
        permissions = page.permissions_for_user(user)
        if permissions.can_add_subpage() and permissions.can_publish_subpage():
            pages.append(page)
    return pages


class ShowcaseImportView(WagtailAdminTemplateMixin, TemplateView):
    """Upload → preview with row-by-row problems → confirm; nothing is written before confirming."""

    template_name = "kyanh_cms/showcases/admin/showcase_import.html"
    page_title = gettext_lazy("Import showcase registrations")
    header_icon = "upload"
    listing_url_name = None  # set by the viewset

    def dispatch(self, request, *args, **kwargs):
        self.index_pages = importable_index_pages(request.user)
        if not self.index_pages and ShowcaseIndexPage.objects.exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_index_queryset(self):
        return ShowcaseIndexPage.objects.filter(pk__in=[page.pk for page in self.index_pages])

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get(self, request, *args, **kwargs):
        form = ShowcaseImportForm(index_pages=self.get_index_queryset())
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        form = ShowcaseImportForm(
            request.POST, request.FILES, index_pages=self.get_index_queryset()
        )
        if request.POST.get("action") == "confirm":
            form.fields["file"].required = False
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        year = form.cleaned_data["year"]
        index_page = form.cleaned_data["index_page"]

        if request.POST.get("action") == "confirm":
            try:
                table = signing.loads(
                    request.POST.get("payload", ""), salt=PAYLOAD_SALT, max_age=PAYLOAD_MAX_AGE
                )
            except signing.BadSignature:
                form.add_error(
                    None, _("The preview has expired or was changed. Upload the file again.")
                )
                return self.render_to_response(self.get_context_data(form=form))
        else:
            try:
                table = showcase_import.read_table(form.cleaned_data["file"])
            except showcase_import.FileRefused as refusal:
                form.add_error("file", str(refusal))
                return self.render_to_response(self.get_context_data(form=form))

        preview = showcase_import.validate(table, year)
        if request.POST.get("action") == "confirm" and preview.is_valid:
            created, updated = showcase_import.apply(preview, index_page, user=request.user)
            messages.success(
                request,
                _(
                    "Import of %(year)s finished: %(created)s showcases created, "
                    "%(updated)s updated, %(unchanged)s unchanged."
                )
                % {
                    "year": year,
                    "created": created,
                    "updated": updated,
                    "unchanged": preview.count("unchanged"),
                },
            )
            return redirect(reverse(self.listing_url_name) + f"?year={year}")
        payload = signing.dumps(table, salt=PAYLOAD_SALT, compress=True)
        return self.render_to_response(
            self.get_context_data(form=form, preview=preview, payload=payload)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["columns"] = showcase_import.COLUMNS
        context["max_rows"] = showcase_import.MAX_ROWS
        context["has_index"] = bool(self.index_pages)
        return context

"""The admin's import of an existing register: upload → preview with row-by-row problems →
confirm. Nothing is written before confirming; the table travels signed in the form, the
ZIP of files waits in the media storage (shared by every app server) until then."""

import secrets

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from kyanh_cms.documents import importing
from kyanh_cms.documents.models import DocumentLibraryPage

PAYLOAD_SALT = "kyanh_cms.documents.importing"
PAYLOAD_MAX_AGE = 60 * 60
ARCHIVE_FOLDER = "kyanh-imports"


def importable_libraries(user):
    pages = []
    for page in DocumentLibraryPage.objects.order_by("path"):
        permissions = page.permissions_for_user(user)
        if permissions.can_add_subpage() and permissions.can_publish_subpage():
            pages.append(page)
    return pages


def collections_for(user):
    # Read when asked: Wagtail's document permissions may not be imported before its app.
    from wagtail.documents import get_document_model
    from wagtail.permissions import policy_registry

    policy = policy_registry.get_by_type(get_document_model())
    return policy.collections_user_has_permission_for(user, "add")


class DocumentImportForm(forms.Form):
    library = forms.ModelChoiceField(
        label=gettext_lazy("Library"), queryset=DocumentLibraryPage.objects.none()
    )
    collection = forms.ModelChoiceField(
        label=gettext_lazy("Collection for the files"), queryset=None, required=False
    )
    file = forms.FileField(
        label=gettext_lazy("Register (.csv or .xlsx)"),
        help_text=gettext_lazy("The columns of the library's export; at most 2,000 rows."),
    )
    archive = forms.FileField(
        label=gettext_lazy("Files (.zip)"),
        required=False,
        help_text=gettext_lazy("The files named in the “Tệp” column, in one ZIP file."),
    )

    def __init__(self, *args, libraries, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["library"].queryset = DocumentLibraryPage.objects.filter(
            pk__in=[page.pk for page in libraries]
        )
        self.fields["collection"].queryset = collections_for(user)


class DocumentImportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "kyanh_cms/documents/admin/document_import.html"
    page_title = gettext_lazy("Import documents")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        self.libraries = importable_libraries(request.user)
        if not self.libraries:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form(self, *args):
        return DocumentImportForm(*args, libraries=self.libraries, user=self.request.user)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.form()))

    def refuse(self, form, field, message):
        form.add_error(field, message)
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST, request.FILES)
        confirming = request.POST.get("action") == "confirm"
        if confirming:
            form.fields["file"].required = False
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        library = form.cleaned_data["library"]
        if confirming:
            try:
                payload = signing.loads(
                    request.POST.get("payload", ""), salt=PAYLOAD_SALT, max_age=PAYLOAD_MAX_AGE
                )
            except signing.BadSignature:
                return self.refuse(
                    form, None, _("The preview has expired or was changed. Upload the file again.")
                )
            table, stored = payload["table"], payload["archive"]
            archive_data = default_storage.open(stored).read() if stored else None
        else:
            upload = form.cleaned_data["file"]
            try:
                table = importing.read_table(upload.read(importing.MAX_FILE_SIZE + 1), upload.name)
            except importing.FileRefused as refusal:
                return self.refuse(form, "file", str(refusal))
            archive_upload = form.cleaned_data.get("archive")
            archive_data = (
                archive_upload.read(importing.MAX_ARCHIVE_SIZE + 1) if archive_upload else None
            )
            stored = None
        try:
            archive = importing.open_archive(archive_data)
        except importing.FileRefused as refusal:
            return self.refuse(form, "archive", str(refusal))
        preview = importing.check(table, library, importing.archive_names(archive))
        if confirming and preview.is_valid:
            created = importing.apply(
                preview,
                library,
                request.user,
                archive,
                form.cleaned_data.get("collection") or collections_for(request.user).first(),
            )
            if stored:
                default_storage.delete(stored)
            messages.success(
                request,
                _("%(created)s documents imported and published; %(skipped)s already there.")
                % {"created": created, "skipped": preview.count("skip")},
            )
            return redirect(reverse("kyanh_documents:index"))
        if archive_data and not stored:
            stored = default_storage.save(
                f"{ARCHIVE_FOLDER}/{secrets.token_hex(16)}.zip", ContentFile(archive_data)
            )
        payload = signing.dumps(
            {"table": table, "archive": stored}, salt=PAYLOAD_SALT, compress=True
        )
        return self.render_to_response(
            self.get_context_data(form=form, preview=preview, payload=payload)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["headings"] = [
            *[str(heading) for heading in importing.EXPORT_HEADINGS.values()],
            importing.FILES_HEADING,
        ]
        context["max_rows"] = importing.MAX_ROWS
        return context

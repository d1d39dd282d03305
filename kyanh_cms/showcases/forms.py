"""Forms of the showcase pages (filters) and of the showcase import (editors)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from kyanh_cms.core.forms import ListFilterForm
from kyanh_cms.core.years import MAX_YEAR, MIN_YEAR
from kyanh_cms.showcases.choices import ShowcaseKind, ShowcaseStatus


class ShowcaseFilterForm(ListFilterForm):
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    organization = forms.TypedChoiceField(
        label=_("Organization"), required=False, coerce=int, empty_value=None
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("Models and exemplars"))] + ShowcaseKind.choices,
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses"))] + ShowcaseStatus.choices,
    )

    filter_fields = {
        "year": "year",
        "organization": "organization_id",
        "kind": "kind",
        "status": "status",
    }

    def __init__(self, *args, organizations=(), **kwargs):
        # Organizations come in already fetched: the page needs them for its figures too.
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [("", _("All organizations"))] + [
            (organization.pk, organization.name) for organization in organizations
        ]


class ShowcaseImportForm(forms.Form):
    """Step one of an import: which file, for which year, under which showcase index."""

    year = forms.IntegerField(
        label=_("Year"),
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        help_text=_("Every row must be for this year; a row may leave the year empty."),
    )
    index_page = forms.ModelChoiceField(
        label=_("Showcase index"),
        queryset=Page.objects.none(),
        help_text=_("New showcases are published under this page."),
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("A CSV file (UTF-8 or Windows-1258) or an Excel .xlsx file, at most 5 MB."),
    )

    def __init__(self, *args, index_pages=None, **kwargs):
        super().__init__(*args, **kwargs)
        pages = index_pages if index_pages is not None else Page.objects.none()
        self.fields["index_page"].queryset = pages
        if len(pages) == 1:
            self.fields["index_page"].initial = pages[0].pk

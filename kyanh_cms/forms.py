"""Forms for visitors (list filters) and editors (showcase import)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import MAX_YEAR, MIN_YEAR, ShowcaseKind, ShowcaseStatus, TaskStatus
from .models import ShowcaseIndexPage


class ListFilterForm(forms.Form):
    """A plain GET form: bookmarkable, works without JavaScript, ignores values it cannot use.

    ``cleaned_filters()`` returns the queryset filters of the fields that
    validated, so one bad value in a hand-edited URL does not hide the list.
    """

    filter_fields: dict[str, str] = {}

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years"))] + [(y, y) for y in years]

    def cleaned_filters(self):
        if not self.is_bound:
            return {}
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {
            lookup: cleaned[name]
            for name, lookup in self.filter_fields.items()
            if cleaned.get(name) not in (None, "")
        }


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


class TaskPlanFilterForm(ListFilterForm):
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses"))] + TaskStatus.choices,
    )

    filter_fields = {"year": "year", "status": "overall_status"}


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
        queryset=ShowcaseIndexPage.objects.none(),
        help_text=_("New showcases are published under this page."),
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("A CSV file (UTF-8 or Windows-1258) or an Excel .xlsx file, at most 5 MB."),
    )

    def __init__(self, *args, index_pages=None, **kwargs):
        super().__init__(*args, **kwargs)
        pages = index_pages if index_pages is not None else ShowcaseIndexPage.objects.none()
        self.fields["index_page"].queryset = pages
        if len(pages) == 1:
            self.fields["index_page"].initial = pages[0].pk

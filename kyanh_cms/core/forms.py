"""A list filter for visitors: the base of the showcase and task-plan filters."""

from django import forms
from django.utils.translation import gettext_lazy as _


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

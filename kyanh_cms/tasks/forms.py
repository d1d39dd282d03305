"""The filter of the task-plan index."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kyanh_cms.core.forms import ListFilterForm
from kyanh_cms.tasks.choices import TaskStatus


class TaskPlanFilterForm(ListFilterForm):
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses"))] + TaskStatus.choices,
    )

    filter_fields = {"year": "year", "status": "overall_status"}

"""The visitor's filter of the week page: week, bloc, leader and search words.

A plain GET form (bookmarkable, no JavaScript). A value it cannot use — a week
that does not exist, a leader who chairs nothing — is ignored with a note rather
than emptying the table.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from kyanh_cms.schedules.choices import Bloc
from kyanh_cms.schedules.weeks import Week

#: Query-string names, short and accent-free: ``?tuan=2026-W49&khoi=ubnd&lanh_dao=…&q=…``.
WEEK, BLOC, LEADER, SEARCH = "tuan", "khoi", "lanh_dao", "q"


class WeekInput(forms.TextInput):
    """``<input type="week">``: browsers that know it offer a week picker and send
    ``2026-W49``; the others show a text box where that can be typed."""

    input_type = "week"


class ScheduleFilterForm(forms.Form):
    tuan = forms.CharField(
        label=_("Week"), required=False, max_length=10, widget=WeekInput(attrs={"size": 10})
    )
    khoi = forms.ChoiceField(
        label=_("Bloc"), required=False, choices=[("", _("All blocs")), *Bloc.choices]
    )
    lanh_dao = forms.ChoiceField(label=_("Leader"), required=False)
    q = forms.CharField(label=_("Search the schedule"), required=False, max_length=100)

    def __init__(self, data, *, leaders, week):
        data = data.copy()
        data.setdefault(WEEK, str(week))
        super().__init__(data)
        self.fields["lanh_dao"].choices = [("", _("All leaders"))] + [
            (name, name) for name in leaders
        ]

    def clean_tuan(self):
        text = self.cleaned_data["tuan"]
        if text and Week.parse(text) is None:
            raise forms.ValidationError(_("Enter a week such as 2026-W49."))
        return text

    def cleaned_filters(self):
        """``{"bloc": …, "leader": …, "words": …}`` of the values that validated."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {
            "bloc": cleaned.get("khoi") or None,
            "leader": cleaned.get("lanh_dao") or None,
            "words": (cleaned.get("q") or "").strip(),
        }

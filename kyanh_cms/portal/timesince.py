"""Elapsed times in Vietnamese: "17 phút trước", in the admin and on the portal.

Django's ``timesince`` (which Wagtail's "%(time_period)s ago" uses in every admin
listing and history) asks for "%(num)d minute" and its siblings; Django's own
Vietnamese catalogue still carries these under their old names ("%d minute"), so
they stayed English: "17 minutes trước". Declaring the same msgids here puts them
in the extension's catalogue, which Django reads first, so one humanizer — Django's,
with Vietnamese units — serves everywhere.
"""

from django.utils.translation import ngettext_lazy

#: The units of ``django.utils.timesince.TIME_STRINGS``, word for word.
TIME_STRINGS = {
    "year": ngettext_lazy("%(num)d year", "%(num)d years", "num"),
    "month": ngettext_lazy("%(num)d month", "%(num)d months", "num"),
    "week": ngettext_lazy("%(num)d week", "%(num)d weeks", "num"),
    "day": ngettext_lazy("%(num)d day", "%(num)d days", "num"),
    "hour": ngettext_lazy("%(num)d hour", "%(num)d hours", "num"),
    "minute": ngettext_lazy("%(num)d minute", "%(num)d minutes", "num"),
}

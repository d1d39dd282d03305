"""The library's table: filters, keyword, status and keyset pages, shared by the page,
its RSS feed and its spreadsheet.

Keyset pages ("after"/"before" a document's issue date and id) instead of page
numbers: reading page 500 of twenty thousand documents costs what page 1 costs,
and a document published meanwhile does not shift what the next page shows.
"""

import datetime

from django import forms
from django.apps import apps
from django.db.models import Max, Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kyanh_cms.caching.fragments import lazy_parts
from kyanh_cms.caching.sites import site_ids_for_path
from kyanh_cms.core.forms import ListFilterForm
from kyanh_cms.core.input import clean_params
from kyanh_cms.documents.choices import DocumentStatus, Sort
from kyanh_cms.documents.numbers import MAX_QUERY_LENGTH, query_terms
from kyanh_cms.portal.public import restricted_paths

PAGE_SIZE = 20


def _models(*names):
    # By name: the library page (models.py) draws itself with this module.
    return [apps.get_model("kyanh_cms", name) for name in names]


class DocumentFilterForm(ListFilterForm):
    q = forms.CharField(
        label=_("Number, symbol or words of the abstract"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("For example 125/QĐ-UBND")}
        ),
    )
    kind = forms.TypedChoiceField(label=_("Kind"), required=False, coerce=int, empty_value=None)
    issuer = forms.TypedChoiceField(
        label=_("Issuing body"), required=False, coerce=int, empty_value=None
    )
    field = forms.TypedChoiceField(label=_("Field"), required=False, coerce=int, empty_value=None)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        label=pgettext_lazy("document", "Status"),
        required=False,
        choices=[("", _("All statuses"))] + DocumentStatus.choices,
    )
    sort = forms.ChoiceField(label=_("Order"), required=False, choices=Sort.choices)

    filter_fields = {
        "kind": "kind_id",
        "issuer": "issuer_id",
        "field": "field_id",
        "year": "issue_year",
    }

    def __init__(self, *args, kinds=(), issuers=(), fields=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds"))] + [(k.pk, k.name) for k in kinds]
        self.fields["issuer"].choices = [("", _("All issuing bodies"))] + [
            (i.pk, i.name) for i in issuers
        ]
        self.fields["field"].choices = [("", _("All fields"))] + [(f.pk, f.name) for f in fields]

    def value(self, name, default=""):
        if not self.is_bound:
            return default
        self.is_valid()
        return getattr(self, "cleaned_data", {}).get(name) or default


def filter_choices(library):
    """Kinds, the site's issuing bodies, fields and the years, for the form."""
    DocumentField, DocumentKind, IssuingBody, LegalDocumentPage = _models(
        "DocumentField", "DocumentKind", "IssuingBody", "LegalDocumentPage"
    )
    site_ids = site_ids_for_path(library.path)
    # Every year from the oldest document to the newest: two index lookups, where the
    # distinct years of this library's documents cost a scan of all of them (30 ms at
    # 20,000 on every publish). A year without documents shows an empty table.
    span = LegalDocumentPage.objects.aggregate(first=Min("issue_year"), last=Max("issue_year"))
    years = range(span["last"], span["first"] - 1, -1) if span["first"] else []
    return {
        "kinds": list(DocumentKind.objects.all()),
        "issuers": list(IssuingBody.objects.for_site(site_ids[0] if site_ids else None)),
        "fields": list(DocumentField.objects.all()),
        "years": list(years),
    }


def bound_form(library, params, choices=None):
    choices = choices if choices is not None else filter_choices(library)
    return DocumentFilterForm(params or None, **choices)


def visible_documents(library):
    """The library's live documents a visitor may read."""
    (LegalDocumentPage,) = _models("LegalDocumentPage")
    documents = LegalDocumentPage.objects.child_of(library).live()
    for path in restricted_paths():
        documents = documents.exclude(path__startswith=path)
    return documents


def filtered(library, form, today=None):
    """The visible documents matching the form's filters, status and keyword, with their
    status (``computed_status``) annotated."""
    documents = visible_documents(library).filter(**form.cleaned_filters())
    terms = query_terms(form.value("q"))
    if terms:
        documents = documents.matching(terms)
    documents = documents.with_status(today)
    status = form.value("status")
    if status:
        documents = documents.filter(computed_status=status)
    return documents.select_related("kind", "issuer").defer("full_text", "search_text")


def parse_cursor(value):
    """``"2025-03-14.812"`` → ``(date(2025, 3, 14), 812)``; None for anything else."""
    try:
        day, pk = str(value).split(".", 1)
        return datetime.date.fromisoformat(day), int(pk)
    except (ValueError, TypeError):
        return None


def cursor_of(document):
    return f"{document.issue_date.isoformat()}.{document.pk}"


def keyset_page(documents, *, newest_first=True, after=None, before=None, size=PAGE_SIZE):
    """``(rows, previous cursor, next cursor)``: one page of ``documents`` ordered by issue
    date (then id), starting after ``after`` or ending before ``before``."""
    descending = ["-issue_date", "-pk"]
    ascending = ["issue_date", "pk"]
    forward = descending if newest_first else ascending

    def beyond(cursor, later):
        day, pk = cursor
        if later:
            return Q(issue_date__gt=day) | Q(issue_date=day, pk__gt=pk)
        return Q(issue_date__lt=day) | Q(issue_date=day, pk__lt=pk)

    if before is not None:
        backward = ascending if newest_first else descending
        rows = list(documents.filter(beyond(before, newest_first)).order_by(*backward)[: size + 1])
        has_more_before = len(rows) > size
        rows = rows[:size][::-1]
        previous = cursor_of(rows[0]) if rows and has_more_before else None
        following = cursor_of(rows[-1]) if rows else None
        return rows, previous, following
    if after is not None:
        documents = documents.filter(beyond(after, not newest_first))
    rows = list(documents.order_by(*forward)[: size + 1])
    following = cursor_of(rows[size - 1]) if len(rows) > size else None
    rows = rows[:size]
    previous = cursor_of(rows[0]) if rows and after is not None else None
    return rows, previous, following


def table(library, params, today=None):
    """Everything the library page draws from ``params`` (``request.GET``, cleaned)."""
    choices = filter_choices(library)
    form = bound_form(library, params, choices)
    documents = filtered(library, form, today)
    rows, previous, following = keyset_page(
        documents,
        newest_first=form.value("sort", Sort.NEWEST) != Sort.OLDEST,
        after=parse_cursor(params.get("after")) if params.get("after") else None,
        before=parse_cursor(params.get("before")) if params.get("before") else None,
    )
    for row in rows:
        row.status_text = DocumentStatus(row.computed_status).label
    return {
        "filter_form": form,
        "documents": rows,
        "previous_query": _query_with(params, before=previous) if previous else "",
        "next_query": _query_with(params, after=following) if following else "",
        "filter_query": _query_with(params),
    }


def _query_with(params, **cursor):
    query = params.copy()
    for name in ("after", "before"):
        query.pop(name, None)
    for name, value in cursor.items():
        query[name] = value
    return query.urlencode()


def library_context(library, request):
    params = clean_params(request.GET)
    today = timezone.localdate()
    # Lazy: the table is a cached fragment per query string and day (a status changes
    # with the date), so a warm page runs none of this.
    context = lazy_parts(
        lambda: table(library, params, today),
        "filter_form",
        "documents",
        "previous_query",
        "next_query",
        "filter_query",
    )
    context["today"] = today
    return context

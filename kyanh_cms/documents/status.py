"""A document's status, from its dates and from the live documents that bear on it.

The same rule twice: in Python for one document (``document_status``) and in
SQL for the library's table and its status filter (``with_status``), so a
filter by "hết hiệu lực" over twenty thousand documents is one query. It
depends on today's date, so the library's cached table varies by day.

Order of precedence: a draft is a draft; a document replaced by a live
document is "replaced" whatever its dates; then expired (its expiry date
has passed), not yet in force (its effective date is ahead), amended (a live
document amends it) and otherwise in force.
"""

from django.apps import apps
from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.utils import timezone
from wagtail.models import PageManager
from wagtail.query import PageQuerySet

from kyanh_cms.documents.choices import DocumentStatus, RelationKind


def document_status(document, *, replaced, amended, today=None):
    today = today or timezone.localdate()
    if document.is_draft:
        return DocumentStatus.DRAFT
    if replaced:
        return DocumentStatus.REPLACED
    if document.expiry_date and document.expiry_date < today:
        return DocumentStatus.EXPIRED
    if document.effective_date and document.effective_date > today:
        return DocumentStatus.NOT_YET
    if amended:
        return DocumentStatus.AMENDED
    return DocumentStatus.IN_FORCE


def _incoming(kind):
    # By name: models.py builds its manager from this module.
    relations = apps.get_model("kyanh_cms", "DocumentRelation")
    return Exists(relations.objects.filter(target=OuterRef("pk"), kind=kind, document__live=True))


def status_expression(today=None):
    today = today or timezone.localdate()
    return Case(
        When(is_draft=True, then=Value(DocumentStatus.DRAFT.value)),
        When(_incoming(RelationKind.REPLACES), then=Value(DocumentStatus.REPLACED.value)),
        When(expiry_date__lt=today, then=Value(DocumentStatus.EXPIRED.value)),
        When(effective_date__gt=today, then=Value(DocumentStatus.NOT_YET.value)),
        When(_incoming(RelationKind.AMENDS), then=Value(DocumentStatus.AMENDED.value)),
        default=Value(DocumentStatus.IN_FORCE.value),
        output_field=models.CharField(),
    )


class DocumentQuerySet(PageQuerySet):
    def with_status(self, today=None):
        """Each document's ``computed_status`` in the same query."""
        return self.annotate(computed_status=status_expression(today))

    def with_status_in(self, status, today=None):
        return self.with_status(today).filter(computed_status=status)

    def matching(self, terms):
        """Every folded word of the query occurs in the document's folded text; a
        number only as a whole word ("125" does not find "1250")."""
        condition = Q()
        for term in terms:
            word = f" {term} " if term.isdigit() else term
            condition &= Q(search_text__contains=word)
        return self.filter(condition)


DocumentManager = PageManager.from_queryset(DocumentQuerySet)

"""Moderation in the Wagtail admin: bulk actions and the dashboard panel.

Approve, reject and mark-as-spam are bulk actions, so moderators can act on
one comment (the buttons on each row lead to the same confirmation) or on
many at once. All of them need the "can moderate reader comments" permission.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.components import Component
from wagtail.admin.views.bulk_action import BulkAction

from kyanh_cms.engagement.models import ReaderComment
from kyanh_cms.engagement.viewsets import (
    MODERATE_PERMISSION,
    ReaderCommentFilterSet,
    ReaderCommentViewSet,
    comments_for,
)
from kyanh_cms.portal.public import commune_scope


class ModerationBulkAction(BulkAction):
    models = [ReaderComment]
    template_name = "kyanh_cms/engagement/admin/confirm_bulk_moderation.html"
    status = None
    question = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(MODERATE_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_all_objects_in_listing_query(self, parent_id):
        # "Select all in listing" acts on what the listing showed: same filters, same search.
        queryset = ReaderCommentFilterSet(
            self.request.GET, queryset=comments_for(self.request.user)
        ).qs
        if query := self.request.GET.get("q"):
            matches = Q()
            for field in ReaderCommentViewSet.search_fields:
                matches |= Q(**{f"{field}__icontains": query})
            queryset = queryset.filter(matches)
        return queryset.values_list("pk", flat=True)

    def object_context(self, comment):
        return {
            "item": comment,
            "edit_url": AdminURLFinder(self.request.user).get_edit_url(comment),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "action_label": self.display_name,
            "question": self.question,
        }

    @classmethod
    def get_queryset(cls, model, object_ids):
        return list(model.objects.filter(pk__in=object_ids).select_related("page"))

    def check_perm(self, comment):
        # A commune's moderators act on their commune's comments only, whatever ids
        # were posted (the others are listed as out of reach).
        scope = commune_scope(self.request.user)
        return scope is None or any(comment.page.path.startswith(path) for path in scope)

    def get_execution_context(self):
        return {"user": self.request.user}

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        changed = ReaderComment.objects.filter(pk__in=[comment.pk for comment in objects]).moderate(
            cls.status, user
        )
        return changed, 0


class ApproveBulkAction(ModerationBulkAction):
    display_name = _("Approve")
    action_type = "approve"
    aria_label = _("Approve the selected comments")
    action_priority = 10
    status = ReaderComment.Status.APPROVED
    question = _("Show these comments to readers?")

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d comment approved.", "%(count)d comments approved.", num_parent_objects
        ) % {"count": num_parent_objects}


class RejectBulkAction(ModerationBulkAction):
    display_name = _("Reject")
    action_type = "reject"
    aria_label = _("Reject the selected comments")
    action_priority = 20
    status = ReaderComment.Status.REJECTED
    question = _("Reject these comments? Readers will not see them.")

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d comment rejected.", "%(count)d comments rejected.", num_parent_objects
        ) % {"count": num_parent_objects}


class SpamBulkAction(ModerationBulkAction):
    display_name = _("Mark as spam")
    action_type = "spam"
    aria_label = _("Mark the selected comments as spam")
    action_priority = 30
    status = ReaderComment.Status.SPAM
    question = _("Mark these comments as spam? Readers will not see them.")

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d comment marked as spam.",
            "%(count)d comments marked as spam.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


BULK_ACTIONS = [ApproveBulkAction, RejectBulkAction, SpamBulkAction]


class PendingCommentsPanel(Component):
    """On the dashboard: how many reader comments wait, and the oldest few."""

    name = "kyanh_pending_comments"
    template_name = "kyanh_cms/engagement/admin/pending_comments_panel.html"
    order = 90

    def get_context_data(self, parent_context):
        request = parent_context.get("request")
        pending = comments_for(request.user, ReaderComment.objects.pending())
        pending = pending.select_related("page").order_by("created_at")
        return {
            "waiting": pending.count(),
            "oldest": list(pending[:5]),
            "request": request,
        }

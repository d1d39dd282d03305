"""Admin screens of the extension (registered in ``wagtail_hooks.py``)."""

import django_filters
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, DateColumn, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton
from wagtail.models import Page
from wagtail.permission_policies.base import BasePermissionPolicy

from kyanh_cms.core.spreadsheets import FormulaSafeExportMixin
from kyanh_cms.engagement import audit
from kyanh_cms.engagement.models import ReaderComment
from kyanh_cms.portal.public import commune_scope, in_scope

MODERATE_PERMISSION = "kyanh_cms.can_moderate"


def comments_for(user, queryset=None):
    """The reader comments ``user`` moderates: those on pages of their commune scope
    (``portal.public.commune_scope``; everyone's for province staff and superusers)."""
    queryset = ReaderComment.objects.all() if queryset is None else queryset
    scope = commune_scope(user)
    return queryset if scope is None else queryset.filter(in_scope(scope, "page__path"))


class ModerationPermissionPolicy(BasePermissionPolicy):
    """Every action on reader comments needs "can moderate reader comments", and a
    commune's moderators act on their commune's comments only.

    Comments are written by visitors, never added in the admin; editors who
    may change pages but lack the permission see neither the menu nor the queue.
    """

    def __init__(self):
        super().__init__(ReaderComment)

    def user_has_permission(self, user, action):
        if action in ("add", "copy"):
            return False
        return bool(user.is_active and user.has_perm(MODERATE_PERMISSION))

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.user_has_permission(user, action)
            and comments_for(user).filter(pk=instance.pk).exists()
        )

    def instances_user_has_permission_for(self, user, action):
        if not self.user_has_permission(user, action):
            return ReaderComment.objects.none()
        return comments_for(user)

    def users_with_any_permission(self, actions):
        if not set(actions) - {"add", "copy"}:
            return get_user_model().objects.none()
        permission = Permission.objects.filter(
            content_type__app_label="kyanh_cms", codename="can_moderate"
        ).first()
        return (
            get_user_model()
            .objects.filter(
                Q(is_superuser=True)
                | Q(user_permissions=permission)
                | Q(groups__permissions=permission),
                is_active=True,
            )
            .distinct()
        )


def _pages_with_comments(request):
    commented = comments_for(request.user).values("page_id").distinct()
    return Page.objects.filter(pk__in=commented).order_by("title")


class ReaderCommentFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ReaderComment.Status.choices, empty_label=_("All")
    )
    page = django_filters.ModelChoiceFilter(
        label=_("Page"), queryset=_pages_with_comments, empty_label=_("All pages")
    )
    created_at = django_filters.DateFromToRangeFilter(
        label=_("Sent between"), widget=DateRangePickerWidget
    )

    class Meta:
        model = ReaderComment
        fields = ["status", "page", "created_at"]


def moderation_url(action, comment_ids, next_url):
    """The confirmation page of a moderation bulk action for the given comments."""
    url = reverse("wagtail_bulk_action", args=("kyanh_cms", "readercomment", action))
    return url + "?" + urlencode([("next", next_url), *(("id", pk) for pk in comment_ids)])


class ReaderCommentIndexView(FormulaSafeExportMixin, generic.IndexView):
    template_name = "kyanh_cms/engagement/admin/reader_comment_index.html"

    def get_base_queryset(self):
        return comments_for(self.request.user, super().get_base_queryset()).select_related("page")

    @cached_property
    def columns(self):
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type="readercomment"),
            *super().columns,
        ]

    def _get_title_column(self, *args, **kwargs):
        return super()._get_title_column(
            *args, **kwargs, get_title_id=lambda comment: f"readercomment_{comment.pk}_title"
        )

    def get_list_buttons(self, instance):
        buttons = super().get_list_buttons(instance)
        next_url = self.request.get_full_path()
        actions = [
            ("approve", _("Approve"), "check", ReaderComment.Status.APPROVED),
            ("reject", _("Reject"), "cross", ReaderComment.Status.REJECTED),
            ("spam", _("Spam"), "warning", ReaderComment.Status.SPAM),
        ]
        for priority, (action, label, icon, status) in enumerate(actions, start=1):
            if instance.status != status:
                buttons.append(
                    ListingButton(
                        label,
                        url=moderation_url(action, [instance.pk], next_url),
                        icon_name=icon,
                        priority=priority,
                    )
                )
        return buttons


class InCommuneScope:
    """Edit and delete views open only the comments of the moderator's commune."""

    def get_object(self, queryset=None):
        comment = super().get_object(queryset)
        if not comments_for(self.request.user).filter(pk=comment.pk).exists():
            raise Http404
        return comment


class ReaderCommentDeleteView(InCommuneScope, generic.DeleteView):
    def delete_action(self):
        # In the page's history too, not only in the comment's own (which goes with it).
        audit.log_decisions([self.object], audit.DELETE, self.request.user)
        super().delete_action()


class ReaderCommentEditView(InCommuneScope, generic.EditView):
    def save_instance(self):
        comment = self.form.instance
        now = timezone.now()
        if "status" in self.form.changed_data:
            comment.moderated_at, comment.moderated_by = now, self.request.user
            audit.log_status_change([comment], comment.status, self.request.user)
        if "reply" in self.form.changed_data:
            comment.replied_at = now if comment.reply else None
        return super().save_instance()


class PendingCommentsMenuItem(MenuItem):
    """The queue's menu entry, with the number of comments waiting in its label."""

    def is_shown(self, request):
        return request.user.has_perm(MODERATE_PERMISSION)

    def render_component(self, request):
        waiting = comments_for(request.user, ReaderComment.objects.pending()).count()
        label = f"{self.label} ({waiting})" if waiting else self.label
        return LinkMenuItemComponent(
            self.name,
            label,
            self.url,
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=self.attrs,
        )


class ReaderCommentViewSet(ModelViewSet):
    model = ReaderComment
    name = "kyanh_reader_comments"
    url_prefix = "reader-comments"
    icon = "comment"
    # Short, so the number waiting still fits in the sidebar: "Bình luận (3)".
    menu_label = _("Comments")
    menu_name = "kyanh-reader-comments"
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = ReaderCommentIndexView
    edit_view_class = ReaderCommentEditView
    delete_view_class = ReaderCommentDeleteView
    filterset_class = ReaderCommentFilterSet
    list_display = [
        "excerpt",
        "name",
        Column("page", label=_("Page"), accessor="page.title"),
        StatusTagColumn(
            "status",
            label=_("Status"),
            accessor="get_status_display",
            primary=lambda comment: comment.status == ReaderComment.Status.PENDING,
        ),
        DateColumn("created_at", label=_("Sent at"), sort_key="created_at"),
    ]
    search_fields = ["name", "email", "content"]
    search_backend_name = None
    list_export = [
        "created_at",
        "page.title",
        "page.url_path",
        "name",
        "email",
        "content",
        "status",
        "ip_address",
        "reply",
    ]
    export_headings = {"page.title": _("Page"), "page.url_path": _("Page path")}
    export_filename = "binh-luan-ban-doc"

    @cached_property
    def permission_policy(self):
        return ModerationPermissionPolicy()

    @cached_property
    def menu_url(self):
        return reverse(self.get_url_name("index")) + "?status=" + ReaderComment.Status.PENDING

    @cached_property
    def menu_item_class(self):
        return PendingCommentsMenuItem

    def get_permissions_to_register(self):
        return Permission.objects.filter(
            content_type__app_label="kyanh_cms", codename="can_moderate"
        )

"""Moderation decisions on reader comments in Wagtail's audit log.

Each decision (approve, reject, mark as spam, delete) becomes one
``PageLogEntry`` of the page the comment is under, so it shows in that
page's history and in the site history report, filtered by its own action
names, like the decisions editors take on pages. The entry keeps who
decided, when, and enough of the comment to recognise it (its number, the
reader's name, the start of the text) — never the email or the address —
so it still reads well after the comment is deleted.

Every entry gets a UUID of its own: Wagtail's history lists one entry per
(UUID, action), and the admin request's shared UUID would fold a bulk
approval of several comments on one page into a single line.
"""

import uuid

from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter
from wagtail.log_actions import log as log_action
from wagtail.models import Page

APPROVE = "kyanh_cms.comment.approve"
REJECT = "kyanh_cms.comment.reject"
SPAM = "kyanh_cms.comment.spam"
DELETE = "kyanh_cms.comment.delete"

#: The log action of each moderation status (a comment set back to waiting logs none).
ACTION_OF_STATUS = {"approved": APPROVE, "rejected": REJECT, "spam": SPAM}


class CommentLogFormatter(LogFormatter):
    template = ""

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return self.template % {
            "name": data.get("name", ""),
            "excerpt": data.get("excerpt", ""),
            "comment": data.get("comment", ""),
        }


def register_log_actions(actions):
    """The ``register_log_actions`` hook (``wagtail_hooks.py``)."""
    for action, label, template in (
        (
            APPROVE,
            _("Reader comment: approve"),
            _("Reader comment %(comment)s by “%(name)s” approved: “%(excerpt)s”"),
        ),
        (
            REJECT,
            _("Reader comment: reject"),
            _("Reader comment %(comment)s by “%(name)s” rejected: “%(excerpt)s”"),
        ),
        (
            SPAM,
            _("Reader comment: spam"),
            _("Reader comment %(comment)s by “%(name)s” marked as spam: “%(excerpt)s”"),
        ),
        (
            DELETE,
            _("Reader comment: delete"),
            _("Reader comment %(comment)s by “%(name)s” deleted: “%(excerpt)s”"),
        ),
    ):
        formatter = type(
            "ReaderCommentLogFormatter",
            (CommentLogFormatter,),
            {"label": label, "template": template},
        )
        actions.register_action(action)(formatter)


def _entry_data(comment) -> dict:
    return {
        "comment": comment.pk,
        "name": comment.name,
        "excerpt": Truncator(comment.content).chars(80),
    }


def log_decisions(comments, action: str, user):
    """One audit entry per comment, on its page; ``comments`` need ``page_id``, ``pk``,
    ``name`` and ``content``."""
    comments = list(comments)
    pages = Page.objects.in_bulk({comment.page_id for comment in comments})
    for comment in comments:
        page = pages.get(comment.page_id)
        if page is not None:
            log_action(page, action, user=user, uuid=uuid.uuid4(), data=_entry_data(comment))


def log_status_change(comments, status: str, user):
    """Log the decision that gave ``comments`` the moderation ``status``."""
    action = ACTION_OF_STATUS.get(str(status))
    if action:
        log_decisions(comments, action, user)

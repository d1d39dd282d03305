"""An email to the editorial office when a reader's comment waits for moderation."""

import logging
from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def notify_new_comment(comment, address: str):
    """Send one short email to ``address``; a mail failure never loses the comment."""
    if not address:
        return
    admin_url = urljoin(
        getattr(settings, "WAGTAILADMIN_BASE_URL", ""),
        reverse("kyanh_reader_comments:edit", args=[comment.pk]),
    )
    subject = _("New reader comment on “%(title)s”") % {
        "title": Truncator(comment.page.title).chars(80)
    }
    body = _(
        "%(name)s wrote under “%(title)s”:\n\n%(content)s\n\n"
        "The comment waits for moderation: %(url)s"
    ) % {
        "name": comment.name,
        "title": comment.page.title,
        "content": Truncator(comment.content).chars(1000),
        "url": admin_url,
    }
    try:
        send_mail(subject, body, None, [address])
    except Exception:  # the comment is saved; a broken mail server must not turn it into a 500
        logger.exception("Could not send the new-comment notification to %s", address)

"""The opinion form of a draft: its own uncached page, reached from the draft."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from wagtail.models import Site

from kyanh_cms.core.conf import get_setting
from kyanh_cms.documents.opinions import (
    OpinionForm,
    allowed,
    captcha_image_url,
    new_challenge,
    save_opinion,
)

CLOSED = _("The consultation on this draft has ended: opinions are no longer taken.")
UPCOMING = _("The consultation on this draft has not started yet.")
TOO_MANY = _(
    "Several opinions were sent from your connection in a short time. Please wait and send "
    "it again later; your text is kept below."
)
RECEIVED = _(
    "Thank you. Your opinion was received; it will be shown under the draft (without your "
    "contact) once the drafting body has read it."
)


def _draft_or_404(request, page_id):
    from kyanh_cms.documents.models import LegalDocumentPage

    site = Site.find_for_request(request)
    draft = LegalDocumentPage.objects.live().public().filter(pk=page_id, is_draft=True).first()
    if draft is None or site is None or not draft.path.startswith(site.root_page.path):
        raise Http404
    return draft


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def opinion_form(request, page_id):
    draft = _draft_or_404(request, page_id)
    state = draft.consultation_state()
    notice = None
    status = 200
    form = OpinionForm()
    if request.method == "POST":
        posted = OpinionForm(request.POST)
        if state != "open":
            notice, status, form = CLOSED if state == "closed" else UPCOMING, 403, posted.kept()
        elif "refresh_captcha" in request.POST:
            form = posted.kept()
        elif not allowed(request):
            notice, status, form = TOO_MANY, 429, posted.kept()
        elif save_opinion(request, draft, posted):
            notice, form = RECEIVED, None
        else:
            form, status = posted, 400
    if form is not None:
        key = new_challenge()
        if form.is_bound:
            data = form.data.copy()
            data["captcha_key"], data["captcha"] = key, ""
            form.data = data
        else:
            form.initial["captcha_key"] = key
        captcha_url = captcha_image_url(key)
    else:
        captcha_url = None
    return render(
        request,
        "kyanh_cms/documents/opinion_form.html",
        {
            "kyanh_cms_layout": get_setting("BASE_TEMPLATE"),
            "page": draft,
            "draft": draft,
            "state": state,
            "form": form if state == "open" or request.method == "POST" else None,
            "notice": notice,
            "captcha_url": captcha_url,
        },
        status=status,
    )

"""The library, a document and the opinion form pass the Content-Security-Policy: no inline
script but data blocks, no style element or attribute, no event-handler attribute."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_the_documents_pages_need_nothing_the_policy_refuses(client, library):
    now = timezone.now()
    draft = library.document(
        "2/DT-UBND",
        "Dự thảo quy chế",
        is_draft=True,
        consultation_opens=now - datetime.timedelta(days=1),
        consultation_closes=now + datetime.timedelta(days=1),
    )
    urls = [
        library.page.url,
        library.page.url + "?q=qd+ubnd&status=in_force",
        draft.url,
        reverse("kyanh_cms:document_opinion", args=[draft.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = BeautifulSoup(response.content, "html.parser")
        for script in html.find_all("script"):
            assert script.get("src") or script.get("type") in (
                "application/json",
                "application/ld+json",
            ), (url, str(script)[:120])
        assert html.find_all("style") == [], url
        assert [str(tag)[:120] for tag in html.find_all(style=True)] == [], url
        handlers = [
            (tag.name, name)
            for tag in html.find_all(True)
            for name in tag.attrs
            if name.lower().startswith("on")
        ]
        assert handlers == [], (url, handlers)

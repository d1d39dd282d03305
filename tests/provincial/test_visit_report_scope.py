"""The visit report keeps a commune's staff to their own commune's statistics."""

import csv
import io

from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from kyanh_cms.models import DailySiteVisits

URL = "kyanh_cms_visits:report"


def counted(communes, portal):
    a, b = communes
    today = timezone.localdate()
    DailySiteVisits.objects.create(site=a.site, day=today, views=1111)
    DailySiteVisits.objects.create(site=b.site, day=today, views=2222)
    DailySiteVisits.objects.create(site=portal, day=today, views=3333)
    b.editor.user_permissions.add(Permission.objects.get(codename="view_dailysitevisits"))


def test_a_commune_editor_sees_and_exports_only_their_commune(b_editor_client, communes, portal):
    counted(communes, portal)
    a, b = communes
    page = b_editor_client.get(reverse(URL)).content.decode()
    assert 'data-figure="period">2.222<' in page
    assert f'<option value="{b.site.pk}"' in page
    assert f'<option value="{a.site.pk}"' not in page
    assert f'<option value="{portal.pk}"' not in page

    # Asking for another commune's site by its number shows nothing of it.
    for site in (a.site, portal):
        other = b_editor_client.get(reverse(URL), {"site": site.pk}).content.decode()
        assert "1.111" not in other and "3.333" not in other
        export = b_editor_client.get(reverse(URL), {"site": site.pk, "export": "csv"})
        text = b"".join(export.streaming_content).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[-1][1:] == [timezone.localdate().isoformat(), "2222"]


def test_province_staff_choose_any_site(admin_client, communes, portal):
    counted(communes, portal)
    a, _b = communes
    page = admin_client.get(reverse(URL), {"site": a.site.pk}).content.decode()
    assert 'data-figure="period">1.111<' in page
    for site in (portal, *[commune.site for commune in communes]):
        assert f'<option value="{site.pk}"' in page

"""A printed article says where it comes from: the portal's name, the article's address
and the day it was printed — drawn by the print stylesheet, with no inline style or
script (the Content-Security-Policy forbids them)."""

import re
from pathlib import Path

from django.utils import timezone

import kyanh_cms

CSS = Path(kyanh_cms.__file__).resolve().parent / "static" / "kyanh_cms" / "css" / "kyanh_cms.css"


def test_the_printed_article_names_the_portal_its_address_and_the_day(client, news):
    category = news.category("Tin hoạt động", slug="tin-hoat-dong")
    article = news.article(category, title="Hội nghị sơ kết", slug="hoi-nghi-so-ket", lead="Tin.")
    html = client.get(article.url, HTTP_HOST="kyanh.example:8000").content.decode()

    source = re.search(r'<p class="kyanh-print-only kyanh-print-source">(.*?)</p>', html).group(1)
    assert "Cổng thông tin điện tử thị xã Kỳ Anh" in source
    assert "Địa chỉ bài viết: http://kyanh.example:8000/tin-hoat-dong/hoi-nghi-so-ket/" in source
    today = timezone.localdate().strftime("%d/%m/%Y")
    printed = re.search(r'<p class="kyanh-print-only kyanh-print-date">(.*?)</p>', html).group(1)
    assert "In ngày" in printed and today in printed
    assert "data-kyanh-print-date" in printed  # reader.js puts in the day of printing
    assert " style=" not in source + printed


def test_the_print_parts_show_only_on_paper():
    css = CSS.read_text(encoding="utf-8")
    assert ".kyanh-print-only { display: none; }" in css
    print_rules = "".join(re.findall(r"@media print \{(.*?)\n\}", css, flags=re.S))
    assert ".kyanh-print-only { display: block; }" in print_rules

"""Media on S3-compatible object storage, against a real endpoint (the province's MinIO
or Ceph, or any S3 service), through django-storages' ``S3Storage`` with the options
docs/production.md sets.

Runs only when an endpoint is named (docs/production.md, "The example's settings and
the object-store test"):

    KYANH_TEST_S3_ENDPOINT    https://s3.internal (the endpoint URL)
    KYANH_TEST_S3_BUCKET      a bucket the test may write to, readable by anyone as the
                              portal's media bucket is (or see KYANH_TEST_S3_SIGNED)
    KYANH_TEST_S3_ACCESS_KEY  an access key allowed to write and delete in that bucket
    KYANH_TEST_S3_SECRET_KEY  its secret
    KYANH_TEST_S3_REGION      optional (default "us-east-1", which MinIO and Ceph accept)
    KYANH_TEST_S3_SIGNED=1    optional: signed addresses, for a bucket nobody may read

Everything the test stores goes under a folder of its own in the bucket
(``kyanh-test-<random>/``), deleted afterwards.
"""

import io
import os
import uuid
from urllib.parse import urlsplit

import pytest
import requests
from bs4 import BeautifulSoup
from defusedxml import ElementTree
from django.core.files.storage import default_storage
from PIL import Image as PILImage
from wagtail.images import get_image_model

ENDPOINT = os.environ.get("KYANH_TEST_S3_ENDPOINT", "")
REQUIRED = ("KYANH_TEST_S3_BUCKET", "KYANH_TEST_S3_ACCESS_KEY", "KYANH_TEST_S3_SECRET_KEY")

pytestmark = pytest.mark.skipif(
    not ENDPOINT or not all(os.environ.get(name) for name in REQUIRED),
    reason="no object store to test against: set KYANH_TEST_S3_ENDPOINT, "
    + ", ".join(REQUIRED)
    + " (docs/production.md)",
)

REQUEST_SECONDS = 30
PDF = b"%PDF-1.4\n% Quyet dinh phe duyet ke hoach 2026\n%%EOF\n"


def fetch(url):
    """What a reader's browser gets from the object store's address."""
    response = requests.get(url, timeout=REQUEST_SECONDS)
    assert response.status_code == 200, f"{url}: {response.status_code} {response.text[:300]}"
    return response.content


def without_query(url):
    """An address without its signature, which changes from one call to the next."""
    return urlsplit(url)._replace(query="").geturl()


@pytest.fixture
def s3_media(settings):
    """The default storage is the bucket, with production's options, under a folder of
    this test's own; the folder is emptied afterwards."""
    pytest.importorskip("storages.backends.s3", reason='needs pip install "kyanh-cms[s3]"')
    location = f"kyanh-test-{uuid.uuid4().hex[:12]}"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "endpoint_url": ENDPOINT,
                "bucket_name": os.environ["KYANH_TEST_S3_BUCKET"],
                "access_key": os.environ["KYANH_TEST_S3_ACCESS_KEY"],
                "secret_key": os.environ["KYANH_TEST_S3_SECRET_KEY"],
                "region_name": os.environ.get("KYANH_TEST_S3_REGION", "us-east-1"),
                "addressing_style": "path",
                "location": location,
                "querystring_auth": os.environ.get("KYANH_TEST_S3_SIGNED") == "1",
                "file_overwrite": False,
                "object_parameters": {"CacheControl": "public, max-age=86400"},
            },
        },
    }
    settings.WAGTAILDOCS_SERVE_METHOD = "redirect"
    try:
        yield default_storage
    finally:
        default_storage.bucket.objects.filter(Prefix=f"{location}/").delete()


def test_pictures_renditions_and_documents_live_in_the_bucket(s3_media, news, client):
    image = news.image("Cầu Kỳ Hà", width=1600, height=1000)
    document = news.document("Quyết định phê duyệt kế hoạch", content=PDF)
    assert s3_media.exists(image.file.name) and s3_media.exists(document.file.name)
    rendition = image.get_rendition("width-480")
    assert s3_media.exists(rendition.file.name)
    with PILImage.open(io.BytesIO(fetch(rendition.url))) as picture:
        assert picture.size == (480, 300)

    category = news.category("Tin hoạt động", slug="tin-hoat-dong")
    article = news.article(
        category,
        "Khánh thành cầu Kỳ Hà",
        slug="khanh-thanh-cau-ky-ha",
        main_image=image,
        body=[
            {"type": "image", "value": {"image": image.pk, "caption": "Cầu mới"}},
            {"type": "document", "value": {"document": document.pk}},
        ],
    )

    # The article's pictures come straight from the object store.
    response = client.get(article.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    src = soup.select_one(".kyanh-article__body img")["src"]
    assert urlsplit(src).netloc == urlsplit(ENDPOINT).netloc
    renditions = {
        without_query(r.url): r for r in get_image_model().get_rendition_model().objects.all()
    }
    shown = renditions[without_query(src)]
    with PILImage.open(io.BytesIO(fetch(src))) as picture:
        assert picture.size == (shown.width, shown.height)

    # The document link goes through Wagtail's view, which sends the reader to the bucket.
    link = soup.select_one("a.kyanh-document__link")["href"]
    redirect = client.get(link)
    assert redirect.status_code == 302
    assert urlsplit(redirect["Location"]).netloc == urlsplit(ENDPOINT).netloc
    assert fetch(redirect["Location"]) == PDF

    # The saved copy reads its pictures through the storage and embeds them.
    saved = BeautifulSoup(client.get(article.url + "tai-ve/").content, "html.parser")
    sources = [img["src"] for img in saved.find_all("img")]
    assert sources and all(source.startswith("data:image/") for source in sources)

    # The feed's enclosure gives the size of the file the object store sends.
    feed = ElementTree.fromstring(client.get(category.url + "rss/").content)
    enclosure = feed.find("channel/item/enclosure")
    assert int(enclosure.get("length")) == len(fetch(enclosure.get("url")))

"""Two commune sites of one installation, each with distinctive content, beside the town
portal: commune A ("xã Kỳ Hoa") and commune B ("phường Sông Trí")."""

import io
import json
from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

HOST_A, HOST_B = "xa-ky-hoa.example", "phuong-song-tri.example"


@dataclass
class Commune:
    setup: object
    host: str
    articles: dict = field(default_factory=dict)
    draft: object = None
    showcase: object = None
    organization: object = None
    image: object = None
    document: object = None
    editor: object = None

    @property
    def site(self):
        return self.setup.site

    @property
    def home(self):
        return self.setup.home

    def category(self, slug):
        from kyanh_cms.models import NewsIndexPage

        return NewsIndexPage.objects.get(slug=slug, path__startswith=self.home.path)

    @property
    def titles(self):
        """Every title of this commune's content: pages, draft, image, document."""
        return [
            *(article.title for article in self.articles.values()),
            self.draft.title,
            self.showcase.title,
            self.image.title,
            self.document.title,
        ]

    @property
    def public_titles(self):
        return [*(article.title for article in self.articles.values()), self.showcase.title]


def _article(category, title, slug, tags=(), publish=True):
    from kyanh_cms.models import NewsArticlePage

    article = NewsArticlePage(
        title=title,
        slug=slug,
        lead=f"Tóm tắt: {title}.",
        body=json.dumps([{"type": "paragraph", "value": f"<p>{title}.</p>"}]),
        live=publish,
    )
    if tags:
        article.tags.add(*tags)
    category.add_child(instance=article)
    revision = article.save_revision()
    if publish:
        revision.publish()
    return article


def _image(collection, title, seed):
    from kyanh_cms.demo.images import draw_scene

    buffer = io.BytesIO()
    draw_scene(320, 200, (150, 200, 240), (60, 140, 70), (255, 210, 80), seed).save(
        buffer, format="JPEG"
    )
    image = get_image_model()(title=title, collection=collection)
    image.file = ImageFile(buffer, name=f"anh-{seed}.jpg")
    image.save()
    return image


def _document(collection, title, filename):
    document = get_document_model()(title=title, collection=collection)
    document.file.save(filename, ContentFile(b"%PDF-1.4 thu"), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def _showcase(index, title, organization_name):
    from kyanh_cms.models import Organization, ShowcasePage

    # The commune's own party base organization: listed on its portal only.
    organization = Organization.objects.create(
        name=organization_name, short_name=title[:20], site=index.get_site()
    )
    showcase = ShowcasePage(
        title=title, organization=organization, year=2026, summary=f"Tóm tắt {title}."
    )
    index.add_child(instance=showcase)
    showcase.save_revision().publish()
    return showcase, organization


def _commune(name, host, texts, seed):
    from kyanh_cms.models import ShowcaseIndexPage
    from kyanh_cms.provincial.setup import add_commune

    commune = Commune(add_commune(name, host), host)
    for key, (category, title, slug, tags) in texts["articles"].items():
        commune.articles[key] = _article(commune.category(category), title, slug, tags)
    commune.draft = _article(
        commune.category("tin-hoat-dong"), texts["draft"], f"ban-nhap-{seed}", publish=False
    )
    index = ShowcaseIndexPage.objects.child_of(commune.home).get()
    commune.showcase, commune.organization = _showcase(index, *texts["showcase"])
    commune.image = _image(commune.setup.image_collection, texts["image"], seed)
    commune.document = _document(
        commune.setup.document_collection, texts["document"], f"tai-lieu-{seed}.pdf"
    )
    commune.editor = get_user_model().objects.create_user(
        f"bientap-{seed}", f"bientap-{seed}@example.vn", "mat-khau"
    )
    commune.editor.groups.add(commune.setup.editors)
    return commune


COMMUNE_A = {
    "articles": {
        "activity": (
            "tin-hoat-dong",
            "Kỳ Hoa khánh thành nhà văn hóa thôn Tân Thành",
            "ky-hoa-khanh-thanh-nha-van-hoa",
            ["chuyển đổi số", "nông thôn mới"],
        ),
        "notice": (
            "thong-bao",
            "Kỳ Hoa thông báo lịch tiêm phòng gia súc đợt hai",
            "ky-hoa-tiem-phong-gia-suc",
            ["chuyển đổi số"],
        ),
    },
    "draft": "Bản nháp Kỳ Hoa về quy hoạch bãi tắm Đá Nhảy",
    "showcase": ("Mô hình vườn mẫu ven đồi Kỳ Hoa", "Đảng ủy xã Kỳ Hoa"),
    "image": "Ảnh cầu treo Kỳ Hoa mùa lũ",
    "document": "Kế hoạch thu hoạch lúa hè thu xã Kỳ Hoa",
}
COMMUNE_B = {
    "articles": {
        "activity": (
            "tin-hoat-dong",
            "Sông Trí ra quân làm sạch bờ kè sông Trí",
            "song-tri-ra-quan-lam-sach-bo-ke",
            ["chuyển đổi số"],
        ),
        "notice": (
            "thong-bao",
            "Sông Trí thông báo lịch tiếp công dân tháng mười hai",
            "song-tri-lich-tiep-cong-dan",
            ["chuyển đổi số"],
        ),
    },
    "draft": "Bản nháp Sông Trí về chỉnh trang vỉa hè",
    "showcase": ("Mô hình tuyến phố xanh Sông Trí", "Đảng ủy phường Sông Trí"),
    "image": "Ảnh chợ phường Sông Trí buổi sớm",
    "document": "Lịch trực tiếp dân phường Sông Trí",
}


@pytest.fixture
def communes(portal):
    """``(a, b)``: the two communes, next to the town portal (the default site)."""
    a = _commune("xã Kỳ Hoa", HOST_A, COMMUNE_A, 1)
    b = _commune("phường Sông Trí", HOST_B, COMMUNE_B, 2)
    cache.clear()
    return a, b


@pytest.fixture
def b_editor_client(client, communes):
    """The test client logged in as commune B's editor."""
    _a, b = communes
    client.force_login(b.editor)
    return client

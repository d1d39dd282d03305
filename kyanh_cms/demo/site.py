"""The portal itself: home page, Wagtail Site and the publisher's identity."""

from wagtail.models import Page, Site

from kyanh_cms.demo.images import draw_emblem, get_or_create_image
from kyanh_cms.models import PortalHomePage, PortalSettings
from kyanh_cms.portal.workflows import name_default_workflow_in_vietnamese

HOME_SLUG = "trang-chu"


def _home_page():
    home = PortalHomePage.objects.filter(slug=HOME_SLUG).first()
    if home:
        return home
    root = Page.get_first_root_node()
    home = PortalHomePage(
        title="Trang chủ",
        slug=HOME_SLUG,
        seo_title="Cổng thông tin điện tử thị xã Kỳ Anh",
        search_description=(
            "Tin tức, hoạt động chỉ đạo điều hành, mô hình điển hình và nhiệm vụ trọng tâm "
            "của thị xã Kỳ Anh, tỉnh Hà Tĩnh."
        ),
        introduction=(
            "Chào mừng bạn đến với Cổng thông tin điện tử thị xã Kỳ Anh — nơi cập nhật tin tức, "
            "hoạt động của chính quyền, các mô hình hay, điển hình tiên tiến và kết quả thực "
            "hiện nhiệm vụ trọng tâm của thị xã."
        ),
    )
    root.add_child(instance=home)
    return home


def _point_default_site_at(home):
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    old_root = site.root_page if site.pk else None
    site.root_page = home
    site.site_name = "Cổng thông tin điện tử thị xã Kỳ Anh"
    site.save()
    # Wagtail's installer leaves a bare "Welcome" page; drop it once it is unused.
    if (
        old_root is not None
        and old_root.pk != home.pk
        and old_root.specific_class is Page
        and not old_root.get_children().exists()
    ):
        old_root.delete()
    return site


def seed(stdout):
    home = _home_page()
    site = _point_default_site_at(home)
    name_default_workflow_in_vietnamese()
    emblem = get_or_create_image(
        "Biểu trưng thị xã Kỳ Anh",
        draw_emblem(),
        "bieu-trung-ky-anh.png",
        "Biểu trưng thị xã Kỳ Anh",
    )
    identity = PortalSettings.for_site(site)
    identity.portal_name = "Cổng thông tin điện tử thị xã Kỳ Anh"
    identity.portal_tagline = "Tỉnh Hà Tĩnh"
    identity.emblem = emblem
    identity.publisher = "Ủy ban nhân dân thị xã Kỳ Anh"
    identity.address = "Phường Sông Trí, thị xã Kỳ Anh, tỉnh Hà Tĩnh"
    identity.phone = "0239 3 000 000"
    identity.email = "banbientap@kyanh.example"
    identity.licence = (
        "Dữ liệu trình diễn. Chịu trách nhiệm chính: Chánh Văn phòng HĐND và UBND thị xã Kỳ Anh."
    )
    identity.save()
    stdout.write(f"Trang chủ: {home.title} (site {site.hostname})")

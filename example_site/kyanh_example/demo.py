"""Two demo pages of the example site's own type, for trying ratings and comments."""

from kyanh_cms.demo.site import HOME_SLUG
from kyanh_cms.models import PortalHomePage

from .models import DemoArticlePage

ARTICLES = [
    (
        "mo-hinh-dan-van-kheo-phuong-song-tri",
        "Phường Sông Trí nhân rộng mô hình “Dân vận khéo” trong xây dựng đô thị văn minh",
        "Sau hai năm triển khai, mô hình đã huy động hàng trăm hộ dân hiến đất, "
        "góp công mở rộng đường ngõ xóm và trồng hoa ven đường.",
        "<p>Năm 2026, Đảng ủy phường Sông Trí chọn mô hình “Dân vận khéo” trong xây dựng "
        "đô thị văn minh làm nhiệm vụ trọng tâm. Các chi bộ tổ dân phố họp bàn công khai, "
        "người dân cùng quyết định tuyến đường làm trước, mức đóng góp và cách giữ gìn "
        "sau khi hoàn thành.</p><p>Đến nay, phường đã mở rộng 4,2 km đường ngõ xóm, lắp "
        "đặt 180 bóng đèn chiếu sáng và trồng gần 2.000 cây xanh.</p>",
    ),
    (
        "xa-ky-hoa-ra-quan-lam-dong-tuoi-tieu",
        "Xã Kỳ Hoa ra quân nạo vét kênh mương, chủ động nước tưới cho vụ Đông Xuân",
        "Hơn 600 đoàn viên, hội viên và người dân đã tham gia nạo vét 12 km kênh mương nội đồng.",
        "<p>Hưởng ứng đợt ra quân của thị xã, xã Kỳ Hoa huy động các đoàn thể cùng nhân dân "
        "nạo vét kênh mương, phát quang bờ vùng, bảo đảm nước tưới cho hơn 300 ha lúa.</p>",
    ),
]


def seed(stdout):
    home = PortalHomePage.objects.get(slug=HOME_SLUG)
    for slug, title, lead, body in ARTICLES:
        if DemoArticlePage.objects.filter(slug=slug).exists():
            continue
        page = DemoArticlePage(title=title, slug=slug, lead=lead, body=body)
        home.add_child(instance=page)
        page.save_revision().publish()
    stdout.write(f"Bài viết mẫu của site ví dụ: {len(ARTICLES)}")

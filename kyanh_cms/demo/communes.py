"""Two commune sites of the same installation, each with a few articles of its own.

Set up by ``provincial.setup.add_commune`` — as an integrator would with ``manage.py
kyanh_add_commune`` — on host names under ``localhost``, which browsers send to
127.0.0.1: http://xa-ky-hoa.localhost:8000/ and http://phuong-song-tri.localhost:8000/.
Everything here is invented for the demonstration. Articles are looked up by slug
under their category, pictures by title.
"""

import io
import json
from datetime import datetime

from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.images import get_image_model

from kyanh_cms.core.text import slugify_vietnamese
from kyanh_cms.demo.images import draw_scene
from kyanh_cms.models import NewsArticlePage, NewsIndexPage
from kyanh_cms.provincial.setup import add_commune

PORT = 8000


def _when(day, month, hour=8):
    return timezone.make_aware(datetime(2026, month, day, hour, 0))


def _paragraphs(*texts):
    return [{"type": "paragraph", "value": "".join(f"<p>{text}</p>" for text in texts)}]


# (name, host name, colours of the pictures (sky, ground, accent), articles:
#  (category slug, slug, title, lead, date, picture's text alternative, paragraphs))
COMMUNES = [
    (
        "xã Kỳ Hoa",
        "xa-ky-hoa.localhost",
        ((170, 210, 240), (70, 150, 80), (255, 200, 70)),
        [
            (
                "tin-hoat-dong",
                "ky-hoa-be-tong-hoa-duong-lien-thon",
                "Kỳ Hoa ra quân bê tông hóa 1,2 km đường liên thôn",
                "Sáng 12/10, hơn 300 đoàn viên, hội viên và người dân các thôn Tân Hòa, Hoa "
                "Sơn cùng ra quân đổ bê tông tuyến đường liên thôn dài 1,2 km.",
                _when(12, 10),
                "Người dân thôn Tân Hòa đổ bê tông mặt đường liên thôn.",
                [
                    "Tuyến đường rộng 3,5 m, nối trung tâm xã với vùng sản xuất lúa của hai "
                    "thôn. Nhân dân góp hơn 2.000 ngày công và hiến 1.500 m² đất để mở rộng "
                    "mặt đường.",
                    "Chủ tịch UBND xã cho biết, sau khi hoàn thành, xe chở lúa và vật tư nông "
                    "nghiệp vào tận đồng, bà con không còn phải gánh bộ qua đoạn đường lầy lội "
                    "mỗi mùa mưa.",
                ],
            ),
            (
                "thong-bao",
                "ky-hoa-lich-tiep-cong-dan-thang-12-2026",
                "Lịch tiếp công dân tháng 12/2026 của xã Kỳ Hoa",
                "Chủ tịch UBND xã Kỳ Hoa tiếp công dân định kỳ vào sáng thứ Năm ngày 10/12/2026 "
                "tại Trụ sở tiếp công dân xã.",
                _when(1, 12),
                "Trụ sở tiếp công dân xã Kỳ Hoa.",
                [
                    "Công dân có kiến nghị, phản ánh mang theo giấy tờ tùy thân và tài liệu "
                    "liên quan. Ngoài ngày tiếp định kỳ, bộ phận tiếp công dân làm việc trong "
                    "giờ hành chính các ngày thứ Hai đến thứ Sáu.",
                ],
            ),
            (
                "kinh-te-xa-hoi",
                "ky-hoa-thu-hoach-lua-he-thu",
                "Nông dân Kỳ Hoa thu hoạch lúa hè thu đạt 5,8 tấn/ha",
                "Toàn xã gieo cấy 420 ha lúa hè thu; nhờ chuyển sang giống ngắn ngày và làm đất "
                "bằng máy, năng suất bình quân đạt 5,8 tấn/ha, cao nhất từ trước đến nay.",
                _when(5, 9),
                "Máy gặt đập liên hợp trên cánh đồng lúa chín ở xã Kỳ Hoa.",
                [
                    "Hợp tác xã nông nghiệp đã liên kết với doanh nghiệp bao tiêu 150 ha lúa "
                    "chất lượng cao với giá cao hơn thị trường 300 đồng/kg.",
                    "Sau thu hoạch, xã hướng dẫn bà con xử lý rơm rạ bằng chế phẩm sinh học, "
                    "không đốt đồng gây ô nhiễm.",
                ],
            ),
        ],
    ),
    (
        "phường Sông Trí",
        "phuong-song-tri.localhost",
        ((200, 225, 245), (90, 120, 150), (250, 220, 120)),
        [
            (
                "tin-hoat-dong",
                "song-tri-ra-mat-tuyen-pho-van-minh",
                "Phường Sông Trí ra mắt tuyến phố văn minh đầu tiên",
                "Tối 20/11, tổ dân phố Bắc Hà ra mắt tuyến phố văn minh: vỉa hè thông thoáng, "
                "rác được phân loại tại nhà và đèn chiếu sáng do người dân cùng góp sức.",
                _when(20, 11, 19),
                "Tuyến phố văn minh của tổ dân phố Bắc Hà về đêm.",
                [
                    "Các hộ kinh doanh cam kết không lấn chiếm vỉa hè, trồng cây xanh trước "
                    "nhà và giữ vệ sinh chung.",
                    "Phường sẽ nhân rộng mô hình ra 5 tổ dân phố khác trong năm 2027.",
                ],
            ),
            (
                "thong-bao",
                "song-tri-thu-gom-rac-cong-kenh",
                "Thông báo thu gom rác thải cồng kềnh tháng 12/2026",
                "UBND phường Sông Trí tổ chức thu gom miễn phí đồ gỗ, nệm, thiết bị điện cũ vào "
                "sáng Chủ nhật 13/12/2026 tại các điểm tập kết của tổ dân phố.",
                _when(2, 12),
                "Xe thu gom rác thải của phường Sông Trí.",
                [
                    "Người dân đưa rác cồng kềnh đến điểm tập kết từ 6 giờ đến 10 giờ; không "
                    "để rác trên lòng đường, vỉa hè ngoài thời gian trên.",
                ],
            ),
            (
                "kinh-te-xa-hoi",
                "song-tri-cho-phuong-sau-cai-tao",
                "Chợ Sông Trí sau cải tạo thu hút tiểu thương trở lại",
                "Sau 6 tháng cải tạo, chợ Sông Trí có mái che mới, khu hàng tươi sống riêng và "
                "hệ thống phòng cháy; hơn 120 tiểu thương đã đăng ký ki-ốt.",
                _when(15, 10),
                "Khu hàng tươi sống của chợ Sông Trí sau cải tạo.",
                [
                    "Ban quản lý chợ áp dụng thanh toán không dùng tiền mặt cho phí thuê ki-ốt "
                    "và khuyến khích tiểu thương nhận chuyển khoản từ người mua.",
                ],
            ),
        ],
    ),
]


def _picture(collection, title, colours, seed, alt_text):
    model = get_image_model()
    existing = model.objects.filter(title=title, collection=collection).first()
    if existing:
        return existing
    sky, ground, accent = colours
    buffer = io.BytesIO()
    draw_scene(1200, 800, sky, ground, accent, seed=seed).save(buffer, format="JPEG", quality=85)
    image = model(title=title, collection=collection)
    if hasattr(image, "description"):
        image.description = alt_text
    image.file = ImageFile(buffer, name=f"{slugify_vietnamese(title)}.jpg")
    image.save()
    return image


def seed(stdout):
    for name, hostname, colours, articles in COMMUNES:
        setup = add_commune(name, hostname, PORT)
        created = 0
        for number, (category_slug, slug, title, lead, when, alt_text, paragraphs) in enumerate(
            articles, start=1
        ):
            category = NewsIndexPage.objects.get(
                slug=category_slug, path__startswith=setup.home.path
            )
            if NewsArticlePage.objects.child_of(category).filter(slug=slug).exists():
                continue
            picture = _picture(
                setup.image_collection,
                f"Ảnh {setup.name} {number}",
                colours,
                seed=number * 7,
                alt_text=alt_text,
            )
            article = NewsArticlePage(
                title=title,
                slug=slug,
                lead=lead,
                published_at=when,
                # First published on its own date, not when the demo ran: the engagement
                # step rates the installation's newest articles, the town's.
                first_published_at=when,
                main_image=picture,
                main_image_alt_text=alt_text,
                main_image_caption=alt_text,
                byline=f"Ban biên tập {setup.name}",
                search_description=lead[:160],
                body=json.dumps(_paragraphs(*paragraphs)),
            )
            category.add_child(instance=article)
            article.save_revision().publish()
            created += 1
        stdout.write(f"{setup.name.title}: {setup.site.root_url}/ ({created} bài viết mới)")

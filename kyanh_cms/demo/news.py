"""News demo: the categories under "Tin tức" and a dozen articles using every block.

Everything here is invented for the demonstration (names, figures, dates).
Categories are looked up by slug under the home page, articles by slug
under their category, images and documents by title.
"""

import io
import json
from datetime import datetime
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.documents import get_document_model

from kyanh_cms.demo.images import draw_scene, get_or_create_image
from kyanh_cms.demo.sidebar import seed_article_views
from kyanh_cms.demo.site import HOME_SLUG
from kyanh_cms.home.models import PortalHomeFeaturedArticle
from kyanh_cms.models import NewsArticlePage, NewsArticleRelatedLink, NewsIndexPage, PortalHomePage

NEWS_SLUG = "tin-tuc"

CATEGORIES = [
    ("tin-hoat-dong", "Tin hoạt động", "Hoạt động chỉ đạo, điều hành của chính quyền thị xã."),
    ("xay-dung-dang", "Xây dựng Đảng", "Công tác xây dựng Đảng và hệ thống chính trị."),
    ("kinh-te-xa-hoi", "Kinh tế – Xã hội", "Sản xuất, đầu tư, ngân sách và đời sống người dân."),
    ("van-hoa-xa-hoi", "Văn hóa – Xã hội", "Văn hóa, giáo dục, y tế, thể thao ở cơ sở."),
    (
        "quoc-phong-an-ninh",
        "Quốc phòng – An ninh",
        "Quốc phòng địa phương, trật tự an toàn xã hội.",
    ),
]

# Colours of the drawn pictures: (sky, ground, accent).
PALETTES = [
    ((150, 200, 240), (60, 140, 70), (255, 210, 80)),
    ((245, 190, 150), (120, 150, 60), (250, 240, 200)),
    ((120, 170, 220), (40, 110, 150), (255, 230, 120)),
    ((200, 225, 245), (170, 140, 60), (255, 200, 60)),
]

FONT_PATHS = [
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
]


def _picture(title, seed, alt_text):
    sky, ground, accent = PALETTES[seed % len(PALETTES)]
    return get_or_create_image(
        title, draw_scene(1200, 800, sky, ground, accent, seed=seed), f"tin-{seed}.jpg", alt_text
    )


def _font(size):
    for candidate in FONT_PATHS:
        if Path(candidate).exists():
            return ImageFont.truetype(candidate, size)
    return ImageFont.load_default()


def _document(title, filename, heading, lines):
    """A one-page PDF drawn with Pillow, as a Wagtail document."""
    model = get_document_model()
    existing = model.objects.filter(title=title).first()
    if existing:
        return existing
    page = PILImage.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(page)
    draw.text((120, 120), "ỦY BAN NHÂN DÂN THỊ XÃ KỲ ANH", fill="black", font=_font(34))
    draw.text((120, 230), heading, fill=(160, 25, 25), font=_font(44))
    for number, line in enumerate(lines):
        draw.text((120, 340 + number * 64), line, fill="black", font=_font(30))
    buffer = io.BytesIO()
    page.save(buffer, format="PDF", resolution=150)
    document = model(title=title)
    document.file.save(filename, ContentFile(buffer.getvalue()), save=False)
    if hasattr(document, "_set_document_file_metadata"):
        document._set_document_file_metadata()
    document.save()
    return document


def _index(parent, slug, title, introduction, home_page_articles):
    existing = NewsIndexPage.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    index = NewsIndexPage(
        title=title,
        slug=slug,
        introduction=introduction,
        show_in_menus=True,
        home_page_articles=home_page_articles,
        search_description=introduction,
    )
    parent.add_child(instance=index)
    index.save_revision().publish()
    return index


def _p(*paragraphs):
    return {"type": "paragraph", "value": "".join(f"<p>{text}</p>" for text in paragraphs)}


def _heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def _image(image, caption, credit="", placement="full"):
    return {
        "type": "image",
        "value": {
            "image": _with_alt(image, caption),
            "caption": caption,
            "credit": credit,
            "placement": placement,
        },
    }


def _with_alt(image, alt_text):
    """The stored form of Wagtail's ImageBlock: the image with its text alternative."""
    return {"image": image.pk, "alt_text": alt_text, "decorative": False}


def _gallery(title, pictures):
    return {
        "type": "gallery",
        "value": {
            "title": title,
            "images": [
                {"image": _with_alt(image, caption), "caption": caption}
                for image, caption in pictures
            ],
        },
    }


def _quote(text, attribution, role=""):
    return {"type": "quote", "value": {"quote": text, "attribution": attribution, "role": role}}


def _table(caption, columns, rows):
    return {
        "type": "table",
        "value": {
            "caption": caption,
            "columns": [{"type": kind, "heading": heading} for kind, heading in columns],
            "rows": [{"values": list(row)} for row in rows],
        },
    }


def _highlight(title, html, tone="info"):
    return {"type": "highlight", "value": {"title": title, "text": html, "tone": tone}}


def _document_block(document, description=""):
    return {
        "type": "document",
        "value": {"document": document.pk, "title": "", "description": description},
    }


def _embed(url, title):
    return {"type": "embed", "value": {"url": url, "title": title}}


def _when(day, month, hour=8, minute=0):
    return timezone.make_aware(datetime(2026, month, day, hour, minute))


def _articles(pictures, documents):
    """The demo articles: (category slug, slug, fields, body blocks, tags)."""
    p = pictures
    d = documents
    return [
        (
            "tin-hoat-dong",
            "ky-anh-so-ket-6-thang-dau-nam-2026",
            {
                "title": "Thị xã Kỳ Anh sơ kết kinh tế – xã hội 6 tháng đầu năm 2026",
                "lead": "Sáng 8/7, UBND thị xã Kỳ Anh tổ chức hội nghị sơ kết tình hình "
                "kinh tế – xã "
                "hội 6 tháng đầu năm, triển khai nhiệm vụ trọng tâm 6 tháng cuối năm 2026.",
                "published_at": _when(8, 7, 10, 30),
                "main_image": p[0],
                "main_image_caption": "Quang cảnh hội nghị sơ kết tại hội trường UBND thị xã.",
                "byline": "Minh Anh",
            },
            [
                _p(
                    "Dự hội nghị có lãnh đạo Thị ủy, HĐND, UBND, Ủy ban MTTQ thị xã; "
                    "thủ trưởng các "
                    "phòng, ban, ngành và lãnh đạo các xã, phường.",
                    "Báo cáo tại hội nghị cho biết, trong 6 tháng đầu năm, tổng giá trị sản xuất "
                    "trên địa bàn ước đạt <b>12.450 tỷ đồng</b>, tăng 8,6% so với cùng kỳ.",
                ),
                _heading("Nhiều chỉ tiêu đạt và vượt kế hoạch"),
                _table(
                    "Một số chỉ tiêu chủ yếu 6 tháng đầu năm 2026",
                    [
                        ("text", "Chỉ tiêu"),
                        ("number", "Kết quả"),
                        ("number", "So kế hoạch năm (%)"),
                    ],
                    [
                        ("Thu ngân sách (triệu đồng)", "412560", "58.4"),
                        ("Hồ sơ trực tuyến toàn trình", "9870", "64.2"),
                        ("Lao động có việc làm mới", "1245", "51.9"),
                    ],
                ),
                _image(p[1], "Đại biểu thảo luận tại hội nghị.", "Ảnh: Hà Trang", "right"),
                _p(
                    "Các đại biểu tập trung thảo luận về tiến độ giải phóng mặt bằng, công tác "
                    "chuyển đổi số và giải pháp hỗ trợ doanh nghiệp phục hồi sản xuất.",
                    "Nhiều ý kiến đề nghị đẩy nhanh giải ngân vốn đầu tư công, nhất là các công "
                    "trình giao thông, trường học ở các xã vùng bãi ngang.",
                ),
                _quote(
                    "Sáu tháng cuối năm, mỗi cơ quan, đơn vị phải bám sát kế hoạch, làm đến đâu "
                    "chắc đến đó, không để việc tồn đọng sang năm sau.",
                    "Nguyễn Văn Hùng",
                    "Chủ tịch UBND thị xã",
                ),
                _highlight(
                    "Nhiệm vụ trọng tâm 6 tháng cuối năm",
                    "<ul><li>Hoàn thành giải phóng mặt bằng các dự án trọng điểm.</li>"
                    "<li>Nâng tỉ lệ hồ sơ trực tuyến toàn trình lên trên 80%.</li>"
                    "<li>Chuẩn bị tốt điều kiện phòng, chống thiên tai mùa mưa bão.</li></ul>",
                ),
            ],
            ["kinh tế", "chỉ đạo điều hành"],
        ),
        (
            "tin-hoat-dong",
            "lanh-dao-thi-xa-tiep-cong-dan-thang-11",
            {
                "title": "Lãnh đạo thị xã tiếp công dân định kỳ tháng 11",
                "lead": "Chiều 20/11, Chủ tịch UBND thị xã chủ trì buổi tiếp công dân định kỳ, "
                "lắng nghe và giải quyết 9 lượt ý kiến của người dân.",
                "published_at": _when(20, 11, 16, 15),
                "main_image": p[2],
                "main_image_caption": "Buổi tiếp công dân tại Trụ sở tiếp công dân thị xã.",
                "byline": "Thu Hà",
            },
            [
                _p(
                    "Các ý kiến chủ yếu liên quan đến cấp giấy chứng nhận quyền sử dụng đất, bồi "
                    "thường giải phóng mặt bằng và chế độ chính sách.",
                    "Với từng trường hợp, lãnh đạo thị xã giao các phòng chuyên môn kiểm tra, trả "
                    "lời bằng văn bản trong thời hạn luật định.",
                ),
                _image(p[3], "Người dân trình bày ý kiến.", "Ảnh: Thu Hà", "left"),
                _p(
                    "Thị xã duy trì lịch tiếp công dân vào ngày 20 hằng tháng; người dân có thể "
                    "đăng ký trước qua Cổng thông tin điện tử hoặc số điện thoại đường dây nóng."
                ),
                _document_block(d[0], "Lịch tiếp công dân của lãnh đạo thị xã năm 2026."),
            ],
            ["tiếp công dân", "cải cách hành chính"],
        ),
        (
            "tin-hoat-dong",
            "ky-anh-day-manh-chuyen-doi-so-thu-tuc-hanh-chinh",
            {
                "title": "Kỳ Anh đẩy mạnh chuyển đổi số trong giải quyết thủ tục hành chính",
                "lead": "Đến hết tháng 10, 100% thủ tục hành chính cấp thị xã được cung cấp trực "
                "tuyến; tỉ lệ hồ sơ trực tuyến toàn trình đạt 76,5%.",
                "published_at": _when(2, 11, 9, 0),
                "main_image": p[4],
                "main_image_caption": (
                    "Bộ phận Một cửa thị xã hướng dẫn người dân nộp hồ sơ trực tuyến."
                ),
                "byline": "Quang Minh",
                "source": "Trung tâm Văn hóa – Truyền thông thị xã",
            },
            [
                _p(
                    "Thị xã đã bố trí tổ công nghệ số cộng đồng ở tất cả các thôn, tổ dân phố để "
                    "hướng dẫn người dân cài đặt và sử dụng ứng dụng định danh điện tử."
                ),
                _heading("Kết quả theo từng đơn vị"),
                _heading("Số liệu đến ngày 31/10/2026", "h3"),
                _table(
                    "Hồ sơ trực tuyến toàn trình",
                    [
                        ("text", "Đơn vị"),
                        ("number", "Số hồ sơ"),
                        ("number", "Tỉ lệ (%)"),
                        ("date", "Cập nhật"),
                    ],
                    [
                        ("Phường Sông Trí", "2060", "91.5", "2026-10-31"),
                        ("Phường Kỳ Long", "1432", "84.2", "2026-10-31"),
                        ("Xã Kỳ Hoa", "618", "71.8", "2026-10-30"),
                        ("Xã Kỳ Hà", "540", "69.4", "2026-10-30"),
                    ],
                ),
                _highlight(
                    "Cần hỗ trợ?",
                    "<p>Gọi Bộ phận Một cửa thị xã: <b>0239 3 000 000</b> (giờ hành chính).</p>",
                ),
                _embed(
                    "https://kyanh.example/video/huong-dan-nop-ho-so-truc-tuyen",
                    "Video: Hướng dẫn nộp hồ sơ trực tuyến",
                ),
            ],
            ["chuyển đổi số", "cải cách hành chính"],
        ),
        (
            "xay-dung-dang",
            "dang-bo-thi-xa-ky-anh-hoc-tap-chuyen-de-2026",
            {
                "title": "Đảng bộ thị xã Kỳ Anh học tập chuyên đề năm 2026",
                "lead": "Hơn 500 đảng viên là cán bộ chủ chốt tham dự hội nghị học tập, quán triệt "
                "chuyên đề năm 2026 do Ban Thường vụ Thị ủy tổ chức.",
                "published_at": _when(15, 9, 8, 0),
                "main_image": p[5],
                "main_image_caption": "Hội nghị được kết nối trực tuyến đến các đảng bộ cơ sở.",
                "byline": "Ban Tuyên giáo Thị ủy",
            },
            [
                _p(
                    "Hội nghị được tổ chức theo hình thức trực tiếp kết hợp trực tuyến tới 31 tổ "
                    "chức cơ sở đảng trực thuộc.",
                    "Sau hội nghị, các chi bộ xây dựng kế hoạch thực hiện gắn với nhiệm vụ chính "
                    "trị của từng cơ quan, đơn vị.",
                ),
                _quote(
                    "Học tập phải đi đôi với làm theo; mỗi chi bộ chọn ít nhất một việc cụ thể, "
                    "làm được ngay trong năm.",
                    "Trần Thị Lan",
                    "Phó Bí thư Thường trực Thị ủy",
                ),
                _heading("Tài liệu hội nghị", "h3"),
                _document_block(d[1], "Kế hoạch học tập chuyên đề của Ban Thường vụ Thị ủy."),
            ],
            ["xây dựng Đảng"],
        ),
        (
            "xay-dung-dang",
            "phat-trien-dang-vien-moi-to-chuc-co-so-dang",
            {
                "title": "Phát triển đảng viên mới trong các tổ chức cơ sở đảng",
                "lead": "Từ đầu năm, Đảng bộ thị xã đã kết nạp 186 đảng viên mới, đạt 93% chỉ tiêu "
                "năm; đảng viên là đoàn viên thanh niên chiếm hơn 70%.",
                "published_at": _when(28, 10, 14, 0),
                "main_image": p[6],
                "main_image_caption": "Lễ kết nạp đảng viên tại Chi bộ tổ dân phố Hưng Hòa.",
            },
            [
                _p(
                    "Các tổ chức cơ sở đảng chú trọng tạo nguồn từ đoàn viên ưu tú, người lao "
                    "động trong doanh nghiệp và lực lượng dân quân."
                ),
                _image(p[7], "Đảng viên mới phát biểu cảm tưởng.", "Ảnh: Ngọc Ánh", "left"),
                _table(
                    "Kết nạp đảng viên theo khối",
                    [("text", "Khối"), ("number", "Số đảng viên mới")],
                    [("Xã, phường", "112"), ("Cơ quan, doanh nghiệp", "41"), ("Trường học", "33")],
                ),
            ],
            ["xây dựng Đảng", "thanh niên"],
        ),
        (
            "kinh-te-xa-hoi",
            "nong-dan-ky-hoa-thu-hoach-lua-he-thu",
            {
                "title": "Nông dân xã Kỳ Hoa thu hoạch lúa hè thu đạt năng suất cao",
                "lead": "Vụ hè thu năm nay, xã Kỳ Hoa gieo cấy 420 ha lúa, năng suất bình quân "
                "ước đạt 5,8 tấn/ha, cao nhất từ trước đến nay.",
                "published_at": _when(5, 9, 7, 30),
                "main_image": p[8],
                "main_image_caption": "Máy gặt đập liên hợp trên cánh đồng mẫu lớn.",
                "byline": "Hoài Nam",
            },
            [
                _p(
                    "Nhờ dồn điền đổi thửa và đưa giống mới vào sản xuất, 100% diện tích được cơ "
                    "giới hóa khâu làm đất và thu hoạch."
                ),
                _gallery(
                    "Mùa vàng trên đồng Kỳ Hoa",
                    [
                        (p[8], "Cánh đồng mẫu lớn thôn Tân Hòa."),
                        (p[9], "Nông dân phơi lúa sau thu hoạch."),
                        (p[10], "Hợp tác xã thu mua lúa tại ruộng."),
                    ],
                ),
                _table(
                    "Năng suất các giống chủ lực",
                    [
                        ("text", "Giống"),
                        ("number", "Diện tích (ha)"),
                        ("number", "Năng suất (tấn/ha)"),
                    ],
                    [
                        ("Giống A", "180", "6.1"),
                        ("Giống B", "150", "5.7"),
                        ("Giống C", "90", "5.4"),
                    ],
                ),
            ],
            ["nông nghiệp", "Kỳ Hoa"],
        ),
        (
            "kinh-te-xa-hoi",
            "thu-ngan-sach-vuot-ke-hoach",
            {
                "title": "Thu ngân sách 10 tháng đạt 92% dự toán năm",
                "lead": "Tổng thu ngân sách trên địa bàn thị xã 10 tháng đầu năm ước đạt 651 tỷ "
                "đồng, bằng 92% dự toán tỉnh giao.",
                "published_at": _when(6, 11, 15, 0),
                "main_image": p[11],
                "main_image_caption": "Khu công nghiệp là nguồn thu lớn của thị xã.",
            },
            [
                _p(
                    "Thu từ doanh nghiệp ngoài quốc doanh và thu tiền sử dụng đất tăng khá; một "
                    "số khoản thu còn chậm so với tiến độ."
                ),
                _table(
                    "Kết quả thu ngân sách 10 tháng",
                    [
                        ("text", "Khoản thu"),
                        ("number", "Ước thực hiện (triệu đồng)"),
                        ("number", "So dự toán (%)"),
                    ],
                    [
                        ("Thu ngoài quốc doanh", "238400", "95.3"),
                        ("Thu tiền sử dụng đất", "301250", "90.1"),
                        ("Phí, lệ phí", "18600", "88.6"),
                    ],
                ),
                _highlight(
                    "Lưu ý",
                    "<p>Số liệu là <i>ước thực hiện</i>, sẽ được cập nhật khi có quyết toán.</p>",
                    "note",
                ),
            ],
            ["kinh tế", "ngân sách"],
        ),
        (
            "kinh-te-xa-hoi",
            "khoi-cong-duong-ven-bien-ky-long",
            {
                "title": "Khởi công tuyến đường ven biển đoạn qua phường Kỳ Long",
                "lead": "Tuyến đường dài 6,2 km, tổng mức đầu tư 385 tỷ đồng, dự kiến hoàn thành "
                "trong năm 2028.",
                "published_at": _when(18, 10, 9, 45),
                "main_image": p[12],
                "main_image_caption": "Lễ khởi công tuyến đường ven biển.",
                "byline": "Quang Minh",
            },
            [
                _p(
                    "Tuyến đường được kỳ vọng mở ra không gian phát triển du lịch biển và rút "
                    "ngắn thời gian đi lại giữa các phường ven biển.",
                    "Đến nay, thị xã đã bàn giao 85% mặt bằng cho nhà thầu thi công.",
                ),
                _image(p[13], "Máy móc tập kết tại công trường.", "Ảnh: Hoài Nam"),
                _quote(
                    "Người dân vùng biển mong con đường này từ lâu; chúng tôi sẵn sàng nhường đất.",
                    "Ông Lê Văn Bình",
                    "tổ dân phố Đông Yên",
                ),
            ],
            ["giao thông", "đầu tư công"],
        ),
        (
            "van-hoa-xa-hoi",
            "ngay-hoi-dai-doan-ket-khu-dan-cu",
            {
                "title": "Rộn ràng Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư",
                "lead": "Từ ngày 10 đến 18/11, các khu dân cư trên địa bàn thị xã đồng loạt tổ "
                "chức Ngày hội Đại đoàn kết toàn dân tộc.",
                "published_at": _when(16, 11, 19, 0),
                "main_image": p[14],
                "main_image_caption": "Văn nghệ chào mừng tại thôn Tân Hòa, xã Kỳ Hoa.",
                "byline": "Ngọc Ánh",
            },
            [
                _p(
                    "Ngày hội có nhiều hoạt động văn hóa, thể thao, trao quà cho hộ nghèo và tuyên "
                    "dương gia đình văn hóa tiêu biểu."
                ),
                _gallery(
                    "Hình ảnh ngày hội",
                    [
                        (p[14], "Tiết mục văn nghệ của hội phụ nữ."),
                        (p[15], "Trao quà cho hộ có hoàn cảnh khó khăn."),
                        (p[9], "Thi kéo co giữa các xóm."),
                        (p[10], "Bữa cơm đoàn kết của khu dân cư."),
                    ],
                ),
                _quote(
                    "Ngày hội là dịp để bà con trong xóm ngồi lại với nhau, cùng bàn việc làng.",
                    "Bà Phan Thị Hoa",
                    "Trưởng ban công tác Mặt trận thôn",
                ),
            ],
            ["văn hóa", "khu dân cư"],
        ),
        (
            "van-hoa-xa-hoi",
            "khai-giang-lop-boi-an-toan-cho-hoc-sinh",
            {
                "title": "Khai giảng lớp dạy bơi an toàn cho học sinh tiểu học",
                "lead": "Hơn 200 học sinh tiểu học được học bơi miễn phí trong dịp hè, góp phần "
                "phòng, chống đuối nước trẻ em.",
                "published_at": _when(10, 7, 8, 15),
                "main_image": p[3],
                "main_image_caption": "Học sinh thực hành kỹ năng nổi tại bể bơi di động.",
            },
            [
                _p(
                    "Lớp học do Phòng Văn hóa – Xã hội phối hợp với Đoàn Thanh niên tổ chức, mỗi "
                    "khóa kéo dài 10 buổi."
                ),
                _image(p[6], "Huấn luyện viên hướng dẫn động tác thở.", "Ảnh: Thu Hà", "right"),
                _highlight(
                    "Phụ huynh lưu ý",
                    "<p>Không để trẻ tắm sông, hồ, biển khi <b>không có người lớn</b> đi cùng.</p>",
                    "important",
                ),
                _embed(
                    "https://kyanh.example/video/ky-nang-an-toan-duoi-nuoc",
                    "Video: Kỹ năng an toàn dưới nước",
                ),
            ],
            ["giáo dục", "trẻ em"],
        ),
        (
            "quoc-phong-an-ninh",
            "ra-quan-huan-luyen-dan-quan-tu-ve-2026",
            {
                "title": "Ra quân huấn luyện dân quân tự vệ năm 2026",
                "lead": "Ban Chỉ huy Quân sự thị xã tổ chức lễ ra quân huấn luyện cho lực lượng "
                "dân quân tự vệ của 12 xã, phường.",
                "published_at": _when(3, 3, 7, 0),
                "main_image": p[1],
                "main_image_caption": "Lực lượng dân quân tự vệ tại lễ ra quân.",
                "byline": "Ban Chỉ huy Quân sự thị xã",
            },
            [
                _p(
                    "Năm nay, nội dung huấn luyện tập trung vào kỹ năng cứu hộ, cứu nạn và phòng, "
                    "chống thiên tai, sát với tình hình địa bàn ven biển."
                ),
                _table(
                    "Kế hoạch huấn luyện",
                    [("text", "Nội dung"), ("number", "Số giờ"), ("date", "Bắt đầu")],
                    [
                        ("Chính trị", "16", "2026-03-05"),
                        ("Điều lệnh, kỹ thuật", "40", "2026-03-12"),
                        ("Cứu hộ, cứu nạn", "24", "2026-04-02"),
                    ],
                ),
            ],
            ["quốc phòng", "dân quân tự vệ"],
        ),
        (
            "quoc-phong-an-ninh",
            "bao-dam-trat-tu-an-toan-giao-thong-cuoi-nam",
            {
                "title": "Tăng cường bảo đảm trật tự an toàn giao thông dịp cuối năm",
                "lead": "Công an thị xã triển khai đợt cao điểm bảo đảm trật tự an toàn giao "
                "thông từ ngày 15/11/2026 đến hết tháng 2/2027.",
                "published_at": _when(14, 11, 17, 30),
                "main_image": p[12],
                "main_image_caption": "Tổ tuần tra kiểm soát trên quốc lộ.",
                "source": "Công an thị xã Kỳ Anh",
            },
            [
                _highlight(
                    "Khuyến cáo",
                    "<p>Đã uống rượu bia thì <b>không lái xe</b>; đội mũ bảo hiểm đạt chuẩn khi "
                    "đi xe máy.</p>",
                    "important",
                ),
                _p(
                    "Lực lượng chức năng tập trung xử lý vi phạm nồng độ cồn, tốc độ và chở quá "
                    "tải trọng trên các tuyến quốc lộ, tỉnh lộ qua địa bàn."
                ),
                _document_block(d[2], "Kế hoạch đợt cao điểm của Công an thị xã."),
            ],
            ["giao thông", "an ninh trật tự"],
        ),
    ]


def seed(stdout):
    home = PortalHomePage.objects.get(slug=HOME_SLUG)
    news = _index(
        home,
        NEWS_SLUG,
        "Tin tức",
        "Tin tức, sự kiện của thị xã Kỳ Anh.",
        home_page_articles=0,
    )
    categories = {
        slug: _index(news, slug, title, introduction, home_page_articles=4)
        for slug, title, introduction in CATEGORIES
    }
    pictures = [
        _picture(f"Ảnh tin tức {number + 1}", number, f"Ảnh minh họa bài viết số {number + 1}")
        for number in range(16)
    ]
    documents = [
        _document(
            "Lịch tiếp công dân năm 2026",
            "lich-tiep-cong-dan-2026.pdf",
            "LỊCH TIẾP CÔNG DÂN NĂM 2026",
            [
                "Ngày 20 hằng tháng, tại Trụ sở tiếp công dân thị xã.",
                "Chủ trì: Chủ tịch UBND thị xã.",
            ],
        ),
        _document(
            "Kế hoạch học tập chuyên đề năm 2026",
            "ke-hoach-hoc-tap-chuyen-de-2026.pdf",
            "KẾ HOẠCH HỌC TẬP CHUYÊN ĐỀ",
            ["Đối tượng: cán bộ, đảng viên toàn Đảng bộ.", "Thời gian: quý III/2026."],
        ),
        _document(
            "Kế hoạch bảo đảm trật tự an toàn giao thông cuối năm 2026",
            "ke-hoach-attgt-cuoi-nam-2026.pdf",
            "KẾ HOẠCH BẢO ĐẢM TTATGT",
            ["Thời gian: 15/11/2026 – 28/02/2027.", "Lực lượng: Công an thị xã và các xã, phường."],
        ),
    ]
    created = 0
    articles = {}
    new_articles = []
    for category_slug, slug, fields, body, tags in _articles(pictures, documents):
        category = categories[category_slug]
        article = NewsArticlePage.objects.child_of(category).filter(slug=slug).first()
        if article is None:
            if fields.get("main_image"):
                # The caption says what the picture shows; it doubles as its text alternative.
                fields.setdefault("main_image_alt_text", fields.get("main_image_caption", ""))
            article = NewsArticlePage(
                slug=slug,
                body=json.dumps(body),
                # First published on its own date, not when the demo ran.
                first_published_at=fields["published_at"],
                **fields,
            )
            article.search_description = fields["lead"][:160]
            article.tags.add(*tags)
            category.add_child(instance=article)
            article.save_revision().publish()
            created += 1
            new_articles.append(article)
        articles[slug] = article
    seed_article_views(home.get_site(), new_articles)

    digital = articles["ky-anh-day-manh-chuyen-doi-so-thu-tuc-hanh-chinh"]
    if not digital.related_links.exists():
        digital.related_links.add(
            NewsArticleRelatedLink(article=articles["lanh-dao-thi-xa-tiep-cong-dan-thang-11"])
        )
        digital.save_revision().publish()

    if not PortalHomeFeaturedArticle.objects.filter(page=home).exists():
        for slug in (
            "lanh-dao-thi-xa-tiep-cong-dan-thang-11",
            "ngay-hoi-dai-doan-ket-khu-dan-cu",
            "ky-anh-day-manh-chuyen-doi-so-thu-tuc-hanh-chinh",
        ):
            home.featured_articles.add(PortalHomeFeaturedArticle(article=articles[slug]))
        home.save_revision().publish()
    stdout.write(f"Tin tức: {len(categories)} chuyên mục, {created} bài viết mới")

"""The demo sidebar: town map with ward and commune offices, links to other government
portals, visit statistics carrying on the old portal's total, most read and the hotline.

Marker coordinates are approximate (good enough for a sidebar map of the demo).
"""

import random
from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.models import Site

from kyanh_cms.demo.images import get_or_create_image
from kyanh_cms.models import DailyPageViews, DailySiteVisits, SidebarSettings

BASELINE = 2_060_856
MAP_TITLE = "Bản đồ thị xã Kỳ Anh"

OFFICES = [
    ("Trụ sở HĐND - UBND thị xã Kỳ Anh", 18.0745, 106.2930),
    ("UBND phường Sông Trí", 18.0795, 106.2885),
    ("UBND phường Hưng Trí", 18.0680, 106.2790),
    ("UBND phường Kỳ Trinh", 18.0985, 106.3050),
    ("UBND phường Kỳ Thịnh", 18.0520, 106.3150),
    ("UBND phường Kỳ Long", 18.0600, 106.3550),
    ("UBND phường Kỳ Liên", 18.0420, 106.3450),
    ("UBND phường Kỳ Phương", 18.0330, 106.3800),
    ("UBND xã Kỳ Hà", 18.1150, 106.3280),
    ("UBND xã Kỳ Ninh", 18.0990, 106.3470),
    ("UBND xã Kỳ Hoa", 18.0450, 106.2650),
    ("UBND xã Kỳ Nam", 18.0120, 106.4050),
]

LINKS = [
    ("Cổng thông tin điện tử Chính phủ", "https://chinhphu.vn"),
    ("Cổng Dịch vụ công quốc gia", "https://dichvucong.gov.vn"),
    ("Cổng thông tin điện tử Quốc hội", "https://quochoi.vn"),
    ("Báo điện tử Đảng Cộng sản Việt Nam", "https://dangcongsan.vn"),
    ("Công báo Chính phủ", "https://congbao.chinhphu.vn"),
    ("Cơ sở dữ liệu quốc gia về văn bản pháp luật", "https://vbpl.vn"),
    ("Cổng thông tin điện tử tỉnh Hà Tĩnh", "https://hatinh.gov.vn"),
    ("Cổng Dịch vụ công tỉnh Hà Tĩnh", "https://dichvucong.hatinh.gov.vn"),
    ("Tỉnh ủy Hà Tĩnh", "https://hatinh.dcs.vn"),
    ("Báo Hà Tĩnh", "https://baohatinh.vn"),
    ("Báo Nhân Dân", "https://nhandan.vn"),
    ("Thông tấn xã Việt Nam", "https://vnanet.vn"),
]

# The area the picture shows: (south, north) latitude and (west, east) longitude.
LAT_RANGE = (17.995, 18.135)
LNG_RANGE = (106.245, 106.425)
SIZE = (900, 700)
COAST = [
    (18.135, 106.305),
    (18.122, 106.322),
    (18.110, 106.345),
    (18.100, 106.362),
    (18.082, 106.372),
    (18.062, 106.380),
    (18.045, 106.393),
    (18.028, 106.405),
    (18.010, 106.418),
    (17.995, 106.425),
]
HIGHWAY = [
    (18.135, 106.262),
    (18.100, 106.280),
    (18.075, 106.292),
    (18.040, 106.318),
    (18.015, 106.350),
    (17.995, 106.372),
]
RIVER = [
    (18.090, 106.245),
    (18.086, 106.270),
    (18.080, 106.290),
    (18.084, 106.315),
    (18.092, 106.340),
    (18.100, 106.362),
]
FONT_FILES = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
]


#: The sea's name on the drawn map, its colour, and the space kept from the picture's edges.
SEA_LABEL = "Biển Đông"
SEA_LABEL_COLOUR = (40, 90, 140)
MARGIN = 16


def _xy(lat, lng):
    (south, north), (west, east) = LAT_RANGE, LNG_RANGE
    width, height = SIZE
    return ((lng - west) / (east - west) * width, (north - lat) / (north - south) * height)


def _font(size):
    for path in FONT_FILES:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default()


def draw_town_map():
    """A simple drawn map: land, the sea, highway 1, the Trí river and numbered offices."""
    image = PILImage.new("RGB", SIZE, (236, 232, 214))
    draw = ImageDraw.Draw(image)
    width, height = SIZE
    sea = [_xy(lat, lng) for lat, lng in COAST] + [(width, height), (width, 0)]
    draw.polygon(sea, fill=(164, 206, 232))
    draw.line([_xy(*p) for p in COAST], fill=(120, 160, 190), width=3)
    for lat, lng in ((18.06, 106.26), (18.02, 106.30), (18.11, 106.29)):
        x, y = _xy(lat, lng)
        draw.ellipse((x - 90, y - 60, x + 90, y + 60), fill=(214, 226, 190))
    draw.line([_xy(*p) for p in RIVER], fill=(120, 170, 210), width=6, joint="curve")
    draw.line([_xy(*p) for p in HIGHWAY], fill=(200, 80, 60), width=7, joint="curve")
    draw.line([_xy(*p) for p in HIGHWAY], fill=(250, 200, 90), width=3, joint="curve")
    small, large = _font(18), _font(30)
    # Right-aligned inside the picture: placed by its left edge at the sea's position,
    # the label ran past the right border and was cut.
    _x, sea_y = _xy(18.125, 106.395)
    draw.text((width - MARGIN, sea_y), SEA_LABEL, fill=SEA_LABEL_COLOUR, font=large, anchor="ra")
    draw.text(_xy(18.128, 106.250), "QL1A", fill=(150, 50, 40), font=small)
    for number, (_name, lat, lng) in enumerate(OFFICES, start=1):
        x, y = _xy(lat, lng)
        draw.ellipse(
            (x - 14, y - 14, x + 14, y + 14), fill=(160, 25, 25), outline=(255, 255, 255), width=2
        )
        draw.text((x, y), str(number), fill=(255, 255, 255), font=small, anchor="mm")
    draw.text((16, height - 40), "Thị xã Kỳ Anh · tỉnh Hà Tĩnh", fill=(60, 60, 60), font=small)
    return image


def demo_widgets(map_image):
    markers = [
        {
            "name": f"{number}. {name}",
            "location": {"lat": f"{lat:.4f}", "lng": f"{lng:.4f}", "srid": "4326"},
            "page": None,
        }
        for number, (name, lat, lng) in enumerate(OFFICES, start=1)
    ]
    return [
        (
            "town_map",
            {
                "title": MAP_TITLE,
                "image": {
                    "image": map_image,
                    "alt_text": "Bản đồ thị xã Kỳ Anh với trụ sở các xã, phường được đánh số",
                    "decorative": False,
                },
                "interactive": True,
                "zoom": 12,
                "centre": {"lat": "18.0650", "lng": "106.3250", "srid": "4326"},
                "markers": markers,
            },
        ),
        (
            "website_links",
            {
                "title": "Liên kết website",
                "display": "dropdown",
                "links": [{"name": name, "url": url, "logo": None} for name, url in LINKS],
            },
        ),
        (
            "visit_statistics",
            {"title": "Thống kê truy cập", "show_today": True, "show_this_month": True},
        ),
        ("most_read", {"title": "Đọc nhiều nhất", "period": "7", "count": 5}),
        ("latest_news", {"title": "Tin mới nhất", "category": None, "count": 5}),
        (
            "text",
            {
                "title": "Đường dây nóng",
                "body": (
                    "<p>Văn phòng HĐND và UBND thị xã: <b>0239 3 000 000</b></p>"
                    "<p>Tiếp nhận phản ánh, kiến nghị về thủ tục hành chính: "
                    "<b>0239 3 000 111</b></p>"
                ),
            },
        ),
    ]


#: Days of visit history a fresh demo shows in the sidebar and the statistics report.
HISTORY_DAYS = 90


def seed_visits(site, today=None):
    """Three months of plausible daily visits for ``site``.

    A small town portal sees a few thousand views a day, fewer at weekends. Only a
    site with no visit rows at all gets them: counted visits are never touched, and a
    second run adds nothing. Returns the number of days written.
    """
    if DailySiteVisits.objects.filter(site=site).exists():
        return 0
    today = today or timezone.localdate()
    chance = random.Random(2060856)  # noqa: S311 (demo figures, not security)
    days = [today - timedelta(days=n) for n in range(HISTORY_DAYS)]
    DailySiteVisits.objects.bulk_create(
        DailySiteVisits(
            site=site,
            day=day,
            # Today is still going on: a third of a day's views.
            views=chance.randint(1800, 3200)
            // (2 if day.weekday() >= 5 else 1)
            // (3 if day == today else 1),
        )
        for day in days
    )
    return len(days)


def seed_article_views(site, pages, today=None):
    """A week of views for ``pages``, articles the demo has just created, so that "Đọc
    nhiều nhất" has something to rank; other pages are never given views."""
    today = today or timezone.localdate()
    chance = random.Random(len(pages))  # noqa: S311 (demo figures, not security)
    DailyPageViews.objects.bulk_create(
        DailyPageViews(
            site=site, page=page, day=today - timedelta(days=n), views=chance.randint(20, 400)
        )
        for page in pages
        for n in range(7)
    )


def seed(stdout):
    site = Site.objects.get(is_default_site=True)
    if seed_visits(site):
        stdout.write(f"Thống kê truy cập: {HISTORY_DAYS} ngày gần đây.")
    sidebar = SidebarSettings.for_site(site)
    if any(
        child.block_type == "town_map" and child.value.get("image") for child in sidebar.widgets
    ):
        stdout.write("Thanh bên: đã có, giữ nguyên.")
        return
    map_image = get_or_create_image(
        MAP_TITLE, draw_town_map(), "ban-do-thi-xa-ky-anh.jpg", "Bản đồ thị xã Kỳ Anh"
    )
    sidebar.widgets = demo_widgets(map_image)
    sidebar.visits_baseline = BASELINE
    sidebar.save()
    stdout.write(f"Thanh bên: bản đồ {len(OFFICES)} điểm, {len(LINKS)} liên kết, thống kê.")

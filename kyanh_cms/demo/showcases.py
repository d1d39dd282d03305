"""Organizations of the town and their showcase registrations for the demo year.

31 organizations; 30 of them registered 36 models and exemplars, so the
portal reads "30/31 tổ chức cơ sở đảng đăng ký thực hiện, tổng số 36 mô
hình/điển hình". Four showcases carry a written story.
"""

from kyanh_cms.core.text import slugify_vietnamese
from kyanh_cms.demo.images import draw_scene, get_or_create_image
from kyanh_cms.demo.site import HOME_SLUG
from kyanh_cms.models import Organization, PortalHomePage, ShowcaseIndexPage, ShowcasePage
from kyanh_cms.showcases.choices import OrganizationKind as K
from kyanh_cms.showcases.choices import ShowcaseKind, ShowcaseStatus

DEMO_YEAR = 2026
INDEX_SLUG = "mo-hinh-dien-hinh"

# (name, short name, kind)
ORGANIZATIONS = [
    ("Đảng ủy phường Hưng Trí", "Hưng Trí", K.WARD),
    ("Đảng ủy phường Kỳ Trinh", "Kỳ Trinh", K.WARD),
    ("Đảng ủy phường Kỳ Thịnh", "Kỳ Thịnh", K.WARD),
    ("Đảng ủy phường Kỳ Long", "Kỳ Long", K.WARD),
    ("Đảng ủy phường Kỳ Liên", "Kỳ Liên", K.WARD),
    ("Đảng ủy phường Kỳ Phương", "Kỳ Phương", K.WARD),
    ("Đảng ủy xã Kỳ Hà", "Kỳ Hà", K.COMMUNE),
    ("Đảng ủy xã Kỳ Hải", "Kỳ Hải", K.COMMUNE),
    ("Đảng ủy xã Kỳ Hoa", "Kỳ Hoa", K.COMMUNE),
    ("Đảng ủy xã Kỳ Lợi", "Kỳ Lợi", K.COMMUNE),
    ("Đảng ủy xã Kỳ Nam", "Kỳ Nam", K.COMMUNE),
    ("Đảng ủy xã Kỳ Ninh", "Kỳ Ninh", K.COMMUNE),
    ("Đảng ủy Công an thị xã", "Công an thị xã", K.POLICE),
    ("Đảng ủy Quân sự thị xã", "Quân sự thị xã", K.MILITARY),
    ("Chi bộ Bệnh viện đa khoa thị xã Kỳ Anh", "Bệnh viện đa khoa", K.HOSPITAL),
    ("Chi bộ Trung tâm Y tế thị xã", "Trung tâm Y tế", K.HOSPITAL),
    ("Chi bộ Trường THPT Kỳ Anh", "THPT Kỳ Anh", K.SCHOOL),
    ("Chi bộ Trường THPT Nguyễn Huệ", "THPT Nguyễn Huệ", K.SCHOOL),
    ("Chi bộ Trường THCS Hưng Trí", "THCS Hưng Trí", K.SCHOOL),
    ("Chi bộ Trường Tiểu học Kỳ Trinh", "Tiểu học Kỳ Trinh", K.SCHOOL),
    ("Chi bộ Trường Mầm non Kỳ Phương", "Mầm non Kỳ Phương", K.SCHOOL),
    ("Đảng bộ Cơ quan Chính quyền thị xã", "Cơ quan Chính quyền", K.AGENCY),
    ("Đảng bộ Khối Đảng – Mặt trận – Đoàn thể", "Khối Đảng, đoàn thể", K.AGENCY),
    ("Chi bộ Viện Kiểm sát nhân dân thị xã", "Viện Kiểm sát", K.AGENCY),
    ("Chi bộ Tòa án nhân dân thị xã", "Tòa án", K.AGENCY),
    ("Chi bộ Chi cục Thuế khu vực Kỳ Anh", "Chi cục Thuế", K.AGENCY),
    ("Chi bộ Điện lực Kỳ Anh", "Điện lực", K.AGENCY),
    ("Chi bộ Ban Quản lý dự án đầu tư xây dựng thị xã", "Ban Quản lý dự án", K.AGENCY),
    ("Chi bộ Trung tâm Văn hóa – Truyền thông thị xã", "Trung tâm Văn hóa", K.AGENCY),
    ("Chi bộ Kho bạc Nhà nước Kỳ Anh", "Kho bạc", K.AGENCY),
    ("Chi bộ Công ty Môi trường và Dịch vụ đô thị Kỳ Anh", "Môi trường đô thị", K.ENTERPRISE),
]
C, P = ShowcaseKind.COLLECTIVE, ShowcaseKind.INDIVIDUAL
REG, PROG, REC, NOT = (
    ShowcaseStatus.REGISTERED,
    ShowcaseStatus.IN_PROGRESS,
    ShowcaseStatus.RECOGNIZED,
    ShowcaseStatus.NOT_CARRIED_OUT,
)

# (organization short name, kind, title, status, person, position, summary)
SHOWCASES = [
    (
        "Hưng Trí",
        C,
        "Tuyến phố văn minh, sạch đẹp, không rác thải nhựa",
        REC,
        "",
        "",
        "Các tổ dân phố cùng giữ vỉa hè thông thoáng, phân loại rác tại nguồn và trồng cây xanh "
        "trên 12 tuyến phố.",
    ),
    (
        "Hưng Trí",
        P,
        "Bí thư chi bộ gần dân, sát dân",
        PROG,
        "Nguyễn Thị Hoa",
        "Bí thư Chi bộ tổ dân phố 3",
        "Mỗi tuần dành một buổi tối lắng nghe ý kiến người dân tại nhà văn hóa tổ dân phố.",
    ),
    (
        "Kỳ Trinh",
        C,
        "Dân vận khéo trong giải phóng mặt bằng",
        REC,
        "",
        "",
        "Vận động 146 hộ bàn giao mặt bằng đúng hạn cho dự án đường ven biển.",
    ),
    (
        "Kỳ Thịnh",
        C,
        "Chi bộ tổ dân phố kiểu mẫu",
        PROG,
        "",
        "",
        "Sinh hoạt chi bộ có chuyên đề, có nhận xét cụ thể từng đảng viên.",
    ),
    (
        "Kỳ Long",
        C,
        "Khu dân cư không có tội phạm và tệ nạn xã hội",
        PROG,
        "",
        "",
        "Tổ an ninh tự quản tuần tra hằng đêm, kết nối nhóm Zalo với công an phường.",
    ),
    (
        "Kỳ Liên",
        C,
        "Xây dựng khu dân cư kiểu mẫu",
        REG,
        "",
        "",
        "Hoàn thiện nhà văn hóa, sân thể thao và đường điện chiếu sáng bằng đóng góp của dân.",
    ),
    (
        "Kỳ Phương",
        C,
        "Dân vận khéo gắn với thực hiện nhiệm vụ trọng tâm của phường",
        REC,
        "",
        "",
        "Mỗi đảng viên phụ trách một nhóm hộ, cùng dân tháo gỡ vướng mắc về đất đai, việc làm và "
        "môi trường.",
    ),
    (
        "Kỳ Phương",
        P,
        "Người cán bộ mặt trận tận tụy",
        PROG,
        "Lê Thị Thanh",
        "Chủ tịch Ủy ban MTTQ phường",
        "Kết nối các nhà hảo tâm xây 6 nhà đại đoàn kết.",
    ),
    (
        "Kỳ Hà",
        C,
        "Chi hội nghề cá an toàn, đoàn kết trên biển",
        REC,
        "",
        "",
        "32 tàu cá lập tổ đoàn kết, hỗ trợ nhau khi gặp nạn và không khai thác hải sản trái phép.",
    ),
    (
        "Kỳ Hà",
        P,
        "Ngư dân gương mẫu bám biển",
        REG,
        "Phan Văn Hùng",
        "Thuyền trưởng tàu HT 90xxx",
        "Nhiều năm liền cứu giúp ngư dân gặp nạn trên biển.",
    ),
    (
        "Kỳ Hải",
        C,
        "Cánh đồng mẫu lớn gắn với hợp tác xã",
        PROG,
        "",
        "",
        "Dồn điền đổi thửa 45 ha, đưa giống lúa chất lượng cao vào sản xuất.",
    ),
    (
        "Kỳ Hoa",
        C,
        "Tổ dân vận xử lý môi trường hồ Kỳ Hoa",
        REG,
        "",
        "",
        "Vận động người dân không xả thải xuống hồ, trồng cây ven hồ.",
    ),
    (
        "Kỳ Lợi",
        C,
        "Chuyển đổi số trong sinh hoạt chi bộ",
        PROG,
        "",
        "",
        "Tài liệu sinh hoạt được gửi trước qua sổ tay đảng viên điện tử.",
    ),
    (
        "Kỳ Nam",
        C,
        "Đường hoa nông thôn mới",
        NOT,
        "",
        "",
        "Chưa triển khai vì ưu tiên khắc phục hậu quả mưa lũ; chuyển sang năm sau.",
    ),
    (
        "Kỳ Ninh",
        C,
        "Bảo tồn và phát huy lễ hội cầu ngư",
        REG,
        "",
        "",
        "Gìn giữ nghi lễ truyền thống, đưa lễ hội thành điểm đến du lịch biển.",
    ),
    (
        "Kỳ Ninh",
        P,
        "Nghệ nhân truyền dạy hát ví dặm",
        REC,
        "Võ Thị Lan",
        "Chủ nhiệm câu lạc bộ ví dặm",
        "Mở lớp miễn phí cho 40 em học sinh mỗi hè.",
    ),
    (
        "Công an thị xã",
        C,
        "Vì nhân dân phục vụ: một cửa, một lần đến",
        REC,
        "",
        "",
        "Rút ngắn thời gian cấp căn cước, đăng ký xe; tiếp nhận hồ sơ cả ngày thứ Bảy.",
    ),
    (
        "Công an thị xã",
        P,
        "Cảnh sát khu vực tận tụy với dân",
        PROG,
        "Đặng Quốc Việt",
        "Cảnh sát khu vực, Công an phường Kỳ Long",
        "Thuộc từng hộ, từng người trên địa bàn phụ trách.",
    ),
    (
        "Quân sự thị xã",
        C,
        "Dân vận khéo trong lực lượng vũ trang",
        REG,
        "",
        "",
        "Cán bộ, chiến sĩ giúp dân làm đường, sửa nhà sau bão.",
    ),
    (
        "Bệnh viện đa khoa",
        C,
        "Thầy thuốc như mẹ hiền",
        REC,
        "",
        "",
        "Đón tiếp người bệnh bằng nụ cười, có đường dây nóng tiếp nhận góp ý 24/7.",
    ),
    (
        "Bệnh viện đa khoa",
        P,
        "Bác sĩ tận tâm với người bệnh nghèo",
        PROG,
        "Hoàng Minh Tuấn",
        "Trưởng khoa Nội",
        "Vận động quỹ bữa cơm miễn phí cho bệnh nhân khó khăn.",
    ),
    (
        "Trung tâm Y tế",
        C,
        "Tiêm chủng an toàn, đúng lịch",
        REG,
        "",
        "",
        "Nhắn tin nhắc lịch tiêm cho từng gia đình có trẻ nhỏ.",
    ),
    (
        "THPT Kỳ Anh",
        P,
        "Nhà giáo tận tụy, sáng tạo",
        REC,
        "Nguyễn Thị Mai",
        "Giáo viên Ngữ văn",
        "Đưa phương pháp dạy học theo dự án vào môn Ngữ văn.",
    ),
    (
        "THPT Nguyễn Huệ",
        C,
        "Trường học thân thiện, học sinh tích cực",
        PROG,
        "",
        "",
        "Mỗi lớp nhận chăm sóc một công trình măng non.",
    ),
    (
        "THCS Hưng Trí",
        P,
        "Tấm gương nhà giáo vượt khó",
        REG,
        "Bùi Văn Nam",
        "Giáo viên Toán",
        "Dạy thêm miễn phí cho học sinh khó khăn suốt 10 năm.",
    ),
    (
        "Tiểu học Kỳ Trinh",
        C,
        "Thư viện xanh thân thiện",
        PROG,
        "",
        "",
        "Góc đọc sách ngoài trời mở cửa cả giờ ra chơi.",
    ),
    (
        "Mầm non Kỳ Phương",
        C,
        "Bữa ăn bán trú an toàn",
        REG,
        "",
        "",
        "Rau sạch từ vườn trường và nguồn thực phẩm rõ xuất xứ.",
    ),
    (
        "Cơ quan Chính quyền",
        C,
        "Cải cách hành chính: hồ sơ đúng hạn 100%",
        REC,
        "",
        "",
        "Bộ phận một cửa trả kết quả trước hạn, công khai tiến độ trên cổng thông tin.",
    ),
    (
        "Khối Đảng, đoàn thể",
        C,
        "Nói đi đôi với làm trong cơ quan tham mưu",
        REG,
        "",
        "",
        "Mỗi cán bộ đăng ký một việc làm cụ thể và báo cáo kết quả hằng quý.",
    ),
    (
        "Viện Kiểm sát",
        C,
        "Kiểm sát viên liêm chính, khách quan",
        REG,
        "",
        "",
        "Công khai quy trình tiếp công dân, giải quyết đơn thư đúng hạn.",
    ),
    (
        "Tòa án",
        P,
        "Thẩm phán hòa giải thành công",
        PROG,
        "Lê Văn Sơn",
        "Thẩm phán",
        "Hòa giải thành 70% vụ việc dân sự, hôn nhân gia đình được giao.",
    ),
    (
        "Chi cục Thuế",
        C,
        "Hỗ trợ người nộp thuế điện tử",
        REG,
        "",
        "",
        "Tổ hỗ trợ đến tận hộ kinh doanh hướng dẫn hóa đơn điện tử.",
    ),
    (
        "Điện lực",
        C,
        "Thắp sáng đường quê",
        REC,
        "",
        "",
        "Lắp 200 bóng đèn chiếu sáng cho các xóm ven biển.",
    ),
    (
        "Ban Quản lý dự án",
        C,
        "Công trình đúng tiến độ, không lãng phí",
        PROG,
        "",
        "",
        "Giám sát công khai, mời đại diện người dân tham gia nghiệm thu.",
    ),
    (
        "Trung tâm Văn hóa",
        C,
        "Tủ sách cộng đồng",
        REG,
        "",
        "",
        "Luân chuyển 3.000 đầu sách đến các nhà văn hóa thôn, tổ dân phố.",
    ),
    (
        "Môi trường đô thị",
        P,
        "Người công nhân vệ sinh môi trường tận tụy",
        REC,
        "Đoàn Văn Thắng",
        "Công nhân thu gom rác",
        "20 năm gắn bó với những tuyến phố lúc rạng sáng.",
    ),
]

STORIES = {
    "Tuyến phố văn minh, sạch đẹp, không rác thải nhựa": (
        ((120, 180, 230), (90, 160, 90), (255, 210, 80)),
        [
            "<p>Từ đầu năm, Đảng ủy phường Hưng Trí giao mỗi chi bộ tổ dân phố nhận một tuyến "
            "phố. Đảng viên đi đầu dọn vỉa hè trước nhà mình, rồi cùng các hộ thống nhất giờ đổ "
            "rác, nơi để xe và cách phân loại rác tại nguồn.</p>",
            "<p>Sau mười tháng, 12 tuyến phố đã thông thoáng, hơn 300 cây xanh được trồng mới. "
            "Túi ni lông ở chợ phường giảm hẳn khi tiểu thương dùng túi giấy và lá chuối.</p>",
        ],
    ),
    "Dân vận khéo trong giải phóng mặt bằng": (
        ((150, 190, 220), (160, 130, 80), (250, 180, 60)),
        [
            "<p>Dự án đường ven biển đi qua phường Kỳ Trinh cần 146 hộ bàn giao đất. Thay vì "
            "họp đông người, cán bộ đến từng nhà, giải thích phương án bồi thường và ghi lại "
            "từng nguyện vọng.</p>",
            "<p>Những hộ khó khăn được ưu tiên bố trí tái định cư gần nơi ở cũ. Mặt bằng được "
            "bàn giao sớm hơn kế hoạch hai tháng, không có đơn khiếu nại vượt cấp.</p>",
        ],
    ),
    "Dân vận khéo gắn với thực hiện nhiệm vụ trọng tâm của phường": (
        ((130, 200, 240), (70, 140, 110), (255, 220, 90)),
        [
            "<p>Mỗi đảng viên Đảng bộ phường Kỳ Phương phụ trách từ 10 đến 15 hộ. Những vướng "
            "mắc về đất đai, việc làm, môi trường được ghi vào sổ theo dõi và báo cáo tại buổi "
            "sinh hoạt chi bộ hằng tháng.</p>",
            "<p>Mô hình gắn trực tiếp với các nhiệm vụ trọng tâm của thị xã trong năm: tiến độ "
            "từng nhiệm vụ được cập nhật ngay bên dưới.</p>",
        ],
    ),
    "Chi hội nghề cá an toàn, đoàn kết trên biển": (
        ((100, 170, 220), (40, 90, 150), (255, 200, 70)),
        [
            "<p>32 tàu cá của xã Kỳ Hà chia thành 6 tổ đoàn kết, giữ liên lạc bằng máy thông "
            "tin tầm xa. Khi một tàu gặp nạn, tàu gần nhất đến ứng cứu trước khi lực lượng "
            "chức năng có mặt.</p>",
            "<p>Các chủ tàu cam kết ghi nhật ký khai thác đầy đủ và không đánh bắt bằng chất "
            "nổ, xung điện.</p>",
        ],
    ),
}


def seed_organizations():
    by_short = {}
    for order, (name, short, kind) in enumerate(ORGANIZATIONS, start=1):
        organization = Organization.objects.filter(name=name).first()
        if organization is None:
            organization = Organization.objects.create(
                name=name, short_name=short, kind=kind, order=order * 10
            )
        by_short[short] = organization
    return by_short


def _index_page():
    index = ShowcaseIndexPage.objects.filter(slug=INDEX_SLUG).first()
    if index:
        return index
    home = PortalHomePage.objects.get(slug=HOME_SLUG)
    index = ShowcaseIndexPage(
        title="Mô hình, điển hình",
        slug=INDEX_SLUG,
        show_in_menus=True,
        search_description=(
            "Các mô hình tập thể và điển hình cá nhân học tập và làm theo tư tưởng, đạo đức, "
            "phong cách Hồ Chí Minh của thị xã Kỳ Anh."
        ),
        intro=[
            (
                "paragraph",
                "<p>Hằng năm, các tổ chức cơ sở đảng của thị xã đăng ký xây dựng mô hình tập "
                "thể và điển hình cá nhân trong học tập và làm theo tư tưởng, đạo đức, phong "
                "cách Hồ Chí Minh. Trang này tổng hợp kết quả đăng ký và câu chuyện của từng "
                "mô hình.</p>",
            ),
        ],
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def seed(stdout):
    organizations = seed_organizations()
    index = _index_page()
    existing = set(
        ShowcasePage.objects.filter(year=DEMO_YEAR).values_list("organization_id", "title")
    )
    created = 0
    for seed_number, (short, kind, title, status, person, position, summary) in enumerate(
        SHOWCASES
    ):
        organization = organizations[short]
        if (organization.pk, title) in existing:
            continue
        page = ShowcasePage(
            title=title,
            slug=f"{slugify_vietnamese(title, max_length=80)}-{DEMO_YEAR}",
            kind=kind,
            organization=organization,
            year=DEMO_YEAR,
            status=status,
            person_name=person,
            person_position=position,
            summary=summary,
        )
        story = STORIES.get(title)
        if story:
            (sky, ground, accent), paragraphs = story
            page.main_image = get_or_create_image(
                f"Ảnh minh họa: {title}",
                draw_scene(1200, 750, sky, ground, accent, seed=seed_number),
                f"{slugify_vietnamese(title, max_length=80)}.jpg",
                title,
            )
            page.main_image_alt_text = f"Ảnh minh họa mô hình “{title}”"
            page.body = [("paragraph", text) for text in paragraphs]
        index.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    _feature_stories(index)
    stdout.write(
        f"Mô hình, điển hình năm {DEMO_YEAR}: {len(organizations)} tổ chức, "
        f"{created} mô hình/điển hình mới"
    )


def _feature_stories(index):
    """Cards of the showcases with a story, above the list (once)."""
    if any(block.block_type == "showcase_cards" for block in index.intro):
        return
    stories = ShowcasePage.objects.filter(year=DEMO_YEAR, title__in=list(STORIES)).order_by("pk")
    index.intro.append(
        ("showcase_cards", {"heading": "Mô hình tiêu biểu", "showcases": list(stories)})
    )
    index.save_revision().publish()

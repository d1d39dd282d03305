"""The town's document library: about forty documents of several kinds and issuers,
some expired or replaced, one amended, one guided, and one draft open for opinions.

Dates are fixed (2023–2026) except the draft's consultation, which is open from
the day the demo is seeded for thirty days, so the demo always shows a form.
"""

import datetime

from django.utils import timezone

from kyanh_cms.demo.site import HOME_SLUG
from kyanh_cms.documents.choices import IssuerLevel, RelationKind
from kyanh_cms.models import (
    DocumentField,
    DocumentKind,
    DocumentLibraryPage,
    DocumentRelation,
    IssuingBody,
    LegalDocumentPage,
    PortalHomePage,
)

LIBRARY_SLUG = "van-ban"

KINDS = [
    ("Quyết định", "QĐ"),
    ("Chỉ thị", "CT"),
    ("Nghị quyết", "NQ"),
    ("Kế hoạch", "KH"),
    ("Thông báo", "TB"),
    ("Công văn", ""),
    ("Báo cáo", "BC"),
    ("Hướng dẫn", "HD"),
    ("Dự thảo", "DT"),
]
FIELDS = [
    "Đất đai",
    "Xây dựng – Giao thông",
    "Giáo dục – Đào tạo",
    "Y tế",
    "Nông nghiệp – Thủy sản",
    "Văn hóa – Xã hội",
    "Quốc phòng – An ninh",
    "Tài chính – Ngân sách",
]
# (name, abbreviation, level): the town's own bodies, then higher levels every site shares.
ISSUERS = [
    ("Ủy ban nhân dân thị xã Kỳ Anh", "UBND", IssuerLevel.COMMUNE),
    ("Hội đồng nhân dân thị xã Kỳ Anh", "HĐND", IssuerLevel.COMMUNE),
    ("Ủy ban nhân dân tỉnh Hà Tĩnh", "UBND tỉnh", IssuerLevel.HIGHER),
]

# (kind, number, year, month, day, issuer index, field, abstract)
DOCUMENTS = [
    (
        "Quyết định",
        "1520",
        2023,
        3,
        14,
        0,
        "Đất đai",
        "Về việc ban hành Quy định hạn mức giao đất ở tại các phường, xã trên địa bàn thị xã",
    ),
    (
        "Quyết định",
        "2105",
        2025,
        4,
        2,
        0,
        "Đất đai",
        "Về việc ban hành Quy định hạn mức giao đất ở, thay thế Quyết định số 1520/QĐ-UBND",
    ),
    (
        "Chỉ thị",
        "05",
        2024,
        2,
        20,
        0,
        "Văn hóa – Xã hội",
        "Về tăng cường công tác phòng, chống dịch bệnh mùa hè và đảm bảo vệ sinh môi trường",
    ),
    (
        "Nghị quyết",
        "12",
        2024,
        7,
        15,
        1,
        "Tài chính – Ngân sách",
        "Về dự toán thu, chi ngân sách và phân bổ ngân sách thị xã năm 2025",
    ),
    (
        "Nghị quyết",
        "18",
        2025,
        12,
        10,
        1,
        "Tài chính – Ngân sách",
        "Về dự toán thu, chi ngân sách và phân bổ ngân sách thị xã năm 2026",
    ),
    (
        "Kế hoạch",
        "45",
        2025,
        3,
        1,
        0,
        "Quốc phòng – An ninh",
        "Phòng, chống thiên tai và tìm kiếm cứu nạn năm 2025",
    ),
    (
        "Kế hoạch",
        "38",
        2026,
        2,
        25,
        0,
        "Quốc phòng – An ninh",
        "Phòng, chống thiên tai và tìm kiếm cứu nạn năm 2026",
    ),
    (
        "Kế hoạch",
        "112",
        2025,
        6,
        18,
        0,
        "Giáo dục – Đào tạo",
        "Tổ chức tuyển sinh vào lớp 1 và lớp 6 năm học 2025 – 2026",
    ),
    (
        "Thông báo",
        "215",
        2025,
        9,
        5,
        0,
        "Xây dựng – Giao thông",
        "Tạm dừng lưu thông qua cầu Kỳ Trinh để sửa chữa mặt cầu",
    ),
    (
        "Thông báo",
        "88",
        2026,
        1,
        12,
        0,
        "Văn hóa – Xã hội",
        "Lịch tiếp công dân định kỳ của lãnh đạo Ủy ban nhân dân thị xã năm 2026",
    ),
    (
        "Quyết định",
        "3011",
        2025,
        10,
        20,
        0,
        "Nông nghiệp – Thủy sản",
        "Về việc phê duyệt đề án phát triển vùng nuôi tôm ứng dụng công nghệ cao",
    ),
    (
        "Quyết định",
        "845",
        2024,
        5,
        8,
        0,
        "Y tế",
        "Về việc kiện toàn Ban chỉ đạo chăm sóc sức khỏe nhân dân thị xã",
    ),
    (
        "Hướng dẫn",
        "07",
        2025,
        5,
        15,
        0,
        "Đất đai",
        "Thực hiện Quyết định số 2105/QĐ-UBND về hạn mức giao đất ở",
    ),
    (
        "Báo cáo",
        "301",
        2025,
        12,
        20,
        0,
        "Tài chính – Ngân sách",
        "Tình hình thực hiện nhiệm vụ phát triển kinh tế – xã hội năm 2025",
    ),
    (
        "Quyết định",
        "25",
        2024,
        9,
        30,
        2,
        "Xây dựng – Giao thông",
        "Ban hành Quy định quản lý đường giao thông nông thôn trên địa bàn tỉnh",
    ),
    (
        "Quyết định",
        "31",
        2025,
        11,
        12,
        2,
        "Xây dựng – Giao thông",
        "Sửa đổi, bổ sung một số điều của Quy định quản lý đường giao thông nông thôn",
    ),
    (
        "Chỉ thị",
        "09",
        2025,
        8,
        1,
        2,
        "Giáo dục – Đào tạo",
        "Về nhiệm vụ trọng tâm năm học 2025 – 2026 của ngành giáo dục",
    ),
]
#: (kind, number, year, month, day, field, abstract): routine letters and notices that
#: bring the library to about forty documents.
ROUTINE = [
    (
        "Công văn",
        f"{n}",
        2024 + n % 2,
        1 + n % 12,
        1 + (n * 7) % 27,
        FIELDS[n % len(FIELDS)],
        f"Về việc {subject}",
    )
    for n, subject in enumerate(
        [
            "đôn đốc nộp thuế sử dụng đất phi nông nghiệp",
            "triển khai tiêm chủng mở rộng đợt 2",
            "rà soát hộ nghèo, hộ cận nghèo",
            "chuẩn bị các điều kiện khai giảng năm học mới",
            "kiểm tra an toàn thực phẩm dịp Tết Nguyên đán",
            "tăng cường quản lý trật tự xây dựng",
            "báo cáo tiến độ giải ngân vốn đầu tư công",
            "phòng, chống cháy rừng mùa khô",
            "tổ chức Ngày hội Đại đoàn kết toàn dân tộc",
            "hướng dẫn kê khai giá dịch vụ lưu trú",
            "triển khai dịch vụ công trực tuyến toàn trình",
            "thu gom rác thải sinh hoạt tại các khu dân cư",
            "rà soát, cấp đổi giấy chứng nhận quyền sử dụng đất",
            "đảm bảo an toàn giao thông dịp lễ 2/9",
            "vận động ủng hộ Quỹ Vì người nghèo",
            "phòng, chống bệnh dịch tả lợn châu Phi",
            "kiểm tra công tác phòng cháy, chữa cháy tại chợ",
            "tổng hợp nhu cầu đào tạo nghề cho lao động nông thôn",
            "cập nhật dữ liệu dân cư phục vụ chuyển đổi số",
            "tổ chức tết trồng cây",
            "lấy ý kiến về quy hoạch chi tiết khu dân cư Kỳ Hà",
            "rà soát các công trình nước sạch nông thôn",
        ],
        start=101,
    )
]
DRAFT = (
    "Dự thảo",
    "01",
    "Dự thảo Quy chế quản lý, sử dụng nhà văn hóa tổ dân phố, thôn trên địa bàn thị xã",
)


def _symbol(kind, number, year, issuer_abbreviation, kinds):
    abbreviation = kinds[kind].abbreviation
    issuer = issuer_abbreviation.split()[0]
    if kind == "Nghị quyết":
        return f"{number}/{year}/NQ-{issuer}"
    return f"{number}/{abbreviation}-{issuer}" if abbreviation else f"{number}/{issuer}-VP"


def _document(library, number, kind, issuer, field, issued, abstract, **extra):
    existing = LegalDocumentPage.objects.child_of(library).filter(number_symbol=number).first()
    if existing is not None:
        return existing, False
    document = LegalDocumentPage(
        title=f"{kind.name} số {number}",
        kind=kind,
        number_symbol=number,
        issuer=issuer,
        field=field,
        issue_date=issued,
        abstract=abstract,
        signer="Nguyễn Văn Hòa" if issuer.level == IssuerLevel.COMMUNE else "Trần Quốc Bình",
        signer_position="Chủ tịch",
        **extra,
    )
    library.add_child(instance=document)
    document.save_revision().publish()
    return document, True


def _relate(document, kind, target):
    if not document.relations.filter(kind=kind, target=target).exists():
        document.relations.add(DocumentRelation(kind=kind, target=target))
        document.save_revision().publish()


def seed(stdout):
    home = PortalHomePage.objects.get(slug=HOME_SLUG)
    library = DocumentLibraryPage.objects.child_of(home).filter(slug=LIBRARY_SLUG).first()
    if library is None:
        library = DocumentLibraryPage(
            title="Văn bản chỉ đạo, điều hành",
            slug=LIBRARY_SLUG,
            introduction=(
                "Văn bản quy phạm pháp luật, chỉ đạo, điều hành của thị xã Kỳ Anh và văn bản "
                "của cấp trên liên quan đến người dân, doanh nghiệp trên địa bàn."
            ),
            show_in_menus=True,
        )
        home.add_child(instance=library)
        library.save_revision().publish()
    kinds = {}
    for order, (name, abbreviation) in enumerate(KINDS):
        kinds[name], _ = DocumentKind.objects.get_or_create(
            name=name, defaults={"abbreviation": abbreviation, "order": order}
        )
    fields = {}
    for order, name in enumerate(FIELDS):
        fields[name], _ = DocumentField.objects.get_or_create(name=name, defaults={"order": order})
    issuers = []
    for order, (name, abbreviation, level) in enumerate(ISSUERS):
        issuer, _ = IssuingBody.objects.get_or_create(
            name=name, defaults={"abbreviation": abbreviation, "level": level, "order": order}
        )
        issuers.append(issuer)

    created = 0
    by_number = {}
    for kind, number, year, month, day, who, field, abstract in DOCUMENTS:
        issuer = issuers[who]
        symbol = _symbol(kind, number, year, issuer.abbreviation, kinds)
        extra = {}
        if (kind, number) == ("Kế hoạch", "45"):
            extra["expiry_date"] = datetime.date(2025, 12, 31)
        document, new = _document(
            library,
            symbol,
            kinds[kind],
            issuer,
            fields[field],
            datetime.date(year, month, day),
            abstract,
            **extra,
        )
        by_number[(kind, number)] = document
        created += new
    for kind, number, year, month, day, field, abstract in ROUTINE:
        _document_, new = _document(
            library,
            _symbol(kind, number, year, "UBND", kinds),
            kinds[kind],
            issuers[0],
            fields[field],
            datetime.date(year, month, day),
            abstract,
        )
        created += new
    _relate(
        by_number[("Quyết định", "2105")], RelationKind.REPLACES, by_number[("Quyết định", "1520")]
    )
    _relate(by_number[("Nghị quyết", "18")], RelationKind.REPLACES, by_number[("Nghị quyết", "12")])
    _relate(by_number[("Quyết định", "31")], RelationKind.AMENDS, by_number[("Quyết định", "25")])
    _relate(by_number[("Hướng dẫn", "07")], RelationKind.GUIDES, by_number[("Quyết định", "2105")])

    kind, number, abstract = DRAFT
    now = timezone.now()
    _draft, new = _document(
        library,
        f"{number}/DT-UBND",
        kinds[kind],
        issuers[0],
        fields["Văn hóa – Xã hội"],
        timezone.localdate(),
        abstract,
        is_draft=True,
        consultation_opens=now - datetime.timedelta(days=1),
        consultation_closes=now + datetime.timedelta(days=30),
    )
    created += new
    total = LegalDocumentPage.objects.child_of(library).count()
    stdout.write(f"Văn bản: {total} văn bản ({created} mới), 1 dự thảo đang lấy ý kiến")

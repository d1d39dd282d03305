"""The portal-scale data set of ``make bench``, written with bulk inserts.

Run by ``scripts/bench.py`` (never by hand on a database you care about):
``DJANGO_SETTINGS_MODULE=kyanh_example.settings.bench DATABASE_URL=… python
scripts/bench_data.py``. It migrates, seeds the demo (home page, sidebar,
showcase index, task plan index, a dozen articles), then tops it up to years
of a town portal:

- ``KYANH_BENCH_ARTICLES`` news articles (10,000 unless set; the bench builds
  1,000, 10,000 and 50,000) in 20 categories under "Tin tức", with main
  images, a body of paragraphs, headings, an image and a quote, three tags
  each, and ``search_text`` filled as ``NewsArticlePage.save`` would;
- 31 organizations, 500 showcases over four years, 20 task plans;
- ten approved reader comments per article (exactly ``BENCH_ARTICLE_COMMENTS``
  on the benchmark's article) and twenty ratings per article with their
  summaries;
- two years of daily visit rows for the site and for 100 pages a day;
- ``COMMUNES`` commune sites of the same installation, as a province runs
  them: each a home page, a "Tin tức" category and ``COMMUNE_ARTICLES``
  articles, and a Wagtail ``Site`` answering ``xa-NN.bench.local``.

Pages are bulk-inserted with their tree fields computed (treebeard's
materialised path: ``path``, ``depth``, ``numchild``, ``url_path``): one
``Page`` row each via ``bulk_create``, then the page type's own row. The
first article and showcase of the demo are created by ``Page.add_child`` as
usual, so Wagtail's own bookkeeping is exercised too, and at the end
treebeard's ``find_problems`` must find nothing.
"""

import hashlib
import os
import random
import sys
import uuid
from datetime import timedelta
from io import StringIO
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "example_site"))

#: Articles of the main site; the bench sets it per data set (``--scale``).
ARTICLES = int(os.environ.get("KYANH_BENCH_ARTICLES", "10000"))
CATEGORIES = 20
#: Categories (of the 20) whose latest articles the home page shows, as a portal would.
HOME_PAGE_CATEGORIES = 8
IMAGES = 40
TAGS = 300
TAGS_PER_ARTICLE = 3
ORGANIZATIONS = 31
SHOWCASES = 500
SHOWCASE_YEARS = (2023, 2024, 2025, 2026)
TASK_PLANS = 20
COMMENTS = 10 * ARTICLES
RATINGS = 20 * ARTICLES
VISIT_DAYS = 730
PAGES_VIEWED_PER_DAY = 100
#: Commune sites of the installation (a province runs about seventy), each with a home
#: page, one category and a handful of articles; the default site stays the big one.
COMMUNES = 70
COMMUNE_ARTICLES = 6
COMMUNE_HOSTNAME = "xa-{number:02d}.bench.local"

#: The article the benchmark reads: it carries exactly this many approved comments.
BENCH_ARTICLE_SLUG = "bai-viet-do-hieu-nang"
BENCH_ARTICLE_COMMENTS = 50
#: What the benchmark searches for (found in about one article in ten).
BENCH_SEARCH_QUERY = "chuyển đổi số"

BATCH = 500

PLACES = [
    "Hưng Trí", "Kỳ Trinh", "Kỳ Thịnh", "Kỳ Long", "Kỳ Liên", "Kỳ Phương", "Kỳ Hà",
    "Kỳ Hải", "Kỳ Hoa", "Kỳ Lợi", "Kỳ Nam", "Kỳ Ninh", "Sông Trí",
]  # fmt: skip
SUBJECTS = [
    "Hội nghị", "Lễ ra quân", "Đoàn công tác", "Ban Thường vụ Thị ủy", "UBND thị xã",
    "Hội Nông dân", "Đoàn Thanh niên", "Hội Liên hiệp Phụ nữ", "Công an thị xã",
    "Trung tâm Y tế", "Phòng Giáo dục", "Hợp tác xã",
]  # fmt: skip
ACTIONS = [
    "triển khai nhiệm vụ", "tổng kết công tác", "kiểm tra tiến độ", "sơ kết 6 tháng",
    "ra mắt mô hình", "trao học bổng", "tập huấn", "phát động phong trào", "đối thoại với",
    "khánh thành công trình", "hỗ trợ người dân", "ký kết phối hợp",
]  # fmt: skip
TOPICS = [
    "chuyển đổi số", "xây dựng nông thôn mới", "cải cách hành chính", "phòng chống thiên tai",
    "an toàn giao thông", "bảo vệ môi trường", "phát triển du lịch biển", "giảm nghèo bền vững",
    "giáo dục đào tạo", "y tế cơ sở", "an ninh trật tự", "thu ngân sách", "giải phóng mặt bằng",
    "văn hóa cơ sở", "khuyến học", "đô thị văn minh",
]  # fmt: skip
SENTENCES = [
    "Dự hội nghị có lãnh đạo Thị ủy, HĐND, UBND, Ủy ban MTTQ thị xã và các phòng, ban, ngành.",
    "Báo cáo cho biết nhiều chỉ tiêu đạt và vượt kế hoạch đề ra, đời sống người dân được nâng lên.",
    "Các đại biểu tập trung thảo luận những khó khăn, vướng mắc và đề xuất giải pháp tháo gỡ.",
    "Thị xã tiếp tục chỉ đạo các xã, phường bám sát kế hoạch, làm đến đâu chắc đến đó.",
    "Người dân phấn khởi khi công trình được đưa vào sử dụng đúng tiến độ, bảo đảm chất lượng.",
    "Tổ công nghệ số cộng đồng hướng dẫn bà con dùng dịch vụ công trực tuyến.",
    "Lực lượng chức năng tăng cường tuần tra, kiểm soát, xử lý nghiêm các trường hợp vi phạm.",
    "Nhiều mô hình hay, cách làm sáng tạo được nhân rộng, góp phần hoàn thành nhiệm vụ chính trị.",
    "Tổng giá trị sản xuất trên địa bàn ước đạt hơn 12.000 tỷ đồng, tăng 8,6% so với cùng kỳ.",
    "Hội nghị biểu dương các tập thể, cá nhân có thành tích xuất sắc trong phong trào thi đua.",
]  # fmt: skip
NAMES = [
    "Nguyễn Văn Hùng", "Trần Thị Lan", "Lê Minh Tuấn", "Phạm Thu Hà", "Hoàng Văn Nam",
    "Võ Thị Hoa", "Đặng Quốc Bảo", "Bùi Thị Mai", "Đỗ Văn Thành", "Hồ Thị Ngọc",
]  # fmt: skip
COMMENT_TEXTS = [
    "Bài viết rất thiết thực, mong thị xã nhân rộng ra các xã, phường khác.",
    "Tôi ở {place}, thấy đường làng ngõ xóm sạch đẹp hơn nhiều so với năm trước.",
    "Đề nghị ban biên tập đăng thêm số liệu cụ thể của từng xã để bà con theo dõi.",
    "Chúc thị xã Kỳ Anh ngày càng phát triển! Cảm ơn ban biên tập đã cập nhật kịp thời.",
    "Cho tôi hỏi thủ tục đăng ký ở {place} làm trực tuyến được không ạ?",
    "Mong chính quyền sớm sửa đoạn đường qua {place}, mùa mưa đi lại rất khó khăn.",
]  # fmt: skip


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kyanh_example.settings.bench")
    import django

    django.setup()


def insert_rows(model, objects):
    """INSERT the model's own table rows only (for page types: the row under ``Page``)."""
    fields = list(model._meta.local_concrete_fields)
    for start in range(0, len(objects), BATCH):
        model._base_manager._insert(objects[start : start + BATCH], fields=fields)


#: ``Page`` fields a spec may set besides the ones ``bulk_pages`` computes.
PAGE_ONLY_FIELDS = {"show_in_menus", "seo_title"}


def bulk_pages(parent, model, specs):
    """Add ``specs`` (dicts of field values, ``slug`` and ``title`` included) below ``parent``.

    Computes treebeard's materialised path for each new child after the
    parent's last one, inserts the ``Page`` rows in bulk (their ids come back),
    then the page type's rows, and updates the parent's ``numchild``.
    """
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Locale, Page

    parent = Page.objects.get(pk=parent.pk)
    last = parent.get_last_child()
    position = Page._str2int(last.path[-Page.steplen :]) if last else 0
    content_type = ContentType.objects.get_for_model(model)
    locale = Locale.get_default()
    own_fields = {field.attname for field in model._meta.local_concrete_fields}
    pages, typed = [], []
    for spec in specs:
        position += 1
        published = spec.pop("published_at_page", None)
        common = {
            "path": Page._get_path(parent.path, parent.depth + 1, position),
            "depth": parent.depth + 1,
            "numchild": 0,
            "translation_key": uuid.uuid4(),
            "locale": locale,
            "live": True,
            "has_unpublished_changes": False,
            "first_published_at": published,
            "last_published_at": published,
            "title": spec["title"],
            "draft_title": spec["title"],
            "slug": spec["slug"],
            "content_type": content_type,
            "url_path": f"{parent.url_path}{spec['slug']}/",
            "search_description": spec.pop("search_description", ""),
        }
        common |= {key: spec[key] for key in spec.keys() & PAGE_ONLY_FIELDS}
        pages.append(Page(**common))
        typed.append({key: value for key, value in spec.items() if key not in common})
    created = []
    for start in range(0, len(pages), BATCH):
        created += Page.objects.bulk_create(pages[start : start + BATCH])
    objects = []
    for page, values in zip(created, typed, strict=True):
        unknown = set(values) - own_fields
        if unknown:
            raise ValueError(f"not fields of {model.__name__}: {sorted(unknown)}")
        objects.append(model(page_ptr_id=page.pk, **values))
    insert_rows(model, objects)
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(pages))
    return [page.pk for page in created]


def folded_search_text(title, lead, byline, body, tag_names):
    from kyanh_cms.core.text import fold_vietnamese

    parts = [title, lead, byline]
    for block in body:
        value = block["value"]
        if block["type"] == "paragraph":
            parts.append(value)
        elif block["type"] == "heading":
            parts.append(value["text"])
        elif block["type"] == "quote":
            parts += [value["quote"], value["attribution"]]
        elif block["type"] == "image":
            parts.append(value["caption"])
    parts += tag_names
    # Paragraph HTML is searched as text, as Wagtail's get_searchable_content gives it.
    from django.utils.html import strip_tags

    return fold_vietnamese(strip_tags(" ".join(part for part in parts if part)))


def article_body(rng, images, topic, place):
    def paragraph(count):
        return "".join(f"<p>{rng.choice(SENTENCES)}</p>" for _ in range(count))

    image = rng.choice(images)
    return [
        {"type": "paragraph", "value": paragraph(3), "id": str(uuid.uuid4())},
        {
            "type": "heading",
            "value": {"text": f"Kết quả {topic} ở {place}", "level": "h2"},
            "id": str(uuid.uuid4()),
        },
        {"type": "paragraph", "value": paragraph(4), "id": str(uuid.uuid4())},
        {
            "type": "image",
            "value": {
                "image": image.pk,
                "caption": f"Quang cảnh tại {place}.",
                "credit": "Ảnh: Minh Anh",
                "placement": "full",
            },
            "id": str(uuid.uuid4()),
        },
        {"type": "paragraph", "value": paragraph(3), "id": str(uuid.uuid4())},
        {
            "type": "quote",
            "value": {
                "quote": f"Mỗi đơn vị phải bám sát kế hoạch {topic}, không để việc tồn đọng.",
                "attribution": rng.choice(NAMES),
                "role": "Chủ tịch UBND thị xã",
            },
            "id": str(uuid.uuid4()),
        },
        {"type": "paragraph", "value": paragraph(2), "id": str(uuid.uuid4())},
    ]


def town_home():
    """The home page of the default site: the town's portal, the big one."""
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True).root_page


def ensure_categories(stdout):
    from kyanh_cms.demo.news import NEWS_SLUG
    from kyanh_cms.models import NewsIndexPage

    # The town's own "Tin tức": the demo's commune sites have one each too.
    news = NewsIndexPage.objects.descendant_of(town_home()).get(slug=NEWS_SLUG)
    existing = list(NewsIndexPage.objects.child_of(news).order_by("path"))
    shown = sum(1 for category in existing if category.home_page_articles)
    for number in range(len(existing), CATEGORIES):
        topic = TOPICS[number % len(TOPICS)]
        category = NewsIndexPage(
            title=f"Chuyên mục {topic}",
            slug=f"chuyen-muc-{number + 1}",
            introduction=f"Tin tức về {topic} trên địa bàn thị xã.",
            home_page_articles=4 if shown < HOME_PAGE_CATEGORIES else 0,
            show_in_menus=False,
        )
        shown += bool(category.home_page_articles)
        news.add_child(instance=category)
    categories = list(NewsIndexPage.objects.child_of(news).order_by("path"))
    stdout(f"  {len(categories)} categories")
    return news, categories


def make_images(rng, stdout):
    from kyanh_cms.demo.images import draw_scene, get_or_create_image
    from kyanh_cms.demo.news import PALETTES

    images = []
    for number in range(IMAGES):
        sky, ground, accent = PALETTES[number % len(PALETTES)]
        images.append(
            get_or_create_image(
                f"Ảnh đo hiệu năng {number + 1}",
                draw_scene(1200, 800, sky, ground, accent, seed=number + 100),
                f"do-hieu-nang-{number + 1}.jpg",
                f"Ảnh minh họa số {number + 1}",
            )
        )
    stdout(f"  {len(images)} images")
    return images


def make_tags():
    from taggit.models import Tag

    from kyanh_cms.core.text import slugify_vietnamese

    wanted = []
    for number in range(TAGS):
        name = f"{TOPICS[number % len(TOPICS)]} {PLACES[number % len(PLACES)]} {number // 16 + 1}"
        wanted.append(Tag(name=name, slug=slugify_vietnamese(name)))
    Tag.objects.bulk_create(wanted, ignore_conflicts=True)
    return list(Tag.objects.filter(slug__in=[tag.slug for tag in wanted]))


def article_spec(rng, images, tags, title, slug, published, place, topic):
    """The fields of one article (for ``bulk_pages``) and the tags to link it to."""
    lead = (
        f"Ngày {published:%d/%m}, {rng.choice(SUBJECTS).lower()} {rng.choice(ACTIONS)} "
        f"{topic} trên địa bàn {place}, với sự tham gia của đông đảo cán bộ và nhân dân."
    )
    byline = rng.choice(NAMES)
    body = article_body(rng, images, topic, place)
    chosen_tags = rng.sample(tags, TAGS_PER_ARTICLE)
    return {
        "title": title,
        "slug": slug,
        "published_at_page": published,
        "search_description": lead[:160],
        "lead": lead,
        "published_at": published,
        "main_image_id": rng.choice(images).pk,
        "main_image_caption": f"Quang cảnh tại {place}.",
        "byline": byline,
        "source": "",
        "body": body,
        "ratings_enabled": True,
        "comments_enabled": True,
        "search_text": folded_search_text(
            title, lead, byline, body, [tag.name for tag in chosen_tags]
        ),
        "_tags": chosen_tags,
    }


def insert_articles(parent, specs):
    """``bulk_pages`` for article specs, with their tag links."""
    from kyanh_cms.models import NewsArticlePage, NewsArticleTag

    tags_of = [spec.pop("_tags") for spec in specs]
    ids = bulk_pages(parent, NewsArticlePage, specs)
    rows = [
        NewsArticleTag(content_object_id=page_id, tag=tag)
        for page_id, article_tags in zip(ids, tags_of, strict=True)
        for tag in article_tags
    ]
    NewsArticleTag.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


#: Articles generated and inserted at a time (a 50,000-article set in ten steps).
ARTICLE_CHUNK = 5000


def make_articles(rng, categories, images, tags, stdout):
    from django.utils import timezone

    from kyanh_cms.core.text import slugify_vietnamese
    from kyanh_cms.models import NewsArticlePage

    missing = ARTICLES - NewsArticlePage.objects.descendant_of(town_home()).count()
    now = timezone.now().replace(microsecond=0)
    links = 0
    for chunk in range(0, missing, ARTICLE_CHUNK):
        by_category = {category.pk: [] for category in categories}
        for number in range(chunk, min(missing, chunk + ARTICLE_CHUNK)):
            category = categories[number % len(categories)]
            topic = rng.choice(TOPICS)
            place = rng.choice(PLACES)
            if number == 0:
                # The benchmark's article: the newest one, in the first category.
                title = f"Thị xã Kỳ Anh đẩy mạnh {topic} ở {place}"
                slug = BENCH_ARTICLE_SLUG
                published = now - timedelta(hours=1)
                category = categories[0]
            else:
                title = f"{rng.choice(SUBJECTS)} {rng.choice(ACTIONS)} {topic} tại {place}"
                slug = f"{slugify_vietnamese(title)[:200]}-{number}"
                published = now - timedelta(minutes=int(VISIT_DAYS * 24 * 60 * number / missing))
            by_category[category.pk].append(
                article_spec(rng, images, tags, title, slug, published, place, topic)
            )
        for category in categories:
            links += insert_articles(category, by_category[category.pk])
        stdout(f"  {NewsArticlePage.objects.count()} articles")
    stdout(f"  {NewsArticlePage.objects.count()} articles, {links} tag links")


def make_organizations_and_showcases(rng, images, stdout):
    from kyanh_cms.demo.showcases import INDEX_SLUG
    from kyanh_cms.models import Organization, ShowcaseIndexPage, ShowcasePage
    from kyanh_cms.showcases.choices import OrganizationKind, ShowcaseKind, ShowcaseStatus

    count = Organization.objects.count()
    Organization.objects.bulk_create(
        [
            Organization(
                name=f"Chi bộ đơn vị số {number + 1}",
                short_name=f"Đơn vị {number + 1}",
                kind=OrganizationKind.AGENCY,
                order=1000 + number,
            )
            for number in range(count, ORGANIZATIONS)
        ]
    )
    organizations = list(Organization.objects.all())
    index = ShowcaseIndexPage.objects.descendant_of(town_home()).get(slug=INDEX_SLUG)
    specs = []
    for number in range(SHOWCASES - ShowcasePage.objects.descendant_of(index).count()):
        kind = rng.choice(list(ShowcaseKind))
        topic = rng.choice(TOPICS)
        year = SHOWCASE_YEARS[number % len(SHOWCASE_YEARS)]
        title = f"Mô hình {topic} số {number + 1}"
        person = rng.choice(NAMES) if kind == ShowcaseKind.INDIVIDUAL else ""
        specs.append(
            {
                "title": title,
                "slug": f"mo-hinh-do-hieu-nang-{number + 1}-{year}",
                "kind": kind,
                "organization_id": rng.choice(organizations).pk,
                "year": year,
                "person_name": person,
                "person_position": "Bí thư chi bộ" if person else "",
                "status": rng.choice(list(ShowcaseStatus)),
                "summary": f"Cách làm hay về {topic}, được nhân dân đồng tình hưởng ứng.",
                "main_image_id": rng.choice(images).pk if number % 3 == 0 else None,
                "body": [
                    {
                        "type": "paragraph",
                        "value": f"<p>{rng.choice(SENTENCES)}</p><p>{rng.choice(SENTENCES)}</p>",
                        "id": str(uuid.uuid4()),
                    }
                ],
            }
        )
    bulk_pages(index, ShowcasePage, specs)
    stdout(f"  {len(organizations)} organizations, {ShowcasePage.objects.count()} showcases")


def make_task_plans(rng, stdout):
    from kyanh_cms.models import Organization, TaskItem, TaskPlan
    from kyanh_cms.tasks.choices import Numbering, TaskListKind, TaskStatus

    organizations = list(Organization.objects.all())
    missing = TASK_PLANS - TaskPlan.objects.count()
    plans = TaskPlan.objects.bulk_create(
        [
            TaskPlan(
                title=f"Kế hoạch {TOPICS[number % len(TOPICS)]} năm {2023 + number % 4}",
                year=2023 + number % 4,
                kind=list(TaskListKind)[number % len(TaskListKind)],
                numbering=Numbering.PARENTHESES,
                introduction="Các nhiệm vụ Ban Thường vụ Thị ủy giao, cập nhật tiến độ hằng tháng.",
            )
            for number in range(missing)
        ]
    )
    items = []
    for plan in plans:
        for order in range(rng.randint(10, 18)):
            status = rng.choice(list(TaskStatus))
            progress = {"done": 100, "not_started": 0}.get(status, rng.randint(5, 95))
            items.append(
                TaskItem(
                    plan=plan,
                    sort_order=order,
                    title=f"Hoàn thành {rng.choice(TOPICS)} tại {rng.choice(PLACES)}",
                    status=status,
                    progress=progress,
                    responsible_organization=rng.choice(organizations),
                    update_note="Đã triển khai đến các thôn, tổ dân phố.",
                )
            )
    TaskItem.objects.bulk_create(items, batch_size=1000)
    stdout(f"  {TaskPlan.objects.count()} task plans, {len(items)} new task items")


#: Comments or votes built and inserted at a time.
ENGAGEMENT_CHUNK = 50_000


def make_engagement(rng, stdout):
    from django.db.models import Count, Sum
    from django.utils import timezone

    from kyanh_cms.models import NewsArticlePage, Rating, RatingSummary, ReaderComment

    articles = list(NewsArticlePage.objects.values_list("pk", "published_at", "slug"))
    bench_id = next(pk for pk, _published, slug in articles if slug == BENCH_ARTICLE_SLUG)
    others = sorted(
        ((pk, published) for pk, published, _slug in articles if pk != bench_id),
        key=lambda row: row[1],
    )
    published_of = {pk: published for pk, published, _slug in articles}
    now = timezone.now()
    approved = ReaderComment.Status.APPROVED

    def comment(page_id):
        start = published_of[page_id]
        seconds = max(60, int((now - start).total_seconds()))
        text = rng.choice(COMMENT_TEXTS).format(place=rng.choice(PLACES))
        return ReaderComment(
            page_id=page_id,
            name=rng.choice(NAMES),
            content=text,
            status=approved,
            created_at=start + timedelta(seconds=rng.randint(60, seconds)),
            moderated_at=now,
        )

    ReaderComment.objects.filter(page_id=bench_id).delete()
    total = ReaderComment.objects.filter(status=approved).count()
    ReaderComment.objects.bulk_create(
        [comment(bench_id) for _ in range(BENCH_ARTICLE_COMMENTS)], batch_size=2000
    )
    # Readers comment more on recent articles: the newest fifth gets four times the share.
    weights = [1 + 3 * (index > len(others) * 0.8) for index in range(len(others))]
    page_ids = [pk for pk, _published in others]
    chosen = rng.choices(page_ids, weights=weights, k=COMMENTS - total - BENCH_ARTICLE_COMMENTS)
    for start in range(0, len(chosen), ENGAGEMENT_CHUNK):
        ReaderComment.objects.bulk_create(
            [comment(page_id) for page_id in chosen[start : start + ENGAGEMENT_CHUNK]],
            batch_size=2000,
        )

    existing = Rating.objects.count()
    voted = rng.choices(page_ids + [bench_id], k=RATINGS - existing)
    for start in range(0, len(voted), ENGAGEMENT_CHUNK):
        votes = []
        for number, page_id in enumerate(
            voted[start : start + ENGAGEMENT_CHUNK], start=existing + start
        ):
            voter = hashlib.sha256(f"bench-voter-{number}".encode()).hexdigest()
            votes.append(Rating(page_id=page_id, voter=voter, stars=rng.choice([3, 4, 4, 5, 5])))
        Rating.objects.bulk_create(votes, batch_size=2000, ignore_conflicts=True)
    RatingSummary.objects.all().delete()
    RatingSummary.objects.bulk_create(
        [
            RatingSummary(page_id=row["page"], count=row["count"], total=row["total"])
            for row in Rating.objects.values("page").annotate(count=Count("pk"), total=Sum("stars"))
        ],
        batch_size=2000,
    )
    stdout(
        f"  {ReaderComment.objects.filter(status=approved).count()} approved comments, "
        f"{Rating.objects.count()} ratings"
    )


def make_visits(rng, stdout):
    from django.utils import timezone
    from wagtail.models import Site

    from kyanh_cms.models import DailyPageViews, DailySiteVisits, NewsArticlePage

    site = Site.objects.get(is_default_site=True)
    today = timezone.localdate()
    articles = list(
        NewsArticlePage.objects.order_by("published_at").values_list("pk", "published_at")
    )
    site_rows, page_rows = [], []
    cursor = 0
    for offset in range(VISIT_DAYS, -1, -1):
        day = today - timedelta(days=offset)
        while cursor < len(articles) and timezone.localdate(articles[cursor][1]) <= day:
            cursor += 1
        recent = [pk for pk, _published in articles[max(0, cursor - 600) : cursor]]
        chosen = rng.sample(recent, min(PAGES_VIEWED_PER_DAY, len(recent)))
        views = [rng.randint(5, 400) for _ in chosen]
        page_rows += [
            DailyPageViews(site=site, page_id=pk, day=day, views=count)
            for pk, count in zip(chosen, views, strict=True)
        ]
        site_rows.append(DailySiteVisits(site=site, day=day, views=sum(views) + 500))
    DailySiteVisits.objects.bulk_create(site_rows, ignore_conflicts=True)
    DailyPageViews.objects.bulk_create(page_rows, batch_size=2000, ignore_conflicts=True)
    stdout(
        f"  {DailySiteVisits.objects.count()} site-day rows, "
        f"{DailyPageViews.objects.count()} page-day rows"
    )


def commune_hostnames():
    return [COMMUNE_HOSTNAME.format(number=number) for number in range(1, COMMUNES + 1)]


def make_communes(rng, images, tags, stdout):
    """``COMMUNES`` small sites beside the town's: a home page with a "Tin tức" category
    of ``COMMUNE_ARTICLES`` articles each, their ``Site`` and portal identity rows."""
    from django.utils import timezone
    from wagtail.models import Page, Site

    from kyanh_cms.core.text import slugify_vietnamese
    from kyanh_cms.models import NewsIndexPage, PortalHomePage, PortalSettings

    root = Page.get_first_root_node()
    now = timezone.now().replace(microsecond=0)
    names = [f"{PLACES[number % len(PLACES)]} {number + 1}" for number in range(COMMUNES)]
    home_ids = bulk_pages(
        root,
        PortalHomePage,
        [
            {
                "title": "Trang chủ",
                "slug": f"xa-{number + 1:02d}",
                "seo_title": f"Cổng thông tin điện tử xã {name}",
                "published_at_page": now - timedelta(days=400),
                "introduction": f"Chào mừng bạn đến với cổng thông tin điện tử xã {name}.",
            }
            for number, name in enumerate(names)
        ],
    )
    articles = 0
    for number, home_id in enumerate(home_ids):
        [category_id] = bulk_pages(
            Page(pk=home_id),
            NewsIndexPage,
            [
                {
                    "title": "Tin tức",
                    "slug": "tin-tuc",
                    "show_in_menus": True,
                    "published_at_page": now - timedelta(days=400),
                    "introduction": f"Tin tức, hoạt động của xã {names[number]}.",
                    "home_page_articles": 4,
                }
            ],
        )
        specs = []
        for position in range(COMMUNE_ARTICLES):
            topic = rng.choice(TOPICS)
            place = names[number]
            title = f"Xã {place} {rng.choice(ACTIONS)} {topic}"
            published = now - timedelta(days=position * 5, minutes=number)
            slug = f"xa-{number + 1:02d}-{slugify_vietnamese(topic)}-{position + 1}"
            specs.append(article_spec(rng, images, tags, title, slug, published, place, topic))
        insert_articles(Page(pk=category_id), specs)
        articles += len(specs)
    sites = Site.objects.bulk_create(
        [
            Site(
                hostname=hostname,
                port=80,
                root_page_id=home_id,
                site_name=f"Cổng thông tin điện tử xã {name}",
                is_default_site=False,
            )
            for hostname, home_id, name in zip(commune_hostnames(), home_ids, names, strict=True)
        ]
    )
    PortalSettings.objects.bulk_create(
        [
            PortalSettings(
                site=site,
                portal_name=f"Cổng thông tin điện tử xã {name}",
                portal_tagline="Tỉnh Hà Tĩnh",
                publisher=f"Ủy ban nhân dân xã {name}",
            )
            for site, name in zip(sites, names, strict=True)
        ]
    )
    stdout(
        f"  {len(sites)} commune sites ({COMMUNE_HOSTNAME.format(number=1)} …), {articles} articles"
    )


def check_tree():
    from wagtail.models import Page

    problems = Page.find_problems()
    if any(problems):
        raise SystemExit(f"the page tree is inconsistent: {problems}")


def warm_renditions(stdout):
    """Draw each measured page once, so the renditions its pictures need exist, as on a
    portal whose pages have been read before. A worker that makes a rendition decodes
    the original with Pillow, which keeps 20–30 MB more in that worker (once per
    picture and size; docs/performance.md): a first-ever view, not the steady state
    the benchmark measures."""
    import bench
    from django.conf import settings
    from django.test import Client, override_settings

    plain_static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    with override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain_static}):
        client = Client(HTTP_HOST="127.0.0.1")
        for url in bench.targets_from_database().values():
            if isinstance(url, str):
                client.get(url)
        # Every page of the communes the multi-site scenario reads, and one of each other.
        for host, paths in bench.commune_pages():
            for path in paths:
                response = client.get(path, HTTP_HOST=host)
                if response.status_code != 200:
                    raise SystemExit(f"{host}{path} answers {response.status_code}")
    from wagtail.images import get_image_model

    renditions = get_image_model().get_rendition_model().objects.count()
    stdout(f"  {renditions} renditions of the pictures the measured pages show")


def main():
    setup_django()
    from django.core.management import call_command
    from django.db import transaction

    def stdout(text):
        print(text, flush=True)

    call_command("migrate", "--noinput", verbosity=0)
    with transaction.atomic():
        call_command("kyanh_demo", stdout=StringIO())
    rng = random.Random(8)  # the same data set every time  # noqa: S311
    stdout("Portal-scale data set:")
    with transaction.atomic():
        _news, categories = ensure_categories(stdout)
        images = make_images(rng, stdout)
        tags = make_tags()
        make_articles(rng, categories, images, tags, stdout)
        make_organizations_and_showcases(rng, images, stdout)
        make_task_plans(rng, stdout)
        make_engagement(rng, stdout)
        make_visits(rng, stdout)
        make_communes(rng, images, tags, stdout)
        check_tree()
    from django.core.cache import cache

    cache.clear()  # Sites and pages were inserted without the signals that move generations
    warm_renditions(stdout)
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


if __name__ == "__main__":
    main()

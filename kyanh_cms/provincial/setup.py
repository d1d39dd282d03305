"""A commune or ward portal of the provincial installation, set up in one step.

``add_commune("xã Kỳ Hoa", "xa-ky-hoa.hatinh.gov.vn")`` creates what a commune site
needs: its Wagtail Site and home page, the news index ("Tin tức") with a few
categories, a showcase index, its identity and sidebar settings, its image and
document collections, and two groups — editors and comment moderators — whose
permissions reach that commune only (page permissions on its home page, collection
permissions on its collections, site permissions on its settings). Snippet models of
the extension (organizations, task plans) belong to no site, so the commune groups get
no permission on them.

Everything is looked up by a stable key (host name and port, slugs, names) and only
what is missing is created: a second run changes nothing and says so. A host name or
slug that another site already uses is refused before anything is written.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.contrib.auth import get_permission_codename
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Page,
    Site,
)

from kyanh_cms.core.text import slugify_vietnamese
from kyanh_cms.documents.public import DocumentLibraryPage, IssuingBody
from kyanh_cms.engagement.public import MODERATE_PERMISSION, EngagementSettings
from kyanh_cms.home.public import PortalHomePage
from kyanh_cms.news.public import NewsIndexPage
from kyanh_cms.portal.public import PortalSettings, name_default_workflow_in_vietnamese
from kyanh_cms.schedules.public import ScheduleEntry, WorkSchedulePage
from kyanh_cms.showcases.public import ShowcaseIndexPage
from kyanh_cms.sidebar.public import SidebarSettings, default_sidebar

#: Kinds of local government unit a name may start with, longest first.
UNIT_KINDS = ("đặc khu", "thị trấn", "phường", "xã")

NEWS_SLUG = "tin-tuc"
NEWS_TITLE = "Tin tức"
#: (slug, title, introduction with ``{unit}`` for "xã Kỳ Hoa").
NEWS_CATEGORIES = [
    ("tin-hoat-dong", "Tin hoạt động", "Hoạt động chỉ đạo, điều hành của chính quyền {unit}."),
    ("thong-bao", "Thông báo", "Thông báo, kế hoạch và lịch tiếp công dân của {unit}."),
    ("kinh-te-xa-hoi", "Kinh tế – Xã hội", "Sản xuất, đời sống, văn hóa, giáo dục ở {unit}."),
]
SHOWCASE_SLUG = "mo-hinh-dien-hinh"
SHOWCASE_TITLE = "Mô hình, điển hình"
SCHEDULE_SLUG = "lich-cong-tac"
SCHEDULE_TITLE = "Lịch công tác tuần"
#: What the editors may do with the entries of the schedule (kept to their commune's
#: schedule page by the schedules wing's admin).
SCHEDULE_ENTRY_ACTIONS = ("add", "change", "delete")
DOCUMENTS_SLUG = "van-ban"
DOCUMENTS_TITLE = "Văn bản"
IMAGE_COLLECTION = "Hình ảnh"
DOCUMENT_COLLECTION = "Tài liệu"
EDITORS = "Biên tập viên"
MODERATORS = "Kiểm duyệt bình luận"

#: Page permissions of the commune's editors on its home page (and so on everything
#: below it). A commune's small team writes and publishes; the editorial board's
#: two-stage workflow, where a site has one, comes on top of this.
EDITOR_PAGE_ACTIONS = ("add", "change", "publish", "lock", "unlock")
#: Image and document actions of the editors in the commune's collections.
EDITOR_MEDIA_ACTIONS = ("add", "change", "choose")

_HOSTNAME = re.compile(
    r"^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$"
)


class CommuneRefused(ValidationError):
    """The commune cannot be set up as asked; nothing was written.

    Carries a message per field (``name``, ``hostname``, ``port``, ``slug``), so a form
    shows each next to the value typed.
    """


@dataclass(frozen=True)
class UnitName:
    """A commune or ward name: its kind ("xã", "phường", …) and its proper name."""

    kind: str
    proper: str

    @classmethod
    def parse(cls, text):
        """``"Xã  Kỳ Hoa"`` → ``UnitName("xã", "Kỳ Hoa")``; a bare ``"Kỳ Hoa"`` is a "xã"."""
        words = " ".join(unicodedata.normalize("NFC", text or "").split())
        for kind in UNIT_KINDS:
            if (words.lower() + " ").startswith(kind + " "):
                return cls(kind, words[len(kind) + 1 :])
        return cls("xã", words)

    def __str__(self):
        """In a sentence: "xã Kỳ Hoa"."""
        return f"{self.kind} {self.proper}"

    @property
    def title(self):
        """On its own: "Xã Kỳ Hoa"."""
        return capfirst(str(self))


@dataclass
class CommuneSetup:
    """What ``add_commune`` found or created."""

    name: UnitName
    site: Site
    home: Page
    image_collection: Collection = None
    document_collection: Collection = None
    editors: Group = None
    moderators: Group = None
    created: list = field(default_factory=list)

    @property
    def changed(self):
        return bool(self.created)

    def summary(self):
        """``[(what, how many)]`` of what was created, in the order it was first created."""
        counts = {}
        for instance in self.created:
            counts[instance._meta] = counts.get(instance._meta, 0) + 1
        return [
            (str(meta.verbose_name if number == 1 else meta.verbose_name_plural), number)
            for meta, number in counts.items()
        ]


def normalise(name, hostname, port=80, slug=None):
    """``(UnitName, hostname, port, slug)`` cleaned up, or ``CommuneRefused`` with a message
    per field that cannot be used."""
    errors = {}
    unit = UnitName.parse(name)
    if not unit.proper:
        errors["name"] = _("Enter the name of the commune or ward, such as “xã Kỳ Hoa”.")
    hostname = (hostname or "").strip().lower().rstrip(".")
    if not _HOSTNAME.match(hostname):
        errors["hostname"] = _(
            "Enter a host name such as xa-ky-hoa.hatinh.gov.vn: letters without accents, "
            "digits, hyphens and dots, without http:// or a path."
        )
    try:
        port = int(port)
    except (TypeError, ValueError):
        port = 0
    if not 1 <= port <= 65535:
        errors["port"] = _("Enter a port between 1 and 65535 (80 for an ordinary web address).")
    slug = slugify_vietnamese(slug or (str(unit) if unit.proper else ""), max_length=255)
    if not slug:
        errors["slug"] = _("Enter a slug such as xa-ky-hoa.")
    if errors:
        raise CommuneRefused(errors)
    return unit, hostname, port, slug


def add_commune(name, hostname, port=80, slug=None):
    """Set up the commune ``name`` served at ``hostname`` (and ``port``); see the module.

    ``slug`` is the home page's slug (by default the name folded: "xa-ky-hoa"). Returns a
    ``CommuneSetup``; raises ``CommuneRefused`` when the host name or the slug belongs to
    another site, or a value cannot be used — and then nothing is written.
    """
    unit, hostname, port, slug = normalise(name, hostname, port, slug)
    with transaction.atomic():
        site, home = _existing_site(hostname, port, slug)
        setup = CommuneSetup(unit, site, home)
        if setup.home is None:
            setup.home = _create_page(
                setup,
                Page.get_first_root_node(),
                PortalHomePage(
                    title=unit.title,
                    slug=slug,
                    seo_title=f"Cổng thông tin điện tử {unit}",
                    introduction=f"Chào mừng bạn đến với Cổng thông tin điện tử {unit}.",
                ),
            )
        if setup.site is None:
            setup.site = _record(
                setup,
                Site.objects.create(
                    hostname=hostname, port=port, root_page=setup.home, site_name=unit.title
                ),
            )
        _content(setup)
        _settings(setup)
        _collections(setup)
        _groups(setup)
        # The commune's pages go through the root's default workflow: its button reads
        # "Gửi vào quy trình duyệt bài", not Wagtail's English data.
        name_default_workflow_in_vietnamese()
    return setup


def _existing_site(hostname, port, slug):
    """``(site, home)`` of this commune when it is set up, ``(None, None)`` when neither is
    there yet; ``CommuneRefused`` when the host name or the slug belong to anything else."""
    errors = {}
    home = Page.get_first_root_node().get_children().filter(slug=slug).first()
    site = Site.objects.filter(hostname=hostname).select_related("root_page").first()
    if site is not None and (site.port != port or home is None or site.root_page_id != home.pk):
        errors["hostname"] = ValidationError(
            _("The host name %(hostname)s is already used by the site “%(site)s”."),
            params={"hostname": hostname, "site": site},
        )
    if home is not None and (site is None or site.root_page_id != home.pk):
        owner = Site.objects.filter(root_page=home).first()
        if owner is not None:
            message = _("The slug “%(slug)s” is already used by the home page of “%(site)s”.")
        else:
            message = _("The slug “%(slug)s” is already used by the page “%(page)s”.")
        errors["slug"] = ValidationError(
            message, params={"slug": slug, "site": owner, "page": home.title}
        )
    if errors:
        raise CommuneRefused(errors)
    return site, (home.specific if home is not None else None)


def _record(setup, instance):
    setup.created.append(instance)
    return instance


def _create_page(setup, parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return _record(setup, page)


def _child(parent, slug):
    """The page at ``slug`` under ``parent``, whatever its type: what is there is kept."""
    child = Page.objects.child_of(parent).filter(slug=slug).first()
    return child.specific if child is not None else None


def _content(setup):
    unit, home = setup.name, setup.home
    news = _child(home, NEWS_SLUG) or _create_page(
        setup,
        home,
        NewsIndexPage(
            title=NEWS_TITLE,
            slug=NEWS_SLUG,
            introduction=f"Tin tức, sự kiện của {unit}.",
            show_in_menus=True,
            home_page_articles=0,
        ),
    )
    for slug, title, introduction in NEWS_CATEGORIES:
        if _child(news, slug) is None:
            _create_page(
                setup,
                news,
                NewsIndexPage(
                    title=title,
                    slug=slug,
                    introduction=introduction.format(unit=unit),
                    show_in_menus=True,
                ),
            )
    if _child(home, SHOWCASE_SLUG) is None:
        _create_page(
            setup,
            home,
            ShowcaseIndexPage(title=SHOWCASE_TITLE, slug=SHOWCASE_SLUG, show_in_menus=True),
        )
    if _child(home, SCHEDULE_SLUG) is None:
        _create_page(
            setup,
            home,
            WorkSchedulePage(
                title=SCHEDULE_TITLE,
                slug=SCHEDULE_SLUG,
                issuing_body=f"Đảng ủy – HĐND – UBND {unit}",
                show_in_menus=True,
            ),
        )
    if _child(home, DOCUMENTS_SLUG) is None:
        _create_page(
            setup,
            home,
            DocumentLibraryPage(title=DOCUMENTS_TITLE, slug=DOCUMENTS_SLUG, show_in_menus=True),
        )
    # The commune's own People's Committee issues most of its documents.
    _grant(
        setup,
        IssuingBody,
        name=f"Ủy ban nhân dân {unit}",
        abbreviation="UBND",
        site=setup.site,
    )


def commune_sidebar(unit):
    """A new site's sidebar, its map named after the commune."""
    widgets = default_sidebar()
    for widget in widgets:
        if widget["type"] == "town_map":
            widget["value"]["title"] = f"Bản đồ {unit}"
    return widgets


def _settings(setup):
    unit, site = setup.name, setup.site
    if not PortalSettings.objects.filter(site=site).exists():
        _record(
            setup,
            PortalSettings.objects.create(
                site=site,
                portal_name=f"Cổng thông tin điện tử {unit}",
                publisher=f"Ủy ban nhân dân {unit}",
            ),
        )
    if not SidebarSettings.objects.filter(site=site).exists():
        _record(setup, SidebarSettings.objects.create(site=site, widgets=commune_sidebar(unit)))


def _collection(setup, parent, name):
    found = parent.get_children().filter(name=name).first()
    if found is not None:
        return found
    return _record(setup, parent.add_child(instance=Collection(name=name)))


def _collections(setup):
    commune = _collection(setup, Collection.get_first_root_node(), setup.name.title)
    setup.image_collection = _collection(setup, commune, IMAGE_COLLECTION)
    setup.document_collection = _collection(setup, commune, DOCUMENT_COLLECTION)


def _model_permission(model, action):
    return Permission.objects.get(
        content_type=ContentType.objects.get_for_model(model),
        codename=get_permission_codename(action, model._meta),
    )


def _named_permission(name):
    app_label, codename = name.split(".", 1)
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _group(setup, name, permissions):
    group = Group.objects.filter(name=name).first() or _record(
        setup, Group.objects.create(name=name)
    )
    missing = [p for p in permissions if not group.permissions.filter(pk=p.pk).exists()]
    if missing:
        group.permissions.add(*missing)
        setup.created.extend(missing)
    return group


def _grant(setup, model, **lookup):
    if not model.objects.filter(**lookup).exists():
        _record(setup, model.objects.create(**lookup))


def _groups(setup):
    unit, site, home = setup.name, setup.site, setup.home
    access_admin = _named_permission("wagtailadmin.access_admin")
    schedule_entries = [_model_permission(ScheduleEntry, a) for a in SCHEDULE_ENTRY_ACTIONS]
    editors = setup.editors = _group(
        setup, f"{unit.title} – {EDITORS}", [access_admin, *schedule_entries]
    )
    moderators = setup.moderators = _group(
        setup,
        f"{unit.title} – {MODERATORS}",
        [access_admin, _named_permission(MODERATE_PERMISSION)],
    )
    for action in EDITOR_PAGE_ACTIONS:
        _grant(
            setup,
            GroupPagePermission,
            group=editors,
            page=home,
            permission=_model_permission(Page, action),
        )
    for model, collection in (
        (get_image_model(), setup.image_collection),
        (get_document_model(), setup.document_collection),
    ):
        for action in EDITOR_MEDIA_ACTIONS:
            _grant(
                setup,
                GroupCollectionPermission,
                group=editors,
                collection=collection,
                permission=_model_permission(model, action),
            )
    settings_of = {
        editors: (PortalSettings, SidebarSettings, EngagementSettings),
        moderators: (EngagementSettings,),
    }
    for group, models in settings_of.items():
        for model in models:
            _grant(
                setup,
                GroupSitePermission,
                group=group,
                site=site,
                permission=_model_permission(model, "change"),
            )

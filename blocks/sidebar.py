"""Blocks of the site sidebar: town map, website links, visit statistics, most read,
image banner and contact text.

``SidebarSettings.widgets`` (a per-site setting) is a stream of these. The
sidebar is rendered once per site and cached (see ``kyanh_cms.sidebar.rendering``);
blocks whose class sets ``renders_live_data`` (visit statistics, most read)
are rendered apart from that cache with a short cache of their own, because
their numbers change with every visit.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtailgeowidget.blocks import LeafletBlock
from wagtailgeowidget.widgets import LeafletField, LeafletFieldAdapter

from kyanh_cms.core.alt_text import ImageBlock, image_alt

try:
    from wagtail.admin.telepath import register as register_adapter
except ImportError:  # Wagtail < 7.1
    from wagtail.telepath import register as register_adapter

OSM_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "© OpenStreetMap contributors"
# The centre of Kỳ Anh town (Sông Trí ward), used where an editor has not picked a point yet.
KY_ANH_CENTRE = {"lat": "18.0700", "lng": "106.2900", "srid": "4326"}


def validate_web_url(value):
    """Only http and https: an ``ftp://`` or ``file://`` address is refused too (addresses
    without ``://``, such as ``javascript:``, are already refused by the URL field)."""
    if value and "://" in value and not value.lower().startswith(("http://", "https://")):
        raise ValidationError(_("Enter an address that starts with https:// or http://."))


POINT_PATTERN = re.compile(r"^SRID=\d+;POINT\s?\((-?[0-9.]+)\s(-?[0-9.]+)\)$")


# --- Map ---------------------------------------------------------------------------------


class LocalLeafletField(LeafletField):
    """wagtailgeowidget's admin map, with Leaflet from ``js_lib_leaflet``'s static files.

    The upstream widget loads Leaflet from a CDN, which fails offline and
    leaks editors' sessions to a third party; the files are the same release
    (1.9.4).
    """

    default_location = {"lat": KY_ANH_CENTRE["lat"], "lng": KY_ANH_CENTRE["lng"]}

    @cached_property
    def media(self):
        from django import forms

        return forms.Media(
            css={"all": ("js_lib_leaflet/leaflet.css", "wagtailgeowidget/css/leaflet-field.css")},
            js=(
                "js_lib_leaflet/leaflet.js",
                "wagtailgeowidget/js/leaflet-field.js",
                "wagtailgeowidget/js/leaflet-field-controller.js",
            ),
        )


class LocalLeafletFieldAdapter(LeafletFieldAdapter):
    """Starts an empty map at Kỳ Anh instead of the package's default (Stockholm)."""

    def js_args(self, widget):
        args = super().js_args(widget)
        args[-1] = {**args[-1], "defaultLocation": widget.default_location}
        return args


register_adapter(LocalLeafletFieldAdapter(), LocalLeafletField)


def parse_point(value):
    """``(lat, lng)`` floats from a point block's value (a dict once loaded, the
    widget's ``SRID=4326;POINT(lng lat)`` string straight from the form), or None."""
    if isinstance(value, dict):
        lat, lng = value.get("lat"), value.get("lng")
    elif isinstance(value, str):
        match = POINT_PATTERN.match(value.strip())
        if not match:
            return None
        lng, lat = match.groups()
    else:
        return None
    try:
        lat, lng = float(lat), float(lng)
    except (TypeError, ValueError):
        return None
    if not (-90 <= lat <= 90 and -180 <= lng <= 180):
        return None
    return lat, lng


class PointBlock(LeafletBlock):
    """A point that editors pick on a map (or type as "lat,lng") in the admin."""

    def __init__(self, zoom_field=None, **kwargs):
        kwargs.setdefault("default", KY_ANH_CENTRE)
        super().__init__(zoom_field=zoom_field, **kwargs)

    @cached_property
    def field(self):
        from django import forms

        return forms.CharField(
            help_text=getattr(self.meta, "help_text", None),
            widget=LocalLeafletField(
                srid=4326, id_prefix="", zoom_field=self.zoom_field, hide_latlng=False
            ),
        )

    def to_python(self, value):
        if isinstance(value, dict):
            return value
        point = parse_point(value)
        if point is None:
            return dict(KY_ANH_CENTRE)
        return {"lat": str(point[0]), "lng": str(point[1]), "srid": "4326"}

    def clean(self, value):
        value = super().clean(value)
        if parse_point(value) is None:
            raise ValidationError(
                _("Pick a point on the map or type latitude and longitude, e.g. 18.07,106.29.")
            )
        return value

    class Meta:
        icon = "site"


class MapMarkerValue(blocks.StructValue):
    @property
    def point(self):
        return parse_point(self.get("location"))

    def as_json_ready(self, request=None):
        """What the interactive map needs to draw this marker, or None without a point."""
        point = self.point
        if point is None:
            return None
        page = self.get("page")
        return {
            "name": self.get("name"),
            "lat": point[0],
            "lng": point[1],
            "url": page.get_url(request) if page and page.live else "",
        }


class MapMarkerBlock(blocks.StructBlock):
    name = blocks.CharBlock(
        label=_("name"),
        max_length=120,
        help_text=_("Shown in the list under the map and in the marker's pop-up."),
    )
    location = PointBlock(label=_("location"))
    page = blocks.PageChooserBlock(
        label=_("page"),
        required=False,
        help_text=_("Optional: a page about this place, linked from the marker."),
    )

    class Meta:
        icon = "pick"
        label = _("marker")
        value_class = MapMarkerValue


class TownMapValue(blocks.StructValue):
    @property
    def image_alt_text(self):
        image = self.get("image")
        if image is None:
            return ""
        return image_alt(image, image.contextual_alt_text, image.decorative)

    def marker_data(self, request=None):
        markers = (marker.as_json_ready(request) for marker in self.get("markers") or [])
        return [marker for marker in markers if marker]

    @property
    def centre_point(self):
        return parse_point(self.get("centre")) or parse_point(KY_ANH_CENTRE)

    @property
    def openstreetmap_url(self):
        lat, lng = self.centre_point
        zoom = self.get("zoom") or 13
        return (
            f"https://www.openstreetmap.org/?mlat={lat:.5f}&mlon={lng:.5f}"
            f"#map={zoom}/{lat:.5f}/{lng:.5f}"
        )


def validate_tile_url(value):
    if not value:
        return
    URLValidator(schemes=["https"])(
        value.replace("{s}", "a").replace("{z}", "1").replace("{x}", "1").replace("{y}", "1")
    )
    if not value.startswith("https://") or not all(p in value for p in ("{z}", "{x}", "{y}")):
        raise ValidationError(
            _("Enter an https:// tile address containing {z}, {x} and {y}."),
        )


class TownMapBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label=_("title"),
        max_length=120,
        default="Bản đồ thị xã Kỳ Anh",
        help_text=_("The widget's heading."),
    )
    image = ImageBlock(
        label=_("map image"),
        required=False,
        help_text=_(
            "A picture of the map. It always shows (also without JavaScript) and opens "
            "larger when clicked."
        ),
    )
    interactive = blocks.BooleanBlock(
        label=_("interactive map"),
        required=False,
        default=True,
        help_text=_("Offer a map that visitors can move and zoom (loads map tiles on request)."),
    )
    zoom = blocks.IntegerBlock(
        label=_("zoom"),
        min_value=1,
        max_value=19,
        default=13,
        help_text=_("1 shows the world, 19 a single street; 13 fits a town."),
    )
    centre = PointBlock(
        label=_("centre"),
        zoom_field="zoom",
        help_text=_("Drag the marker to the centre of the interactive map."),
    )
    tile_url = blocks.CharBlock(
        label=_("tile address"),
        default=OSM_TILE_URL,
        validators=[validate_tile_url],
        help_text=_("Where map tiles come from; keep OpenStreetMap's unless the town has its own."),
    )
    attribution = blocks.CharBlock(
        label=_("attribution"),
        default=OSM_ATTRIBUTION,
        max_length=200,
        help_text=_("Credit line the tile provider requires, shown on the map."),
    )
    markers = blocks.ListBlock(
        MapMarkerBlock(),
        label=_("markers"),
        default=[],
        help_text=_("Offices and places shown on the map and listed under it."),
    )

    class Meta:
        icon = "site"
        label = _("Town map")
        template = "kyanh_cms/sidebar/blocks/sidebar_town_map.html"
        value_class = TownMapValue
        description = _("A map picture that opens larger, an optional live map and markers.")
        preview_value = {
            "title": "Bản đồ thị xã Kỳ Anh",
            "interactive": True,
            "zoom": 12,
            "centre": KY_ANH_CENTRE,
            "markers": [{"name": "UBND phường Sông Trí", "location": KY_ANH_CENTRE, "page": None}],
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["markers_data"] = value.marker_data(context.get("request"))
        context["markers_script_id"] = f"kyanh-map-markers-{context.get('block_id', '')}"
        return context


# --- Website links ---------------------------------------------------------------------------


class WebsiteLinkBlock(blocks.StructBlock):
    name = blocks.CharBlock(
        label=_("name"), max_length=150, help_text=_("The portal's name as visitors know it.")
    )
    url = blocks.URLBlock(
        label=_("address"),
        validators=[validate_web_url],
        help_text=_("The full address, starting with https:// or http://."),
    )
    logo = ImageChooserBlock(
        label=_("logo"), required=False, help_text=_("Optional; shown in the list display.")
    )

    class Meta:
        icon = "link-external"
        label = _("link")


class WebsiteLinksValue(blocks.StructValue):
    @property
    def as_dropdown(self):
        return self.get("display") == "dropdown"

    def entries(self):
        """``[(link, logo), …]`` with every logo's rendition fetched in one query,
        so 3 links and 30 links cost the same."""
        from wagtail.images import get_image_model

        links = list(self.get("links") or [])
        logo_ids = {link["logo"].pk for link in links if link.get("logo")}
        logos = {}
        if logo_ids:
            logos = get_image_model().objects.prefetch_renditions("max-240x80").in_bulk(logo_ids)
        return [(link, logos.get(link["logo"].pk) if link.get("logo") else None) for link in links]


class WebsiteLinksBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label=_("title"),
        max_length=120,
        default="Liên kết website",
        help_text=_("The widget's heading."),
    )
    display = blocks.ChoiceBlock(
        label=_("display"),
        choices=[("dropdown", _("drop-down list")), ("list", _("list with logos"))],
        default="dropdown",
        help_text=_("A drop-down saves room when there are many links."),
    )
    links = blocks.ListBlock(WebsiteLinkBlock(), label=_("links"), default=[])

    class Meta:
        icon = "link-external"
        label = _("Website links")
        template = "kyanh_cms/sidebar/blocks/sidebar_website_links.html"
        value_class = WebsiteLinksValue
        description = _("Links to other portals, as a list or a drop-down.")
        preview_value = {
            "title": "Liên kết website",
            "display": "list",
            "links": [
                {"name": "Cổng thông tin điện tử Chính phủ", "url": "https://chinhphu.vn"},
                {"name": "Cổng thông tin điện tử tỉnh Hà Tĩnh", "url": "https://hatinh.gov.vn"},
            ],
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["entries"] = [] if value.as_dropdown else value.entries()
        return context


# --- Live blocks: visit statistics and most read ---------------------------------------------


class VisitStatisticsValue(blocks.StructValue):
    def figures(self, site):
        """The rows this block shows: ``[(label, number), …]``."""
        from kyanh_cms.sidebar.visits import site_figures

        numbers = site_figures(site)
        rows = [("total", _("Total visits"), numbers["total"])]
        if self.get("show_today"):
            rows.append(("today", _("Today"), numbers["today"]))
        if self.get("show_yesterday"):
            rows.append(("yesterday", _("Yesterday"), numbers["yesterday"]))
        if self.get("show_this_month"):
            rows.append(("this_month", _("This month"), numbers["this_month"]))
        rows.append(("online", _("Online"), numbers["online"]))
        return rows


class VisitStatisticsBlock(blocks.StructBlock):
    renders_live_data = True

    title = blocks.CharBlock(
        label=_("title"),
        max_length=120,
        default="Thống kê truy cập",
        help_text=_("The widget's heading."),
    )
    show_today = blocks.BooleanBlock(
        label=_("show today"),
        required=False,
        default=False,
        help_text=_("Add today's visits under the total."),
    )
    show_yesterday = blocks.BooleanBlock(
        label=_("show yesterday"),
        required=False,
        default=False,
        help_text=_("Add yesterday's visits."),
    )
    show_this_month = blocks.BooleanBlock(
        label=_("show this month"),
        required=False,
        default=False,
        help_text=_("Add this month's visits."),
    )

    class Meta:
        icon = "table"
        label = _("Visit statistics")
        template = "kyanh_cms/sidebar/blocks/sidebar_visit_statistics.html"
        value_class = VisitStatisticsValue
        description = _(
            "Total visits (with the old portal's total, set in the sidebar settings) and "
            "visitors online now."
        )
        preview_value = {"title": "Thống kê truy cập", "show_today": True}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        site = context.get("sidebar_site")
        context["figures"] = value.figures(site) if site is not None else []
        return context


class MostReadValue(blocks.StructValue):
    def entries(self, site, request=None):
        """``[(page, views), …]``: the most viewed live pages of the chosen period."""
        from kyanh_cms.sidebar.visits import most_read_pages

        return most_read_pages(site, int(self.get("period") or 7), self.get("count") or 5)


class MostReadBlock(blocks.StructBlock):
    renders_live_data = True

    title = blocks.CharBlock(
        label=_("title"),
        max_length=120,
        default="Đọc nhiều nhất",
        help_text=_("The widget's heading."),
    )
    period = blocks.ChoiceBlock(
        label=_("period"),
        choices=[("7", _("last 7 days")), ("30", _("last 30 days"))],
        default="7",
        help_text=_("Rank by the views counted in this period."),
    )
    count = blocks.IntegerBlock(
        label=_("number of items"),
        min_value=1,
        max_value=20,
        default=5,
        help_text=_("How many pages to list."),
    )

    class Meta:
        icon = "list-ol"
        label = _("Most read")
        template = "kyanh_cms/sidebar/blocks/sidebar_most_read.html"
        value_class = MostReadValue
        description = _("The most viewed articles of the last 7 or 30 days.")
        preview_value = {"title": "Đọc nhiều nhất", "period": "7", "count": 5}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        site = context.get("sidebar_site")
        context["entries"] = value.entries(site, context.get("request")) if site is not None else []
        return context


class LatestNewsValue(blocks.StructValue):
    def articles(self, site):
        """The newest visible articles of the chosen category, or of the whole site."""
        from kyanh_cms.news.public import NewsArticlePage

        category = self.get("category")
        scope = category if category is not None and category.live else site.root_page
        articles = NewsArticlePage.objects.visible().in_category(scope).newest_first()
        return list(articles.only("title", "url_path", "path", "published_at")[: self["count"]])


class LatestNewsBlock(blocks.StructBlock):
    """Not live data: the cached sidebar is rebuilt whenever its site's content changes."""

    title = blocks.CharBlock(
        label=_("title"),
        max_length=120,
        default="Tin mới nhất",
        help_text=_("The widget's heading."),
    )
    category = blocks.PageChooserBlock(
        page_type="kyanh_cms.NewsIndexPage",
        label=_("category"),
        required=False,
        help_text=_("Leave empty for the latest articles of the whole portal."),
    )
    count = blocks.IntegerBlock(
        label=_("number of items"),
        min_value=1,
        max_value=20,
        default=5,
        help_text=_("How many articles to list."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Latest news")
        template = "kyanh_cms/sidebar/blocks/sidebar_latest_news.html"
        value_class = LatestNewsValue
        description = _("The newest articles of the portal or of one category.")
        preview_value = {"title": "Tin mới nhất", "count": 5}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        site = context.get("sidebar_site")
        context["articles"] = value.articles(site) if site is not None else []
        return context


# --- Banner and text ---------------------------------------------------------------------------


class ImageBannerValue(blocks.StructValue):
    def href(self, request=None):
        page = self.get("page")
        if page is not None and page.live:
            return page.get_url(request)
        return self.get("url") or ""

    @property
    def is_external(self):
        return not self.get("page") and bool(self.get("url"))


class ImageBannerBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"), help_text=_("A banner, ideally 600 px wide."))
    alt_text = blocks.CharBlock(
        label=_("text alternative"),
        max_length=200,
        help_text=_("What the banner says, for visitors who cannot see it."),
    )
    page = blocks.PageChooserBlock(
        label=_("page"), required=False, help_text=_("Link to a page of this portal…")
    )
    url = blocks.URLBlock(
        label=_("address"),
        required=False,
        validators=[validate_web_url],
        help_text=_("…or to another website (opens in a new tab)."),
    )

    class Meta:
        icon = "image"
        label = _("Image banner link")
        template = "kyanh_cms/sidebar/blocks/sidebar_image_banner.html"
        value_class = ImageBannerValue
        description = _("A banner picture that links to a page or another website.")

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError(_("Choose a page or enter an address."))}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["href"] = value.href(context.get("request"))
        return context


class SidebarTextBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label=_("title"), max_length=120, help_text=_("The widget's heading, e.g. Đường dây nóng.")
    )
    body = blocks.RichTextBlock(
        label=_("text"),
        features=["bold", "italic", "link", "ul", "ol"],
        help_text=_("Hotline numbers, addresses, opening hours."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Text (hotline, contact)")
        template = "kyanh_cms/sidebar/blocks/sidebar_text.html"
        description = _("A heading and a few lines of text, such as the hotline.")
        preview_value = {
            "title": "Đường dây nóng",
            "body": "<p>Văn phòng HĐND và UBND thị xã: <b>0239 3 000 000</b></p>",
        }


SIDEBAR_BLOCK_LIST = [
    ("town_map", TownMapBlock()),
    ("website_links", WebsiteLinksBlock()),
    ("visit_statistics", VisitStatisticsBlock()),
    ("most_read", MostReadBlock()),
    ("latest_news", LatestNewsBlock()),
    ("image_banner", ImageBannerBlock()),
    ("text", SidebarTextBlock()),
]

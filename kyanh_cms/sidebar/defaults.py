"""The sidebar a new site starts with."""


def default_sidebar():
    """What a new site's sidebar starts with: the town map, website links and statistics."""
    return [
        {"type": "town_map", "value": {"title": "Bản đồ thị xã Kỳ Anh", "markers": []}},
        {
            "type": "website_links",
            "value": {"title": "Liên kết website", "display": "dropdown", "links": []},
        },
        {"type": "visit_statistics", "value": {"title": "Thống kê truy cập"}},
    ]

"""The renditions of an article's main image that news pages, feeds and SEO use."""

#: Renditions of the main image used by listings, prefetched with the list.
LISTING_IMAGE_SPECS = ("fill-320x213", "fill-640x427")
#: Renditions of the first featured article on the home page.
FEATURE_IMAGE_SPECS = ("fill-640x427", "fill-960x640")
#: Rendition used as the feed enclosure and the OpenGraph/JSON-LD image.
SHARE_IMAGE_SPEC = "fill-1200x630"

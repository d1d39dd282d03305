"""The rich-text features editors get, and the news import keeps of old HTML."""

#: Rich text features for article text: enough for news, nothing that breaks the layout.
ARTICLE_TEXT_FEATURES = [
    "bold",
    "italic",
    "ol",
    "ul",
    "link",
    "document-link",
    "superscript",
    "subscript",
]
#: Even fewer inside highlight boxes and table cells.
SHORT_TEXT_FEATURES = ["bold", "italic", "link", "ul"]

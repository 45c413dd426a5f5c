"""Editors write Markdown or a little HTML; both become sanitised HTML once, when saved."""

import markdown
import nh3

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "caption",
    "code",
    "dd",
    "dl",
    "dt",
    "em",
    "h2",
    "h3",
    "h4",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start"},
}

GERMAN_QUOTES = {
    "left-double-quote": "„",
    "right-double-quote": "“",
    "left-single-quote": "‚",
    "right-single-quote": "’",  # mostly an apostrophe
}


def render_markdown(text: str) -> str:
    """Markdown (with HTML allowed inside) → HTML that contains only the tags above.

    Headings start at h2 because the page title is the only h1.
    """
    html = markdown.markdown(
        text or "",
        extensions=["tables", "sane_lists", "smarty"],
        extension_configs={"smarty": {"substitutions": GERMAN_QUOTES}},
    )
    return sanitise(html.replace("<h1>", "<h2>").replace("</h1>", "</h2>"))


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )

"""The site search: every app registers what it wants found, `search()` asks all of them.

On PostgreSQL it is a German full-text search (stemming, ranking, highlighted excerpts);
on SQLite, the zero-setup development database, a plain contains-search.
"""

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from operator import add, or_

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection, models
from django.db.models import F, Func, Q, Value
from django.db.models.functions import Concat
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

MARK_START, MARK_END = "\x02", "\x03"
PER_SOURCE = 50


@dataclass(frozen=True)
class Source:
    label: str  # shown with each hit: "Aktuelles", "Rundschreiben" …
    queryset: Callable[[], models.QuerySet]  # what the public may see
    weights: dict[str, str]  # field → weight "A" (title) … "D"
    excerpt_fields: tuple[str, ...]  # text (or sanitised HTML) the excerpt is cut from
    date_field: str | None = None


@dataclass
class Hit:
    source: Source
    obj: models.Model
    rank: float
    excerpt: SafeString

    @property
    def date(self):
        return getattr(self.obj, self.source.date_field) if self.source.date_field else None


_sources: list[Source] = []


def register(source: Source) -> None:
    _sources.append(source)


def search(text: str) -> list[Hit]:
    text = " ".join(text.split())
    if not text:
        return []
    if connection.vendor == "postgresql":
        hits = [hit for source in _sources for hit in _fulltext(source, text)]
    else:
        hits = [hit for source in _sources for hit in _contains(source, text)]
    return sorted(hits, key=lambda hit: hit.rank, reverse=True)


def _fulltext(source: Source, text: str) -> list[Hit]:
    query = SearchQuery(text, config="german", search_type="websearch")
    vector = reduce(
        add,
        (
            SearchVector(field, weight=weight, config="german")
            for field, weight in source.weights.items()
        ),
    )
    text = Concat(
        *(part for field in source.excerpt_fields for part in (F(field), Value(" "))),
        output_field=models.TextField(),
    )
    plain_text = Func(
        text,
        Value("<[^>]+>"),
        Value(" "),
        Value("g"),
        function="regexp_replace",
        output_field=models.TextField(),
    )
    rows = (
        source.queryset()
        .annotate(
            search_rank=SearchRank(vector, query),
            search_excerpt=SearchHeadline(
                plain_text,
                query,
                config="german",
                start_sel=MARK_START,
                stop_sel=MARK_END,
                max_fragments=2,
                max_words=30,
                min_words=12,
                fragment_delimiter=" … ",
            ),
        )
        .filter(search_rank__gt=0)
        .order_by("-search_rank")[:PER_SOURCE]
    )
    return [
        Hit(source, row, row.search_rank, _highlight(html.unescape(row.search_excerpt)))
        for row in rows
    ]


def _contains(source: Source, text: str) -> list[Hit]:
    words = text.split()[:10]
    condition = reduce(
        lambda a, b: a & b,
        (
            reduce(or_, (Q(**{f"{field}__icontains": word}) for field in source.weights))
            for word in words
        ),
    )
    rows = source.queryset().filter(condition)[:PER_SOURCE]
    hits = []
    for row in rows:
        text = " ".join(getattr(row, field) for field in source.excerpt_fields)
        plain = html.unescape(strip_tags(text))
        hits.append(Hit(source, row, 0.0, _highlight(_cut_around(plain, words), words)))
    return hits


def _cut_around(plain: str, words: list[str], width: int = 220) -> str:
    position = min((i for i in (plain.lower().find(w.lower()) for w in words) if i >= 0), default=0)
    start = max(0, position - width // 3)
    if start:
        start = plain.find(" ", start) + 1 or start  # begin at a word, not inside one
    snippet = plain[start : start + width]
    return ("… " if start else "") + snippet + (" …" if start + width < len(plain) else "")


def _highlight(text: str, words: list[str] | None = None) -> SafeString:
    """Escape the excerpt, then turn the sentinel marks (or the given words) into <mark>."""
    if words:
        pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
        text = pattern.sub(lambda m: f"{MARK_START}{m.group(0)}{MARK_END}", text)
    text = " ".join(text.split())
    return mark_safe(escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))

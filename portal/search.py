"""The site search: every app registers what it wants found, `search()` asks all of them.

On PostgreSQL it is a German full-text search (stemming, ranking, highlighted excerpts) over
a stored, GIN-indexed `suchvektor` column per model, kept current on every save (and after bulk
loads by `reindex()`); on SQLite, the zero-setup development database, a plain contains-search.
"""

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from operator import add, or_

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection, models
from django.db.models import F, Func, OuterRef, Q, Subquery, Value
from django.db.models.functions import Concat
from django.db.models.signals import post_save
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

    @property
    def model(self) -> type[models.Model]:
        return self.queryset().model

    def vector(self) -> SearchVector:
        return reduce(
            add,
            (
                SearchVector(field, weight=weight, config="german")
                for field, weight in self.weights.items()
            ),
        )

    def update_vectors(self, rows: models.QuerySet) -> int:
        """Store the vector of the given rows. Related fields (`organisation__name`) need a
        join, which UPDATE cannot do: the vector comes from a correlated subquery then."""
        if connection.vendor != "postgresql":
            return 0
        model = rows.model
        if any("__" in field for field in self.weights):
            vector = Subquery(
                model._base_manager.filter(pk=OuterRef("pk"))
                .annotate(v=self.vector())
                .values("v")[:1]
            )
        else:
            vector = self.vector()
        return rows.update(suchvektor=vector)


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
    """Make a model searchable. It needs a `suchvektor` SearchVectorField with a GIN index;
    saving a row (or a row it names through a foreign key in `weights`) refreshes it."""
    _sources.append(source)
    model = source.model

    def refresh_own(sender, instance, raw=False, **kwargs):
        if not raw:
            source.update_vectors(model._base_manager.filter(pk=instance.pk))

    post_save.connect(refresh_own, sender=model, weak=False)
    for relation in {field.split("__")[0] for field in source.weights if "__" in field}:
        related = model._meta.get_field(relation).related_model

        def refresh_referring(sender, instance, raw=False, relation=relation, **kwargs):
            if not raw:
                source.update_vectors(model._base_manager.filter(**{relation: instance}))

        post_save.connect(refresh_referring, sender=related, weak=False)


def reindex() -> dict[str, int]:
    """Recompute every stored vector, e.g. after rows came in through bulk_create."""
    return {
        source.label: source.update_vectors(source.model._base_manager.all()) for source in _sources
    }


def reindex_model(model: type[models.Model]) -> None:
    """Fill the vectors of one model's existing rows; for the migration that adds the column,
    which passes its historical model (an empty table, as on a fresh database, is skipped)."""
    rows = model._base_manager.all()
    if rows.exists():
        for source in _sources:
            if source.model._meta.label == model._meta.label:
                source.update_vectors(rows)


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
        .filter(suchvektor=query)  # the GIN index finds the matching rows
        .annotate(
            search_rank=SearchRank(F("suchvektor"), query),
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

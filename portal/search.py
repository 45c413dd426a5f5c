"""The site search: every app registers what it wants found, `search()` asks all of them.

On PostgreSQL it is a German full-text search (stemming, ranking, highlighted excerpts) over
a stored, GIN-indexed `suchvektor` column per model, kept current on every save (and after bulk
loads by `reindex()`); on SQLite, the zero-setup development database, a plain contains-search.
"""

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
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
    pk: int
    rank: float
    obj: models.Model | None = None
    excerpt: SafeString = field(default_factory=SafeString)

    @property
    def date(self):
        return getattr(self.obj, self.source.date_field) if self.source.date_field else None


class Results(Sequence[Hit]):
    """The ranked hits of a search. Ranking needs only ids; a hit's object and its highlighted
    excerpt (the expensive part) are loaded when the hit is read, so a results page loads the
    20 hits it shows, not the hundreds that matched."""

    def __init__(self, text: str, hits: list[Hit]):
        self.text = text
        self._hits = hits

    def __len__(self) -> int:
        return len(self._hits)

    def __getitem__(self, index):
        if isinstance(index, slice):
            chosen = self._hits[index]
            self._load(chosen)
            return [hit for hit in chosen if hit.obj is not None]  # deleted since ranked
        hit = self._hits[index]
        self._load([hit])
        return hit

    def __iter__(self):
        return iter(self[:])

    def _load(self, hits: list[Hit]) -> None:
        missing: dict[str, list[Hit]] = {}  # by source label
        for hit in hits:
            if hit.obj is None:
                missing.setdefault(hit.source.label, []).append(hit)
        load = _load_fulltext if connection.vendor == "postgresql" else _load_contains
        for group in missing.values():
            rows = load(group[0].source, self.text, [hit.pk for hit in group])
            for hit in group:
                if hit.pk in rows:
                    hit.obj, hit.excerpt = rows[hit.pk]


_sources: list[Source] = []


def register(source: Source) -> None:
    """Make a model searchable. It needs a `suchvektor` SearchVectorField with a GIN index;
    saving a row (or a row it names through a foreign key in `weights`) refreshes it. A save
    limited by `update_fields` to other fields (a status, a timestamp) leaves it alone."""
    _sources.append(source)
    model = source.model
    own_fields = {name.split("__")[0] for name in source.weights}

    def refresh_own(sender, instance, raw=False, update_fields=None, **kwargs):
        if not raw and (update_fields is None or own_fields & set(update_fields)):
            source.update_vectors(model._base_manager.filter(pk=instance.pk))

    post_save.connect(refresh_own, sender=model, weak=False)
    related_fields: dict[str, set[str]] = {}
    for name in source.weights:
        if "__" in name:
            relation, field_name = name.split("__", 1)
            related_fields.setdefault(relation, set()).add(field_name)
    for relation, fields in related_fields.items():
        related = model._meta.get_field(relation).related_model

        def refresh_referring(
            sender,
            instance,
            created,
            raw=False,
            update_fields=None,
            relation=relation,
            fields=fields,
            **kwargs,
        ):
            # A new row has nobody referring to it yet.
            if raw or created or (update_fields is not None and not fields & set(update_fields)):
                return
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


def search(text: str) -> Results:
    text = " ".join(text.split())
    if not text:
        return Results(text, [])
    rank = _rank_fulltext if connection.vendor == "postgresql" else _rank_contains
    hits = [Hit(source, pk, score) for source in _sources for pk, score in rank(source, text)]
    return Results(text, sorted(hits, key=lambda hit: hit.rank, reverse=True))


def _query(text: str) -> SearchQuery:
    return SearchQuery(text, config="german", search_type="websearch")


def _rank_fulltext(source: Source, text: str) -> list[tuple[int, float]]:
    query = _query(text)
    return list(
        source.queryset()
        .filter(suchvektor=query)  # the GIN index finds the matching rows
        .annotate(search_rank=SearchRank(F("suchvektor"), query))
        .order_by("-search_rank")
        .values_list("pk", "search_rank")[:PER_SOURCE]
    )


def _load_fulltext(source: Source, text: str, pks: list[int]) -> dict:
    query = _query(text)
    excerpt_text = Concat(
        *(part for name in source.excerpt_fields for part in (F(name), Value(" "))),
        output_field=models.TextField(),
    )
    plain_text = Func(
        excerpt_text,
        Value("<[^>]+>"),
        Value(" "),
        Value("g"),
        function="regexp_replace",
        output_field=models.TextField(),
    )
    rows = (
        source.queryset()
        .filter(pk__in=pks)
        .defer("suchvektor")  # kilobytes per row that only the database needs
        .annotate(
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
    )
    return {row.pk: (row, _highlight(html.unescape(row.search_excerpt))) for row in rows}


def _rank_contains(source: Source, text: str) -> list[tuple[int, float]]:
    words = text.split()[:10]
    condition = reduce(
        lambda a, b: a & b,
        (
            reduce(or_, (Q(**{f"{name}__icontains": word}) for name in source.weights))
            for word in words
        ),
    )
    return [
        (pk, 0.0)
        for pk in source.queryset().filter(condition).values_list("pk", flat=True)[:PER_SOURCE]
    ]


def _load_contains(source: Source, text: str, pks: list[int]) -> dict:
    words = text.split()[:10]
    loaded = {}
    for row in source.queryset().filter(pk__in=pks):
        plain = html.unescape(
            strip_tags(" ".join(getattr(row, name) for name in source.excerpt_fields))
        )
        loaded[row.pk] = (row, _highlight(_cut_around(plain, words), words))
    return loaded


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

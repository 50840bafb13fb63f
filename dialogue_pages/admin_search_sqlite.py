"""The SQLite part of ``admin_search_backend``: imported only on SQLite, where modelsearch defines its
full-text models."""

from typing import Any

from django.db import models
from django.db.models.functions import Cast
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteFTSIndexEntry,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks

INTEGER_KEYS = (models.AutoField, models.BigAutoField, models.IntegerField)


class RankedOnce:
    """For an SQLite query compiler: one page of results in relevance order from one scoring query."""

    def search(self, config: Any, start: int | None, stop: int | None, score_field: str | None = None):
        query = normalize(self.query)
        if (not self.order_by_relevance or stop is None or isinstance(query, MatchAll | Not)
                or not isinstance(self.queryset.model._meta.pk, INTEGER_KEYS)):
            return super().search(config, start, stop, score_field)
        score_field = score_field or "_score"
        matches = (
            SQLiteFTSIndexEntry.objects.filter(MatchExpression(
                self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config)))
            .filter(index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model))
            .annotate(score=self._build_rank_expression(self.get_search_vectors(), config),
                      object_pk=Cast("index_entry__object_id", models.BigIntegerField()))
        )
        # The objects of the queryset that matched (as Wagtail's backend filters them), best first.
        found = self.queryset.filter(pk__in=matches.values("index_entry__object_id"))
        ranked = list(
            matches.filter(object_pk__in=found.values("pk")).order_by("score", "-object_pk")
            .values_list("object_pk", "score")[start or 0:stop]
        )
        if not ranked:
            return self.queryset.none()
        score = models.Case(*(models.When(pk=pk, then=models.Value(value)) for pk, value in ranked),
                            output_field=models.FloatField())
        return (self.queryset.filter(pk__in=[pk for pk, _value in ranked])
                .annotate(**{score_field: score}).order_by(score_field, "-pk"))


class RankedSearchQueryCompiler(RankedOnce, SQLiteSearchQueryCompiler):
    pass


class RankedAutocompleteQueryCompiler(RankedOnce, SQLiteAutocompleteQueryCompiler):
    pass


class RankedSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = RankedSearchQueryCompiler
    autocomplete_query_compiler_class = RankedAutocompleteQueryCompiler


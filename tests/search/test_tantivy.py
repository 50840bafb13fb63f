"""The Tantivy backend on its own: languages, ranking, the status rule, locking, rebuilds, other processes."""

import datetime
import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from dialogue_pages.status import NEVER, Status, StatusFacts, status_on
from dialogue_search.backends.base import BackendUnavailable, SearchFilters, SearchRequest
from dialogue_search.backends.tantivy import TantivyBackend
from dialogue_search.documents import DialogueDocument
from dialogue_search.query import parse_query

ROOT = Path(__file__).resolve().parents[2]
LOCALES = ("da", "sv", "en")
TODAY = datetime.date(2026, 6, 15)


def document(page_id: int, title: str, locale: str = "da", intro: str = "", body: str = "",
             **fields) -> DialogueDocument:
    return DialogueDocument(page_id=page_id, locale=locale, title=title, intro=intro, purpose="", body=body, **fields)


def request(q: str = "", locale: str | None = None, limit: int = 20, offset: int = 0, today=TODAY,
            **filters) -> SearchRequest:
    return SearchRequest(query=parse_query(q), locale=locale, filters=SearchFilters(**filters), limit=limit,
                         offset=offset, today=today, now=timezone.now(), content_locales=LOCALES)


def found(backend: TantivyBackend, q: str = "", **kwargs) -> list[int]:
    return [hit.page_id for hit in backend.search(request(q, **kwargs)).hits]


@pytest.fixture
def backend(tmp_path) -> TantivyBackend:
    return TantivyBackend(tmp_path / "index")


@pytest.mark.parametrize(("locale", "text", "query", "matches"), [
    ("da", "Trafik på Østerbro", "osterbro", True),
    ("da", "Cykelstier i København", "kobenhavn", True),
    ("da", "De årlige borgermøder", "aarlige", True),
    ("da", "Legepladsen i gården", "aarlige", False),
    ("da", "Legepladsen i gården", "garden", True),
    ("da", "Borgermødet i Valby", "møde", True),
    ("da", "Borgermødet i Valby", "mode", True),
    ("da", "Havneområdet", "havn", True),
    ("da", "Aarhus havn", "århus", True),
    ("sv", "Öppna möten i Lund", "moten", True),
    ("sv", "Vad tycker invånarna?", "invanarna", True),
    ("sv", "Nya badplatser vid sjön", "badplats", True),
    ("sv", "Medborgardialog i Lund", "dialog", True),
    ("sv", "Medborgardialog i Lund", "dialogerna", True),
    ("en", "Consultations on parks", "consultation", True),
    ("en", "Consultations on parks", "park", True),
    ("en", "Consultations on parks", "constitution", False),
])
def test_language(backend, locale, text, query, matches):
    backend.index([document(1, text, locale=locale), document(2, "Noget helt andet", locale=locale)])
    assert found(backend, query, locale=locale) == ([1] if matches else [])


def test_whole_words_rank_above_folded_forms_above_compound_parts(backend):
    backend.index([
        document(1, "Lystbådehavnen", sort_start=datetime.date(2026, 1, 1)),
        document(2, "Havn og by", sort_start=datetime.date(2020, 1, 1)),
        document(3, "Haavn", sort_start=datetime.date(2025, 1, 1)),
    ])
    assert found(backend, "havn") == [2, 1]
    assert found(backend, "haavn") == [3]
    # Folded å→aa in a whole word first; then, alike and newest first, å→a or inside a compound.
    assert found(backend, "håvn") == [3, 1, 2]


def test_equal_scores_rank_newest_first_on_every_page(backend):
    # More equal matches than one fetch brings: the fetch grows until a lower score shows up.
    backend.index([document(n, "Lokalplan", sort_start=datetime.date(2000 + n, 1, 1)) for n in range(1, 41)]
                  + [document(99, "Lokalplan", body="lokalplan lokalplan", sort_start=datetime.date(1990, 1, 1))])
    everything = found(backend, "lokalplan", limit=50)
    assert everything == [99, *range(40, 0, -1)] or everything == [*range(40, 0, -1), 99]
    assert found(backend, "lokalplan", offset=10, limit=5) == everything[10:15]
    assert backend.search(request("lokalplan", limit=5)).total == 41


def test_phrases_exclusions_and_all_words(backend):
    backend.index([document(1, "Grøn plan for byen"), document(2, "Plan for en grøn by"),
                   document(3, "Parkering ved havnen")])
    assert found(backend, '"grøn plan"') == [1]
    assert found(backend, '"groen plan"') == [1]
    assert set(found(backend, "grøn plan")) == {1, 2}
    assert found(backend, "plan -byen") == [2]
    assert set(found(backend, "-parkering")) == {1, 2}
    assert found(backend, "*!?") == []


def test_snippets_are_escaped_and_marked(backend):
    backend.index([document(1, "Sikkerhed", intro="Om <b>trafiksikkerhed</b> & mere.")])
    assert backend.search(request("trafiksikkerhed")).hits[0].snippet == (
        "Om &lt;b&gt;<mark>trafiksikkerhed</mark>&lt;/b&gt; &amp; mere.")


def test_visibility_locale_and_expiry(backend):
    past, future = timezone.now() - datetime.timedelta(hours=1), timezone.now() + datetime.timedelta(hours=1)
    backend.index([document(1, "Havneplan", expire_at=past), document(2, "Havneplan", expire_at=future),
                   document(3, "Havneplan", locale="xx"), document(4, "Havneplan", locale="sv")])
    assert set(found(backend, "havneplan")) == {2, 4}
    assert found(backend, "havneplan", locale="da") == [2]
    assert found(backend, "havneplan", locale="xx") == []
    assert [s.page_id for s in backend.suggest("hav", "da", 8, timezone.now(), LOCALES)] == [2]


def day(offset: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=offset)


transition = st.one_of(st.just(NEVER), st.integers(-3, 3).map(day))


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.booleans(), transition, transition, transition), min_size=1, max_size=12),
       st.integers(-2, 2))
def test_status_filters_and_facets_follow_the_one_rule(tmp_path_factory, records, shift):
    backend = TantivyBackend(tmp_path_factory.mktemp("status"))
    facts = [StatusFacts(cancelled=cancelled, open_from=opens, closed_from=closes, decided_from=decided)
             for cancelled, opens, closes, decided in records]
    backend.index([document(n, "Lygtepæle", cancelled=f.cancelled, open_from=f.open_from, closed_from=f.closed_from,
                            decided_from=f.decided_from) for n, f in enumerate(facts, start=1)])
    when = day(shift)
    expected = {status.value: {n for n, f in enumerate(facts, start=1) if status_on(f, when) == status}
                for status in Status}
    facets = {facet.key: facet.count for facet in backend.search(request("lygtepæle", today=when)).facets["status"]}
    assert facets == {key: len(ids) for key, ids in expected.items() if ids}
    for key, ids in expected.items():
        assert set(found(backend, "lygtepæle", today=when, status=key, limit=50)) == ids


def test_facets_leave_out_their_own_filter_and_label_in_the_locale(backend):
    backend.index([
        document(1, "Skolplan A", rung_key="dialog", rung_label="Dialog", date_from=datetime.date(2019, 3, 1),
                 date_to=datetime.date(2020, 2, 1), facets=[("organisation", "lund", "Lunds kommun"),
                                                            ("tag", "skola", "Skola")]),
        document(2, "Skolplan B", locale="sv", rung_key="dialog", rung_label="Dialog (sv)",
                 date_from=datetime.date(2021, 3, 1), facets=[("organisation", "lund", "Lund"),
                                                               ("organisation", "malmo", "Malmö")]),
    ])
    page = backend.search(request("skolplan", organisation="malmo"))
    assert [hit.page_id for hit in page.hits] == [2] and page.total == 1
    assert [(f.key, f.count) for f in page.facets["organisation"]] == [("lund", 2), ("malmo", 1)]
    assert [(f.key, f.label, f.count) for f in page.facets["rung"]] == [("dialog", "Dialog (sv)", 1)]
    assert [f.key for f in page.facets["year"]][:2] == [str(TODAY.year), str(TODAY.year - 1)]
    swedish = backend.search(request("skolplan", locale="da"))
    assert [(f.key, f.label, f.count) for f in swedish.facets["organisation"]] == [("lund", "Lunds kommun", 1)]
    years = backend.search(request("skolplan", year=2020)).facets["year"]  # its own filter left out
    assert [(f.key, f.count) for f in years] == [(str(year), 1) for year in range(TODAY.year, 2018, -1)]
    assert found(backend, "skolplan", year=2020) == [1]
    assert found(backend, "skolplan", tag="SKOLA") == [1]


def test_a_write_waits_for_the_lock_and_gives_up_after_its_timeout(backend):
    backend.writer.lock_timeout = 0.05
    with backend.directory.locked(1.0), pytest.raises(BackendUnavailable, match="locked"):
        backend.index([document(1, "Havneplan")])
    backend.index([document(1, "Havneplan")])
    assert found(backend, "havneplan") == [1]


def test_a_write_during_a_rebuild_is_in_the_rebuilt_index(tmp_path):
    live, rebuilding = TantivyBackend(tmp_path), TantivyBackend(tmp_path)  # two processes' instances
    live.index([document(1, "Havneplan"), document(2, "Skoleplan")])
    rebuilding.prepare_rebuild(None)
    rebuilding.index([document(1, "Havneplan"), document(2, "Skoleplan")])
    live.index([document(3, "Cykelplan")])  # published while the rebuild runs
    live.delete([2])  # and unpublished
    assert set(found(live, "plan")) == {1, 3}  # searches read the old generation meanwhile
    rebuilding.finish_rebuild(None)
    assert set(found(live, "plan")) == {1, 3}
    assert live.indexed_ids() == {1, 3}
    assert live.directory.building() is None


def test_concurrent_writers_in_threads_all_land(backend):
    threads = [threading.Thread(target=backend.index, args=([document(n, f"Plan {n}")],)) for n in range(1, 9)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert backend.indexed_ids() == set(range(1, 9))


WRITER = textwrap.dedent("""
    import sys, django
    django.setup()
    from dialogue_search.backends.tantivy import TantivyBackend
    from dialogue_search.documents import DialogueDocument
    first, count = int(sys.argv[2]), int(sys.argv[3])
    backend = TantivyBackend(sys.argv[1])
    for page_id in range(first, first + count):
        backend.index([DialogueDocument(page_id=page_id, locale="da", title=f"Havneplan {page_id}",
                                        intro="", purpose="", body="")])
""")


def run_writer(root: Path, first: int, count: int) -> subprocess.Popen:
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "dialogue_site.settings.test"}
    return subprocess.Popen([sys.executable, "-c", WRITER, str(root), str(first), str(count)], cwd=ROOT,
                            env=environment)


@pytest.mark.slow
def test_two_processes_writing_at_once_both_land(tmp_path):
    writers = [run_writer(tmp_path, 1, 15), run_writer(tmp_path, 101, 15)]
    assert [writer.wait(timeout=120) for writer in writers] == [0, 0]
    assert TantivyBackend(tmp_path).indexed_ids() == set(range(1, 16)) | set(range(101, 116))


@pytest.mark.slow
def test_a_commit_in_another_process_is_seen_by_the_next_search(tmp_path):
    reader = TantivyBackend(tmp_path)
    reader.index([document(1, "Skoleplan")])
    assert found(reader, "havneplan") == []  # this process has opened and read the index
    assert run_writer(tmp_path, 7, 1).wait(timeout=120) == 0
    assert found(reader, "havneplan") == [7]  # no waiting, no rebuild: the next search reloads


def test_an_index_of_another_version_finds_nothing_until_the_next_write_starts_a_new_one(backend):
    backend.index([document(1, "Havneplan")])
    old = backend.directory.current()
    renamed = old.with_name("gen-v0-1-1")
    old.rename(renamed)
    backend.directory.point_to(renamed)
    assert found(backend, "havneplan") == []
    backend.index([document(2, "Skoleplan")])
    assert backend.directory.current() not in (old, renamed)
    assert found(backend, "plan") == [2]

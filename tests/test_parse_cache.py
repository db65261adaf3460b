"""The dashboard's shared parse cache on real parsed documents: bounded in entries and bytes, least recently
used out first, the newest document always kept."""

from __future__ import annotations

import pickle

import pytest

import geo
from dashboard.parse_cache import ParseCache

TEXTS = {
    f"{city}.txt": f"Drones struck a fuel depot near {city} overnight, officials said."
    for city in ("Lisbon", "Marseille", "Munich", "Prague", "Tallinn")
}


@pytest.fixture(scope="module")
def docs():
    return {(name, text): doc for (name, text), doc in zip(TEXTS.items(), geo.parse_many(TEXTS.items()))}


def _size(doc) -> int:
    return len(pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL))


def test_the_least_recently_used_document_goes_first_when_entries_run_out(docs):
    keys = list(docs)
    cache = ParseCache(max_entries=3)
    for key in keys[:3]:
        cache.put(key, docs[key])
    assert cache.get(keys[0]) is docs[keys[0]]  # now the most recently used
    cache.put(keys[3], docs[keys[3]])
    assert len(cache) == 3
    assert cache.get(keys[1]) is None
    assert [cache.get(k) is not None for k in (keys[0], keys[2], keys[3])] == [True, True, True]
    assert cache.bytes == sum(_size(docs[k]) for k in (keys[0], keys[2], keys[3]))


def test_bytes_stay_within_the_bound_and_the_newest_document_is_kept(docs):
    keys = list(docs)
    two = _size(docs[keys[0]]) + _size(docs[keys[1]])
    cache = ParseCache(max_bytes=two)
    for key in keys:
        cache.put(key, docs[key])
        assert cache.bytes <= two or len(cache) == 1
    assert cache.get(keys[-1]) is docs[keys[-1]]
    assert cache.get(keys[0]) is None
    tiny = ParseCache(max_bytes=1)
    tiny.put(keys[0], docs[keys[0]])
    assert len(tiny) == 1 and tiny.get(keys[0]) is docs[keys[0]]


def test_storing_a_key_again_replaces_it(docs):
    key = next(iter(docs))
    cache = ParseCache()
    cache.put(key, docs[key])
    cache.put(key, docs[key])
    assert len(cache) == 1 and cache.bytes == _size(docs[key])

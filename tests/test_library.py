"""The session library of pasted articles (dashboard/library.py): kept on disk, bounded, named by ids only."""

from __future__ import annotations

import pytest

from dashboard import library
from geo import Article


@pytest.fixture(autouse=True)
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("STRIKE_MAP_LIBRARY", str(tmp_path))
    return tmp_path


def test_articles_come_back_oldest_first_and_a_name_saved_again_replaces_its_article():
    session = library.new_id()
    library.save(session, Article("a.txt", "Drones hit Kharkiv.", "2025-06-05"))
    library.save(session, Article("b.txt", "Drones hit Odesa."))
    library.save(session, Article("a.txt", "Drones hit Sumy.", "2025-06-06"))
    assert [(a.name, a.text, a.published) for a in library.load(session)] == [
        ("b.txt", "Drones hit Odesa.", None),
        ("a.txt", "Drones hit Sumy.", "2025-06-06"),
    ]
    assert library.load(library.new_id()) == []


def test_a_library_keeps_at_most_its_bound_of_articles_and_libraries_are_bounded(monkeypatch, folder):
    monkeypatch.setattr(library, "MAX_ARTICLES", 3)
    monkeypatch.setattr(library, "MAX_LIBRARIES", 2)
    session = library.new_id()
    for n in range(5):
        library.save(session, Article(f"{n}.txt", f"Drones hit place {n}."))
    assert [a.name for a in library.load(session)] == ["2.txt", "3.txt", "4.txt"]
    for _ in range(3):
        library.save(library.new_id(), Article("x.txt", "Drones hit Lviv."))
    assert len(list(folder.iterdir())) == 2


@pytest.mark.parametrize("bad", ["../etc", "", "ABC", "0" * 31, None])
def test_only_an_id_names_a_library(bad):
    assert not library.is_id(bad) and library.load(bad) == []
    with pytest.raises(ValueError):
        library.save(bad, Article("a.txt", "text"))

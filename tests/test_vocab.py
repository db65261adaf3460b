"""The word lists are data files: each one documented, read by the code, and a malformed one refused with
an error naming it."""

from __future__ import annotations

import re

import pytest

from geo import vocab
from geo.claims import extraction
from geo.resolution import cues

FILES = sorted(p.name for p in vocab.FOLDER.iterdir() if p.suffix in (".txt", ".toml"))


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """Vocabulary files read from `tmp_path`, with nothing read before or after from the cache."""
    loaders = (vocab.entries, vocab.words, vocab.phrases, vocab.table)
    for loader in loaders:
        loader.cache_clear()
    monkeypatch.setattr(vocab, "FOLDER", tmp_path)
    yield tmp_path
    for loader in loaders:
        loader.cache_clear()


def test_every_vocabulary_file_is_documented_and_every_documented_one_exists():
    readme = (vocab.FOLDER / "README.md").read_text(encoding="utf-8")
    documented = sorted(set(re.findall(r"^\| `([\w]+\.(?:txt|toml))` \|", readme, flags=re.M)))
    assert len(FILES) > 30
    assert documented == FILES


def test_the_lists_are_the_words_the_code_reads():
    assert {"struck", "shelled"} <= vocab.words("attack_verbs")
    assert cues.FOLLOWING[("air", "base")] == frozenset({"airbase"})
    assert cues.PRECEDING[("city", ",")] == cues.SETTLEMENT_KINDS
    assert extraction.HEDGE_RULES["just under"] == extraction.NEARLY
    assert extraction.HEDGES.index("just under") < extraction.HEDGES.index("under")
    assert ("is", "located") in cues.LOCATIVE_VERB_PAIRS and "lies" in cues.LOCATIVE_VERBS


def test_comments_case_and_repeats(folder):
    (folder / "sample_words.txt").write_text(
        "# a comment\n\nPummelled  # trailing comment\npummelled\nrazed\n", encoding="utf-8"
    )
    assert vocab.entries("sample_words") == ("pummelled", "razed")
    assert vocab.words("sample_words") == frozenset({"pummelled", "razed"})


def test_malformed_files_are_refused_with_their_name(folder):
    (folder / "two_words.txt").write_text("air base\n", encoding="utf-8")
    with pytest.raises(vocab.VocabularyError, match=r"two_words\.txt: 'air base' is more than one word"):
        vocab.words("two_words")
    (folder / "broken.toml").write_text('plain = ["about"\n', encoding="utf-8")
    with pytest.raises(vocab.VocabularyError, match=r"broken\.toml"):
        vocab.table("broken")
    with pytest.raises(vocab.VocabularyError, match=r"missing\.txt: no such vocabulary file"):
        vocab.entries("missing")
    (folder / "kind_cues.toml").write_text('[following]\n"airstrip" = ["airfeld"]\n', encoding="utf-8")
    with pytest.raises(vocab.VocabularyError, match=r"'airstrip': airfeld is no gazetteer kind"):
        cues.kind_cues("following")
    (folder / "hedges.toml").write_text('roughly = ["about"]\n', encoding="utf-8")
    with pytest.raises(vocab.VocabularyError, match=r"'roughly' is no verdict rule"):
        extraction._hedge_rules()

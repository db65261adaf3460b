"""Reading articles: arguments, exact decoding (tests/test_encodings.py has every encoding), HTML to text,
and clear errors for bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.text import articles as inputs
from geo.text.articles import (
    Article,
    InputError,
    Source,
    article_from_bytes,
    expand_paths,
    iter_articles,
    load_article,
    require_text,
)


def test_text_is_decoded_exactly_as_read(tmp_path):
    raw = "Kyiv\r\nKharkiv’s mayor\rsaid\n".encode()
    path = tmp_path / "a.txt"
    path.write_bytes(raw)
    article = load_article(path)
    assert article == Article("a.txt", raw.decode("utf-8"))
    assert article.text.index("Kharkiv") == 6


def test_directory_trees_expand_to_sorted_articles_named_by_relative_path(tmp_path):
    for name in ("b.md", "a.txt", "c.HTML", "d.htm", "notes.csv", "e.pdf"):
        (tmp_path / name).write_text("x")
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / "a.txt").write_text("x")
    (tmp_path / "sub" / "f.txt").write_text("x")
    sources = expand_paths([str(tmp_path)])
    assert [s.name for s in sources] == ["a.txt", "b.md", "c.HTML", "d.htm", "sub/deeper/a.txt", "sub/f.txt"]
    assert all(Path(s.path) == tmp_path / s.name for s in sources)


def test_no_argument_means_stdin_and_missing_files_are_kept_to_be_reported():
    assert expand_paths([]) == [Source("-", "-")]
    assert expand_paths(["-", "dir/missing.txt"]) == [Source("-", "-"), Source("dir/missing.txt", "missing.txt")]


def test_binary_undecodable_missing_and_huge_files_raise_errors_naming_them(tmp_path, monkeypatch):
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    garbled = tmp_path / "garbled.txt"
    garbled.write_bytes(b"Kyiv " + bytes(range(0x80, 0x100)) * 8)
    with pytest.raises(InputError, match=f"^{binary}: binary file"):
        load_article(binary)
    with pytest.raises(
        InputError,
        match=rf"^{garbled}: not UTF-8 text \(byte 0x80 at offset 5 cannot be decoded\) "
        "and no other encoding",
    ):
        load_article(garbled)
    with pytest.raises(InputError, match="nowhere.txt: no such file"):
        load_article(tmp_path / "nowhere.txt")
    with pytest.raises(InputError, match="is a directory"):
        load_article(tmp_path)
    monkeypatch.setattr(inputs, "MAX_BYTES", 10)
    big = tmp_path / "big.txt"
    big.write_text("Kyiv " * 10)
    with pytest.raises(InputError, match=f"^{big}: too large"):
        load_article(big)
    with pytest.raises(InputError, match="^upload.txt: too large"):
        article_from_bytes("upload.txt", b"x" * 11)


def test_html_is_reduced_to_text_without_scripts_and_styles():
    page = (
        b"<!DOCTYPE html><html><head><title>Strikes</title><style>p{color:red}</style>"
        b"<script>alert('Kyiv')</script></head><body><h1>Drones hit   Kharkiv</h1>"
        b"<p>Russian drones struck <b>Kharkiv</b>&rsquo;s centre.</p><p>Second<br>line</p></body></html>"
    )
    for name in ("page.html", "page.txt"):
        text = article_from_bytes(name, page).text
        assert text == "Strikes\nDrones hit Kharkiv\nRussian drones struck Kharkiv’s centre.\nSecond\nline"
    assert article_from_bytes("plain.txt", b"a <b>bold</b> claim").text == "a <b>bold</b> claim"


def test_iter_articles_reports_bad_files_and_goes_on(tmp_path):
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text("Kyiv")
    bad.write_bytes(b"\xff\xd8\x00")
    errors = []
    loaded = list(iter_articles(expand_paths([str(bad), str(good), str(tmp_path / "gone.txt")]), errors.append))
    assert loaded == [Article("good.txt", "Kyiv")]
    assert [str(e).split(":")[0] for e in errors] == [str(bad), str(tmp_path / "gone.txt")]


def test_empty_file_is_an_empty_article(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert load_article(empty) == Article("empty.txt", "")


@pytest.mark.parametrize(
    "name, data",
    [
        ("blank.txt", b""),
        ("blank.txt", b" \n\t\r\n "),
        ("blank.md", "\u00a0\u2003\n".encode()),
        ("blank.html", b"<html><body><p> </p><script>x()</script></body></html>"),
    ],
)
def test_an_article_without_text_is_refused_by_require_text(name, data):
    with pytest.raises(InputError, match=rf"^{name}: no text \(empty or only white space\)"):
        require_text(article_from_bytes(name, data))


def test_require_text_keeps_an_article_with_text():
    article = Article("one.txt", "  Drones hit Lviv.\n")
    assert require_text(article) is article

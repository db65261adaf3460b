"""Input articles made ready on the client, before they are sent: each one's text decoded, its id, its
publication date and where that came from, and the key of its normalised text, so that an article already
in the datasets (the same id, or the same text) is skipped before anything is parsed; and cut into
numbered, fingerprinted partitions."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import astuple, dataclass
from itertools import islice

from geo import MAX_BYTES, InputError, article_from_bytes, iso_date, stated_date
from corpus.rows import ArticleMeta
from corpus.sources import ArticleInput

NUL_TEXT = "binary text (contains NUL characters), not a text article"
"""A table row's text refused as a file of the same bytes is (geo's 'binary file (contains NUL bytes)')."""
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Article:
    """What a worker gets: the documents row's fields, and the text to parse or why there is none."""

    meta: ArticleMeta
    text: str | None
    error: str | None = None


def text_id(text: str) -> str:
    """The id of an article that has none: a stable hash of its text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def text_hash(text: str) -> str:
    """The key two copies of one article share: its text in Unicode's compatibility form, case-folded,
    white space collapsed, hashed (wire copies differ in line breaks and spacing, not in words)."""
    normal = _SPACE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()
    return hashlib.sha256(normal.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _optional_text(value: object) -> str | None:
    return None if value is None or value == "" else str(value)


def _decode(article: ArticleInput) -> tuple[str, str | None]:
    """(text, date the page states) of a file's bytes or a table row; raises InputError."""
    if article.error:
        raise InputError(article.error)
    if article.data is not None:
        decoded = article_from_bytes(article.document, article.data)
        text, published = decoded.text, decoded.published
    elif isinstance(article.text, str):
        text, published = article.text, None
        if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
            raise InputError(f"{article.document}: too large (more than {MAX_BYTES:,} bytes)")
        if "\x00" in text:
            raise InputError(f"{article.document}: {NUL_TEXT}")
    else:
        raise InputError(f"{article.document}: 'text' is {type(article.text).__name__}, not a string")
    if not text.strip():
        raise InputError(f"{article.document}: empty article (no text)")
    return text, published


def _published(
    article: ArticleInput, text: str | None, page: str | None, default: str | None
) -> tuple[str | None, str | None, tuple[str, ...]]:
    """(date, where it came from, warnings): the input's own field (table column or sidecar), the HTML
    page's, the dateline's, else `default` (--published)."""
    warnings: tuple[str, ...] = ()
    if article.published not in (None, ""):
        if given := iso_date(article.published):
            return given, article.published_from, warnings
        warnings = (f"published {article.published!r} is not an ISO 8601 date or date-time; left out",)
    if page:
        return page, "page", warnings
    if text is not None and (dateline := stated_date(text)):
        return dateline.date, "dateline", warnings
    return default, ("option" if default else None), warnings


def ready(article: ArticleInput, default_published: str | None = None) -> Article:
    """`article` decoded, identified and dated; one that cannot be read keeps its error (a documents row
    with status error)."""
    try:
        text, page = _decode(article)
        error = None
    except InputError as failure:
        text, page, error = None, None, str(failure)
    published, source, warnings = _published(article, text, page, default_published)
    fallback = text if text is not None else repr(article.data or article.document)
    meta = ArticleMeta(
        _optional_text(article.id) or text_id(fallback),
        article.document,
        published,
        source,
        _optional_text(article.url),
        _optional_text(article.title),
        _optional_text(article.source),
        warnings,
        None if text is None else text_hash(text),
    )
    return Article(meta, text, error)


@dataclass(frozen=True, slots=True)
class Partition:
    """Consecutive articles of the input; `name` holds its number and a fingerprint of its content, so a
    rerun over the same input finds it already written (and its articles already in the datasets)."""

    index: int
    name: str
    articles: tuple[Article, ...]


def fingerprint(batch: Iterable[Article], salt: str) -> str:
    """A short hash of a partition's articles (and `salt`: the datasets' schema), stable across runs."""
    digest = hashlib.sha256(salt.encode())
    for article in batch:
        digest.update(repr(astuple(article)).encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return digest.hexdigest()[:12]


def partitions(items: Iterable[Article], size: int, salt: str = "") -> Iterator[Partition]:
    """`items` cut into partitions of `size` articles, numbered from 0."""
    iterator = iter(items)
    index = 0
    while batch := tuple(islice(iterator, size)):
        yield Partition(index, f"part-{index:06d}-{fingerprint(batch, salt)}", batch)
        index += 1

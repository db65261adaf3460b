"""Read articles for the CLIs and the dashboard: file/directory arguments, decoding (`geo.text.decoding`), HTML
to text.

Plain text is decoded exactly as read (no newline translation; a UTF-8 BOM is kept), so mention offsets
are Python string offsets into the decoded file. For HTML the offsets refer to the text extracted from it."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from bs4 import BeautifulSoup

from geo.text.decoding import UTF8, UndecodableError, decode

MAX_BYTES = 20 * 1024 * 1024
"""Largest article accepted (20 MiB); the geoparser reads long articles in pieces (`geo.text.chunking`)."""
ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
"""Files taken from a directory argument and the folders below it."""
HTML_SUFFIXES = (".html", ".htm")
HTML_START = re.compile(r"\ufeff?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL)
DROPPED_TAGS = ("script", "style", "noscript", "template")
BLOCK_TAGS = (
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tr",
    "ul",
    "title",
)
STDIN = "-"
HEADLINE_CHARS = 120


class InputError(Exception):
    """An article that cannot be read; the message names it."""


@dataclass(frozen=True, slots=True)
class Source:
    """Where an article is read from, and the name it goes by: its path below the directory argument it
    was found in ("2024/06/a.txt"), else its file name."""

    path: str
    name: str


@dataclass(frozen=True, slots=True)
class Article:
    """An article's name (file name, or "-" for stdin), its text, when an HTML page states it its
    publication date or date-time (ISO 8601), and the encoding its bytes were read in."""

    name: str
    text: str
    published: str | None = None
    encoding: str = UTF8


def expand_paths(arguments: Sequence[str]) -> list[Source]:
    """FILE and DIR arguments as a list of sources; a directory gives the articles in its tree, sorted by
    path; no argument means stdin ("-"). A missing path is kept, so that reading it reports the error in
    its place."""
    if not arguments:
        return [Source(STDIN, STDIN)]
    sources: list[Source] = []
    for argument in arguments:
        path = Path(argument)
        if argument != STDIN and path.is_dir():
            sources.extend(
                Source(str(p), p.relative_to(path).as_posix())
                for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
            )
        else:
            sources.append(Source(argument, path.name if argument != STDIN else STDIN))
    return sources


def is_html(name: str, text: str) -> bool:
    """HTML by extension, or by a document that starts like one."""
    return Path(name).suffix.lower() in HTML_SUFFIXES or bool(HTML_START.match(text[:4096]))


def iso_date(value: object) -> str | None:
    """`value` stripped when it is an ISO 8601 date or date-time ("2024-06-01", "2024-06-01T08:30:00Z"),
    else None."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    for parse in (date.fromisoformat, datetime.fromisoformat):
        try:
            parse(value)
            return value
        except ValueError:
            continue
    return None


def _published(soup: BeautifulSoup) -> str | None:
    """The page's publication date: its article:published_time meta tag, else its first <time datetime>."""
    meta = soup.find("meta", attrs={"property": "article:published_time"})
    time = soup.find("time", attrs={"datetime": True})
    return iso_date(meta.get("content") if meta else None) or iso_date(time["datetime"] if time else None)


def read_html(markup: str) -> tuple[str, str | None]:
    """The readable text of an HTML page (scripts and styles dropped, one line per block) and its
    publication date when it states one."""
    soup = BeautifulSoup(markup, "html.parser")
    published = _published(soup)
    for tag in soup.find_all(DROPPED_TAGS):
        tag.decompose()
    for tag in soup.find_all(BLOCK_TAGS):
        tag.insert_after("\n")
    lines = (" ".join(line.split()) for line in soup.get_text().splitlines())
    return "\n".join(line for line in lines if line), published


def headline(text: str) -> str:
    """What an article is listed by: its first non-blank line (an HTML page's <title>, which `read_html`
    puts first), whitespace collapsed, cut to HEADLINE_CHARS; "" for a blank text."""
    line = next((" ".join(line.split()) for line in text.removeprefix("\ufeff").splitlines() if line.strip()), "")
    return line if len(line) <= HEADLINE_CHARS else line[: HEADLINE_CHARS - 1].rstrip() + "…"


def article_from_bytes(name: str, data: bytes) -> Article:
    """Decode an article's bytes; raises InputError naming it when it is too big, binary or in no encoding
    found with confidence."""
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: too large ({len(data):,} bytes; the limit is {MAX_BYTES:,})")
    try:
        decoded = decode(data)
    except UndecodableError as error:
        raise InputError(f"{name}: {error}") from None
    if is_html(name, decoded.text):
        return Article(name, *read_html(decoded.text.removeprefix("\ufeff")), encoding=decoded.encoding)
    return Article(name, decoded.text, encoding=decoded.encoding)


def _read_limited(stream, name: str) -> bytes:
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: too large (more than {MAX_BYTES:,} bytes)")
    return data


def load_article(path: str | Path, name: str | None = None) -> Article:
    """Read one article from a file, or from stdin when `path` is "-"; errors are InputError naming the path.

    The article is named `name`, by default its file name alone, as the dashboard names the files it loads."""
    name, path = (name or Path(path).name), str(path)
    if path == STDIN:
        return article_from_bytes(STDIN, _read_limited(sys.stdin.buffer, STDIN))
    try:
        with open(path, "rb") as stream:
            data = _read_limited(stream, path)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror})") from None
    return replace(article_from_bytes(path, data), name=name)


def iter_articles(sources: Sequence[Source], on_error: Callable[[InputError], None]) -> Iterator[Article]:
    """Load `sources` lazily in order; an unreadable one is passed to `on_error` and skipped."""
    for source in sources:
        try:
            yield load_article(source.path, source.name)
        except InputError as error:
            on_error(error)


def require_text(article: Article) -> Article:
    """`article`, or InputError naming it when it holds no text (empty, white space only, or HTML with no
    readable text). The CLIs take an empty file as an empty article; adding one to the dashboard is refused."""
    if not article.text.strip():
        raise InputError(f"{article.name}: no text (empty or only white space); not added")
    return article

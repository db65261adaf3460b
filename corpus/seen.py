"""Which articles a run must skip: those the datasets already hold and those it has sent already, by id and
by the key of their normalised text (wire copies of one story under other ids). The client holds both sets,
about 100 bytes an article."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from corpus.articles import Article
from corpus.dataset import visible
from corpus.schema import DOCUMENTS

SAME_ID, SAME_TEXT = "same id", "same text"


class Seen:
    """The ids and text keys of the documents written below `root`, and of every article `repeat` let through."""

    def __init__(self, root: Path):
        self.ids: set[str] = set()
        self.texts: set[str] = set()
        if files := visible(root, DOCUMENTS):
            table = pq.read_table([str(f) for f in files], columns=["article_id", "text_hash"])
            self.ids.update(str(key) for key in table.column("article_id").to_pylist())
            self.texts.update(str(key) for key in table.column("text_hash").to_pylist() if key)

    def repeat(self, article: Article) -> str | None:
        """SAME_ID or SAME_TEXT when the article is one seen before; else None, and it is seen from now on."""
        key = article.meta.text_hash
        if article.meta.id in self.ids:
            return SAME_ID
        if key is not None and key in self.texts:
            return SAME_TEXT
        self.ids.add(article.meta.id)
        if key is not None:
            self.texts.add(key)
        return None

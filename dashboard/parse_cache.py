"""The parse cache that all dashboard sessions share: parsed articles by (name, text), so that reruns and
repeated uploads never parse again, bounded in entries and in bytes, least recently used out first.

A document's bytes are its pickled size, taken once when it is stored: a measure of what it holds that
does not depend on how Python lays it out (the objects in memory take a few times more)."""

from __future__ import annotations

import pickle
import threading
from collections import OrderedDict

from geo import ParsedDocument

MAX_ENTRIES = 256
MAX_BYTES = 256 * 2**20

Key = tuple[str, str]


class ParseCache:
    """At most `max_entries` documents and `max_bytes` pickled bytes; the document stored last is kept even
    when it alone is larger, so that the article being read is never parsed again on every rerun."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES):
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self._docs: OrderedDict[Key, tuple[ParsedDocument, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()  # sessions run on threads of their own

    def get(self, key: Key) -> ParsedDocument | None:
        with self._lock:
            entry = self._docs.get(key)
            if entry is None:
                return None
            self._docs.move_to_end(key)
            return entry[0]

    def put(self, key: Key, doc: ParsedDocument) -> None:
        size = len(pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL))
        with self._lock:
            if key in self._docs:
                self._bytes -= self._docs.pop(key)[1]
            self._docs[key] = (doc, size)
            self._bytes += size
            while len(self._docs) > 1 and (len(self._docs) > self.max_entries or self._bytes > self.max_bytes):
                _, (_, dropped) = self._docs.popitem(last=False)
                self._bytes -= dropped

    def __len__(self) -> int:
        return len(self._docs)

    @property
    def bytes(self) -> int:
        return self._bytes

"""How `geo parse --jobs N` cuts its input into tasks: full spaCy batches while the input lasts, shrinking
ones at the end so that the workers finish together, every article once and in order."""

from geo.run.parallel import SMALLEST_BATCH, _batches


def test_batches_keep_every_article_in_order_and_shrink_at_the_end():
    items = list(range(200))
    sizes = [len(batch) for batch in _batches(iter(items), 32, 2)]
    assert [item for batch in _batches(iter(items), 32, 2) for item in batch] == items
    assert sizes[:5] == [32] * 5
    tail = sizes[5:]
    assert tail == sorted(tail, reverse=True) and min(tail) >= SMALLEST_BATCH and max(tail) < 32


def test_a_short_input_is_split_between_the_workers():
    sizes = [len(batch) for batch in _batches(iter(range(20)), 32, 2)]
    assert sum(sizes) == 20 and len(sizes) >= 2 and max(sizes) <= 5

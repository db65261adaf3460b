"""docs/benchmarks.md is what `make bench` writes (benchmarks/__main__.py), never a page edited by hand:
the prose of benchmarks/about.md and the table of the last run in benchmarks/results.md."""

from __future__ import annotations

import pytest

from benchmarks import __main__ as bench


def test_results_page_reads_back_as_written():
    text = bench.RESULTS.read_text(encoding="utf-8")
    rows, date, machine = bench.parse_results(text)
    assert len(rows) > 20 and all(len(row) == len(bench.HEADER) for row in rows)
    assert bench.markdown(rows, date, machine) == text


def test_docs_page_is_the_prose_and_the_latest_table():
    rows, date, machine = bench.parse_results(bench.RESULTS.read_text(encoding="utf-8"))
    about = bench.ABOUT.read_text(encoding="utf-8")
    page = bench.DOCS_PAGE.read_text(encoding="utf-8")
    assert page == bench.docs_page(rows, date, machine, about)
    assert f"## Latest results, {date}" in page and machine in page


def test_a_page_without_title_or_machine_is_refused():
    with pytest.raises(ValueError, match="no title or machine"):
        bench.parse_results("| conflict | x | 1 | | |\n")


def test_a_run_of_some_suites_replaces_only_their_rows_in_place():
    rows, _, _ = bench.parse_results(bench.RESULTS.read_text(encoding="utf-8"))
    suites = list(dict.fromkeys(row[0] for row in rows))
    middle = suites[len(suites) // 2]
    new = [(middle, "a new measure", "1 s", "", ""), ("brand_new", "another", "2 s", "", "")]
    replaced = bench._replaced(rows, new)
    assert [row for row in replaced if row[0] != middle][:-1] == [row for row in rows if row[0] != middle]
    assert replaced[-1] == new[1] and [row for row in replaced if row[0] == middle] == [new[0]]
    assert list(dict.fromkeys(row[0] for row in replaced)) == [*suites, "brand_new"]

"""Event dates of strike targets: phrases read relative to the publication date (geo.dates), and carried by
geo.parse's strike-target mentions."""

from __future__ import annotations

import pytest

import geo
from geo.dates.event_dates import EventDate, event_date

TUESDAY_2_DECEMBER = "2025-12-02"


@pytest.mark.parametrize(
    ("sentence", "date", "phrase"),
    [
        # relative weekdays reach back across the month boundary
        ("Russian drones struck Kharkiv on Monday, officials said.", "2025-12-01", "on Monday"),
        ("Drones hit the Engels air base on Friday night.", "2025-11-28", "on Friday night"),
        ("Yesterday a missile hit the Belaya air base.", "2025-12-01", "Yesterday"),
        ("Drones hit Kyiv last night.", "2025-12-01", "last night"),
        ("Two days ago, drones hit Odesa.", "2025-11-30", "Two days ago"),
        ("Ukraine attacked the Olenya base last weekend.", "2025-11-29", "last weekend"),
        # explicit dates: without a year, the latest one not after publication
        ("The strike on 5 December destroyed two bombers.", "2024-12-05", "on 5 December"),
        ("The strike on 1 December destroyed two bombers.", "2025-12-01", "on 1 December"),
        ("In August 2023 drones hit Olenya, 1,800 km from Kyiv.", "2023-08-01", "In August 2023"),
    ],
)
def test_a_date_in_the_sentence_is_the_event_date(sentence, date, phrase):
    assert event_date(sentence, TUESDAY_2_DECEMBER) == EventDate(date, phrase, "text")


def test_a_publication_date_time_with_offset_counts_by_its_calendar_date():
    assert event_date("Drones struck Ivanovo on Sunday.", "2025-12-01T08:00:00+02:00") == EventDate(
        "2025-11-30", "on Sunday", "text"
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Drones struck the port of Odesa, and may strike again.",  # "may" is no month
        "The second wave hit Kyiv at 3 am.",  # a time is no day
        "The 2022 invasion brought strikes on Kharkiv.",  # a year is too coarse
        "The strike on 5 December 2025 destroyed two bombers.",  # after publication: no past event
        "Drones struck the Dyagilevo air base.",
    ],
)
def test_without_a_usable_date_the_publication_date_stands_in(sentence):
    assert event_date(sentence, TUESDAY_2_DECEMBER) == EventDate(TUESDAY_2_DECEMBER, None, "published")


def test_without_a_publication_date_only_absolute_dates_count():
    assert event_date("In August 2023 drones hit Olenya.", None) == EventDate("2023-08-01", "In August 2023", "text")
    assert event_date("On 3 March 2024 drones hit Olenya.", None) == EventDate("2024-03-03", "On 3 March 2024", "text")
    assert event_date("Yesterday drones hit Olenya.", None) == EventDate()
    assert event_date("On Monday drones hit Olenya.", None) == EventDate()
    assert event_date("Drones hit Olenya.", "not a date") == EventDate()


def test_parse_dates_strike_targets_only():
    text = (
        "Russian drones struck Kharkiv on Monday, the mayor said. "
        "The mayor of Lviv said on Sunday that the city was calm."
    )
    doc = geo.parse(text, "dated.txt", published=TUESDAY_2_DECEMBER)
    kharkiv = next(m for m in doc.places if m.text == "Kharkiv")
    assert (kharkiv.role, kharkiv.event_date, kharkiv.event_date_text, kharkiv.event_date_source) == (
        "strike_target",
        "2025-12-01",
        "on Monday",
        "text",
    )
    lviv = next(m for m in doc.places if m.text == "Lviv")
    assert lviv.role != "strike_target" and (lviv.event_date, lviv.event_date_source) == (None, "")
    undated = geo.parse(text, "undated.txt")
    assert next(m for m in undated.places if m.text == "Kharkiv").event_date is None

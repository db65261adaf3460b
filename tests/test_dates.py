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


@pytest.mark.parametrize(
    ("text", "date", "phrase"),
    [
        ("Strikes hit Kharkiv\nKHARKIV, June 4, 2025 (Reuters) - Drones hit.", "2025-06-04", "June 4, 2025"),
        ("Title\n4 Sept. 2024 — Drones hit.", "2024-09-04", "4 Sept. 2024"),
        ("Title\nLONDON, 2025-02-30 -\nOn 2025-03-01 drones hit.", "2025-03-01", "On 2025-03-01"),
        (
            "Drones hit Odesa\nBy A. Writer\nPublished 6 June 2025\nDrones hit Odesa on Tuesday.",
            "2025-06-06",
            "6 June 2025",
        ),
        ("Headline\nLast updated: Wed 4 Jun 2025 10.32 BST\nDrones hit Odesa.", "2025-06-04", "Wed 4 Jun 2025"),
        # "Published" wins over "Updated", wherever each stands in the first lines
        (
            "Headline\nBy A. Writer\nUpdated 8 June 2025 10:00 GMT\nPublished 6 June 2025\nText.",
            "2025-06-06",
            "6 June 2025",
        ),
    ],
)
def test_the_publication_date_a_text_states_near_its_top(text, date, phrase):
    stated = geo.stated_date(text)
    assert stated is not None and (stated.date, text[stated.start : stated.end]) == (date, phrase)


@pytest.mark.parametrize(
    "text",
    [
        "Title\nDrones hit on May 4.\nOfficials said.\nIn June 3, 2024 ...",  # no year, then too far down
        "Drones hit Odesa on Tuesday.\nOfficials said so in June 2025.",  # a month is no day
    ],
)
def test_no_full_date_near_the_top_states_no_publication_date(text):
    assert geo.stated_date(text) is None


def test_a_dateline_dates_an_article_given_no_date_and_its_relative_days():
    doc = geo.parse(
        "Drones hit Odesa and Dnipro\n"
        "ODESA, Ukraine, June 4, 2025 (Reuters) - Russian drones struck Odesa on Tuesday, officials said.\n"
        "Yesterday a missile hit Dnipro, the governor said."
    )
    assert doc.published == "2025-06-04"
    dated = {m.text: (m.event_date, m.event_date_text) for m in doc.places if m.role == "strike_target"}
    assert dated["Odesa"] == ("2025-06-03", "on Tuesday")
    assert dated["Dnipro"] == ("2025-06-03", "Yesterday")


def test_a_date_the_input_gives_wins_over_the_text_s():
    doc = geo.parse("Published 6 June 2025\nDrones hit Odesa last night.", published="2025-06-10")
    assert doc.published == "2025-06-10"
    assert [m.event_date for m in doc.places if m.text == "Odesa"] == ["2025-06-09"]


def test_the_dateline_s_day_is_when_the_article_was_filed_not_the_strike_s():
    doc = geo.parse("KYIV, June 6, 2025 (Reuters) - Russian drones struck Kyiv on the night of June 5, officials said.")
    (kyiv,) = [m for m in doc.places if m.role == "strike_target"]
    assert (doc.published, kyiv.event_date, kyiv.event_date_text) == (
        "2025-06-06",
        "2025-06-05",
        "on the night of June 5",
    )


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("Drones struck Kharkiv during the night of June 4-5.", "night of June 4-5"),
        ("Drones struck Kharkiv on the night of 4/5 June.", "night of 4/5 June"),
        ("On the night of June 4 to June 5 drones struck Kharkiv.", "night of June 4 to June 5"),
        ("Drones struck Kharkiv overnight on 4–5 June.", "overnight on 4–5 June"),
    ],
)
def test_a_night_across_two_days_is_the_day_it_ran_into(sentence, phrase):
    assert event_date(sentence, "2025-06-06") == EventDate("2025-06-05", phrase, "text")

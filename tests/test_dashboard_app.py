"""The dashboard's logic through Streamlit's AppTest, and its HTML builders on hostile text."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import geo
from dashboard.article_view import article_html
from dashboard.basemap import country_outlines
from dashboard.mapview import base_map, marker_of, overlay, place_popup
from dashboard.places import places_from
from geo.output.geojson import feature_collection

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "dashboard" / "app.py")
STRIKE_TARGETS = ("Belaya", "Dyagilevo", "Ivanovo", "Olenya", "Kharkiv")
XSS = "Drones hit Odesa. <script>alert(1)</script> Then <img src=x onerror=alert(1)> fires burned in Odesa."


@pytest.fixture(scope="module")
def app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=300)
    at.session_state["page_complete"] = True  # as the page's watcher reports once the browser has drawn the map
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.dataframe
    return at


def frame_with(at: AppTest, column: str):
    """The first dataframe on the page that has this column (places: "role", candidates: "score")."""
    return next(df.value for df in at.dataframe if column in df.value.columns)


def open_tab(at: AppTest, label: str) -> AppTest:
    """The page with the tab `label` open under the map (only the open tab is drawn)."""
    if "view_tab" not in at.session_state or at.session_state["view_tab"] != label:
        at.session_state["view_tab"] = label
        at.run()
    return at


def places_table(at: AppTest):
    return frame_with(open_tab(at, "Places"), "role")


def claims_table(at: AppTest):
    return frame_with(open_tab(at, "Distance claims"), "verdict")


def test_only_the_open_tab_is_drawn(app):
    open_tab(app, "Places")
    assert [t.label for t in app.tabs] == ["Places", "Distance claims", "Strikes per day", "Article", "Export"]
    assert not any("verdict" in df.value.columns for df in app.dataframe)
    assert not app.get("download_button")
    open_tab(app, "Export")
    assert not any("role" in df.value.columns for df in app.dataframe)
    assert len(app.get("download_button")) == 2


def test_samples_load_with_places_and_claims(app):
    assert app.metric[0].value == str(len(list((ROOT / "data" / "articles").glob("*.txt"))))
    places = places_table(app)
    targets = places[places["role"] == "strike_target"]["name"].tolist()
    for target in STRIKE_TARGETS:
        assert any(name.startswith(target) for name in targets), (target, targets)
    claims = claims_table(app)
    assert len(claims) == 5
    assert set(claims["verdict"]) == {"consistent"}
    assert sorted(claims["subject"].str.split().str[0]) == ["Belaya", "Belaya", "Dyagilevo", "Ivanovo", "Olenya"]


def test_distance_from_origin_column_uses_the_geodesic(app):
    places = places_table(app)
    column = "km from Kyiv"
    assert column in places.columns
    dyagilevo = places[places["name"].str.startswith("Dyagilevo")][column].iloc[0]
    assert dyagilevo == pytest.approx(770, rel=0.01)
    app.text_input(key="origin_name").set_value("Moscow").run()
    moved = places_table(app)
    assert "km from Moscow" in moved.columns
    assert moved[moved["name"].str.startswith("Dyagilevo")]["km from Moscow"].iloc[0] < 300
    app.text_input(key="origin_name").set_value("Kyiv").run()


def test_role_and_kind_filters_narrow_the_places(app):
    everything = places_table(app)
    app.multiselect(key="role_filter").set_value(["strike_target"]).run()
    targets = places_table(app)
    assert 5 <= len(targets) < len(everything)
    assert set(targets["role"]) == {"strike_target"}
    app.multiselect(key="kind_filter").set_value(["airbase"]).run()
    bases = places_table(app)
    assert set(bases["kind"]) == {"airbase"} and len(bases) >= 4
    app.multiselect(key="role_filter").set_value(list(geo.model.ROLES)).run()
    app.multiselect(key="kind_filter").set_value(sorted(set(everything["kind"]))).run()
    assert len(places_table(app)) == len(everything)


def test_article_selection_drops_claims(app):
    all_articles = list(app.multiselect(key="article_select").value)
    without_claims = [name for name in all_articles if "001_" not in name]
    app.multiselect(key="article_select").set_value(without_claims).run()
    assert len(claims_table(app)) == 0
    assert not any(places_table(app)["name"].str.startswith("Olenya"))
    app.multiselect(key="article_select").set_value(all_articles).run()
    assert len(claims_table(app)) == 5


def test_pasted_article_adds_places(app):
    before = set(places_table(app)["name"])
    app.text_area(key="pasted_text").set_value("Russian drones struck the port city of Odesa overnight.")
    app.button[0].click().run()
    assert not app.exception
    after = places_table(app)
    added = set(after["name"]) - before
    assert any(name.startswith("Odesa") for name in added), added
    assert "pasted.txt" in app.multiselect(key="article_select").value


def test_a_blank_paste_is_refused_with_a_message(app):
    articles = app.metric[0].value
    app.text_area(key="pasted_text").set_value(" \n\t  \n")
    app.button[0].click().run()
    assert not app.exception
    assert [e.value.replace("\\", "") for e in app.sidebar.error] == [  # the message is escaped markdown
        "The pasted text: no text (empty or only white space); not added"
    ]
    assert app.metric[0].value == articles


def test_selecting_a_place_shows_why_and_candidates(app):
    places = places_table(app)
    belaya = places[places["name"].str.startswith("Belaya")]["id"].iloc[0]
    app.selectbox(key="place_select").set_value(belaya).run()
    assert not app.exception
    shown = "\n".join(m.value for m in app.markdown)
    assert "Why this place" in shown
    candidates = frame_with(app, "score")
    assert len(candidates) >= 2 and candidates["score"].is_monotonic_decreasing


def test_article_html_escapes_everything():
    doc = geo.parse(XSS, document="<b>x</b>.txt")
    rendered = article_html(doc)
    assert "<script>" not in rendered and "<img" not in rendered
    assert html.escape("<script>alert(1)</script>") in rendered
    assert rendered.count("<mark") == sum(1 for _ in doc.places)


def test_popups_escape_sentences_and_map_loads_only_local_assets():
    doc = geo.parse(XSS, document="xss.txt")
    places = places_from(feature_collection([doc], []), [doc])
    assert places, "the parser should find Odesa"
    popup = place_popup(places[0])
    assert "<script" not in popup and "<img" not in popup
    assert html.escape("<img src=x onerror=alert(1)>") in popup
    m = base_map()
    overlay([marker_of(p) for p in places], []).add_to(m)
    page = m.get_root().render()
    urls = re.findall(r"""(?:src|href)=["']([^"']+)""", page)
    assert urls and all(url.startswith("/app/static/") for url in urls), urls
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "Odesa" in page and len(page) < 50_000  # the outlines are a static file, not part of the page


def test_the_base_map_is_the_same_script_whatever_the_markers():
    """st_folium keys its iframe on the base map's script: it must not change when the places do."""
    from streamlit_folium import _get_map_string

    scripts = set()
    for text in ("Drones hit Odesa.", "Drones hit Kharkiv and Lviv."):
        doc = geo.parse(text)
        m = base_map()
        m.get_root().render()
        scripts.add(_get_map_string(m))
        overlay([marker_of(p) for p in places_from(feature_collection([doc], []), [doc])], []).add_to(m)
    assert len(scripts) == 1
    assert "GeoNames" in next(iter(scripts)) and "CC BY 4.0" in next(iter(scripts))


def _map_place(block, path=()) -> tuple | None:
    """Where the map (the page's custom component) sits in the element tree, as child indexes."""
    for index, child in block.children.items():
        if getattr(child, "type", None) == "component_instance":
            return (*path, index)
        found = _map_place(child, (*path, index)) if hasattr(child, "children") else None
        if found:
            return found
    return None


def test_the_map_keeps_its_place_when_the_first_run_showed_a_progress_bar_and_when_the_page_completes():
    """Streamlit makes a new iframe for an element that moved: the browser would load the map again."""
    st.cache_resource.clear()  # the samples are parsed afresh, with a progress bar, on the first run
    at = AppTest.from_file(APP, default_timeout=300)
    at.run()
    first = _map_place(at.main)
    assert at.get("progress") or at.get("empty"), "the first run parsed the samples without showing progress"
    assert not at.dataframe and not at.tabs and not at.sidebar.multiselect, "the first run sent more than the map"
    at.run()
    assert first is not None and _map_place(at.main) == first
    at.session_state["page_complete"] = True  # the browser has drawn the map: the rest of the page follows
    at.run()
    assert not at.exception and at.dataframe and at.tabs and at.sidebar.multiselect
    assert _map_place(at.main) == first


def test_tighter_tolerance_changes_the_verdict(app):
    app.number_input(key="tol_plain").set_value(0.005).run()
    claims = claims_table(app)
    dyagilevo = claims[claims["subject"].str.startswith("Dyagilevo")]
    assert list(dyagilevo["verdict"]) == ["inconsistent"]
    assert app.metric[4].value == str((claims["verdict"] == "inconsistent").sum())
    app.number_input(key="tol_plain").set_value(0.10).run()
    assert set(claims_table(app)["verdict"]) == {"consistent"}


def test_offline_basemap_is_natural_earth_countries():
    outlines = country_outlines()
    names = {f["properties"]["name"] for f in outlines["features"]}
    assert len(outlines["features"]) > 200 and {"Ukraine", "Russia", "France"} <= names
    assert {f["geometry"]["type"] for f in outlines["features"]} <= {"Polygon", "MultiPolygon"}
    assert len(json.dumps(outlines)) < 1_500_000


def test_the_counts_follow_the_role_and_kind_filters(app):
    app.multiselect(key="role_filter").set_value(["strike_target"]).run()
    shown = places_table(app)
    assert app.metric[1].label == "Places" and app.metric[1].value == str(len(shown))
    assert app.metric[2].value == str(len(shown))
    app.multiselect(key="role_filter").set_value(list(geo.model.ROLES)).run()
    assert app.metric[1].value == str(len(places_table(app)))


def test_distance_from_refuses_a_name_it_cannot_resolve(app):
    app.text_input(key="origin_name").set_value("Xyzzy").run()
    warnings = [w.value.replace("\\", "") for w in app.warning]
    assert any("“Xyzzy” is no gazetteer name as written; no distance column." in w for w in warnings), warnings
    assert not any(c.startswith("km from") for c in places_table(app).columns)
    app.text_input(key="origin_name").set_value("kharkiv").run()
    assert "km from Kharkiv" in places_table(app).columns
    app.text_input(key="origin_name").set_value("Kyiv").run()


def test_a_from_after_to_date_range_says_so(app):
    import datetime as dt

    app.session_state["date_from"] = dt.date(2025, 6, 6)  # as the date inputs hold them (the samples have no dates)
    app.session_state["date_to"] = dt.date(2025, 6, 1)
    app.run()
    assert any("From (2025-06-06) is after To (2025-06-01)" in w.value for w in app.warning), app.warning
    app.session_state["date_from"] = app.session_state["date_to"] = None
    app.run()
    assert not any("is after To" in w.value for w in app.warning)


def _claim_lines_drawn(at: AppTest) -> int:
    """The claim lines in the map's overlay (the feature group st_folium swaps in): one "parts" list each."""
    (map_args,) = [
        json.loads(c.proto.json_args) for c in at.get("component_instance") if "feature_group" in c.proto.json_args
    ]
    return map_args["feature_group"].count('"parts"')


def test_claim_lines_go_with_their_subjects_when_the_filters_drop_them(app):
    assert _claim_lines_drawn(app) == 5
    app.multiselect(key="kind_filter").set_value([k for k in geo.model.MENTION_KINDS if k != "airbase"]).run()
    assert _claim_lines_drawn(app) == 0
    app.multiselect(key="kind_filter").set_value(list(geo.model.MENTION_KINDS)).run()
    assert _claim_lines_drawn(app) == 5


def test_a_paste_over_the_upload_limit_is_refused_in_a_plain_sentence(app):
    articles = app.metric[0].value
    app.text_area(key="pasted_text").set_value("Drones struck Kharkiv. " * 900_000)  # 20.7 MB
    app.button[0].click().run()
    assert [e.value.replace("\\", "") for e in app.sidebar.error] == [
        "The pasted text is 20.7 MB; an article may have 20 MB at most. Not added."
    ]
    assert app.metric[0].value == articles


ENGELS = (
    "Drones hit the Engels air base and an oil terminal\n"
    "Ukrainian drones struck the Engels air base in Russia's Saratov region overnight, about 800 km from Sumy, the "
    "regional governor said.\n"
)


def test_a_place_history_has_one_report_per_article_and_no_none_cells(app):
    app.text_area(key="pasted_text").set_value(ENGELS)
    app.text_input(key="pasted_name").set_value("engels-history.txt")
    app.button[0].click().run()
    place_id = next(k for k in app.session_state["shown_markers"] if k.label.startswith("Engels")).id
    app.selectbox(key="place_select").set_value(place_id).run()
    assert any(c.value == "1 report(s) of a strike on this place in the date range." for c in app.caption)
    history = frame_with(app, "date from")
    assert len(history) == 1 and history.iloc[0]["title"] == "Drones hit the Engels air base and an oil terminal"
    assert "None" not in history.astype(str).to_numpy(), history


def test_the_tables_name_articles_by_headline_not_by_file_name(app):
    samples = {p.name: geo.headline(p.read_text(encoding="utf-8")) for p in (ROOT / "data" / "articles").glob("*.txt")}
    places, claims = places_table(app), claims_table(app)
    cells = [*places["articles"], *claims["article"]]
    assert not any(name in cell for name in samples for cell in cells)
    assert set(samples.values()) <= {title for cell in places["articles"] for title in cell.split("; ")}

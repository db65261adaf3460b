"""The evaluation harness: corpus readers for both formats, the metrics, and a run on GeoWebNews."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from geo.claims.check import geodesic_km
from geo.evaluate.scoring import (
    UNRESOLVED_KM,
    GoldDocument,
    GoldToponym,
    evaluate,
    is_demonym,
    main,
    metrics,
    read_corpus,
    score_document,
    without_demonyms,
)
from geo.model import ParsedDocument, PlaceMention

GWN = Path(__file__).resolve().parents[2] / "shared" / "eval" / "GWN.xml"
TEXT = "Kyiv and Paris and Springfield &amp; Lviv."
PLAIN = TEXT.replace("&amp;", "&")

GWN_XML = f"""<?xml version="1.0" ?>
<articles><article file="7"><title>t</title><text>{TEXT}</text><toponyms>
<toponym><extractedName>Kyiv</extractedName><type>Literal</type><start>0</start><end>4</end>
  <latitude>50.45466</latitude><longitude>30.5238</longitude></toponym>
<toponym><extractedName>Paris</extractedName><type>Metonymic</type><start>9</start><end>14</end>
  <latitude>48.85341</latitude><longitude>2.3488</longitude></toponym>
<toponym><extractedName>Springfield</extractedName><type>Mixed</type><start>19</start><end>30</end>
  <latitude>39.80172</latitude><longitude>-89.64371</longitude></toponym>
<toponym><extractedName>Lviv</extractedName><type>Literal</type><start>33</start><end>37</end>
  <latitude/><longitude/></toponym>
<toponym><extractedName>and</extractedName><type>Demonym</type><start>5</start><end>8</end>
  <latitude>1</latitude><longitude>1</longitude></toponym>
</toponyms></article></articles>"""

LGL_XML = f"""<?xml version="1.0" encoding="utf-8"?>
<articles><article docid="38543"><feedid>1</feedid><title>t</title><url>u</url><text>{TEXT}</text><toponyms>
<toponym><start>0</start><end>4</end><phrase>Kyiv</phrase><gaztag geonameid="703448"><name>Kyiv</name>
  <lat>50.45466</lat><lon>30.5238</lon></gaztag></toponym>
<toponym><start>9</start><end>14</end><phrase>Paris</phrase><gaztag geonameid="2988507"><name>Paris</name>
  <lat>48.85341</lat><lon>2.3488</lon></gaztag></toponym>
<toponym><start>19</start><end>30</end><phrase>Springfield</phrase><gaztag geonameid="4250542">
  <lat>39.80172</lat><lon>-89.64371</lon></gaztag></toponym>
<toponym><start>33</start><end>37</end><phrase>Lviv</phrase></toponym>
</toponyms></article></articles>"""


def mention(start: int, end: int, at: tuple[float, float] | None) -> PlaceMention:
    return PlaceMention(
        text=PLAIN[start:end],
        start=start,
        end=end,
        id="x" if at else None,
        name=None,
        kind=None,
        lat=at[0] if at else None,
        lon=at[1] if at else None,
        country=None,
        admin1=None,
        confidence=1.0,
        role="mention",
        attacker=None,
        sentence="",
        sentence_start=0,
        sentence_end=0,
    )


@pytest.mark.parametrize(("xml", "kind", "name"), [(GWN_XML, "GeoWebNews", "7"), (LGL_XML, "LGL/TR-News", "38543")])
def test_both_formats_read_the_same_gold(tmp_path, xml, kind, name):
    path = tmp_path / "corpus.xml"
    path.write_text(xml, encoding="utf-8")
    found_kind, (doc,) = read_corpus(path)
    assert (found_kind, doc.name, doc.text) == (kind, name, PLAIN)
    assert [(t.text, t.start, t.end) for t in doc.toponyms] == [
        ("Kyiv", 0, 4),
        ("Paris", 9, 14),
        ("Springfield", 19, 30),
    ]
    assert doc.toponyms[0].lat == 50.45466 and doc.toponyms[2].lon == -89.64371


def _scored(tmp_path):
    path = tmp_path / "gwn.xml"
    path.write_text(GWN_XML, encoding="utf-8")
    _, (gold,) = read_corpus(path)
    predicted = (
        mention(0, 4, (50.45, 30.52)),  # Kyiv: exact, correct
        mention(5, 8, None),  # "and": false positive, unresolved
        mention(9, 18, (48.86, 2.35)),  # "Paris and": overlaps Paris only, correct place
        mention(19, 30, (42.1015, -72.5898)),  # Springfield: exact, the wrong Springfield
    )
    return gold, score_document(gold, ParsedDocument("7", PLAIN, places=predicted))


def test_document_score_pairs_spans_one_to_one(tmp_path):
    gold, score = _scored(tmp_path)
    assert (score.gold, score.predicted) == (3, 4)
    assert [m.gold.text for m in score.exact] == ["Kyiv", "Springfield"]
    assert [m.gold.text for m in score.lenient] == ["Kyiv", "Paris", "Springfield"]
    assert [p.text for p in score.false_positives] == ["and", "Paris and"]
    assert [g.text for g in score.false_negatives] == ["Paris"]
    assert score.exact[1].error_km == pytest.approx(geodesic_km(39.80172, -89.64371, 42.1015, -72.5898))


def test_metrics(tmp_path):
    _, score = _scored(tmp_path)
    m = metrics([score], seconds=2.0)
    assert (m.documents, m.gold, m.predicted) == (1, 3, 4)
    assert (m.precision, m.recall) == (0.5, pytest.approx(2 / 3)) and m.f1 == pytest.approx(4 / 7)
    assert (m.lenient_precision, m.lenient_recall, m.lenient_f1) == (0.75, 1.0, pytest.approx(6 / 7))
    assert m.accuracy_161_matched == 0.5 and m.accuracy_161_end_to_end == pytest.approx(1 / 3)
    assert m.lenient_accuracy_161_end_to_end == pytest.approx(2 / 3)
    errors = [e.error_km for e in score.exact]
    assert m.median_error_km == pytest.approx(sum(errors) / 2) and m.documents_per_second == 0.5
    empty = metrics([], 1.0)
    assert (empty.f1, empty.accuracy_161_end_to_end, empty.median_error_km) == (0.0, 0.0, None)


def test_unresolved_matches_count_as_wrong(tmp_path):
    path = tmp_path / "gwn.xml"
    path.write_text(GWN_XML, encoding="utf-8")
    _, (gold,) = read_corpus(path)
    score = score_document(gold, ParsedDocument("7", PLAIN, places=(mention(0, 4, None),)))
    assert score.exact[0].error_km == UNRESOLVED_KM
    assert metrics([score], 1.0).accuracy_161_matched == 0.0


def test_real_parser_on_a_tiny_corpus_and_errors_file(tmp_path, capsys):
    path = tmp_path / "lgl.xml"
    path.write_text(LGL_XML, encoding="utf-8")
    errors = tmp_path / "errors.jsonl"
    assert main([str(path), "--errors", str(errors), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["documents"] == 1 and result["gold"] == 3 and result["predicted"] >= 1
    records = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert all(
        r["document"] == "38543" and r["error"] in {"false_positive", "false_negative", "far", "unresolved"}
        for r in records
    )
    assert main([str(tmp_path / "missing.xml")]) == 2


@pytest.mark.skipif(not GWN.exists(), reason="GeoWebNews is not at ../shared/eval/GWN.xml")
def test_harness_on_geowebnews_sample():
    kind, docs = read_corpus(GWN)
    assert kind == "GeoWebNews" and len(docs) == 200
    sample: list[GoldDocument] = docs[:20]
    for doc in sample:
        assert all(doc.text[t.start : t.end] for t in doc.toponyms)
    errors: list[dict] = []
    m = evaluate(sample, errors)
    assert m.documents == 20 and m.gold == sum(len(d.toponyms) for d in sample) > 100
    assert 0.3 < m.precision <= 1 and 0.3 < m.recall <= 1 and m.lenient_f1 >= m.f1
    assert 0.2 < m.accuracy_161_end_to_end <= m.accuracy_161_matched <= 1
    assert m.median_error_km is not None and m.documents_per_second > 0
    assert {e["error"] for e in errors} >= {"false_positive", "false_negative"}


def test_overlap_matching_prefers_the_exact_span(tmp_path):
    path = tmp_path / "gwn.xml"
    path.write_text(GWN_XML, encoding="utf-8")
    _, (gold,) = read_corpus(path)
    predicted = (mention(0, 2, None), mention(0, 4, (50.45, 30.52)))
    score = score_document(gold, ParsedDocument("7", PLAIN, places=predicted))
    assert [(m.predicted.start, m.predicted.end) for m in score.lenient] == [(0, 4)]
    assert metrics([score], 1.0).lenient_accuracy_161_end_to_end == pytest.approx(1 / 3)


def test_gazetteer_ceiling_counts_names_some_entry_places_close_enough():
    from geo.evaluate.scoring import GoldToponym, gazetteer_ceiling

    text = "Kyiv, Lake Manassas and Zzyzqx Street, Paris."
    gold = (
        GoldToponym(0, 4, "Kyiv", 50.45466, 30.5238),
        GoldToponym(6, 19, "Lake Manassas", 38.77, -77.55),
        GoldToponym(24, 37, "Zzyzqx Street", 29.96, -90.06),
        GoldToponym(39, 44, "Paris", -33.0, 151.0),
    )
    assert gazetteer_ceiling([GoldDocument("d", text, gold)]) == 0.5


def test_json_output_carries_the_ceiling_when_asked(tmp_path, capsys):
    path = tmp_path / "lgl.xml"
    path.write_text(LGL_XML, encoding="utf-8")
    assert main([str(path), "--json"]) == 0
    assert "ceiling" not in json.loads(capsys.readouterr().out)
    assert main([str(path), "--json", "--ceiling"]) == 0
    assert 0.0 <= json.loads(capsys.readouterr().out)["ceiling"] <= 1.0


def test_figures_without_demonyms_leave_them_out_of_gold_and_predictions(tmp_path, capsys):
    text = "Syrian and European troops left Aleppo for Homs."
    gold = GoldDocument(
        "d",
        text,
        (
            GoldToponym(0, 6, "Syrian", 35.0, 38.0),
            GoldToponym(11, 19, "European", 48.7, 9.1),
            GoldToponym(32, 38, "Aleppo", 36.20124, 37.16117),
            GoldToponym(43, 47, "Homs", 34.72682, 36.72339),
        ),
    )
    parsed = ParsedDocument("d", text, places=(_mention_in(text, 0, 6), _mention_in(text, 32, 38, (36.2, 37.16))))
    assert [is_demonym(w) for w in ("Syrian", "European", "Aleppo", "Kurdish", "Homs")] == [1, 1, 0, 1, 0]
    whole = metrics([score_document(gold, parsed)], 1.0, [score_document(*without_demonyms(gold, parsed))])
    assert (whole.gold, whole.predicted, whole.recall) == (4, 2, 0.5)
    rest = whole.without_demonyms
    assert rest is not None and (rest.gold, rest.predicted, rest.recall, rest.precision) == (2, 1, 0.5, 1.0)
    path = tmp_path / "lgl.xml"
    path.write_text(LGL_XML, encoding="utf-8")
    assert main([str(path)]) == 0
    assert "without demonyms (3 gold" in capsys.readouterr().out


def _mention_in(text: str, start: int, end: int, at: tuple[float, float] | None = None) -> PlaceMention:
    return replace(mention(start, end, at), text=text[start:end])

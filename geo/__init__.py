"""Strike Map's geoparser: `parse` turns an article into typed, resolved places and distance claims.

This module is geo's public API: everything `dashboard/`, `corpus/` and `benchmarks/` use of geo is
imported from here (`from geo import parse, check_claims`), never from a stage's modules, so the stages
(geo/text, recognition, resolution, roles, claims, dates, output, run, evaluate) can be rearranged
without touching them. The command line is `python -m geo` (geo/run/cli.py), not a function of the API."""
from geo.claims.check import Tolerances, check_claims, claimed_text, geodesic_km, shown_distance
from geo.dates.event_dates import EventDate, event_date, mention_day, strike_days, within
from geo.evaluate.scoring import read_corpus
from geo.model import (
    MENTION_KINDS,
    ROLES,
    SITE_IN_PLACE,
    VERDICTS,
    Candidate,
    ClaimCheck,
    DistanceClaim,
    NoiseRun,
    ParsedDocument,
    PlaceMention,
)
from geo.nlp import COMPONENTS
from geo.nlp import pipeline as spacy_pipeline
from geo.output.credits import SOURCES
from geo.output.geojson import claim_line, claim_properties, feature_collection, to_geojson_text
from geo.pipeline import BATCH, parse, parse_many
from geo.resolution.countries import countries
from geo.run.parallel import one_thread_each, parse_parallel
from geo.run.timing import StageTimes
from geo.text.articles import (
    ARTICLE_SUFFIXES,
    MAX_BYTES,
    Article,
    InputError,
    article_from_bytes,
    expand_paths,
    headline,
    iso_date,
    iter_articles,
    require_text,
)
from geo.text.decoding import UTF8

__all__ = [
    # parsing (geo/pipeline.py, geo/nlp.py) and its results (geo/model.py)
    "parse", "parse_many", "BATCH", "spacy_pipeline", "COMPONENTS",
    "ParsedDocument", "PlaceMention", "Candidate", "DistanceClaim", "ClaimCheck", "NoiseRun",
    "ROLES", "MENTION_KINDS", "SITE_IN_PLACE", "VERDICTS",
    # reading articles (geo/text/)
    "Article", "InputError", "ARTICLE_SUFFIXES", "MAX_BYTES", "UTF8", "article_from_bytes", "expand_paths",
    "headline", "iso_date", "iter_articles", "require_text",
    # country facts (geo/resolution/)
    "countries",
    # distance claims (geo/claims/)
    "Tolerances", "check_claims", "claimed_text", "geodesic_km", "shown_distance",
    # dates (geo/dates/)
    "EventDate", "event_date", "mention_day", "strike_days", "within",
    # GeoJSON and credits (geo/output/)
    "to_geojson_text", "feature_collection", "claim_line", "claim_properties", "SOURCES",
    # running in worker processes, stage timing (geo/run/)
    "parse_parallel", "one_thread_each", "StageTimes",
    # evaluation corpora (geo/evaluate/)
    "read_corpus",
]

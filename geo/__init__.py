"""Strike Map's geoparser: `parse` turns an article into typed, resolved places and distance claims.

This module is geo's public API: everything `dashboard/`, `corpus/` and `benchmarks/` use of geo is
imported from here (`from geo import parse, check_claims`), never from a stage's modules, so the stages
(geo/text, recognition, resolution, roles, claims, dates, output, run, evaluate) can be rearranged
without touching them. The command line is `python -m geo` (geo/run/cli.py), not a function of the API."""

from geo.claims.check import Tolerances, check_claims, claimed_text, geodesic_km, shown_distance
from geo.dates.event_dates import EventDate, event_date, mention_day, strike_days, within
from geo.dates.published import Stated, stated_date
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
from geo.names import names_like, place_named
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
    "ARTICLE_SUFFIXES",
    "BATCH",
    "COMPONENTS",
    "MAX_BYTES",
    "MENTION_KINDS",
    "ROLES",
    "SITE_IN_PLACE",
    "SOURCES",
    "UTF8",
    "VERDICTS",
    "Article",
    "Candidate",
    "ClaimCheck",
    "DistanceClaim",
    "EventDate",
    "InputError",
    "NoiseRun",
    "ParsedDocument",
    "PlaceMention",
    "StageTimes",
    "Stated",
    "Tolerances",
    "article_from_bytes",
    "check_claims",
    "claim_line",
    "claim_properties",
    "claimed_text",
    "countries",
    "event_date",
    "expand_paths",
    "feature_collection",
    "geodesic_km",
    "headline",
    "iso_date",
    "iter_articles",
    "mention_day",
    "names_like",
    "one_thread_each",
    "parse",
    "parse_many",
    "parse_parallel",
    "place_named",
    "read_corpus",
    "require_text",
    "shown_distance",
    "spacy_pipeline",
    "stated_date",
    "strike_days",
    "to_geojson_text",
    "within",
]

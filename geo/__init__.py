"""Strike Map's geoparser: `parse` turns an article into typed, resolved places and distance claims."""
from geo.model import Candidate, ClaimCheck, DistanceClaim, ParsedDocument, PlaceMention
from geo.pipeline import parse, parse_many

__all__ = ["Candidate", "ClaimCheck", "DistanceClaim", "ParsedDocument", "PlaceMention", "parse", "parse_many"]

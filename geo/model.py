"""Typed results of the geoparser: what `geo.parse` returns and what every consumer reads."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from gazetteer.place import KINDS

ROLES = ("strike_target", "origin", "mention")
SITE_IN_PLACE = "site_in_place"
"""The kind of a named site no source holds, placed at the place that contains it ("the X refinery in Y")."""
MENTION_KINDS = (*KINDS, SITE_IN_PLACE)
"""The kinds a resolved mention can have: the gazetteer's, and SITE_IN_PLACE."""
VERDICTS = ("consistent", "inconsistent", "unverifiable")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry considered for a mention, with the score and evidence that ranked it."""

    id: str
    name: str
    kind: str
    country: str | None
    admin1: str | None
    lat: float
    lon: float
    score: float
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A toponym found in the text; `id`, `lat` and `lon` are None when it could not be resolved. A demonym
    naming its country's land ("the Russian border") is resolved to the country but has no point: it puts
    nothing on a map."""

    text: str
    start: int
    end: int
    id: str | None
    name: str | None
    kind: str | None
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    confidence: float
    role: str
    attacker: str | None
    sentence: str
    sentence_start: int
    sentence_end: int
    candidates: tuple[Candidate, ...] = ()
    why: str = ""
    """One sentence naming the evidence that separated the winner from the runner-up."""
    needs_review: bool = False
    event_date: str | None = None
    """Strike targets: the ISO date of the strike (geo.dates), from the sentence or else the publication date."""
    event_date_text: str | None = None
    """The phrase the event date was read from ("on Monday"); None when it is the publication date."""
    event_date_source: str = ""
    """"text", "published", or "" when the strike cannot be dated (or the place is no strike target)."""
    role_score: float | None = None
    """The role model's chance that the mention is a strike target (geo/roles/model.py)."""
    role_evidence: tuple[tuple[str, float], ...] = ()
    """The role model's evidence that is not zero, by name (geo/roles/evidence.py)."""

    @property
    def resolved(self) -> bool:
        return self.id is not None

    @property
    def point(self) -> tuple[float, float] | None:
        """(lat, lon) of a resolved mention; None when it could not be resolved or is a demonym."""
        return None if self.lat is None or self.lon is None else (self.lat, self.lon)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class DistanceClaim:
    """A distance an article states between two places, linked to the mentions it names."""

    value: float
    value_high: float | None
    unit: str
    hedge: str | None
    claimed_km: float
    claimed_km_high: float | None
    subject: PlaceMention | None
    origin: PlaceMention | None
    origin_text: str | None
    text: str
    start: int
    end: int
    sentence: str
    sentence_start: int
    sentence_end: int
    direction: str | None = None
    """The compass direction the text puts the subject in from the origin ("northeast"), or None."""
    border: tuple[str, ...] = ()
    """The ISO alpha-2 codes of the border the distance is measured from: the country's ("about 730 km from the
    Ukrainian border": UA), with the neighbour sharing it when the text names one ("Ukraine's border with
    Russia": UA, RU); empty when the origin is a place."""

    @property
    def points(self) -> tuple[tuple[float, float], tuple[float, float]] | None:
        """(lat, lon) of the subject and of the origin when both are resolved; None otherwise, and for a
        claim from a border, which is measured to the border's nearest point, not to a place."""
        if self.border:
            return None
        subject = self.subject.point if self.subject else None
        origin = self.origin.point if self.origin else None
        return None if subject is None or origin is None else (subject, origin)


@dataclass(frozen=True, slots=True)
class ClaimCheck:
    """A distance claim compared with the WGS84 geodesic between its resolved places."""

    claim: DistanceClaim
    computed_km: float | None
    deviation_pct: float | None
    verdict: str
    reason: str
    document: str = ""


@dataclass(frozen=True, slots=True)
class NoiseRun:
    """A run of distance-like numbers with no resolvable place at either end ("1 km from 2 km from 3 ..."),
    reported once with its count instead of as that many unverifiable claims."""

    count: int
    start: int
    end: int

    @property
    def note(self) -> str:
        return (
            f"{self.count:,} distance-like numbers with no resolvable subject or origin (characters "
            f"{self.start:,}–{self.end:,}): unverifiable noise, not listed as claims"
        )


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    """Everything the geoparser found in one text; `document` names it (a file name, or "-"), `published`
    is the article's publication date or date-time (ISO 8601) when its source gives one, `encoding` the
    encoding its bytes were read in, `headline` what it is listed by (`geo.text.articles.headline`)."""

    document: str
    text: str
    places: tuple[PlaceMention, ...] = ()
    claims: tuple[DistanceClaim, ...] = ()
    warnings: tuple[str, ...] = field(default=())
    published: str | None = None
    encoding: str = "utf-8"
    headline: str = ""
    noise: tuple[NoiseRun, ...] = ()

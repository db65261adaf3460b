"""Words around a name that say what kind of place it is ("X air base", "the X region", "the city of X"),
and the other words recognition and resolution read around a name; the word lists an analyst extends are
files of geo/vocab/, bound here to the names the code reads them by."""

from __future__ import annotations

from gazetteer.place import KINDS
from geo import vocab

AIRFIELD_KINDS = frozenset({"airbase", "airport", "heliport"})
ADMIN_KINDS = frozenset({"admin1", "admin2", "region"})
SETTLEMENT_KINDS = frozenset({"city"})
COUNTRY_KINDS = frozenset({"country"})


def kind_cues(section: str) -> dict[tuple[str, ...], frozenset[str]]:
    """A section of vocab/kind_cues.toml: each word sequence and the gazetteer kinds it asks for."""
    cues = {}
    for words, kinds in vocab.table("kind_cues")[section].items():
        if unknown := sorted(set(kinds) - set(KINDS)):
            raise vocab.VocabularyError(
                f"{vocab.FOLDER / 'kind_cues.toml'}: [{section}] {words!r}: "
                f"{', '.join(unknown)} is no gazetteer kind ({', '.join(KINDS)})"
            )
        cues[tuple(words.lower().split())] = frozenset(kinds)
    return cues


FOLLOWING = kind_cues("following")
"""Word sequences that follow a name and name its kind."""

PRECEDING = kind_cues("preceding")
"""Word sequences that precede a name and name its kind."""

SENTENCE = kind_cues("sentence")
"""Words that, anywhere in a sentence, lend their kind to the bare names listed in it."""

LOCATIVE = frozenset(
    {
        "in",
        "near",
        "outside",
        "at",
        "from",
        "to",
        "into",
        "across",
        "around",
        "towards",
        "toward",
        "over",
        "within",
        "between",
        "inside",
        "via",
        "through",
        "of",
        "and",
    }
)
"""Prepositions after which a capitalised word is likely a place, when the gazetteer knows it."""

KIND_MODIFIERS = vocab.words("kind_modifiers")
"""Words that may stand between a name and its kind word ("the X military airfield", "X oil port")."""
MAX_CUE = max(len(k) for k in FOLLOWING)
FOLLOWING_FIRST = frozenset(k[0] for k in FOLLOWING)

FACILITY_WORDS = vocab.words("facility_words")
"""Words after a proper name that make it a site ("the X refinery"), known to the gazetteer or not."""

ORGANISATION_HEADS = vocab.words("organisation_words")
"""Last words that make a name an organisation's, even when spaCy calls it a place ("the Black Sea Fleet")."""
VESSEL_WORDS = vocab.words("vessel_words")
"""Words before a name that make it a ship's ("the landing ship X", "the submarine X")."""
PERSON_TITLES = vocab.words("person_titles")
"""Words before a name that make it a person's ("Mr Buhari", "President Putin")."""

PLACE_WORDS = FACILITY_WORDS | vocab.words("place_words")
"""Words inside a name that make it a place even when no gazetteer knows it ("Zelenyi Hai village")."""

INSTITUTION_WORDS = vocab.words("institution_words")
"""Nouns whose qualifying place name stands for people or an institution ("Leeds police", "Lyon mayor")."""

LAND_NOUNS = vocab.words("land_nouns")
"""Nouns after which a demonym or a country name names the country's land ("the Turkish border", "US soil")."""

NAMED_SITE_WORDS = vocab.words("named_site_words")
"""Last words of a capitalised name that make it a site ("Baker Street", "Danube River")."""
NAMED_SITE_PREFIXES = vocab.words("named_site_prefixes")
"""First words of a capitalised name that make it a site ("Lake Constance", "Mount Elbrus")."""
SITE_HEADS = NAMED_SITE_WORDS | vocab.words("site_heads")
"""Last words that make an organisation's name the name of its site ("Douglas High School")."""

GENERIC_WORDS = vocab.words("generic_words")
"""Words that name a kind of place, not a place: "Street" alone never locates "Baker Street"."""


def only_generic(name: str) -> bool:
    """A name made only of GENERIC_WORDS ("Town Hall", "State"): no place is looked up under it."""
    return set(name.lower().split()) <= GENERIC_WORDS


LOCATIVE_VERBS = frozenset(verb for verb, *rest in vocab.phrases("locative_verbs") if not rest)
LOCATIVE_VERB_PAIRS = frozenset(pair for pair in vocab.phrases("locative_verbs") if len(pair) == 2)
"""Verbs whose subject is a place ("Sumy lies 30 km from the border")."""

NOT_PLACE_LABELS = frozenset(
    {
        "NORP",
        "DATE",
        "TIME",
        "MONEY",
        "PERCENT",
        "QUANTITY",
        "ORDINAL",
        "CARDINAL",
        "WORK_OF_ART",
        "LAW",
        "LANGUAGE",
        "PRODUCT",
        "EVENT",
    }
)
"""spaCy labels that rule out a gazetteer match inside them (demonyms, dates, numbers, titles)."""
DISTANCE_UNITS = frozenset({"km", "kms", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile", "mi"})
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
LOCATIVE_PRIOR = 0.3
"""After "in", "to", "near", an attack verb or before "lies", a name the gazetteer knows as its own needs only
this prominence to be a place."""
LOCATIVE_ALIAS_PRIOR = 0.5
"""... and one it knows only as an alternate name ("Bombay") this one."""

MEDIA_HEADS = vocab.words("media_words")
"""Nouns that make the name qualifying them an outlet's ("the X Telegram channel", "the X news agency")."""
WEAPON_HEADS = vocab.words("weapon_words")
"""Nouns that make the name qualifying them a weapon model's ("a X sea drone", "X cruise missiles")."""
REPORTING_VERBS = vocab.words("reporting_verbs")
"""Verbs whose subject speaks: a small place's name there is a source's ("X reported"), not a location."""

MARINE_WORDS = vocab.words("marine_words")
"""Words that make a name a sea's ("the Gulf of X", "the X Strait"): the coast it is named after is not it."""
DISTRICT_WORDS = vocab.words("district_words")
"""Words after a name that, with a city as owner ("the city's X district"), make it part of that city."""
REGION_WORDS = vocab.words("region_words")
"""Words ending a first-level division's name as written ("X province") that the gazetteer may hold as X;
not "county" or "district": those are not in it, and X alone is another place."""

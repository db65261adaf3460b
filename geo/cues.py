"""Words around a name that say what kind of place it is ("X air base", "the X region", "the city of X")."""
from __future__ import annotations

AIRFIELD_KINDS = frozenset({"airbase", "airport", "heliport"})
ADMIN_KINDS = frozenset({"admin1", "region"})
SETTLEMENT_KINDS = frozenset({"city"})
COUNTRY_KINDS = frozenset({"country"})

FOLLOWING = {
    ("air", "base"): frozenset({"airbase"}),
    ("air", "bases"): frozenset({"airbase"}),
    ("airbase",): frozenset({"airbase"}),
    ("airbases",): frozenset({"airbase"}),
    ("air", "field"): AIRFIELD_KINDS,
    ("airfield",): AIRFIELD_KINDS,
    ("airfields",): AIRFIELD_KINDS,
    ("aerodrome",): AIRFIELD_KINDS,
    ("air", "force", "base"): frozenset({"airbase"}),
    ("air", "station"): frozenset({"airbase"}),
    ("airport",): frozenset({"airport", "airbase"}),
    ("international", "airport"): frozenset({"airport"}),
    ("region",): ADMIN_KINDS,
    ("regions",): ADMIN_KINDS,
    ("oblast",): ADMIN_KINDS,
    ("oblasts",): ADMIN_KINDS,
    ("province",): ADMIN_KINDS,
    ("provinces",): ADMIN_KINDS,
    ("krai",): ADMIN_KINDS,
    ("kray",): ADMIN_KINDS,
    ("governorate",): ADMIN_KINDS,
    ("prefecture",): ADMIN_KINDS,
    ("state",): ADMIN_KINDS,
    ("county",): ADMIN_KINDS,
    ("district",): ADMIN_KINDS,
    ("city",): SETTLEMENT_KINDS,
    ("town",): SETTLEMENT_KINDS,
    ("village",): SETTLEMENT_KINDS,
    ("port",): SETTLEMENT_KINDS | AIRFIELD_KINDS,
    ("base",): frozenset({"airbase"}),
    ("naval", "base"): SETTLEMENT_KINDS,
}
"""Word sequences that follow a name and name its kind."""

PRECEDING: dict[tuple[str, ...], frozenset[str]] = {
    ("city", "of"): SETTLEMENT_KINDS,
    ("town", "of"): SETTLEMENT_KINDS,
    ("village", "of"): SETTLEMENT_KINDS,
    ("port", "of"): SETTLEMENT_KINDS,
    ("settlement", "of"): SETTLEMENT_KINDS,
    ("region", "of"): ADMIN_KINDS,
    ("province", "of"): ADMIN_KINDS,
    ("state", "of"): ADMIN_KINDS | COUNTRY_KINDS,
    ("city", ","): SETTLEMENT_KINDS,
    ("town", ","): SETTLEMENT_KINDS,
    ("capital", ","): SETTLEMENT_KINDS,
}
"""Word sequences that precede a name and name its kind."""

SENTENCE = {
    ("air", "base"): frozenset({"airbase"}),
    ("air", "bases"): frozenset({"airbase"}),
    ("airbase",): frozenset({"airbase"}),
    ("airbases",): frozenset({"airbase"}),
    ("airfield",): AIRFIELD_KINDS,
    ("airfields",): AIRFIELD_KINDS,
    ("air", "fields"): AIRFIELD_KINDS,
    ("aerodrome",): AIRFIELD_KINDS,
    ("aerodromes",): AIRFIELD_KINDS,
}
"""Words that, anywhere in a sentence, lend their kind to the bare names listed in it."""

LOCATIVE = frozenset({
    "in", "near", "outside", "at", "from", "to", "into", "across", "around", "towards", "toward",
    "over", "within", "between", "inside", "via", "through", "of", "and",
})
"""Prepositions after which a capitalised word is likely a place, when the gazetteer knows it."""

KIND_MODIFIERS = frozenset({
    "military", "naval", "strategic", "main", "tactical", "bomber", "fighter", "frontline", "front-line",
    "key", "major", "big", "large", "small", "civilian", "commercial", "oil", "fuel", "sea", "river",
    "cargo", "grain", "former", "nearby",
})
"""Words that may stand between a name and its kind word ("the X military airfield", "X oil port")."""
MAX_CUE = max(len(k) for k in FOLLOWING)
FOLLOWING_FIRST = frozenset(k[0] for k in FOLLOWING)

FACILITY_WORDS = frozenset({
    "residence", "palace", "base", "airbase", "airfield", "refinery", "plant", "port", "depot", "bridge",
    "dam", "station", "factory", "arsenal", "terminal", "shipyard", "facility", "barracks", "compound",
    "airport", "harbour", "harbor", "pipeline", "reactor", "mine", "camp", "headquarters",
})
"""Words after a proper name that make it a site ("the X refinery"), known to the gazetteer or not."""

ORGANISATION_HEADS = frozenset({
    "fleet", "army", "navy", "command", "forces", "brigade", "regiment", "division", "corps", "guard", "guards",
    "ministry", "council", "government", "police", "service", "agency", "company", "party", "legion",
    "battalion", "squadron", "flotilla", "committee", "authority", "bureau", "directorate", "militia",
})
"""Last words that make a name an organisation's, even when spaCy calls it a place ("the Black Sea Fleet")."""
VESSEL_WORDS = frozenset({
    "ship", "submarine", "frigate", "cruiser", "corvette", "destroyer", "vessel", "boat", "tanker", "carrier",
    "warship", "flagship", "icebreaker", "tug", "patrol", "minesweeper", "freighter", "ferry",
})
"""Words before a name that make it a ship's ("the landing ship X", "the submarine X")."""
PERSON_TITLES = frozenset({
    "mr", "mrs", "ms", "dr", "sir", "president", "minister", "senator", "sen", "rep", "gov", "governor",
    "mayor", "king", "queen", "prince", "princess", "pope", "general", "gen", "col", "lt", "capt", "judge",
    "prof", "professor", "chancellor", "premier", "secretary", "spokesman", "spokeswoman", "ambassador",
})
"""Words before a name that make it a person's ("Mr Buhari", "President Putin")."""

PLACE_WORDS = FACILITY_WORDS | frozenset({
    "street", "st", "road", "avenue", "boulevard", "lane", "square", "park", "river", "lake", "sea", "ocean",
    "bay", "gulf", "coast", "beach", "island", "islands", "mountain", "mountains", "mount", "valley", "hill",
    "canal", "village", "town", "city", "county", "district", "region", "province", "state", "peninsula",
    "desert", "forest", "cathedral", "church", "mosque", "temple", "hospital", "school", "university",
    "stadium", "center", "centre", "hall", "court", "tower", "market", "quarter", "estate", "heights",
})
"""Words inside a name that make it a place even when no gazetteer knows it ("Torkula village")."""

INSTITUTION_WORDS = frozenset({
    "police", "mayor", "governor", "government", "officials", "official", "authorities", "lawmakers",
    "legislature", "president", "minister", "ministry", "army", "military", "forces", "troops", "navy",
    "court", "council", "officer", "officers", "spokesman", "spokeswoman", "attorney", "law", "laws",
    "residents", "native", "natives", "voters", "democrats", "republicans", "senator", "senate", "team",
    "coach", "fans", "club", "teachers", "farmers", "workers", "leaders", "leadership", "administration",
    "department", "agency", "embassy", "consulate", "parliament", "regime", "media", "press", "chief",
})
"""Nouns whose qualifying place name stands for people or an institution ("Chicago police", "Odesa mayor")."""

NAMED_SITE_WORDS = frozenset({
    "street", "avenue", "road", "boulevard", "lane", "square", "bridge", "river", "lake", "canal", "bay",
    "island", "mountains", "valley", "airport", "station", "base", "refinery", "port", "harbour", "harbor",
    "cathedral", "church", "mosque", "temple", "hospital", "park", "stadium", "prison", "palace", "castle",
})
"""Last words of a capitalised name that make it a site ("Royal Street", "Mississippi River")."""
NAMED_SITE_PREFIXES = frozenset({"lake", "mount", "cape", "fort", "gulf", "bay"})
"""First words of a capitalised name that make it a site ("Lake Manassas", "Mount Chaambi")."""
SITE_HEADS = NAMED_SITE_WORDS | frozenset({
    "school", "university", "college", "academy", "library", "museum", "center", "centre", "court",
    "courthouse", "hall", "tower", "market", "mall", "plant", "factory", "depot", "terminal", "shipyard",
})
"""Last words that make an organisation's name the name of its site ("Douglas High School")."""

GENERIC_WORDS = frozenset(
    "street st road avenue ave boulevard lane square park bridge river lake sea ocean bay gulf coast beach "
    "island islands mountain mountains mount valley hill hills canal port harbour harbor airport station "
    "north south east west northern southern eastern western central upper lower old new town city village "
    "county district region province state peninsula desert forest plain plains cathedral church "
    "school university college hospital court center centre hall house tower market the of and".split()
)
"""Words that name a kind of place, not a place: "Street" alone never locates "Frenchmen Street"."""
LOCATIVE_VERBS = frozenset({"lies", "lay", "sits", "borders", "straddles"})
LOCATIVE_VERB_PAIRS = frozenset({("is", "located"), ("is", "situated"), ("was", "located"), ("lies", "about")})
"""Verbs whose subject is a place ("Sumy lies 30 km from the border")."""

NOT_PLACE_LABELS = frozenset({
    "NORP", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "CARDINAL",
    "WORK_OF_ART", "LAW", "LANGUAGE", "PRODUCT", "EVENT",
})
"""spaCy labels that rule out a gazetteer match inside them (demonyms, dates, numbers, titles)."""
DISTANCE_UNITS = frozenset({"km", "kms", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile", "mi"})
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
LOCATIVE_PRIOR = 0.3
"""After "in", "to", "near", an attack verb or before "lies", a name the gazetteer knows as its own needs only
this prominence to be a place."""
LOCATIVE_ALIAS_PRIOR = 0.5
"""... and one it knows only as an alternate name ("Echmiadzin") this one."""

MEDIA_HEADS = frozenset({
    "channel", "channels", "agency", "agencies", "outlet", "outlets", "newspaper", "newspapers", "broadcaster",
    "broadcasters", "television", "tv", "radio", "website", "websites", "magazine", "daily", "tabloid", "blog",
    "portal", "account", "accounts", "publication", "newswire", "wire",
})
"""Nouns that make the name qualifying them an outlet's ("the X Telegram channel", "the X news agency")."""
WEAPON_HEADS = frozenset({
    "drone", "drones", "missile", "missiles", "rocket", "rockets", "torpedo", "torpedoes", "bomb", "bombs",
    "munition", "munitions", "launcher", "launchers", "interceptor", "interceptors", "warhead", "warheads",
    "uav", "uavs", "howitzer", "howitzers", "loitering",
})
"""Nouns that make the name qualifying them a weapon model's ("a X sea drone", "X cruise missiles")."""
REPORTING_VERBS = frozenset({
    "said", "says", "say", "reported", "reports", "report", "wrote", "writes", "posted", "posts", "published",
    "publishes", "quoted", "quotes", "cited", "cites", "claimed", "claims", "announced", "broadcast", "aired",
    "shared", "added", "stated", "showed", "shows",
})
"""Verbs whose subject speaks: a small place's name there is a source's ("X reported"), not a location."""

MARINE_WORDS = frozenset({"gulf", "bay", "sea", "strait", "straits", "sound", "channel", "ocean", "bight"})
"""Words that make a name a sea's ("the Gulf of X", "the X Strait"): the coast it is named after is not it."""
DISTRICT_WORDS = frozenset({"district", "districts", "neighbourhood", "neighborhood", "quarter", "microdistrict"})
"""Words after a name that, with a city as owner ("the city's X district"), make it part of that city."""
REGION_WORDS = frozenset({"province", "oblast", "region", "governorate", "state", "krai", "kray", "prefecture"})
"""Words ending a first-level division's name as written ("X province") that the gazetteer may hold as X;
not "county" or "district": those are not in it, and X alone is another place."""

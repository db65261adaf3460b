"""Read from spaCy's dependency parse what a sentence says happened to each place it names: hit by an
attack the text reports, or only named (near a target, around one, speaking, launching, threatened).

The attack is found through the grammar, not a window of words: the attack word's object ("drones struck
X"), the passive subject ("X was hit"), its `on`/`at`/`in`/`against` attachment ("the strike on X", "a
tanker exploded at X"), the place where an attack's result happened ("explosions were heard in X", "a fire
broke out at X"), "X came under attack", coordinated and appositive lists ("struck A, B and C"), and
the place around an unnamed site ("the refinery in X")."""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from geo import vocab

ATTACK_VERBS = vocab.words("attack_verbs")
"""Verbs whose object, passive subject or `at`/`on`/`in` attachment is a place hit."""
ATTACK_NOUNS = vocab.words("attack_nouns")
"""Nouns of an attack or its result: "the strike on X", "the shelling of X", "explosions were heard in X",
"X came under attack"."""
PROJECTILE_VERBS = vocab.words("projectile_verbs")
"""Verbs of a weapon sent at a place: "fired missiles at X", "a missile landed at X"."""
PROJECTILE_NOUNS = vocab.words("projectile_nouns")
"""Weapons that hit where they are sent or where they land ("missiles at X", "a drone crashed into X")."""
IMPACT_VERBS = vocab.words("impact_verbs")
"""What a weapon does where it hits: "a drone crashed into X" (but "drones were smuggled into X")."""
ATTACK_WORDS = ATTACK_VERBS | ATTACK_NOUNS
"""Every attack word; recognition takes a capitalised word right after one for a place ("struck X")."""
CASUALTY_VERBS = vocab.words("casualty_verbs")
"""In conflict reporting, people killed or wounded "in X" were killed where the attack landed."""
UNDERGO_VERBS = vocab.words("undergo_verbs")
INTERCEPTION_WORDS = vocab.words("interception_words")
FIRE_WORDS = vocab.words("fire_words")
SHAKE_VERBS = vocab.words("shake_verbs")
VICTIM_WORDS = frozenset({"victim", "prey"})
"""What a place "fell victim to" or "fell prey to": an attack that hit it."""
RISING_PREPOSITIONS = frozenset({"from", "over"})
"""Where fire and smoke rise: "smoke rose from X", "flames over X"."""
HIT_PREPOSITIONS = frozenset({"on", "at", "in", "against", "into", "onto", "upon", "inside", "across"})
AIMED_PREPOSITIONS = frozenset({"at", "on", "into", "against", "onto", "toward", "towards"})
CHAIN_PREPOSITIONS = frozenset({"in", "at", "of", "on", "including", "like", "inside", "across", "near"})
"""Prepositions through which a place hangs on the thing hit: "a dock at the shipyard of X", "the
square in front of the theatre in X", "nine sites, including a mosque in X"."""
CHAIN_HOPS = 4
NEAR_PREPOSITIONS = frozenset({"near", "outside", "around", "beside", "by", "off", "from", "towards", "toward"})
"""Prepositions that place a target relative to a name: the name itself is not hit."""
RELATIVE_WORDS = vocab.words("relative_words")
"""Words of "north of X", "close to X", "30 km from X": the name is a reference."""
SPEECH_VERBS = vocab.words("speech_verbs")
"""Verbs of which a place name is the speaking or acting government ("Moscow said", "Kyiv denied")."""
LAUNCH_VERBS = vocab.words("launch_verbs")
HYPOTHETICAL_HEADS = vocab.words("hypothetical_words")
"""Words governing an attack that make it a possibility, a plan or a threat, not an event."""
PLACE_NOUNS = vocab.words("place_nouns")
PRONOUNS = frozenset({"PRP", "PRP$", "WP", "EX"})
LIST_DEPS = frozenset({"conj", "appos"})
NAME_DEPS = frozenset({"compound", "amod", "nmod", "nn", "npadvmod", "det", "nummod"})
"""How a name hangs on the noun it names ("the X air base", "X-2 airfield")."""


@dataclass(frozen=True, slots=True)
class Reading:
    """What one sentence says about one place mention."""

    hit: bool = False
    """The sentence reports the place hit."""
    other: str = ""
    """Why the mention is no target in its own sentence even if the place was hit elsewhere: "near",
    "container", "speaker", "agent", "launch", "hypothetical", "modifier" (a demonym: "the Russian border"), or
    "" when nothing says so; "possessive" for the owner of a thing ("X's harbour"), hit or not."""
    attack: int | None = None
    """Index of the attack word in the doc, when hit."""
    site: str = ""
    """The noun of what the name names ("arsenal" in "the X arsenal"), or, for a reference point, of the
    unnamed site hit beside it ("arsenal" in "struck an arsenal near X"): the two meet across sentences."""
    attack_gap: int = -1
    """Tokens between the name and the nearest reported attack word of its sentence, linked or not; -1 when
    the sentence reports none. The role model weighs what the parse could not link ("explosions not only at
    X")."""
    attack_above: bool = False
    """A reported attack word of the sentence governs the name in the parse, however far up."""


def _noun(tok: Token) -> bool:
    return tok.tag_ in ("NN", "NNS", "NNP", "NNPS")


def _verb(tok: Token) -> bool:
    return tok.tag_.startswith("VB") or tok.tag_ == "MD"


def _attack_word(tok: Token) -> bool:
    lower = tok.lower_
    if _verb(tok):
        return lower in ATTACK_VERBS
    return lower in ATTACK_NOUNS or (lower in ATTACK_VERBS and tok.tag_ in ("JJ", "VBN"))


def _intercepted(weapon: Token) -> bool:
    """ "the drone ... was downed", "missiles were shot down", "the interception of a drone": the weapon never
    landed."""
    if weapon.dep_ == "pobj" and weapon.head.lower_ == "of":
        return weapon.head.head.lower_ in INTERCEPTION_WORDS
    verb = weapon.head
    return (
        weapon.dep_ == "nsubjpass"
        and verb.lower_ in INTERCEPTION_WORDS
        and (verb.lower_ != "shot" or any(c.lower_ == "down" for c in verb.children))
        and not any(c.dep_ == "neg" for c in verb.children)
    )


def hypothetical(tok: Token) -> bool:
    """The attack is a plan, a threat, a capability or a condition ("could strike", "threatened to hit",
    "a range enough to reach", "if drones hit"), or it never landed ("a drone targeting X was downed")."""
    for node in (tok, *tok.ancestors):
        for child in node.children:
            if child.dep_ in ("aux", "mark") and child.lower_ in HYPOTHETICAL_HEADS:
                return True
        if node.lower_ in HYPOTHETICAL_HEADS and node.i != tok.i:
            return True
        if node.lower_ in PROJECTILE_NOUNS and _intercepted(node):
            return True
        if node.dep_ not in (
            "xcomp",
            "ccomp",
            "advcl",
            "acl",
            "relcl",
            "prep",
            "pobj",
            "pcomp",
            "conj",
            "dobj",
            "nsubj",
            "nsubjpass",
            "compound",
            "amod",
        ):
            break
    return False


def noun_head(span: Span) -> Token:
    """The noun a name belongs to: "the X military airfield" -> airfield, "X-2" -> X-2, "X" -> X."""
    return _climb(span.root)


def _climb(tok: Token) -> Token:
    while tok.dep_ in NAME_DEPS and tok.head.i > tok.i and _noun(tok.head):
        tok = tok.head
    return tok


def _list_head(tok: Token) -> Token:
    """The noun phrase heading the coordinated or appositive list the token is in ("struck A, B and C" ->
    A, "the Novgorod and Smolensk regions" -> regions)."""
    while tok.dep_ in LIST_DEPS and tok.head.i != tok.i:
        tok = _second_site_of(tok) or _climb(tok.head)
    return tok


def _second_site_of(tok: Token) -> Token | None:
    """ "struck the X base near Y and the Z airfield": spaCy's small parser often hangs the second site on
    the place the first one is located by (Y). A conjunct with an article or a common noun at its head,
    coordinated with the object of a preposition, is coordinated with what that preposition's phrase
    qualifies: the first site, or the verb's object. A bare name stays in the place's list ("near Y and W")."""
    if tok.dep_ != "conj" or tok.head.dep_ != "pobj" or tok.head.head.dep_ != "prep":
        return None
    if not (_noun(tok) and (tok.tag_ in ("NN", "NNS") or any(c.dep_ == "det" for c in tok.children))):
        return None
    qualified = tok.head.head.head
    if _verb(qualified):
        return next((c for c in qualified.children if c.dep_ in ("dobj", "obj")), None)
    return qualified if _noun(qualified) else None


def _hit_by(np: Token) -> Token | None:
    """The attack word that hits the noun phrase headed by `np`, if the grammar says so."""
    np = _list_head(np)
    head = np.head
    dep = np.dep_
    if dep in ("dobj", "obj", "nsubjpass", "attr", "oprd") and _attack_word(head):
        return head
    if dep == "compound" and head.lower_ in ATTACK_NOUNS:
        return head
    if head.lower_ in SHAKE_VERBS and (
        (dep in ("dobj", "obj") and _blasts(_subject(head))) or (dep == "nsubjpass" and _blasts(_agent(head)))
    ):
        return head  # "explosions rocked X", "X was shaken by a series of blasts"
    if dep == "pobj" and head.lower_ in ("including", "among"):
        if _attack_word(head.head):
            return head.head
        if _verb(head.head) and (reported := _attack_object(head.head)) is not None:
            return reported  # "carried out strikes, including (on) X"
    if dep == "pobj" and head.lower_ == "of" and head.head.lower_ in ATTACK_NOUNS:
        return head.head
    if dep == "pobj" and head.lower_ in RISING_PREPOSITIONS and _verb(head.head):
        fire = _subject(head.head)
        if fire is not None and fire.lower_ in FIRE_WORDS:
            return fire
    if dep == "pobj" and head.lower_ in HIT_PREPOSITIONS:
        governor = head.head
        if _attack_word(governor) or (governor.lower_ in CASUALTY_VERBS and head.lower_ in ("in", "at")):
            return governor
        if head.lower_ in AIMED_PREPOSITIONS and (
            governor.lower_ in PROJECTILE_NOUNS or (_verb(governor) and governor.lower_ in PROJECTILE_VERBS)
        ):
            return governor
        if _verb(governor):
            for child in governor.children:
                if child.dep_ in ("nsubj", "nsubjpass") and (
                    child.lower_ in ATTACK_NOUNS
                    or (child.lower_ in PROJECTILE_NOUNS and governor.lower_ in IMPACT_VERBS)
                ):
                    return child
    if dep in ("nsubj", "nsubjpass"):
        if head.lower_ in ("ablaze", "burned", "burning", "exploded"):
            return head
        if dep == "nsubj" and head.lower_ in UNDERGO_VERBS:  # "X sustained damage", "X suffered a strike"
            for child in head.children:
                if child.dep_ in ("dobj", "obj") and child.lower_ in ATTACK_NOUNS:
                    return child
        # "X came under attack", "X was subjected to shelling", "X fell victim to a strike"
        victim = any(c.lower_ in VICTIM_WORDS for c in head.children)
        for child in head.children:
            if child.dep_ == "prep" and (
                child.lower_ == "under" or (child.lower_ == "to" and (dep == "nsubjpass" or victim))
            ):
                for grand in child.children:
                    if grand.lower_ in ATTACK_NOUNS:
                        return grand
            if child.dep_ == "acomp" and child.lower_ in ("ablaze",):
                return child
    return None


def _agent(verb: Token) -> Token | None:
    """The noun of a passive verb's "by" phrase."""
    by = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None


def _blasts(noun: Token | None) -> bool:
    """An attack or fire noun, or a quantity of them ("a series of blasts", "a wave of strikes")."""
    if noun is None:
        return False
    if noun.lower_ in ATTACK_NOUNS or noun.lower_ in FIRE_WORDS:
        return True
    return any(
        c.dep_ == "prep" and c.lower_ == "of" and any(g.lower_ in ATTACK_NOUNS for g in c.children)
        for c in noun.children
    )


def _attack_object(verb: Token) -> Token | None:
    """The attack noun a verb carries out or reports ("carried out strikes", "launched a barrage")."""
    return next((c for c in verb.children if c.dep_ in ("dobj", "obj") and c.lower_ in ATTACK_NOUNS), None)


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or that of the verb it completes ("smoke was seen rising")."""
    for node in (verb, verb.head) if verb.dep_ == "xcomp" else (verb,):
        found = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if found is not None:
            return found
    return None


COPULAS = frozenset({"is", "was", "are", "were", "include", "includes", "included", "including", "been"})


def _among_hit(np: Token) -> Token | None:
    """ "the bases struck include X", "among the sites hit was X": X is what a copula or "include" says of
    things an attack word qualifies."""
    verb = np.head
    if np.dep_ not in ("nsubj", "attr", "dobj", "pobj") or (
        verb.lower_ not in COPULAS and not (np.dep_ == "pobj" and verb.lower_ == "including")
    ):
        return None
    if verb.lower_.startswith("includ") and verb.dep_ in ("ccomp", "conj") and _attack_word(verb.head):
        return verb.head
    if verb.lower_ == "including":
        verb = verb.head
        candidates = [verb]
    else:
        candidates = [c for c in verb.children if c.i != np.i and c.dep_ in ("nsubj", "attr")]
        candidates += [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    for noun in candidates:
        for child in noun.children:
            if child.dep_ in ("acl", "amod", "relcl") and _attack_word(child):
                return child
        if noun.i != np.i and _noun(noun) and (hit := _hit_by(noun)) is not None:
            return hit
    return None


def _sites_around(np: Token) -> list[Token]:
    """The nouns X's noun phrase hangs on through `in`/`at`/`of`/"including"/"like" ("the refinery in X",
    "a dock at the shipyard of X", "towns like X"), nearest first."""
    sites = []
    tok = _list_head(np)
    for _ in range(CHAIN_HOPS):
        if tok.dep_ != "pobj" or tok.head.lower_ not in CHAIN_PREPOSITIONS or tok.head.lower_ == "near":
            break
        governor = tok.head.head
        if not _noun(governor):
            break
        sites.append(governor)
        tok = _list_head(governor)
    return sites


def _own_kind(np: Token, site: Token) -> bool:
    """ "the Red Sea industrial city of X": the kind noun of X itself, whatever other names describe it, is no
    site that holds X."""
    return np.dep_ == "pobj" and np.head.lower_ == "of" and np.head.head.i == site.i and site.lower_ in PLACE_NOUNS


def _named(site: Token, names: set[int]) -> bool:
    """The site has a name of its own among the document's toponyms ("the X air base", "the port of X")."""
    return site.i in names or any(
        child.i in names
        or (child.dep_ == "prep" and child.lower_ == "of" and any(g.i in names for g in child.children))
        for child in site.children
        if child.dep_ in NAME_DEPS or child.dep_ == "prep"
    )


def _in_named_target(np: Token) -> bool:
    """ "struck X in Y", "bases, including X in Y": Y locates a target with a proper name of its own, even
    one no gazetteer knows."""
    item = _list_head(np)
    if item.dep_ != "pobj" or item.head.lower_ not in ("in", "near", "outside"):
        return False
    target = item.head.head
    return target.tag_ in ("NNP", "NNPS") and (target.head.lower_ == "including" or _attack_word(target.head))


def _apposed_to(doc: Doc, start: int) -> Token | None:
    """ "the city, X,": the kind noun a name is set beside with a comma, which the parser may miss."""
    if start >= 2 and doc[start - 1].text == "," and doc[start - 2].lower_ in PLACE_NOUNS:
        return doc[start - 2]
    return None


def _relative(np: Token) -> bool:
    """ "near X", "north of X", "30 km from X": the place is a reference point."""
    if np.dep_ != "pobj":
        return False
    prep = np.head
    if prep.lower_ in NEAR_PREPOSITIONS:
        return True
    return prep.lower_ in ("of", "to") and prep.head.lower_ in RELATIVE_WORDS


def _speaker(np: Token) -> bool:
    if np.dep_ == "nsubj" and np.head.lower_ in SPEECH_VERBS:
        return True
    return np.dep_ == "nsubj" and np.head.dep_ == "parataxis" and np.head.lower_ in SPEECH_VERBS


def _launch(np: Token) -> bool:
    return (
        np.dep_ == "pobj"
        and np.head.lower_ == "from"
        and (np.head.head.lower_ in LAUNCH_VERBS or any(c.lower_ in LAUNCH_VERBS for c in np.head.head.children))
    )


def read(doc: Doc, spans: list[tuple[int, int]]) -> list[Reading]:
    """One Reading per toponym (token spans into `doc`), from the dependency parse of its sentence."""
    names = {i for start, end in spans for i in range(start, end)}
    readings = []
    owner = {i: (start, end) for start, end in spans for i in range(start, end)}
    for start, end in spans:
        span = doc[start:end]
        np = noun_head(span)
        # the name's tokens and those of the names it is listed with, none of which holds it ("struck depots
        # in the cities of A, B and C": A does not hold B)
        listed = set(range(start, end))
        while (
            np.dep_ in LIST_DEPS and owner.get(np.head.i, (start, end)) != (start, end) and _second_site_of(np) is None
        ):
            listed |= set(range(*owner[np.head.i]))
            np = noun_head(doc[slice(*owner[np.head.i])])
        if np.dep_ not in LIST_DEPS and (apposed := _apposed_to(doc, start)) is not None:
            np = apposed
        item = _list_head(np)
        if item.dep_ == "pobj" and item.head.lower_ == "of" and item.head.head.lower_ in PLACE_NOUNS:
            item = _list_head(item.head.head)
        if np.dep_ == "pobj" and np.head.lower_ == "by" and np.head.head.tag_ == "VBN":
            readings.append(Reading(other="agent"))
            continue
        if _launch(item):
            readings.append(Reading(other="launch"))
            continue
        if _relative(item):
            site = _hit_beside(item.head.head, names - listed)
            readings.append(Reading(other="near", site=site.lower_ if site is not None else ""))
            continue
        attack = _hit_by(np) or _among_hit(item)
        if attack is None and np.dep_ == "poss":
            attack = _hit_by(np.head) if not _named(np.head, names - listed) else None
            if attack is None or hypothetical(attack):
                readings.append(Reading(other="possessive"))
            else:
                readings.append(Reading(hit=True, other="possessive", attack=attack.i))
            continue
        container = attack is None and _in_named_target(np)
        if attack is None and not container:
            for site in _sites_around(np):
                if _named(site, names - listed) and not _own_kind(np, site):
                    container = True
                    break
                if (attack := _hit_by(site)) is not None:
                    break
        if container:
            readings.append(Reading(other="container"))
            continue
        if attack is not None:
            if hypothetical(attack):
                readings.append(Reading(other="hypothetical"))
                continue
            readings.append(Reading(hit=True, attack=attack.i, site=_site_noun(np, start, end)))
            continue
        if _speaker(item):
            readings.append(Reading(other="speaker"))
            continue
        readings.append(Reading(site=_site_noun(np, start, end)))
    return readings


def _hit_beside(governor: Token, names: set[int]) -> Token | None:
    """The unnamed site an attack hit beside a reference point: "an arsenal near X", "struck an arsenal
    near X" (the preposition may hang on the verb)."""
    if _attack_word(governor) and _verb(governor):
        governor = next((c for c in governor.children if c.dep_ in ("dobj", "nsubjpass")), governor)
    if _noun(governor) and not _named(governor, names) and _hit_by(governor) is not None:
        return governor
    return None


def _site_noun(np: Token, start: int, end: int) -> str:
    return np.lower_ if not start <= np.i < end else ""


def attacks(doc: Doc) -> list[Token]:
    """Every reported (not hypothetical) attack word in the doc (no other word can be one: a cheap test first)."""
    return [t for t in doc if t.lower_ in ATTACK_WORDS and _attack_word(t) and not hypothetical(t)]


def with_cues(doc: Doc, spans: list[tuple[int, int]], readings: list[Reading], reported: list[Token]) -> list[Reading]:
    """The readings with the sentence's attack words that the parse did not tie to the name: how near the
    nearest one is, and whether one governs the name."""
    cued = []
    for (start, end), reading in zip(spans, readings, strict=True):
        sent = doc[start].sent
        near = [t for t in reported if sent.start <= t.i < sent.end]
        if not near:
            cued.append(reading)
            continue
        gap = min(start - t.i if t.i < start else max(t.i - end + 1, 0) for t in near)
        above = any(t in doc[start].ancestors for t in near)
        cued.append(replace(reading, attack_gap=gap, attack_above=above))
    return cued


DASHES = frozenset({"—", "–", "-", "--"})


def _after_dateline(sent: Span) -> int:
    """The first token after a dateline opening the sentence ("KYIV, Ukraine (AP) — ..."), which the
    parser may hang on the first clause's subject; the sentence's start when there is none."""
    if not sent[0].text.isupper() or not sent[0].is_alpha:
        return sent.start
    for tok in sent[:10]:
        if tok.text in DASHES:
            return tok.i + 1
    return sent.start


GROUP_LABELS = frozenset({"NORP", "ORG"})
"""spaCy's entity labels of a people or an organisation: an armed group named as the attacker ("Houthi")."""


@dataclass(frozen=True, slots=True)
class Actor:
    """A name the text gives for who attacks: a run of capitalised words ("United States", "Russian"), and
    whether it is a group that can be the attacker though it is no state: a people or organisation that
    modifies the attack word or is its subject ("a Houthi missile", "Hezbollah fired", "the Houthis
    fired"), not one that only reports it ("Reuters said drones hit"). spaCy's NER tells groups (NORP,
    ORG); a plural one-word name after "the" is a people whatever NER says (it takes "the Houthis" for a
    person)."""

    name: str
    """A people's (NORP) in the singular ("the Houthis" -> "Houthi"), so that one group has one name."""
    group: bool = False
    state: bool = False
    """NER takes it for a state or city (GPE): "US", "the United States"."""


def _actors(words: list[Token], own: bool) -> list[Actor]:
    """The runs of adjacent capitalised words as actors; `own` when they modify the attack or are its
    subject or agent (only then can a group be the attacker)."""
    runs: list[list[Token]] = []
    for word in words:
        if runs and runs[-1][-1].i == word.i - 1:
            runs[-1].append(word)
        else:
            runs.append([word])
    actors = []
    for run in runs:
        name = " ".join(t.text for t in run)
        plural = name.endswith("s") and not name.endswith("ss")
        the = len(run) == 1 and run[0].ent_type_ != "GPE" and any(c.lower_ == "the" for c in run[0].children)
        people = own and plural and (run[-1].ent_type_ == "NORP" or the)
        group = people or (own and any(t.ent_type_ in GROUP_LABELS for t in run))
        actors.append(Actor(name[:-1] if people else name, group, any(t.ent_type_ == "GPE" for t in run)))
    return actors


def _in_hit_phrase(tok: Token, top: Token) -> bool:
    """The token lies, below `top`, in what an attack hits ("on Kyiv" in "a drone attack on Kyiv"): a target,
    not who attacks."""
    for node in (tok, *tok.ancestors):
        if node is top:
            return False
        if node.dep_ == "prep" and node.lower_ in HIT_PREPOSITIONS and _attack_word(node.head):
            return True
    return False


def attacker_words(doc: Doc, attack: int) -> tuple[Actor, ...]:
    """The names of who attacks: the attack verb's subject ("Russian drones struck"), its agent ("was hit by
    Ukrainian drones"), a nominal attack's owner, modifier or agent ("Ukraine's drone strike", "a Houthi
    missile", "a strike claimed by X"), or the subject of the clause that reports it ("Ukraine says it hit
    ..."); never what the attack hits ("a drone attack on Kyiv killed two": Kyiv is no attacker)."""
    tok = doc[attack]
    found: list[Actor] = []
    body = _after_dateline(tok.sent)

    def take(node: Token, own: bool) -> None:
        found.extend(
            _actors(
                [
                    t
                    for t in node.subtree
                    if t.i >= body
                    and t.text[:1].isupper()
                    and t.tag_ in ("NNP", "NNPS", "JJ")
                    and not _in_hit_phrase(t, node)
                ],
                own,
            )
        )

    for child in tok.children:
        if (child.dep_ in ("nsubj", "csubj", "agent") and child.tag_ not in PRONOUNS) or (
            child.dep_ in ("poss", "amod", "compound") and _noun(tok)
        ):
            take(child, True)
        elif child.dep_ == "acl" and _noun(tok):
            for agent in (c for c in child.children if c.dep_ == "agent"):
                take(agent, True)
    if not found and tok.dep_ not in ("acl", "amod", "relcl", "compound"):
        for ancestor in tok.ancestors:
            subject = [c for c in ancestor.children if c.dep_ in ("nsubj", "nsubjpass") and c.tag_ not in PRONOUNS]
            if subject:
                take(subject[0], False)
                break
    return tuple(found)

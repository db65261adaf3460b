"""Tell strike targets from places only mentioned, from the words around each toponym."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from geo.cues import ATTACK_WORDS, POSSESSIVE
from geo.cues import PLACE_WORDS as KIND_WORDS
from geo.recognize import Toponym

LINKING_WORDS = frozenset({
    "is", "are", "was", "were", "be", "been", "being", "include", "includes", "included", "including",
    "reportedly", "also", "again", "has", "have", "had", "came", "come", "under", "reported", "heard",
    "seen", "recorded", "occurred",
})
"""Verbs that pass the attack on to what follows ("the bases struck include X", "among the sites hit was X")."""
HYPOTHETICAL_WORDS = frozenset({"threat", "threatened", "threatens", "vowed", "grounds", "plans", "planned", "if"})
SPEECH_WORDS = frozenset({
    "said", "says", "say", "claims", "claimed", "claim", "stated", "states", "confirmed", "confirms",
    "denied", "denies", "verified", "announced", "announces", "accused", "accuses", "warned", "warns",
    "reported", "insists", "insisted", "responded", "has", "have", "had", "did", "does", "will", "would",
    "blamed", "blames", "called", "calls", "told", "tells",
})
"""Verbs of which a place name is the speaking or acting government ("Moscow has not verified")."""
AGENT_PREPOSITIONS = frozenset({"by"})
LAUNCH_WORDS = frozenset({"launched", "fired", "flown", "sent", "took", "taken"})
WINDOW = 25
DIRECT_WORDS = frozenset({"on", "against", "at", "the", "a", "an", "into", "targeting"})
HYPOTHETICAL_WINDOW = 10


@dataclass(frozen=True, slots=True)
class RoleCue:
    """Evidence about one toponym's role, read from its sentence."""

    attacked: bool = False
    launch_site: bool = False
    possessive: bool = False
    agent: bool = False
    attacker_words: tuple[str, ...] = ()
    """Words that name the attacking side as the sentence's subject or after "by" ("Ukrainian", "Russia")."""
    nearby_words: tuple[str, ...] = ()
    """Other capitalised words just before the attack word, nearest first."""
    direct: bool = False
    """The attack word governs the place itself ("struck Ukraine"), not a site within it ("a port in Yemen")."""


def _is_verb(doc: Doc, i: int) -> bool:
    return doc[i].tag_.startswith("VB") or doc[i].tag_ == "MD"


def _hypothetical(doc: Doc, trigger: int, sent_start: int) -> bool:
    for i in range(max(sent_start, trigger - HYPOTHETICAL_WINDOW), trigger):
        if doc[i].tag_ == "MD" or doc[i].lower_ in HYPOTHETICAL_WORDS:
            return True
    return False


def _blocked(doc: Doc, start: int, end: int) -> bool:
    """A finite verb of another action between trigger and place breaks the link."""
    for i in range(start, end):
        tok = doc[i]
        if tok.text in (";", "–", "—", ":") or tok.lower_ in ("which", "who", "where", "while", "but", "by"):
            return True
        if _is_verb(doc, i) and tok.lower_ not in LINKING_WORDS and tok.lower_ not in ATTACK_WORDS:
            return True
    return False


def _passive_link(doc: Doc, end: int, trigger: int) -> bool:
    """ "X was hit", "the X airfield, 900 km from Kyiv, was hit": between the place and the trigger only
    linking verbs, kind words and one appositive set off by commas."""
    words = [t for t in doc[end:trigger]]
    commas = [i for i, t in enumerate(words) if t.text == ","]
    if len(commas) >= 2:
        words = words[: commas[0]] + words[commas[1] + 1 :]
    return len(words) <= 4 and bool(words) and all(
        t.lower_ in LINKING_WORDS or t.lower_ in KIND_WORDS or t.lower_ in ("air", "oil", "the") for t in words
    )


def _attackers_near(doc: Doc, trigger: int, sent_start: int, sent_end: int) -> tuple[list[str], list[str]]:
    """Capitalised words that may name the attacking side: first the attack's own subject ("Russian drones
    struck", "Ukraine's drone strike"; for a pronoun, "Ukraine says it hit", or a participle, "Russia
    launched ..., targeting", the sentence's subject) or the words after "by" ("attack ..., by Ukraine");
    then any just before the trigger."""
    subject, pronoun = [], False
    i = trigger - 1
    while i >= sent_start and not (_is_verb(doc, i) or doc[i].tag_ == "IN" or doc[i].is_punct):
        if doc[i].text[:1].isupper():
            subject.append(doc[i].text)
        pronoun = pronoun or doc[i].tag_ == "PRP"
        i -= 1
    participle = doc[trigger].tag_ in ("VBG", "VBN") and i >= sent_start and doc[i].text == ","
    if not subject and (pronoun or participle):
        for k in range(sent_start, trigger):
            if _is_verb(doc, k):
                break
            if doc[k].text[:1].isupper():
                subject.append(doc[k].text)
    for k in range(trigger + 1, min(sent_end, trigger + 12)):
        if doc[k].lower_ == "by" and k + 1 < sent_end and doc[k + 1].text[:1].isupper():
            subject.append(doc[k + 1].text)
    near = [doc[k].text for k in range(trigger - 1, max(sent_start, trigger - 5) - 1, -1) if doc[k].text[:1].isupper()]
    return subject, near


def _listed_after(doc: Doc, previous: Toponym, top: Toponym) -> bool:
    """ "from Primorsko-Akhtarsk and Kursk": the place continues a list begun by the one before it."""
    between = doc[previous.token_end : top.token_start]
    return len(between) <= 2 and all(t.text in (",", "and", "or") for t in between) and len(between) > 0


def _direct(doc: Doc, trigger: int, start: int) -> bool:
    """The attack word governs the place itself ("struck Ukraine", "attack on Russia"), not a site in it."""
    return all(doc[i].lower_ in DIRECT_WORDS for i in range(trigger + 1, start))


def role_cues(doc: Doc, toponyms: list[Toponym]) -> list[RoleCue]:
    """One RoleCue per toponym, read from the tokens of its sentence."""
    cues: list[RoleCue] = []
    for n, top in enumerate(toponyms):
        sent = doc[top.token_start].sent
        s, e = top.token_start, top.token_end
        before = doc[s - 1].lower_ if s > sent.start else ""
        after = doc[e].text if e < sent.end else ""
        possessive = after in POSSESSIVE
        modifier = after in ("-", "–") and e + 1 < sent.end
        agent = before in AGENT_PREPOSITIONS or any(
            doc[i].lower_ in SPEECH_WORDS and _is_verb(doc, i) for i in range(e, min(sent.end, e + 2))
        ) and not possessive
        launch_site = before == "from" and any(
            doc[i].lower_ in LAUNCH_WORDS for i in range(max(sent.start, s - 4), s)
        ) or (n > 0 and cues[-1].launch_site and _listed_after(doc, toponyms[n - 1], top))
        attacked = direct = False
        attackers: tuple[list[str], list[str]] = ([], [])
        for t in [*range(s - 1, sent.start - 1, -1), *range(e, sent.end)]:
            if doc[t].lower_ not in ATTACK_WORDS or _hypothetical(doc, t, sent.start):
                continue
            if modifier:
                break
            if t < s and s - t <= WINDOW and not _blocked(doc, t + 1, s) and before not in ("by", "from"):
                attacked, direct = True, _direct(doc, t, s)
            elif t > e and _passive_link(doc, e, t):
                attacked = True
            if attacked:
                attackers = _attackers_near(doc, t, sent.start, sent.end)
                break
        cues.append(RoleCue(attacked, launch_site, possessive, agent, tuple(attackers[0]), tuple(attackers[1]), direct))
    return cues


def attack_subject_words(doc: Doc) -> list[tuple[str, ...]]:
    """The words naming the attacker of every real (not hypothetical) attack in the doc."""
    found = []
    for sent in doc.sents:
        for t in range(sent.start, sent.end):
            if doc[t].lower_ in ATTACK_WORDS and not _hypothetical(doc, t, sent.start):
                subject, _ = _attackers_near(doc, t, sent.start, sent.end)
                if subject:
                    found.append(tuple(subject))
    return found

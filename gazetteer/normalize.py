"""Name normalisation shared by the index build and every query, so spellings that differ only by
script, case, punctuation or Russian/Ukrainian romanisation convention meet on one key."""

from __future__ import annotations

import re

from unidecode import unidecode

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_DOUBLED = re.compile(r"(.)\1")
_DOUBLED_RUN = re.compile(r"(.)\1+")
_DROP_APOSTROPHES = str.maketrans("", "", "'`")
_Y_AS_I = str.maketrans("y", "i")
_UKRAINIAN_ENDINGS = ((re.compile(r"ivka\b"), "ovka"), (re.compile(r"skoe\b"), "ske"))
"""Ukrainian and Russian forms of one place name differ in these endings (Novofedorivka/Novofedorovka,
Kirovske/Kirovskoye, read after y/i and ie/e are folded)."""


def plain(name: str) -> str:
    """Casefolded ASCII words: transliterated, ё read as е, apostrophes dropped, other punctuation a space."""
    text = unidecode(name.replace("ё", "е").replace("Ё", "Е")).casefold().translate(_DROP_APOSTROPHES)
    return _NON_ALNUM.sub(" ", text).strip()


def _fold(text: str) -> str:
    """Romanisation systems disagree on these; each pair is folded to one spelling, in this order: kh/h,
    gh/g, y/i, ie/e (Dnieper/Dnepr), doubled letters (Zhukovskiy/Zhukovsky); repeated until stable; then
    the Ukrainian endings to the Russian ones."""
    while True:
        text = text.replace("kh", "h").replace("gh", "g").translate(_Y_AS_I).replace("ie", "e")
        text = _DOUBLED_RUN.sub(r"\1", text)
        if "kh" not in text and "gh" not in text and "ie" not in text:
            break
    for ending, russian in _UKRAINIAN_ENDINGS:
        text = ending.sub(russian, text)
    return text


def normalize(name: str) -> str:
    """The searchable form of a name: `plain` words with romanisation variants folded
    (kh/h, gh/g, y/i, ie/e, doubled letters, Ukrainian endings), so Zhukovskiy and Zhukovsky, Kharkov and
    Harkov, or Kirovske and Kirovskoye meet."""
    return _fold(plain(name))


def name_key(name: str) -> str:
    """The index key: `normalize` without a leading "the" and without spaces (doubled letters folded again
    across the joins), so "the Arctic" and "Arctic", "Ust-Luga" and "Ustluga" meet."""
    text = normalize(name).removeprefix("the ").replace(" ", "")
    return _DOUBLED_RUN.sub(r"\1", text) if _DOUBLED.search(text) else text


_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ed|er|es|et|ez|en)\s+(?=\w)")
_VOWELS = re.compile(r"[aeiouy]")
_SOUND_FOLDS = (("kh", "h"), ("x", "h"), ("gh", "g"), ("ph", "f"), ("q", "k"))
SOUND_KEY_MIN = 4


def sound_key(name: str) -> str:
    """A looser key, for romanisations that disagree on vowels and a few consonants (Makhmour and Mexmur;
    Balakot and Balakote; Yelabuga and Elabuga): the consonants of `plain(name)` without an Arabic
    article, kh and x as h, gh as g, ph as f, q as k, each letter once where doubled, a final h dropped; ""
    when fewer than SOUND_KEY_MIN consonants remain, too few to tell names apart."""
    text = _ARTICLE.sub("", plain(name)).replace(" ", "")
    for spelled, sound in _SOUND_FOLDS:
        text = text.replace(spelled, sound)
    skeleton = _DOUBLED_RUN.sub(r"\1", _VOWELS.sub("", text)).removesuffix("h")
    return skeleton if len(skeleton) >= SOUND_KEY_MIN else ""

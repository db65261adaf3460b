"""Turn an article's bytes into text: UTF-8 first, then a byte-order mark, then charset-normalizer's
detection, accepted only when it is sure. Every reader (files, uploads, stdin, corpus files) decodes here."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

import charset_normalizer

UTF8 = "utf-8"
BINARY = "binary file (contains NUL bytes), not a text article"
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, UTF8),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
"""UTF-32's marks first: UTF-32 LE's begins with UTF-16 LE's."""
MAX_CHAOS = 0.05
"""The most "mess" (charset-normalizer's share of odd characters) a detected decoding may show."""
TIE = 0.01
"""Decodings whose mess is within this of the best are equally likely."""
TIE_BREAK = ("cp1252", "cp1251", "cp1250")
"""Between equally likely decodings that disagree, the Windows code pages of files saved on Windows:
Western first, which the HTML standard reads unlabelled text and ISO-8859-1 as, then Cyrillic, then
Central European (Mac code pages tie with them on short texts); when none of them ties, the bytes are
refused, not guessed."""


class UndecodableError(ValueError):
    """Bytes that are no text in any encoding found with confidence; the message says why."""


@dataclass(frozen=True, slots=True)
class Decoded:
    """The text and the encoding it was read in ("utf-8", "utf-16-le", "cp1251", ...)."""

    text: str
    encoding: str


def decode(data: bytes) -> Decoded:
    """The text of `data`. A UTF-8 text keeps its byte-order mark (offsets stay those of the file read as
    UTF-8); the mark of another Unicode encoding is dropped."""
    try:
        text = data.decode(UTF8)
    except UnicodeDecodeError as error:
        utf8_error = error
    else:
        if "\x00" in text:
            raise UndecodableError(BINARY)
        return Decoded(text, UTF8)
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(encoding), encoding)
            except UnicodeDecodeError as error:
                raise UndecodableError(
                    f"not {encoding} text despite its byte-order mark ({error.reason} at "
                    f"offset {error.start + len(bom)})"
                ) from None
    if b"\x00" in data:
        raise UndecodableError(BINARY)
    detected = detected_encoding(data)
    if detected is None:
        raise UndecodableError(
            f"not UTF-8 text (byte 0x{data[utf8_error.start]:02x} at offset {utf8_error.start} cannot be decoded) "
            "and no other encoding was detected with confidence"
        )
    return Decoded(data.decode(detected), detected)


def detected_encoding(data: bytes) -> str | None:
    """charset-normalizer's encoding for `data` when it is sure: little mess, and every equally likely
    decoding gives the same text (or the tie-break names one of them); else None."""
    matches = [m for m in charset_normalizer.from_bytes(data, threshold=MAX_CHAOS) if m.chaos <= MAX_CHAOS]
    if not matches:
        return None
    best = min(m.chaos for m in matches)
    tied = [m.encoding for m in matches if m.chaos <= best + TIE]
    first = data.decode(tied[0])
    if all(data.decode(encoding) == first for encoding in tied[1:]):
        return tied[0]
    return next((encoding for encoding in TIE_BREAK if encoding in tied), None)

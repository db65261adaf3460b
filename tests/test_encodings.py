"""Decoding articles in the encodings a desk meets: UTF-8, UTF-16/32 with a byte-order mark, and the
Windows and KOI8 code pages charset-normalizer detects; binary and undetectable bytes stay refused."""

from __future__ import annotations

import codecs
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from geo.text.decoding import UndecodableError, decode
from geo.text.articles import InputError, article_from_bytes, load_article

ROOT = Path(__file__).resolve().parents[1]
CYRILLIC = "Беспилотники атаковали нефтебазу в Тамбовской области ночью, сообщил губернатор. Пострадавших нет."
KOI8_TEXT = "Жители Пензы слышали два взрыва, сообщили местные власти. Губернатор сказал, что беспилотник сбит."
LATIN_1 = (
    "Drones struck a fuel depot near Sète, said Hélène Lefèvre, the port's spokeswoman. The façade of the café fell."
)
SMART_QUOTES = (
    "“We heard three explosions,” said the mayor of Brest — ‘a serious attack’… A depot 40 km from Rennes burned."
)
ENGLISH_1251 = (
    "Drones hit an oil depot in Tambov\nUkrainian drones struck an oil depot in Tambov (Тамбов) overnight, "
    "the regional governor said. «Пострадавших нет», the governor wrote. Residents of Тамбов reported "
    "two explosions.\n"
)


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (CYRILLIC.encode("cp1251"), CYRILLIC, "cp1251"),
        (KOI8_TEXT.encode("koi8_r"), KOI8_TEXT, "koi8_r"),
        (LATIN_1.encode("latin-1"), LATIN_1, "cp1252"),
        (SMART_QUOTES.encode("cp1252"), SMART_QUOTES, None),
        (ENGLISH_1251.encode("cp1251"), ENGLISH_1251, "cp1251"),
        (codecs.BOM_UTF16_LE + SMART_QUOTES.encode("utf-16-le"), SMART_QUOTES, "utf-16-le"),
        (codecs.BOM_UTF16_BE + CYRILLIC.encode("utf-16-be"), CYRILLIC, "utf-16-be"),
        (codecs.BOM_UTF32_LE + LATIN_1.encode("utf-32-le"), LATIN_1, "utf-32-le"),
        (codecs.BOM_UTF32_BE + KOI8_TEXT.encode("utf-32-be"), KOI8_TEXT, "utf-32-be"),
    ],
)
def test_each_encoding_decodes_to_the_text_written(data, text, encoding):
    decoded = decode(data)
    assert decoded.text == text
    if encoding is not None:
        assert decoded.encoding == encoding
    assert decoded.encoding != "utf-8"


def test_utf8_comes_first_and_keeps_its_byte_order_mark():
    assert decode(LATIN_1.encode()).encoding == "utf-8"
    assert decode(codecs.BOM_UTF8 + LATIN_1.encode()).text == "\ufeff" + LATIN_1


def test_binary_and_undetectable_bytes_are_refused_with_the_reason():
    for binary in (b"\x89PNG\r\n\x1a\n\x00\x00IHDR", b"\x00\x01binary", "Tambov".encode("utf-16-le")):
        with pytest.raises(UndecodableError, match="binary file"):
            decode(binary)
    noise = random.Random(7).randbytes(4000).replace(b"\x00", b"\x01")
    with pytest.raises(
        UndecodableError,
        match=r"not UTF-8 text \(byte 0x.. at offset \d+ cannot be decoded\) and no "
        "other encoding was detected with confidence",
    ):
        decode(noise)
    with pytest.raises(UndecodableError, match="not utf-16-le text despite its byte-order mark"):
        decode(codecs.BOM_UTF16_LE + b"\x00\xd8a\x00")


def test_files_and_uploads_report_the_encoding_they_were_read_in(tmp_path):
    path = tmp_path / "depot.txt"
    path.write_bytes(CYRILLIC.encode("cp1251"))
    article = load_article(path)
    assert (article.name, article.text, article.encoding) == ("depot.txt", CYRILLIC, "cp1251")
    page = "<html><head><title>Удар по Тамбову</title></head><body><p>" + CYRILLIC + "</p></body></html>"
    upload = article_from_bytes("page.html", codecs.BOM_UTF16_LE + page.encode("utf-16-le"))
    assert (upload.text, upload.encoding) == ("Удар по Тамбову\n" + CYRILLIC, "utf-16-le")
    with pytest.raises(InputError, match="^noise.txt: not UTF-8 text"):
        article_from_bytes("noise.txt", random.Random(3).randbytes(2000).replace(b"\x00", b"\x01"))


def test_geo_parse_reports_the_encoding_and_finds_the_places(tmp_path):
    path = tmp_path / "tambov.txt"
    path.write_bytes(ENGLISH_1251.encode("cp1251"))
    result = subprocess.run(
        [sys.executable, "-m", "geo", "parse", "--format", "jsonl", str(path)],
        cwd=ROOT,
        capture_output=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr.decode()
    (record,) = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert record["encoding"] == "cp1251"
    assert record["headline"] == "Drones hit an oil depot in Tambov"
    tambov = [p for p in record["places"] if p["text"] == "Tambov"]
    assert tambov and tambov[0]["role"] == "strike_target" and tambov[0]["country"] == "RU"
    assert ENGLISH_1251[tambov[0]["start"] : tambov[0]["end"]] == "Tambov"

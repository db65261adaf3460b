"""An article as HTML with each recognised place highlighted by role; all article text is escaped."""

from __future__ import annotations

import html

import pandas as pd

from dashboard.mapview import ROLE_COLOURS, ROLE_LABELS
from geo import ParsedDocument, PlaceMention

_STYLE = (
    "<style>"
    ".article{white-space:pre-wrap;font:15px/1.6 sans-serif;color:#0f172a}"
    ".article mark{border-radius:3px;padding:0 2px;color:inherit}"
    + "".join(
        f".article mark.{role}{{background:{colour}2e;border-bottom:2px solid {colour}}}"
        for role, colour in ROLE_COLOURS.items()
    )
    + ".article mark.unresolved{background:#e2e8f0;border-bottom:2px dotted #64748b}"
    ".article mark.selected{outline:3px solid #facc15;background:#fef08a}"
    ".article mark.review{text-decoration:underline wavy #f59e0b}"
    "</style>"
)


def article_html(doc: ParsedDocument, selected_id: str | None = None) -> str:
    """The article text with a <mark> per place mention; mentions of `selected_id` are outlined."""
    parts = [_STYLE, '<div class="article">']
    cursor = 0
    for mention in sorted(doc.places, key=lambda m: m.start):
        if mention.start < cursor:
            continue
        parts.append(html.escape(doc.text[cursor : mention.start]))
        parts.append(_mark(mention, doc.text[mention.start : mention.end], selected_id))
        cursor = mention.end
    parts.append(html.escape(doc.text[cursor:]))
    parts.append("</div>")
    return "".join(parts)


def sentences_html(title: str, url: str | None, mentions: pd.DataFrame, selected_id: str | None = None) -> str:
    """A corpus article as the corpus keeps it (no full text): its title, its url and each sentence that names a
    place, with the place names marked by role (rows of corpus places/, in text order); all of it escaped."""
    parts = [_STYLE, '<div class="article">', f"<b>{html.escape(title)}</b>"]
    if url and url.startswith(("https://", "http://")):
        parts.append(f'\n<a href="{html.escape(url)}" target="_blank" rel="noopener">{html.escape(url)}</a>')
    by_sentence: dict[str, list[dict]] = {}
    for row in mentions[["sentence", "text", "role", "place_id"]].to_dict("records"):
        by_sentence.setdefault(str(row["sentence"]), []).append(row)
    for sentence, rows in by_sentence.items():
        marked, cursor = [], 0
        for row in rows:
            text = str(row["text"])
            at = sentence.find(text, cursor)
            if at < 0:
                continue
            classes = [str(row["role"])] + (["selected"] if row["place_id"] == selected_id else [])
            marked += [html.escape(sentence[cursor:at]), f'<mark class="{html.escape(" ".join(classes))}">']
            marked += [html.escape(text), "</mark>"]
            cursor = at + len(text)
        parts.append("\n\n" + "".join(marked) + html.escape(sentence[cursor:]))
    parts.append("</div>")
    return "".join(parts)


def resolved_entry(mention: PlaceMention) -> str:
    """Plain-text description of what a mention resolved to, for hover titles."""
    if not mention.resolved:
        return f"{mention.text}: not resolved"
    where = ", ".join(filter(None, (mention.admin1, mention.country)))
    role = ROLE_LABELS.get(mention.role, mention.role)
    attacker = f", attacker {mention.attacker}" if mention.attacker else ""
    at = f" {mention.lat:.3f}, {mention.lon:.3f}" if mention.lat is not None and mention.lon is not None else ""
    return (
        f"{mention.name} ({mention.kind}{', ' + where if where else ''}){at}"
        f" [{mention.id}] — {role}{attacker}, confidence {mention.confidence:.2f}"
        + (" — needs review" if mention.needs_review else "")
    )


def _mark(mention: PlaceMention, surface: str, selected_id: str | None) -> str:
    classes = [mention.role if mention.resolved else "unresolved"]
    if mention.resolved and mention.id == selected_id:
        classes.append("selected")
    if mention.needs_review:
        classes.append("review")
    return (
        f'<mark class="{" ".join(html.escape(c) for c in classes)}" title="{html.escape(resolved_entry(mention))}">'
        f"{html.escape(surface)}</mark>"
    )

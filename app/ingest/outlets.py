"""Which outlet published an article, read from its text: a byline credit ("By Jane Doe | Kyodo"), a
credit line ("Source: Reuters"), or a web address in the file; known names come from resources/outlets.yaml."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

RESOURCE = Path(__file__).resolve().parents[2] / "resources" / "outlets.yaml"
HEAD_LINES = 12  # bylines and credits sit at the top; a web address may be anywhere in the first lines
TAIL_LINES = 4  # ... or at the foot ("Source: https://...")

# names are capitalised: "By subscribing, you can help us get the story right." is no byline
_BYLINE = re.compile(r"^(?i:by)\s+[A-Z][^|•·–—]{1,79}?\s*[|•·–—,]\s*(?P<outlet>[A-Z][\w .&'’-]{1,40}?)\s*$")
_CREDIT = re.compile(r"^(?:source|via|published by|copyright|©)\s*:?\s*(?:©\s*)?(?:\d{4}\s+)?"
                     r"(?P<outlet>[A-Za-z][\w .&'’-]{1,40}?)\.?\s*$", re.IGNORECASE)
_URL = re.compile(r"\bhttps?://(?:www\.)?(?P<domain>[a-z0-9-]+(?:\.[a-z0-9-]+)+)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _known() -> tuple[dict[str, str], dict[str, str]]:
    try:
        data = yaml.safe_load(RESOURCE.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        data = {}
    if not isinstance(data, dict):
        data = {}

    def table(key: str) -> dict[str, str]:
        raw = data.get(key) or {}
        return {str(k).lower(): str(v) for k, v in raw.items()} if isinstance(raw, dict) else {}

    return table("names"), table("domains")


def display_name(name: str) -> str:
    """``KYODO`` -> ``Kyodo News``; an unknown name is kept as written."""
    cleaned = " ".join(name.split()).strip(" .,-")
    return _known()[0].get(cleaned.lower(), cleaned)


def from_domain(domain: str) -> str:
    """``www.reuters.com`` / ``jp.reuters.com`` -> ``Reuters``; an unknown domain is printed as the domain."""
    domain = domain.lower().removeprefix("www.")
    domains = _known()[1]
    parts = domain.split(".")
    for i in range(len(parts) - 1):
        name = domains.get(".".join(parts[i:]))
        if name:
            return name
    return domain


def find_outlet(raw_text: str) -> str:
    """The outlet the text credits, or ""; a byline or credit line first, then the first web address."""
    lines = [ln.strip() for ln in raw_text.split("\n") if ln.strip()]
    edge = lines[:HEAD_LINES] + lines[-TAIL_LINES:]
    names = _known()[0]
    for line in edge:
        if len(line) > 160:
            continue
        found = _BYLINE.match(line) or _CREDIT.match(line)
        if found:
            name = display_name(found["outlet"])
            if name.lower() in {v.lower() for v in names.values()} or found.re is _BYLINE:
                return name
    for line in edge:
        url = _URL.search(line)
        if url:
            return from_domain(url["domain"])
    return ""

"""One bad field costs one field: an annotation that fails the schema only because a text is too
long or a link is malformed is cut down to what passes, and kept, with a note saying what went.

Run only after the strict check failed, so well-formed output pays nothing for it.
"""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError

from masthead.sdk.schemas import MAX_LINKS, MAX_TEXT_CHARS, MAX_TITLE_CHARS, LinkSchema

TEXT_LIMITS = {"title": MAX_TITLE_CHARS, "text": MAX_TEXT_CHARS}
_link_schema = LinkSchema()


def repair(data: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """A copy of `data` with over-long texts cut (ending in "…") and invalid links dropped."""
    fixed, notes = dict(data), []
    for name, limit in TEXT_LIMITS.items():
        value = fixed.get(name)
        if isinstance(value, str) and len(value) > limit:
            fixed[name] = value[: limit - 1].rstrip() + "…"
            notes.append(f"{name} cut from {len(value)} to {limit} characters")
    links = fixed.get("links")
    if isinstance(links, (list, tuple)):
        kept = []
        for position, link in enumerate(links):
            try:
                _link_schema.load(link if isinstance(link, dict) else {"href": link})
            except (ValidationError, TypeError):
                notes.append(f"link {position} dropped (not a valid http(s) link)")
            else:
                kept.append(link)
        fixed["links"] = kept[:MAX_LINKS]
        if len(kept) > MAX_LINKS:
            notes.append(f"links cut from {len(kept)} to {MAX_LINKS}")
    return fixed, notes

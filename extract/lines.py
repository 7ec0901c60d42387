"""Lines inside an article region that are about the article, not part of its text.

Each test reads one block's text on its own: a byline, a date stamp, a copyright line, a bare
URL. They are deliberately narrow: a sentence that merely starts with "By" or mentions a date
or a copyright is article text.
"""

from __future__ import annotations

import re

BYLINE_WORDS = frozenset({"by", "por", "von", "par", "di", "door", "av", "af", "przez"})
# Month names in English, Spanish, Portuguese, German and French.
MONTHS = frozenset(
    """
    jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july
    august september october november december enero febrero marzo abril mayo junio julio agosto
    septiembre octubre noviembre diciembre janeiro fevereiro março maio junho julho setembro
    outubro novembro dezembro januar februar märz juni juli oktober dezember janvier février mars
    avril mai juin juillet août septembre octobre novembre décembre
    """.split()  # noqa: SIM905
)
STAMP_WORDS = frozenset(
    """
    updated update published posted original originally modified publicado atualizado
    actualizado veröffentlicht aktualisiert publié
    """.split()  # noqa: SIM905
)
# Everything else a date stamp may hold besides numbers: weekdays, clock words, time zones.
DATE_FILLER = frozenset(
    """
    mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday thursday friday saturday
    sunday am pm a p m gmt utc bst cet cest est edt cst cdt pst pdt mst mdt ist et pt ct last on
    at of the de del da do em le la um mis à jour st nd rd th
    """.split()  # noqa: SIM905
)
_WORDS = re.compile(r"[^\W\d_]+|\d+")
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)]*$")
_COPYRIGHT = re.compile(
    r"©|\ball rights reserved\b|^(image |photo |picture )?copyright\b|\(c\) ?\d{4}", re.IGNORECASE
)
_URL = re.compile(r"^(https?://|www\.)\S+$", re.IGNORECASE)


def is_byline(text: str) -> bool:
    """ "By Jane Doe", "Por María López": a short line naming who wrote it, not a sentence."""
    words = text.split()
    return 2 <= len(words) <= 10 and words[0].lower() in BYLINE_WORDS and words[1][:1].isupper()


def is_date_stamp(text: str) -> bool:
    """ "Updated 8:21 am ET, Nov. 19, 2019": nothing but a date, a time and stamp words."""
    if len(text) > 120:
        return False
    words = _WORDS.findall(text.lower())
    return (
        any(w.isdigit() for w in words)
        and any(w in MONTHS or w in STAMP_WORDS for w in words)
        and all(w.isdigit() or w in MONTHS or w in STAMP_WORDS or w in DATE_FILLER for w in words)
    )


def is_copyright(text: str) -> bool:
    """ "© 2019 Example Media. All rights reserved.", "Image copyright Getty Images"."""
    return len(text.split()) <= 25 and bool(_COPYRIGHT.search(text))


def is_bare_url(text: str) -> bool:
    return bool(_URL.match(text))


def is_sentence(text: str) -> bool:
    """Six words or more ending like a sentence: "Omar thanked the police."""
    return len(text.split()) >= 6 and bool(_SENTENCE_END.search(text))

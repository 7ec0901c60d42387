"""How bench/quality.py compares what an extractor found with a corpus's labels.

Kept apart from the benchmark so that its tests pin the comparison down: bylines are compared as
sets of names (case, accents' forms, "By" and spacing ignored), dates by calendar day, and an
article body by its paragraphs (a labelled paragraph is found when its words appear, in order,
in the prediction; a predicted line is right when its words appear in the labelled body).
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from datetime import UTC, datetime

_WORD = re.compile(r"\w+")
_BY = re.compile(r"^\s*(?:by|von|por|par|di|door|av|af)\s+", re.I)


def words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text or "").casefold())


def name_key(name: str) -> str:
    """One author name as compared: "By  JANE Roe" and "jane roe" are the same name."""
    return " ".join(words(_BY.sub("", name or "")))


def name_set(names: list[str]) -> set[str]:
    return {key for key in map(name_key, names) if key}


def byline_scores(truth: list[str], found: list[str]) -> tuple[bool, float, float]:
    """(same set?, precision, recall) of one page's author names."""
    want, got = name_set(truth), name_set(found)
    hit = len(want & got)
    precision = hit / len(got) if got else 0.0
    recall = hit / len(want) if want else 0.0
    return want == got, precision, recall


def day(value: str | None) -> tuple[str, str] | None:
    """The calendar day a date names, as written and in UTC (either may be what a page meant)."""
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        match = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
        return (match.group(0), match.group(0)) if match else None
    local = moment.date().isoformat()
    if moment.tzinfo is None:
        return local, local
    return local, moment.astimezone(UTC).date().isoformat()


def same_day(truth: str | None, found: str | None) -> bool:
    want, got = day(truth), day(found)
    if want is None or got is None:
        return False
    return want[0] == got[0] or want[1] == got[1] or want[0] == got[1] or want[1] == got[0]


def _joined(text_words: list[str]) -> str:
    return " " + " ".join(text_words) + " "


def paragraph_scores(paragraphs: list[str], predicted: str) -> tuple[float, float]:
    """(precision, recall) of one page's body, by paragraph.

    Recall: the share of labelled paragraphs whose words appear, in order, in the prediction.
    Precision: the share of the prediction's lines whose words appear in the labelled body.
    """
    want = [w for w in (words(p) for p in paragraphs) if w]
    got = [w for w in (words(line) for line in (predicted or "").splitlines()) if w]
    if not want:
        return 0.0, 0.0
    if not got:
        return 0.0, 0.0
    predicted_text = _joined([t for line in got for t in line])
    body_text = _joined([t for p in want for t in p])
    recall = sum(_joined(p) in predicted_text for p in want) / len(want)
    precision = sum(_joined(line) in body_text for line in got) / len(got)
    return precision, recall


def mean_pr(pairs: list[tuple[float, float]]) -> tuple[float, float, float]:
    """(F, mean precision, mean recall) over pages, each page weighing the same."""
    if not pairs:
        return 0.0, 0.0, 0.0
    p = statistics.mean(x for x, _ in pairs)
    r = statistics.mean(y for _, y in pairs)
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def inside_body(block_text: str, body: str, min_words: int = 5) -> bool:
    """Whether a collapsed block's words lie, in order, inside the labelled article body."""
    block = words(block_text)
    return len(block) >= min_words and _joined(block) in _joined(words(body))


def squash(name: str) -> str:
    return "".join(words(name))


def same_site_name(truth: str, found: str) -> bool:
    """ "DerStandard" and "derStandard.at" name one site; so do "The Guardian" and "Guardian"."""
    a, b = squash(truth).removeprefix("the"), squash(found).removeprefix("the")
    if not a or not b:
        return False
    return a == b or (min(len(a), len(b)) >= 4 and (a in b or b in a))


def same_title(truth: str, found: str) -> bool:
    return bool(words(truth)) and words(truth) == words(found)

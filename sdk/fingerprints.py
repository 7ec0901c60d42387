"""Text fingerprints: which running text two articles share, without keeping either text.

An article's fingerprint is a sample of the hashes of its word 5-shingles (five consecutive
words inside one sentence), as in the text-reuse literature (Broder's containment; Nicholls 2019).
Sampling is by hash value (a shingle is kept when its hash falls in the lowest quarter of the
range), so that the sample of two texts' shared shingles is exactly the shared part of their
samples: containment estimated on samples is unbiased, and an excerpt counts as well as a copy.
A stored fingerprint keeps at most `MAX_STORED` of the smallest sampled hashes (under 200 bytes)
and remembers the `ceiling` below which its sample is complete.

Short sentences and calls to action ("Follow us on Telegram") give no shingles: they recur on
every page of a site and would link articles that share nothing else.
"""

from __future__ import annotations

import hashlib
import re
import struct
from collections.abc import Iterable
from dataclasses import dataclass

SHINGLE_WORDS = 5
HASH_SPACE = 1 << 32
#: A shingle is sampled when its 32-bit hash is below this: one in four.
SAMPLE_BELOW = HASH_SPACE >> 2
#: How many sampled hashes an indexed article keeps (the smallest ones).
MAX_STORED = 40

_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'»”’)\]]*\s+|\n+")
#: Calls to action and site furniture that recur on every page of a site; a sentence with one
#: of these is not running text. Generic phrasings only.
_BOILERPLATE = re.compile(
    r"\b(follow us|subscribe|sign up|newsletter|share (this|on)|click here|read more|"
    r"all rights reserved|copyright|cookies?|download (our|the) app|join (us|our)|"
    r"like us on|support (us|our)|donate|advertisement|related (articles?|stories)|"
    r"folgen sie uns|abonnieren|síguenos|suscríbete)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Fingerprint:
    """Sorted sampled shingle hashes; complete below `ceiling`. `shingles` counts them all."""

    hashes: tuple[int, ...]
    shingles: int
    ceiling: int = SAMPLE_BELOW

    def stored(self, limit: int = MAX_STORED) -> Fingerprint:
        """The part an index keeps: the `limit` smallest hashes, complete below the next one."""
        if len(self.hashes) <= limit:
            return self
        return Fingerprint(self.hashes[:limit], self.shingles, self.hashes[limit])

    def pack(self) -> bytes:
        """Four bytes a hash, for storage."""
        return struct.pack(f"<{len(self.hashes)}I", *self.hashes)

    @classmethod
    def unpack(cls, data: bytes, shingles: int, ceiling: int) -> Fingerprint:
        return cls(struct.unpack(f"<{len(data) // 4}I", data), shingles, ceiling)


@dataclass(frozen=True)
class Overlap:
    """How much of one text (`this`) is found in another (`other`), and the reverse.

    `contained` is the share of this text's sampled shingles also in the other's; `reverse` the
    share of the other's found in this one. `shared` is the sample count both rest on.
    """

    shared: int
    this_sampled: int
    other_sampled: int

    @property
    def contained(self) -> float:
        return self.shared / self.this_sampled if self.this_sampled else 0.0

    @property
    def reverse(self) -> float:
        return self.shared / self.other_sampled if self.other_sampled else 0.0


def sentences(paragraphs: Iterable[str]) -> list[str]:
    """The running-text sentences of an article, boilerplate dropped."""
    out = []
    for paragraph in paragraphs:
        for sentence in _SENTENCE_END.split(paragraph):
            sentence = sentence.strip()
            if sentence and not _BOILERPLATE.search(sentence):
                out.append(sentence)
    return out


def shingle_hashes(paragraphs: Iterable[str]) -> set[int]:
    """Every distinct 32-bit shingle hash of the article's running text."""
    found: set[int] = set()
    for sentence in sentences(paragraphs):
        words = [w.casefold() for w in _WORD.findall(sentence)]
        for start in range(len(words) - SHINGLE_WORDS + 1):
            shingle = " ".join(words[start : start + SHINGLE_WORDS]).encode()
            found.add(int.from_bytes(hashlib.blake2b(shingle, digest_size=4).digest(), "little"))
    return found


def fingerprint(paragraphs: Iterable[str]) -> Fingerprint:
    """The fingerprint of an article's paragraphs (use `page.article.paragraphs`)."""
    hashes = shingle_hashes(paragraphs)
    return Fingerprint(tuple(sorted(h for h in hashes if h < SAMPLE_BELOW)), len(hashes))


def overlap(this: Fingerprint, other: Fingerprint) -> Overlap:
    """Containment both ways, on the range both samples cover completely."""
    ceiling = min(this.ceiling, other.ceiling)
    mine = {h for h in this.hashes if h < ceiling}
    theirs = {h for h in other.hashes if h < ceiling}
    return Overlap(len(mine & theirs), len(mine), len(theirs))


def overlap_from_count(
    this: Fingerprint, other_sampled: int, other_ceiling: int, shared: int
) -> Overlap:
    """`overlap` from an index that counted the shared hashes itself (its postings hold only
    the other's stored hashes, all below its ceiling). `this` must be a full, unstored sample."""
    ceiling = min(this.ceiling, other_ceiling)
    return Overlap(shared, sum(1 for h in this.hashes if h < ceiling), other_sampled)

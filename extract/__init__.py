"""Article extraction: which elements of a parsed `Page` hold the article's text.

`find_article(page)` returns the article region and, inside it, the elements that are not article
text (headline, bylines, captions, link rows). It reads only the `Page`, knows no site and no
plugin, and is shared by whoever provides `page.article` (the promo plugin today) and by the
extraction benchmark (`bench/extraction.py`).

- `region` finds the region and its exclusions;
- `lines` tells a byline, date stamp, copyright line or bare URL from article text;
- `names` reads what an element's class and id say it is.
"""

from __future__ import annotations

from .region import find_article

__all__ = ["find_article"]

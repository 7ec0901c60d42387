"""The origin index: fingerprints of articles published elsewhere, and how they get there.

`store` keeps them (SQLAlchemy Core: SQLite in the data dir, or PostgreSQL), `index` looks a
fingerprint up, `sync` follows feeds, `fetch` is the careful HTTP client sync uses.
"""

from .index import OriginIndex, OriginRecord, index_in_use, open_index

__all__ = ["OriginIndex", "OriginRecord", "index_in_use", "open_index"]

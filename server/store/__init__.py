"""The server's store: one SQLAlchemy Core engine shared by everything the server keeps.

SQLite in the data folder by default; PostgreSQL (psycopg 3) when `[store] url` says
`postgresql://…`, so several workers and hosts share one store. The schema moves forward by
numbered migrations (`migrations.py`), applied at start-up under a lock.
"""

from .engine import Store, StoreError
from .outlets import OutletStore

__all__ = ["OutletStore", "Store", "StoreError"]

"""The server's store: one SQLAlchemy Core engine shared by everything the server keeps.

SQLite in the data folder by default; PostgreSQL (psycopg 3) when `[store] url` says
`postgresql://…`, so several workers and hosts share one store. The schema moves forward by
numbered migrations (`migrations.py`), applied at start-up under a lock. It keeps the imported
outlet records (`outlets.py`), readers' reports (`feedback.py`) and, through the same engine,
the origin index.
"""

from .engine import Store, StoreError, describe_error
from .feedback import FeedbackStore
from .outlets import OutletStore

__all__ = ["FeedbackStore", "OutletStore", "Store", "StoreError", "describe_error"]

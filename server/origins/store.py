"""Where the origin index lives: three tables in the server's store, SQLAlchemy Core only.

Articles hold the URL, outlet, domain, dates, title and the packed fingerprint. Postings are the
inverted index lookups use, so that their cost follows the page, not the index: one row per
*bucket* of hash values (the hashes that agree above their low `BUCKET_BITS` bits), holding the
sorted `(low bits, article)` pairs of that bucket as eight bytes each. A million articles are
then a quarter of a million short rows instead of forty million tiny ones: a fraction of the
bytes (a row costs tens of bytes of overhead on PostgreSQL) and of the build time. Feeds keep each
followed feed's conditional-GET validators and last outcome. No article text is ever stored.

The tables are step 3 of the store's numbered migrations (`server/store/migrations.py`): change
them only together with a new step there. Writers take the store's write lock (SQLite's
`BEGIN IMMEDIATE`, an advisory lock on PostgreSQL), so two syncs never merge a bucket at once.
"""

from __future__ import annotations

import hashlib
import sys
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import islice
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    DateTime,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    TypeDecorator,
    delete,
    func,
    insert,
    select,
    text,
    update,
)

from ..store import Store

schema = MetaData()

#: Hashes agreeing above their low 12 bits share a postings row: 2^18 rows for 30-bit hashes,
#: about 150 pairs (1.2 KB) a row at a million articles.
BUCKET_BITS = 12
_LOW = (1 << BUCKET_BITS) - 1
_ARTICLE = (1 << 32) - 1
#: Articles written per transaction by `put_many` unless told otherwise.
BATCH = 20_000
_CHUNK = 900  # bound parameters per IN (...), under every backend's limit
_WRITE_LOCK = 7373_0010  # pg_advisory_xact_lock key: "masthead origin index writer"


class EpochSeconds(TypeDecorator[datetime]):
    """A UTC time as whole seconds: 4–6 bytes a value where an ISO string takes 26."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> int | None:
        return _epoch(value)

    def process_result_value(self, value: int | None, dialect: Any) -> datetime | None:
        return None if value is None else datetime.fromtimestamp(value, UTC)


def url_key(url: str) -> int:
    """A 63-bit key for a URL: the unique index holds 8 bytes a row instead of the whole URL."""
    return int.from_bytes(hashlib.blake2b(url.encode(), digest_size=8).digest(), "big") >> 1


# Indexes are only what lookups and replacement need: each costs bytes on every article.
articles = Table(
    "origin_articles",
    schema,
    Column("id", Integer, primary_key=True, autoincrement=False),  # given by the writer
    Column("url_key", BigInteger, nullable=False, unique=True),
    Column("url", String(2048), nullable=False),
    Column("domain", String(255), nullable=False),
    Column("outlet", String(255), nullable=False, default=""),
    Column("title", String(500), nullable=False, default=""),
    Column("published", EpochSeconds, nullable=True),
    Column("added", EpochSeconds, nullable=False),
    Column("via", String(16), nullable=False),  # feed | manual | analysed
    Column("shingles", Integer, nullable=False),
    Column("ceiling", BigInteger, nullable=False),
    Column("hashes", LargeBinary, nullable=False),
)

postings = Table(
    "origin_postings",
    schema,
    Column("bucket", Integer, primary_key=True, autoincrement=False),
    Column("entries", LargeBinary, nullable=False),
)

feeds = Table(
    "origin_feeds",
    schema,
    Column("url", String(2048), primary_key=True),
    Column("outlet", String(255), nullable=False, default=""),
    Column("etag", String(500), nullable=False, default=""),
    Column("last_modified", String(100), nullable=False, default=""),
    Column("synced", DateTime(timezone=True), nullable=True),
    Column("error", String(1000), nullable=False, default=""),
    Column("items", Integer, nullable=False, default=0),
)

#: Column order of the bulk writer's rows.
_ARTICLE_COLUMNS = [c.name for c in articles.columns]


def create_tables(connection: Connection) -> None:
    """Migration step 3 of the store: the origin index's tables."""
    schema.create_all(connection, checkfirst=True)


@dataclass(frozen=True)
class StoredArticle:
    id: int
    url: str
    domain: str
    outlet: str
    title: str
    published: datetime | None
    added: datetime
    via: str
    shingles: int
    ceiling: int
    sampled: int


Row = tuple[dict[str, Any], Sequence[int]]


class OriginStore:
    """The storage interface the index and the sync use; nothing else touches the tables."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @property
    def location(self) -> str:
        return self.store.location

    def filled(self) -> bool:
        """Whether anything was ever recorded (reading never creates an SQLite file)."""
        if not self.store.exists():
            return False
        with self.store.connect() as conn:
            return conn.execute(select(articles.c.id).limit(1)).first() is not None

    # -- articles ---------------------------------------------------------------------------
    def put(self, row: dict[str, Any], hashes: Sequence[int]) -> int:
        """Insert or replace the article at `row["url"]` and its postings; its id."""
        with self.store.begin() as conn:
            return self._write(conn, [(row, hashes)])[0]

    def put_many(self, rows: Iterable[Row], batch: int = BATCH) -> int:
        """Insert or replace many articles, `batch` of them per transaction; how many.

        The sync writes a feed's new items with it, imports and the benchmark millions: rows
        go to the driver as plain tuples (COPY on PostgreSQL), and each postings bucket a
        batch touches is read and written once, however many of its articles fall in it."""
        count = 0
        source = iter(rows)
        while chunk := list(islice(source, batch)):
            with self.store.begin() as conn:
                count += len(self._write(conn, chunk))
        return count

    def hits(self, hashes: Sequence[int], common: int) -> dict[int, int]:
        """Per article, how many of `hashes` it holds; a hash held by over `common` articles is
        site furniture or a stock phrase and counts for none."""
        with self.store.connect() as conn:
            return _count(self._buckets(conn, {h >> BUCKET_BITS for h in hashes}), hashes, common)

    def lookup(
        self, hashes: Sequence[int], common: int, at_least: int, most: int
    ) -> list[tuple[StoredArticle, int]]:
        """The `most` articles holding the most of `hashes` (at least `at_least` of them, a
        hash held by over `common` counting for none), with that count: one connection, two
        queries, whatever the index's size."""
        with self.store.connect() as conn:
            counts = _count(self._buckets(conn, {h >> BUCKET_BITS for h in hashes}), hashes, common)
            best = sorted((a for a, n in counts.items() if n >= at_least), key=counts.__getitem__)
            found = self._articles(conn, best[::-1][:most])
        return [(article, counts[article.id]) for article in found]

    def articles(self, ids: Iterable[int]) -> list[StoredArticle]:
        with self.store.connect() as conn:
            return self._articles(conn, list(ids))

    @staticmethod
    def _articles(conn: Connection, ids: list[int]) -> list[StoredArticle]:
        if not ids:
            return []
        marker = _marker(conn)
        # Plain driver SQL, like `_buckets`: this runs once per analysed page.
        query = (
            f"SELECT {', '.join(_STORED_COLUMNS)} FROM {articles.name} "
            f"WHERE id IN ({', '.join([marker] * len(ids))})"
        )
        return [_stored_from(r) for r in conn.exec_driver_sql(query, tuple(ids))]

    def by_url(self, url: str) -> StoredArticle | None:
        with self.store.connect() as conn:
            query = select(articles).where(
                articles.c.url_key == url_key(url), articles.c.url == url
            )
            row = conn.execute(query.with_only_columns(*_STORED)).first()
        return _stored_from(row) if row else None

    def forget(
        self, url: str | None = None, outlet: str | None = None, before: datetime | None = None
    ) -> int:
        """Delete articles by URL, by outlet, or added before a time; how many went."""
        conditions = []
        if url is not None:
            conditions.append(articles.c.url_key == url_key(url))
        if outlet is not None:
            conditions.append(func.lower(articles.c.outlet) == outlet.lower())
        if before is not None:
            conditions.append(articles.c.added < before)
        if not conditions:
            raise ValueError("forget needs a URL, an outlet or a time")
        with self.store.begin() as conn:
            self._lock(conn)
            ids = self._ids(conn, *conditions)
            self._delete(conn, ids)
        return len(ids)

    def stats(self) -> dict[str, Any]:
        with self.store.connect() as conn:
            total = conn.execute(select(func.count()).select_from(articles)).scalar() or 0
            posting_bytes = conn.execute(
                select(func.coalesce(func.sum(func.length(postings.c.entries)), 0))
            ).scalar()
            by_outlet = conn.execute(
                select(
                    articles.c.outlet, articles.c.domain, func.count(), func.max(articles.c.added)
                )
                .group_by(articles.c.outlet, articles.c.domain)
                .order_by(func.count().desc())
            ).all()
            by_via: dict[str, int] = dict(
                conn.execute(select(articles.c.via, func.count()).group_by(articles.c.via)).all()
            )
            feed_rows = conn.execute(select(feeds).order_by(feeds.c.url)).mappings().all()
        return {
            "articles": int(total),
            "postings": int(posting_bytes or 0) // 8,
            "by_via": {str(k): int(v) for k, v in by_via.items()},
            "outlets": [
                {"outlet": o, "domain": d, "articles": int(n), "last_added": _aware(last)}
                for o, d, n, last in by_outlet
            ],
            "feeds": [dict(r) for r in feed_rows],
        }

    # -- feeds ------------------------------------------------------------------------------
    def follow(self, url: str, outlet: str) -> None:
        self._upsert_feed(url, {"outlet": outlet})

    def feed_list(self) -> list[dict[str, Any]]:
        with self.store.connect() as conn:
            return [dict(r) for r in conn.execute(select(feeds).order_by(feeds.c.url)).mappings()]

    def feed_state(self, url: str) -> dict[str, Any]:
        with self.store.connect() as conn:
            row = conn.execute(select(feeds).where(feeds.c.url == url)).mappings().first()
        return dict(row) if row else {}

    def record_feed(self, url: str, outlet: str, **values: Any) -> None:
        """A sync's outcome; a feed only in the config file gets its row here."""
        self._upsert_feed(url, values, {"outlet": outlet})

    def _upsert_feed(
        self, url: str, values: dict[str, Any], new_only: dict[str, Any] | None = None
    ) -> None:
        with self.store.begin() as conn:
            exists = conn.execute(select(feeds.c.url).where(feeds.c.url == url)).first()
            if exists:
                conn.execute(update(feeds).where(feeds.c.url == url).values(**values))
            else:
                conn.execute(insert(feeds).values(url=url, **{**(new_only or {}), **values}))

    # -- writing ----------------------------------------------------------------------------
    @staticmethod
    def _lock(conn: Connection) -> None:
        """One writer at a time: SQLite's IMMEDIATE transaction already is; PostgreSQL waits
        here for the other writer's transaction to end."""
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _WRITE_LOCK})

    def _write(self, conn: Connection, rows: list[Row]) -> list[int]:
        """Rows (replacing the same URLs) and their postings, in the caller's transaction."""
        self._lock(conn)
        latest: dict[int, Row] = {url_key(r["url"]): (r, h) for r, h in rows}  # last one wins
        replaced = [
            found
            for keys in _chunks(list(latest))
            for found in self._ids(conn, articles.c.url_key.in_(keys))
        ]
        self._delete(conn, replaced)
        next_id = int(conn.execute(select(func.coalesce(func.max(articles.c.id), 0))).scalar_one())
        ids: list[int] = []
        values: list[tuple[Any, ...]] = []
        added: dict[int, array[int]] = {}
        for key, (row, hashes) in latest.items():
            next_id += 1
            ids.append(next_id)
            record = {**row, "id": next_id, "url_key": key}
            record["published"] = _epoch(record.get("published"))
            record["added"] = _epoch(record.get("added")) or _epoch(datetime.now(UTC))
            record.setdefault("outlet", "")
            record.setdefault("title", "")
            values.append(tuple(record[c] for c in _ARTICLE_COLUMNS))
            for h in hashes:
                entries = added.get(h >> BUCKET_BITS)
                if entries is None:
                    entries = added[h >> BUCKET_BITS] = array("Q")
                entries.append((h & _LOW) << 32 | next_id)
        _bulk_insert(conn, articles.name, _ARTICLE_COLUMNS, values)
        self._merge(conn, added, remove={})
        return ids

    def _merge(
        self, conn: Connection, add: dict[int, array[int]], remove: dict[int, set[int]]
    ) -> None:
        """Apply added and removed pairs to their buckets: each bucket read and written once."""
        touched = set(add) | set(remove)
        current = self._buckets(conn, touched)
        new_rows: list[tuple[Any, ...]] = []
        changed: list[tuple[bytes, int]] = []
        for bucket in sorted(touched):
            old = current.get(bucket)
            entries: Iterable[int] = old if old is not None else ()
            gone = remove.get(bucket)
            if gone:
                entries = (e for e in entries if e not in gone)
            merged = sorted([*entries, *add.get(bucket, ())])
            if old is None:
                if merged:
                    new_rows.append((bucket, _pack(merged)))
            else:
                changed.append((_pack(merged), bucket))
        if changed:
            marker = _marker(conn)
            conn.exec_driver_sql(
                f"UPDATE {postings.name} SET entries = {marker} WHERE bucket = {marker}", changed
            )
        _bulk_insert(conn, postings.name, ["bucket", "entries"], new_rows)

    def _buckets(self, conn: Connection, wanted: Iterable[int]) -> dict[int, array[int]]:
        """The decoded postings rows of these buckets."""
        marker = _marker(conn)
        found: dict[int, array[int]] = {}
        for chunk in _chunks(sorted(wanted)):
            # Plain driver SQL: compiling an IN of a hundred values costs more than running it.
            query = (
                f"SELECT bucket, entries FROM {postings.name} "
                f"WHERE bucket IN ({', '.join([marker] * len(chunk))})"
            )
            for bucket, blob in conn.exec_driver_sql(query, chunk):
                found[int(bucket)] = _unpack(bytes(blob))
        return found

    @staticmethod
    def _ids(conn: Connection, *conditions: Any) -> list[tuple[int, bytes]]:
        return [
            (int(i), bytes(h))
            for i, h in conn.execute(select(articles.c.id, articles.c.hashes).where(*conditions))
        ]

    def _delete(self, conn: Connection, ids: list[tuple[int, bytes]]) -> None:
        """Articles and their postings, found from each article's own packed hashes, so that
        deleting never scans the postings."""
        if not ids:
            return
        from masthead.sdk.fingerprints import Fingerprint

        remove: dict[int, set[int]] = {}
        for article, packed in ids:
            for h in Fingerprint.unpack(packed, 0, 0).hashes:
                remove.setdefault(h >> BUCKET_BITS, set()).add((h & _LOW) << 32 | article)
        self._merge(conn, {}, remove)
        for chunk in _chunks([i for i, _ in ids]):
            conn.execute(delete(articles).where(articles.c.id.in_(chunk)))


#: What a StoredArticle is read from: the sampled hashes only by their length.
_STORED = [
    *(getattr(articles.c, n) for n in ("id", "url", "domain", "outlet", "title", "published")),
    *(getattr(articles.c, n) for n in ("added", "via", "shingles", "ceiling")),
    func.length(articles.c.hashes),
]
_STORED_COLUMNS = [*(c.name for c in _STORED[:-1]), "length(hashes)"]


def _stored_from(row: Sequence[Any]) -> StoredArticle:
    """A StoredArticle from a driver row in `_STORED_COLUMNS` order (times as epoch seconds)."""
    article_id, url, domain, outlet, title, published, added, via, shingles, ceiling, size = row
    return StoredArticle(
        id=int(article_id),
        url=url,
        domain=domain,
        outlet=outlet,
        title=title,
        published=_from_epoch(published),
        added=_from_epoch(added) or datetime.now(UTC),
        via=via,
        shingles=int(shingles),
        ceiling=int(ceiling),
        sampled=int(size) // 4,
    )


def _count(buckets: dict[int, array[int]], hashes: Sequence[int], common: int) -> dict[int, int]:
    """Per article, how many of `hashes` its postings in `buckets` hold."""
    counts: dict[int, int] = {}
    for h in set(hashes):
        entries = buckets.get(h >> BUCKET_BITS)
        if entries is None:
            continue
        low = (h & _LOW) << 32
        start = bisect_left(entries, low)
        end = bisect_left(entries, low + (1 << 32), start)
        if end - start > common:
            continue
        for index in range(start, end):
            article = entries[index] & _ARTICLE
            counts[article] = counts.get(article, 0) + 1
    return counts


def _bulk_insert(
    conn: Connection, table: str, columns: list[str], rows: list[tuple[Any, ...]]
) -> None:
    """Many rows at driver speed: COPY on PostgreSQL, executemany of tuples elsewhere."""
    if not rows:
        return
    names = ", ".join(columns)
    if conn.dialect.name == "postgresql":
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        with cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    marker = _marker(conn)
    placeholders = ", ".join([marker] * len(columns))
    conn.exec_driver_sql(f"INSERT INTO {table} ({names}) VALUES ({placeholders})", rows)


def _marker(conn: Connection) -> str:
    return "?" if conn.dialect.paramstyle == "qmark" else "%s"


def _pack(entries: Sequence[int]) -> bytes:
    """Eight little-endian bytes a pair, sorted, so a lookup bisects without decoding."""
    packed = array("Q", entries)
    if sys.byteorder == "big":
        packed.byteswap()
    return packed.tobytes()


def _unpack(blob: bytes) -> array[int]:
    entries = array("Q")
    entries.frombytes(blob)
    if sys.byteorder == "big":
        entries.byteswap()
    return entries


def _from_epoch(value: int | datetime | None) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return _aware(value)
    return datetime.fromtimestamp(int(value), UTC)


def _epoch(value: datetime | None) -> int | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return int(value.timestamp())


def _aware(value: datetime | None) -> datetime | None:
    """SQLite hands datetimes back naive; they were stored in UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _chunks(items: list[int]) -> Iterator[tuple[int, ...]]:
    """Bounded IN (...) lists."""
    for start in range(0, len(items), _CHUNK):
        yield tuple(items[start : start + _CHUNK])

"""Where the origin index lives: three tables behind one small class, SQLAlchemy Core only.

Articles hold the URL, outlet, domain, dates, title and the packed fingerprint; postings map each
stored hash to its articles (the inverted index lookups use, so their cost does not grow with the
index); feeds keep each followed feed's conditional-GET validators and last outcome. No article
text is ever stored. The same statements run on SQLite and PostgreSQL.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Engine,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    TypeDecorator,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    update,
)

metadata = MetaData()


class EpochSeconds(TypeDecorator[datetime]):
    """A UTC time as whole seconds: 4–6 bytes a value where an ISO string takes 26."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> int | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return int(value.timestamp())

    def process_result_value(self, value: int | None, dialect: Any) -> datetime | None:
        return None if value is None else datetime.fromtimestamp(value, UTC)


def url_key(url: str) -> int:
    """A 63-bit key for a URL: the unique index holds 8 bytes a row instead of the whole URL."""
    return int.from_bytes(hashlib.blake2b(url.encode(), digest_size=8).digest(), "big") >> 1


# Indexes are only what lookups and replacement need: each costs bytes on every article.
articles = Table(
    "origin_articles",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
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
    metadata,
    Column("hash", Integer, primary_key=True, autoincrement=False),
    Column("article", Integer, primary_key=True, autoincrement=False),
    sqlite_with_rowid=False,
)

feeds = Table(
    "origin_feeds",
    metadata,
    Column("url", String(2048), primary_key=True),
    Column("outlet", String(255), nullable=False, default=""),
    Column("etag", String(500), nullable=False, default=""),
    Column("last_modified", String(100), nullable=False, default=""),
    Column("synced", DateTime(timezone=True), nullable=True),
    Column("error", String(1000), nullable=False, default=""),
    Column("items", Integer, nullable=False, default=0),
)


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


def sqlite_engine(path: str) -> Engine:
    """A file SQLite engine shared by the server's threads, with WAL so readers never wait."""
    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _pragmas(connection: Any, _record: Any) -> None:
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return engine


def _aware(value: datetime | None) -> datetime | None:
    """SQLite hands datetimes back naive; they were stored in UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


class OriginStore:
    """The storage interface the index and the sync use; nothing else touches the tables."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        metadata.create_all(engine)

    # -- articles ---------------------------------------------------------------------------
    def put(self, row: dict[str, Any], hashes: Sequence[int]) -> int:
        """Insert or replace the article at `row["url"]` and its postings; its id."""
        with self.engine.begin() as conn:
            self._delete_ids(conn, self._ids(conn, articles.c.url_key == url_key(row["url"])))
            values = {**row, "url_key": url_key(row["url"])}
            inserted = conn.execute(insert(articles).values(**values)).inserted_primary_key
            assert inserted is not None
            article_id = int(inserted[0])
            if hashes:
                conn.execute(insert(postings), [{"hash": h, "article": article_id} for h in hashes])
        return article_id

    def put_many(self, rows: Iterable[tuple[dict[str, Any], Sequence[int]]]) -> int:
        """Bulk insert of new articles (imports, benchmarks), in one transaction.

        Postings go to an unindexed staging table first and then into the index sorted by hash,
        so the B-tree is written in order instead of at a random place per posting: a million
        articles build in minutes, not hours."""
        count = 0
        staging = Table(
            "origin_postings_staging",
            MetaData(),
            Column("hash", Integer),
            Column("article", Integer),
            prefixes=["TEMPORARY"],
        )
        with self.engine.begin() as conn:
            staging.create(conn)
            highest = select(func.coalesce(func.max(articles.c.id), 0))
            next_id = int(conn.execute(highest).scalar_one())
            # Postings by the driver's own executemany: millions of rows, no per-row objects.
            marker = "?" if conn.dialect.paramstyle == "qmark" else "%s"
            stage = f"INSERT INTO {staging.name} (hash, article) VALUES ({marker}, {marker})"
            batch_rows: list[dict[str, Any]] = []
            batch_postings: list[tuple[int, int]] = []
            for row, hashes in rows:
                next_id += 1
                batch_rows.append({**row, "id": next_id, "url_key": url_key(row["url"])})
                batch_postings += [(h, next_id) for h in hashes]
                count += 1
                if len(batch_rows) >= 5000:
                    conn.execute(insert(articles), batch_rows)
                    conn.exec_driver_sql(stage, batch_postings)
                    batch_rows, batch_postings = [], []
            if batch_rows:
                conn.execute(insert(articles), batch_rows)
                conn.exec_driver_sql(stage, batch_postings)
            ordered = select(staging.c.hash, staging.c.article).order_by(
                staging.c.hash, staging.c.article
            )
            conn.execute(insert(postings).from_select(["hash", "article"], ordered))
            staging.drop(conn)
        return count

    def hits(self, hashes: Sequence[int], common: int) -> dict[int, int]:
        """Per article, how many of `hashes` it holds; a hash held by over `common` articles is
        site furniture or a stock phrase and counts for none."""
        found: dict[int, list[int]] = {}
        with self.engine.connect() as conn:
            # Plain driver SQL: compiling an IN of a hundred values costs more than running it.
            marker = "?" if conn.dialect.paramstyle == "qmark" else "%s"
            for start in range(0, len(hashes), 500):
                chunk = tuple(hashes[start : start + 500])
                query = (
                    f"SELECT hash, article FROM {postings.name} "
                    f"WHERE hash IN ({', '.join([marker] * len(chunk))})"
                )
                for h, article in conn.exec_driver_sql(query, chunk):
                    found.setdefault(h, []).append(article)
        counts: dict[int, int] = {}
        for holders in found.values():
            if len(holders) > common:
                continue
            for article in holders:
                counts[article] = counts.get(article, 0) + 1
        return counts

    def articles(self, ids: Iterable[int]) -> list[StoredArticle]:
        ids = list(ids)
        if not ids:
            return []
        with self.engine.connect() as conn:
            rows = conn.execute(select(articles).where(articles.c.id.in_(ids))).mappings()
            return [self._stored(r) for r in rows]

    def by_url(self, url: str) -> StoredArticle | None:
        with self.engine.connect() as conn:
            query = select(articles).where(
                articles.c.url_key == url_key(url), articles.c.url == url
            )
            row = conn.execute(query).mappings().first()
        return self._stored(row) if row else None

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
        with self.engine.begin() as conn:
            ids = self._ids(conn, *conditions)
            self._delete_ids(conn, ids)
        return len(ids)

    def stats(self) -> dict[str, Any]:
        with self.engine.connect() as conn:
            total = conn.execute(select(func.count()).select_from(articles)).scalar() or 0
            posting_count = conn.execute(select(func.count()).select_from(postings)).scalar() or 0
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
            "postings": int(posting_count),
            "by_via": {str(k): int(v) for k, v in by_via.items()},
            "outlets": [
                {"outlet": o, "domain": d, "articles": int(n), "last_added": _aware(last)}
                for o, d, n, last in by_outlet
            ],
            "feeds": [dict(r) for r in feed_rows],
        }

    # -- feeds ------------------------------------------------------------------------------
    def follow(self, url: str, outlet: str) -> None:
        with self.engine.begin() as conn:
            exists = conn.execute(select(feeds.c.url).where(feeds.c.url == url)).first()
            if exists:
                conn.execute(update(feeds).where(feeds.c.url == url).values(outlet=outlet))
            else:
                conn.execute(insert(feeds).values(url=url, outlet=outlet))

    def feed_list(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(select(feeds).order_by(feeds.c.url)).mappings()]

    def feed_state(self, url: str) -> dict[str, Any]:
        with self.engine.connect() as conn:
            row = conn.execute(select(feeds).where(feeds.c.url == url)).mappings().first()
        return dict(row) if row else {}

    def record_feed(self, url: str, outlet: str, **values: Any) -> None:
        with self.engine.begin() as conn:
            exists = conn.execute(select(feeds.c.url).where(feeds.c.url == url)).first()
            if exists:
                conn.execute(update(feeds).where(feeds.c.url == url).values(**values))
            else:
                conn.execute(insert(feeds).values(url=url, outlet=outlet, **values))

    # -- helpers ----------------------------------------------------------------------------
    @staticmethod
    def _ids(conn: Any, *conditions: Any) -> list[tuple[int, bytes]]:
        return [
            (int(i), bytes(h))
            for i, h in conn.execute(select(articles.c.id, articles.c.hashes).where(*conditions))
        ]

    @staticmethod
    def _delete_ids(conn: Any, ids: list[tuple[int, bytes]]) -> None:
        """Postings by their key (hash, article), from each article's own packed hashes, so that
        deleting never scans the postings."""
        from masthead.sdk.fingerprints import Fingerprint

        keys = [
            {"h": h, "a": article}
            for article, packed in ids
            for h in Fingerprint.unpack(packed, 0, 0).hashes
        ]
        if keys:
            from sqlalchemy import and_, bindparam

            conn.execute(
                delete(postings).where(
                    and_(postings.c.hash == bindparam("h"), postings.c.article == bindparam("a"))
                ),
                keys,
            )
        for start in range(0, len(ids), 500):
            chunk = [i for i, _ in ids[start : start + 500]]
            conn.execute(delete(articles).where(articles.c.id.in_(chunk)))

    @staticmethod
    def _stored(row: Any) -> StoredArticle:
        return StoredArticle(
            id=int(row["id"]),
            url=row["url"],
            domain=row["domain"],
            outlet=row["outlet"],
            title=row["title"],
            published=_aware(row["published"]),
            added=_aware(row["added"]) or datetime.now(UTC),
            via=row["via"],
            shingles=int(row["shingles"]),
            ceiling=int(row["ceiling"]),
            sampled=len(row["hashes"]) // 4,
        )

"""``embedded``: SQLite FTS5 in its own file, whatever the main database is.

One table holds the documents (JSON) and the lower-cased skills for exact filtering;
an FTS5 table (``unicode61`` tokenizer without diacritics, prefix indexes) holds the
text. Queries AND their words, each as a prefix (``pyth`` finds ``Python``), ranked by
``bm25`` with per-field weights; ``snippet()`` gives highlights. Runs on aiosqlite: a
writer connection behind a lock and a reader connection, each in its own thread; WAL
gives readers a consistent snapshot while a document is being replaced.
"""
from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import aiosqlite

from htdy.core.errors import ServiceUnavailable
from htdy.core.interfaces import PluginOptions, SearchBackend, SearchHit, SearchPage
from htdy.plugins.search_backends.common import (
    MARK_CLOSE,
    MARK_OPEN,
    TEXT_FIELDS,
    WEIGHTS,
    check_filters,
    check_page,
    normalise,
    render_highlight,
    terms,
)

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS cv_docs (
    cv_id TEXT PRIMARY KEY,
    doc TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS cv_skills (
    cv_id TEXT NOT NULL REFERENCES cv_docs(cv_id) ON DELETE CASCADE,
    skill TEXT NOT NULL,
    PRIMARY KEY (skill, cv_id)
);
CREATE VIRTUAL TABLE IF NOT EXISTS cv_fts USING fts5(
    cv_id UNINDEXED, {", ".join(TEXT_FIELDS)},
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
"""
_WEIGHTS = ", ".join(str(WEIGHTS[f]) for f in TEXT_FIELDS)


class EmbeddedOptions(PluginOptions):
    path: str = "var/search.sqlite3"


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


class EmbeddedSearch(SearchBackend):
    name = "embedded"
    description = "SQLite FTS5 (bm25, prefix matching, snippets) in its own file."
    Options = EmbeddedOptions
    options: EmbeddedOptions

    def __init__(self, options: PluginOptions | None = None) -> None:
        super().__init__(options)
        self._db: aiosqlite.Connection | None = None
        self._reader: aiosqlite.Connection | None = None
        self._write_lock = asyncio.Lock()

    @property
    def db(self) -> aiosqlite.Connection:
        if self._db is None:
            raise ServiceUnavailable("embedded search is not started")
        return self._db

    @property
    def reader(self) -> aiosqlite.Connection:
        return self._reader or self.db

    async def start(self) -> None:
        if self._db is not None:
            return
        path = self.options.path
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._db = await aiosqlite.connect(path)
        await self._db.execute("PRAGMA journal_mode=WAL")
        await self._db.execute("PRAGMA foreign_keys=ON")
        await self._db.execute("PRAGMA busy_timeout=5000")
        await self._db.executescript(SCHEMA)
        await self._db.commit()
        if path != ":memory:":
            self._reader = await aiosqlite.connect(path)
            await self._reader.execute("PRAGMA busy_timeout=5000")

    async def close(self) -> None:
        for db in (self._reader, self._db):
            if db is not None:
                await db.close()
        self._db = self._reader = None

    async def index(self, cv_id: str, document: dict[str, Any]) -> None:
        doc = normalise(cv_id, document)
        async with self._write_lock:
            await self._index(doc)

    async def _index(self, doc: dict[str, Any]) -> None:
        db = self.db
        try:
            await self._delete(doc["cv_id"])
            await db.execute("INSERT INTO cv_docs (cv_id, doc) VALUES (?, ?)", (doc["cv_id"], json.dumps(doc)))
            await db.executemany("INSERT OR IGNORE INTO cv_skills (cv_id, skill) VALUES (?, ?)",
                                 [(doc["cv_id"], s.strip().lower()) for s in doc["skills"]])
            row = [doc["cv_id"]] + [" \n".join(doc[f]) if isinstance(doc[f], list) else doc[f]
                                    for f in TEXT_FIELDS]
            await db.execute(f"INSERT INTO cv_fts (cv_id, {', '.join(TEXT_FIELDS)}) "
                             f"VALUES ({', '.join('?' * len(row))})", row)
            await db.commit()
        except BaseException:
            await db.rollback()
            raise

    async def _delete(self, cv_id: str) -> None:
        await self.db.execute("DELETE FROM cv_fts WHERE cv_id = ?", (cv_id,))
        await self.db.execute("DELETE FROM cv_skills WHERE cv_id = ?", (cv_id,))
        await self.db.execute("DELETE FROM cv_docs WHERE cv_id = ?", (cv_id,))

    async def remove(self, cv_id: str) -> None:
        async with self._write_lock:
            await self._delete(cv_id)
            await self.db.commit()

    async def search(self, query: str, *, filters: dict[str, str] | None = None,
                     limit: int = 20, offset: int = 0) -> SearchPage:
        check_page(limit, offset)
        f = check_filters(filters)
        words = terms(query)
        match_parts = [f"{_phrase(w)}*" for w in words]
        if "location" in f:
            location_words = terms(f["location"])
            if location_words:
                match_parts.append("location : " + _phrase(" ".join(location_words)))
        where, params = [], []
        if match_parts:
            where.append("cv_fts MATCH ?")
            params.append(" AND ".join(match_parts))
        if "skill" in f:
            where.append("cv_fts.cv_id IN (SELECT cv_id FROM cv_skills WHERE skill = ?)")
            params.append(f["skill"].lower())
        clause = ("WHERE " + " AND ".join(where)) if where else ""
        ranked = bool(words)
        order = f"bm25(cv_fts, 0, {_WEIGHTS}), cv_fts.cv_id" if ranked else "cv_fts.cv_id"
        score = f"-bm25(cv_fts, 0, {_WEIGHTS})" if ranked else "0.0"
        snippets = ", ".join(f"snippet(cv_fts, {i + 1}, '{MARK_OPEN}', '{MARK_CLOSE}', '…', 12)"
                             for i in range(len(TEXT_FIELDS)))
        async with self.reader.execute(f"SELECT count(*) FROM cv_fts {clause}", params) as cur:
            total = (await cur.fetchone() or (0,))[0]
        sql = (f"SELECT cv_fts.cv_id, {score}, d.doc, {snippets} FROM cv_fts "
               f"JOIN cv_docs d ON d.cv_id = cv_fts.cv_id {clause} ORDER BY {order} LIMIT ? OFFSET ?")
        hits = []
        async with self.reader.execute(sql, [*params, limit, offset]) as cur:
            async for row in cur:
                highlights = {}
                if ranked:
                    for field, frag in zip(TEXT_FIELDS, row[3:], strict=True):
                        if frag and MARK_OPEN in frag:
                            highlights[field] = [render_highlight(frag)]
                hits.append(SearchHit(cv_id=row[0], score=float(row[1]), document=json.loads(row[2]),
                                      highlights=highlights))
        return SearchPage(total=int(total), hits=hits)

    async def check(self) -> None:
        try:
            async with self.reader.execute("SELECT count(*) FROM cv_docs") as cur:
                await cur.fetchone()
        except Exception as exc:
            raise ServiceUnavailable(f"embedded search unavailable: {exc}") from exc

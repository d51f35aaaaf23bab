"""``embedded``: SQLite FTS5 in its own file, whatever the main database is.

One table holds the documents (JSON) and years of experience, one the facet values
(skill keys, city, country, languages, year band, open-to-work) for exact filters and
facet counts; an FTS5 table (``unicode61`` tokenizer without diacritics, prefix indexes)
holds the text, plus one opaque token per skill key (``skill_tok``) so a skill named in a
query (``k8s``, ``C#``) matches the skill, not any word that looks like it. Queries AND
their parts (common.Parsed), ranked by ``bm25`` with per-field weights; ``snippet()``
gives highlights. Runs on aiosqlite: a
writer connection behind a lock and a reader connection, each in its own thread; WAL
gives readers a consistent snapshot while a document is being replaced.
"""
from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path
from typing import Any

import aiosqlite

from htdy.core.host.errors import ServiceUnavailable
from htdy.core.host.interfaces import (
    CandidateQuery,
    ConfigPath,
    PluginOptions,
    SearchBackend,
    SearchHit,
    SearchPage,
    config_path,
)
from htdy.plugins.search_backends.common import (
    MARK_CLOSE,
    MARK_OPEN,
    SKILL_WEIGHT,
    TEXT_FIELDS,
    WEIGHTS,
    Parsed,
    candidate_terms,
    check_candidates,
    check_page,
    explain,
    facet_list,
    facet_values,
    normalise,
    parse,
    render_highlight,
    skill_token,
)

SCHEMA_VERSION = 2  # PRAGMA user_version; an older file is rebuilt empty (run `htdy search reindex`)
SCHEMA = f"""
CREATE TABLE IF NOT EXISTS cv_docs (
    cv_id TEXT PRIMARY KEY,
    doc TEXT NOT NULL,
    years REAL
);
CREATE TABLE IF NOT EXISTS cv_facets (
    cv_id TEXT NOT NULL REFERENCES cv_docs(cv_id) ON DELETE CASCADE,
    facet TEXT NOT NULL,
    key TEXT NOT NULL,
    label TEXT NOT NULL,
    PRIMARY KEY (facet, key, cv_id)
);
CREATE INDEX IF NOT EXISTS cv_facets_by_cv ON cv_facets (cv_id);
CREATE VIRTUAL TABLE IF NOT EXISTS cv_fts USING fts5(
    cv_id UNINDEXED, {", ".join(TEXT_FIELDS)}, skill_tok,
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
PRAGMA user_version = {SCHEMA_VERSION};
"""
OLD_TABLES = ("cv_fts", "cv_skills", "cv_facets", "cv_docs")
_WEIGHTS = ", ".join(str(WEIGHTS[f]) for f in TEXT_FIELDS) + f", {SKILL_WEIGHT}"
_TEXT_COLS = "{" + " ".join(TEXT_FIELDS) + "}"
log = logging.getLogger("htdy.search")


class EmbeddedOptions(PluginOptions):
    path: ConfigPath = config_path("var/search.sqlite3")  # relative: to the configuration file's folder


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
        async with self._db.execute("PRAGMA user_version") as cur:
            version = (await cur.fetchone() or (0,))[0]
        if version != SCHEMA_VERSION:
            async with self._db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'cv_docs'") as cur:
                existed = (await cur.fetchone() or (0,))[0]
            if existed:
                log.warning("embedded search: %s has index schema %s, this build uses %s; emptied, to be "
                            "rebuilt from the database", path, version, SCHEMA_VERSION)
                self.needs_rebuild = True
            for table in OLD_TABLES:
                await self._db.execute(f"DROP TABLE IF EXISTS {table}")
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
            await db.execute("INSERT INTO cv_docs (cv_id, doc, years) VALUES (?, ?, ?)",
                             (doc["cv_id"], json.dumps(doc), doc["years"]))
            await db.executemany("INSERT OR IGNORE INTO cv_facets (cv_id, facet, key, label) VALUES (?, ?, ?, ?)",
                                 [(doc["cv_id"], facet, key, label)
                                  for facet, pairs in facet_values(doc).items() for key, label in pairs])
            row = [doc["cv_id"]] + [" \n".join(doc[f]) if isinstance(doc[f], list) else doc[f]
                                    for f in TEXT_FIELDS] + [" ".join(skill_token(k) for k in doc["skill_keys"])]
            await db.execute(f"INSERT INTO cv_fts (cv_id, {', '.join(TEXT_FIELDS)}, skill_tok) "
                             f"VALUES ({', '.join('?' * len(row))})", row)
            await db.commit()
        except BaseException:
            await db.rollback()
            raise

    async def _delete(self, cv_id: str) -> None:
        await self.db.execute("DELETE FROM cv_fts WHERE cv_id = ?", (cv_id,))
        await self.db.execute("DELETE FROM cv_facets WHERE cv_id = ?", (cv_id,))
        await self.db.execute("DELETE FROM cv_docs WHERE cv_id = ?", (cv_id,))

    async def remove(self, cv_id: str) -> None:
        async with self._write_lock:
            await self._delete(cv_id)
            await self.db.commit()

    @staticmethod
    def where(p: Parsed) -> tuple[str, list[Any]]:
        """The WHERE clause (over ``cv_fts``) and its parameters for a parsed query."""
        match_parts = []
        for s in p.skills:
            alts = [f"{_TEXT_COLS} : {_phrase(t)}" for t in s.texts] or [
                f"skill_tok : {_phrase(skill_token(s.term.key))}"]
            match_parts.append("(" + " OR ".join(alts) + ")")
        match_parts += [f"{_TEXT_COLS} : {_phrase(w)}*" for w in p.words]
        if p.location_words:
            match_parts.append("location : " + _phrase(" ".join(p.location_words)))
        match_parts += [f"title : {_phrase(w)}*" for w in p.title_words]
        where: list[str] = []
        params: list[Any] = []
        if match_parts:
            where.append("cv_fts MATCH ?")
            params.append(" AND ".join(match_parts))
        in_facet = "cv_fts.cv_id IN (SELECT cv_id FROM cv_facets WHERE facet = ? AND key = ?)"
        for term in p.filter_skills:
            where.append(in_facet)
            params += ["skill", term.key]
        for facet, key in p.keys.items():
            where.append(in_facet)
            params += [facet, key]
        if p.open_to_work is not None:
            where.append(("" if p.open_to_work else "NOT ") + in_facet)
            params += ["open_to_work", "true"]
        for op, value in ((">=", p.min_years), ("<=", p.max_years)):
            if value is not None:
                where.append(f"cv_fts.cv_id IN (SELECT cv_id FROM cv_docs WHERE years {op} ?)")
                params.append(value)
        return ("WHERE " + " AND ".join(where)) if where else "", params

    async def search(self, query: str, *, filters: dict[str, str] | None = None,
                     limit: int = 20, offset: int = 0, facets: bool = False) -> SearchPage:
        check_page(limit, offset)
        p = parse(query, filters)
        clause, params = self.where(p)
        ranked = p.ranked
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
                doc = json.loads(row[2])
                hits.append(SearchHit(cv_id=row[0], score=float(row[1]), document=doc,
                                      highlights=highlights, reasons=explain(p, doc)))
        page = SearchPage(total=int(total), hits=hits)
        if facets:
            sql = ("SELECT facet, key, max(label), count(*) FROM cv_facets WHERE cv_id IN "
                   f"(SELECT cv_fts.cv_id FROM cv_fts {clause}) GROUP BY facet, key")
            async with self.reader.execute(sql, params) as cur:
                page.facets = facet_list([tuple(r) async for r in cur])  # type: ignore[misc]
        return page

    async def candidates(self, query: CandidateQuery, *, limit: int = 100) -> list[SearchHit]:
        """OR of every skill token, title word and text word; bm25 with the column weights.
        FTS5's bm25 sums over the query's phrases, so a skill's weight repeats its phrase."""
        check_candidates(limit)
        skills, titles, words, p = candidate_terms(query)
        parts = [f"skill_tok : {_phrase(skill_token(k))}" for k, n in skills.items() for _ in range(n)]
        parts += [f"{{title label}} : {_phrase(w)}" for w in titles]
        parts += [f"{_TEXT_COLS} : {_phrase(w)}" for w in words]
        if not parts or query.only == []:
            return []
        clause, params = self.where(p)
        clause = ("WHERE cv_fts MATCH ?" + (" AND " + clause.removeprefix("WHERE ") if clause else ""))
        params = [" OR ".join(parts), *params]
        if query.only is not None:
            clause += f" AND cv_fts.cv_id IN ({', '.join('?' * len(query.only))})"
            params += list(query.only)
        sql = (f"SELECT cv_fts.cv_id, -bm25(cv_fts, 0, {_WEIGHTS}), d.doc FROM cv_fts "
               f"JOIN cv_docs d ON d.cv_id = cv_fts.cv_id {clause} "
               f"ORDER BY bm25(cv_fts, 0, {_WEIGHTS}), cv_fts.cv_id LIMIT ?")
        async with self.reader.execute(sql, [*params, limit]) as cur:
            return [SearchHit(cv_id=row[0], score=float(row[1]), document=json.loads(row[2])) async for row in cur]

    async def check(self) -> None:
        try:
            async with self.reader.execute("SELECT count(*) FROM cv_docs") as cur:
                await cur.fetchone()
        except Exception as exc:
            raise ServiceUnavailable(f"embedded search unavailable: {exc}") from exc

"""Every row of every table in an engine-neutral form, so a snapshot taken on SQLite
restores into PostgreSQL and back.

A table is written as gzip'd JSON lines: a header ``{"table", "columns"}`` then one JSON
list per row. Values are normalised by the model's field type (UUIDs as text, datetimes
as UTC ISO-8601, JSON as JSON, booleans as booleans), so the same data gives the same
lines on either engine. A table's ``digest`` is the sha256 of its rows' sorted sha256s:
independent of row order, recomputed after a restore to prove every row came back.
"""
from __future__ import annotations

import gzip
import hashlib
import io
import json
import uuid
from collections.abc import AsyncIterator, Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from tortoise import Tortoise, fields
from tortoise.models import Model

from htdy.core.db import APP

BATCH = 500
Fetch = Callable[[str], AsyncIterator[list[tuple[Any, ...]]]]


def app_models() -> list[type[Model]]:
    """The application's models (not aerich's), parents before children."""
    models = [m for m in Tortoise.apps[APP].values() if m._meta.db_table != "aerich"]
    by_name = {m.__name__: m for m in models}
    done: list[type[Model]] = []

    def visit(m: type[Model], path: tuple[str, ...]) -> None:
        if m in done or m.__name__ in path:
            return
        for fk in m._meta.fk_fields | m._meta.o2o_fields:
            parent = m._meta.fields_map[fk].related_model  # type: ignore[attr-defined]
            if parent is not m and parent.__name__ in by_name:
                visit(parent, (*path, m.__name__))
        done.append(m)

    for m in sorted(models, key=lambda m: m._meta.db_table):
        visit(m, ())
    return done


def columns(model: type[Model]) -> list[tuple[str, fields.Field[Any]]]:
    """``(column, field)`` of every stored column, primary key first."""
    meta = model._meta
    cols = [(col, meta.fields_map[name]) for name, col in meta.fields_db_projection.items()]
    return sorted(cols, key=lambda c: (not c[1].pk, c[0]))


def to_portable(f: fields.Field[Any], raw: Any) -> Any:
    """A value as read from either engine → its engine-neutral JSON form."""
    if raw is None:
        return None
    if isinstance(f, fields.JSONField):
        return json.loads(raw) if isinstance(raw, (str, bytes)) else raw
    value = f.to_python_value(raw)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC).isoformat()
    return value


def to_db(f: fields.Field[Any], model: type[Model], value: Any) -> Any:
    """An engine-neutral value → what the tortoise connection binds (passing the model
    class, not an instance, keeps auto_now fields as they were)."""
    if value is None:
        return None
    if isinstance(f, fields.JSONField):
        return json.dumps(value, ensure_ascii=False)
    return f.to_db_value(f.to_python_value(value), model)


def row_line(row: list[Any]) -> bytes:
    return json.dumps(row, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


@dataclass
class TableDump:
    table: str
    columns: list[str]
    rows: int = 0
    digest: str = ""
    data: bytes = b""  # the gzip'd lines
    _hashes: list[str] = field(default_factory=list)

    def info(self) -> dict[str, Any]:
        return {"rows": self.rows, "digest": self.digest, "columns": self.columns}


class Digest:
    """Order-independent digest of rows (see the module docstring)."""

    def __init__(self) -> None:
        self.hashes: list[str] = []

    def add(self, line: bytes) -> None:
        self.hashes.append(hashlib.sha256(line).hexdigest())

    def hexdigest(self) -> str:
        return hashlib.sha256("\n".join(sorted(self.hashes)).encode()).hexdigest()


async def dump_table(model: type[Model], fetch: Fetch) -> TableDump:
    """Read ``model``'s table through ``fetch(sql)`` (batches of raw rows) into a dump."""
    cols = columns(model)
    out = TableDump(model._meta.db_table, [c for c, _ in cols])
    buf = io.BytesIO()
    digest = Digest()
    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=6, mtime=0) as gz:
        gz.write(json.dumps({"table": out.table, "columns": out.columns}).encode() + b"\n")
        async for batch in fetch(select_sql(model)):
            for raw in batch:
                line = row_line([to_portable(f, v) for (_, f), v in zip(cols, raw, strict=True)])
                digest.add(line)
                gz.write(line + b"\n")
                out.rows += 1
    out.data, out.digest = buf.getvalue(), digest.hexdigest()
    return out


def select_sql(model: type[Model], cols: Iterable[str] | None = None) -> str:
    names = list(cols) if cols is not None else [c for c, _ in columns(model)]
    return f'SELECT {", ".join(quote(c) for c in names)} FROM {quote(model._meta.db_table)}'


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def read_dump(data: bytes) -> tuple[str, list[str], list[list[Any]]]:
    """``(table, columns, rows)`` of a dump written by :func:`dump_table`."""
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
        lines = gz.read().splitlines()
    head = json.loads(lines[0])
    return head["table"], list(head["columns"]), [json.loads(line) for line in lines[1:] if line]


async def load_table(conn: Any, dialect: str, model: type[Model], cols: list[str], rows: list[list[Any]]) -> None:
    """Insert ``rows`` (engine-neutral) into ``model``'s table on the tortoise connection ``conn``."""
    fmap = {c: f for c, f in columns(model)}
    unknown = [c for c in cols if c not in fmap]
    if unknown:
        from htdy.core.host.errors import HtdyError
        raise HtdyError(f"table {model._meta.db_table}: the snapshot has columns this htdy does not know "
                        f"({', '.join(unknown)}); restore with the htdy version that made it")
    marks = ", ".join(f"${i}" if dialect == "postgres" else "?" for i in range(1, len(cols) + 1))
    sql = (f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(c) for c in cols)}) "
           f"VALUES ({marks})")
    for start in range(0, len(rows), BATCH):
        values = [[to_db(fmap[c], model, v) for c, v in zip(cols, row, strict=True)]
                  for row in rows[start:start + BATCH]]
        await conn.execute_many(sql, values)
    pk = model._meta.pk
    if dialect == "postgres" and isinstance(pk, fields.IntField | fields.BigIntField) and pk.generated:
        table, col = model._meta.db_table, model._meta.pk_attr
        await conn.execute_script(
            f"SELECT setval(pg_get_serial_sequence('{quote(table)}', '{col}'), "
            f"COALESCE(MAX({quote(col)}), 1), MAX({quote(col)}) IS NOT NULL) FROM {quote(table)}")


async def digest_table(conn: Any, model: type[Model], cols: list[str]) -> tuple[int, str]:
    """``(rows, digest)`` of the live table over ``cols`` (the snapshot's columns)."""
    fmap = {c: f for c, f in columns(model)}
    _, rows = await conn.execute_query(select_sql(model, cols))
    digest = Digest()
    for r in rows:
        digest.add(row_line([to_portable(fmap[c], v) for c, v in zip(cols, list(r), strict=True)]))
    return len(rows), digest.hexdigest()

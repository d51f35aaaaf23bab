"""Saved job-ad searches and their alerts (issue 10 §2).

Hand-written for both dialects (``upgrade`` picks the script for the connection)."""
from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

SQLITE = """
CREATE TABLE IF NOT EXISTS "saved_searches" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "ad_text" TEXT NOT NULL,
    "matcher" VARCHAR(64) NOT NULL DEFAULT '',
    "filters" JSON NOT NULL,
    "notify" VARCHAR(10) NOT NULL DEFAULT 'email',
    "created_at" TIMESTAMP NOT NULL,
    "owner_id" CHAR(36) NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_saved_searc_owner_i_8a1f3b" ON "saved_searches" ("owner_id");
CREATE TABLE IF NOT EXISTS "search_alerts" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "fit" REAL NOT NULL,
    "baseline" INT NOT NULL DEFAULT 0,
    "mailed" INT NOT NULL DEFAULT 0,
    "seen" INT NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP NOT NULL,
    "saved_search_id" CHAR(36) NOT NULL REFERENCES "saved_searches" ("id") ON DELETE CASCADE,
    "cv_id" CHAR(36) NOT NULL REFERENCES "cvs" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_search_aler_saved_s_5e2c7d" UNIQUE ("saved_search_id", "cv_id")
);
CREATE INDEX IF NOT EXISTS "idx_search_aler_saved_s_1b9e4a" ON "search_alerts" ("saved_search_id");
CREATE INDEX IF NOT EXISTS "idx_search_aler_cv_id_7c3d2f" ON "search_alerts" ("cv_id");
"""

POSTGRES = """
CREATE TABLE IF NOT EXISTS "saved_searches" (
    "id" UUID NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "ad_text" TEXT NOT NULL,
    "matcher" VARCHAR(64) NOT NULL DEFAULT '',
    "filters" JSONB NOT NULL,
    "notify" VARCHAR(10) NOT NULL DEFAULT 'email',
    "created_at" TIMESTAMPTZ NOT NULL,
    "owner_id" UUID NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_saved_searc_owner_i_8a1f3b" ON "saved_searches" ("owner_id");
CREATE TABLE IF NOT EXISTS "search_alerts" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "fit" DOUBLE PRECISION NOT NULL,
    "baseline" BOOL NOT NULL DEFAULT False,
    "mailed" BOOL NOT NULL DEFAULT False,
    "seen" BOOL NOT NULL DEFAULT False,
    "created_at" TIMESTAMPTZ NOT NULL,
    "saved_search_id" UUID NOT NULL REFERENCES "saved_searches" ("id") ON DELETE CASCADE,
    "cv_id" UUID NOT NULL REFERENCES "cvs" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_search_aler_saved_s_5e2c7d" UNIQUE ("saved_search_id", "cv_id")
);
CREATE INDEX IF NOT EXISTS "idx_search_aler_saved_s_1b9e4a" ON "search_alerts" ("saved_search_id");
CREATE INDEX IF NOT EXISTS "idx_search_aler_cv_id_7c3d2f" ON "search_alerts" ("cv_id");
COMMENT ON TABLE "search_alerts" IS 'A profile that fitted a saved search; baseline rows fitted when it was saved and never alert.';
"""


async def upgrade(db: BaseDBAsyncClient) -> str:
    return POSTGRES if db.capabilities.dialect == "postgres" else SQLITE


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
DROP TABLE IF EXISTS "search_alerts";
DROP TABLE IF EXISTS "saved_searches";
"""

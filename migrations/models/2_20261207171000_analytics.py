"""Candidate analytics: unique visitors per profile and day (salted daily hashes), the
daily salts, and the share a ``share_open`` event came through."""
from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

SQLITE = """
ALTER TABLE "profile_events" ADD "ref" VARCHAR(36);
CREATE TABLE IF NOT EXISTS "profile_visitors" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "day" DATE NOT NULL,
    "visitor" VARCHAR(32) NOT NULL,
    "cv_id" CHAR(36) NOT NULL REFERENCES "cvs" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_profile_vis_cv_id_day_visitor" UNIQUE ("cv_id", "day", "visitor")
);
CREATE INDEX IF NOT EXISTS "idx_profile_vis_cv_id" ON "profile_visitors" ("cv_id");
CREATE TABLE IF NOT EXISTS "analytics_salts" (
    "day" DATE NOT NULL PRIMARY KEY,
    "salt" VARCHAR(64) NOT NULL
);
"""

POSTGRES = """
ALTER TABLE "profile_events" ADD "ref" VARCHAR(36);
CREATE TABLE IF NOT EXISTS "profile_visitors" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "day" DATE NOT NULL,
    "visitor" VARCHAR(32) NOT NULL,
    "cv_id" UUID NOT NULL REFERENCES "cvs" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_profile_vis_cv_id_day_visitor" UNIQUE ("cv_id", "day", "visitor")
);
CREATE INDEX IF NOT EXISTS "idx_profile_vis_cv_id" ON "profile_visitors" ("cv_id");
CREATE TABLE IF NOT EXISTS "analytics_salts" (
    "day" DATE NOT NULL PRIMARY KEY,
    "salt" VARCHAR(64) NOT NULL
);
"""


async def upgrade(db: BaseDBAsyncClient) -> str:
    return POSTGRES if db.capabilities.dialect == "postgres" else SQLITE


async def downgrade(db: BaseDBAsyncClient) -> str:
    return ('DROP TABLE IF EXISTS "analytics_salts"; DROP TABLE IF EXISTS "profile_visitors"; '
            'ALTER TABLE "profile_events" DROP COLUMN "ref";')

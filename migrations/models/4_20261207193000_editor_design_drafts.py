"""The editor (issue 9): a saved design per CV (template, options, hidden items) and one
server-side draft per CV and editor (live preview, kept across reloads; not a version).

Hand-written for both dialects (``upgrade`` picks the script for the connection); aerich
records the models' state after it runs."""
from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

SQLITE = """
ALTER TABLE "cvs" ADD "design" JSON NOT NULL DEFAULT '{}';
CREATE TABLE IF NOT EXISTS "cv_drafts" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "title" VARCHAR(200),
    "resume" JSON NOT NULL,
    "base_version" INT NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "cv_id" CHAR(36) NOT NULL REFERENCES "cvs" ("id") ON DELETE CASCADE,
    "user_id" CHAR(36) NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_cv_drafts_cv_id_5e7a21" UNIQUE ("cv_id", "user_id")
);
CREATE INDEX IF NOT EXISTS "idx_cv_drafts_cv_id_8b3f10" ON "cv_drafts" ("cv_id");
CREATE INDEX IF NOT EXISTS "idx_cv_drafts_user_id_2c9d44" ON "cv_drafts" ("user_id");
"""

POSTGRES = """
ALTER TABLE "cvs" ADD "design" JSONB NOT NULL DEFAULT '{}';
CREATE TABLE IF NOT EXISTS "cv_drafts" (
    "id" UUID NOT NULL PRIMARY KEY,
    "title" VARCHAR(200),
    "resume" JSONB NOT NULL,
    "base_version" INT NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "cv_id" UUID NOT NULL REFERENCES "cvs" ("id") ON DELETE CASCADE,
    "user_id" UUID NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_cv_drafts_cv_id_5e7a21" UNIQUE ("cv_id", "user_id")
);
CREATE INDEX IF NOT EXISTS "idx_cv_drafts_cv_id_8b3f10" ON "cv_drafts" ("cv_id");
CREATE INDEX IF NOT EXISTS "idx_cv_drafts_user_id_2c9d44" ON "cv_drafts" ("user_id");
COMMENT ON TABLE "cv_drafts" IS 'The unsaved state of a CV one editor is typing: previewed live, never a version.';
"""


async def upgrade(db: BaseDBAsyncClient) -> str:
    return POSTGRES if db.capabilities.dialect == "postgres" else SQLITE


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
DROP TABLE IF EXISTS "cv_drafts";
ALTER TABLE "cvs" DROP COLUMN "design";
"""

"""Account and privacy (issue 9): token kind and expiry, password-reset links, share
invitations for addresses without an account, two-factor sign-in (TOTP, recovery codes),
e-mail verification on sign-up.

Hand-written for both dialects (``upgrade`` picks the script for the connection); aerich
records the models' state after it runs."""
from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

SQLITE = """
ALTER TABLE "api_tokens" ADD "kind" VARCHAR(10) NOT NULL DEFAULT 'api';
ALTER TABLE "api_tokens" ADD "expires_at" TIMESTAMP;
UPDATE "api_tokens" SET "kind" = 'login' WHERE "name" IN ('login', 'sign-up');
ALTER TABLE "shares" ADD "email" VARCHAR(320);
CREATE INDEX IF NOT EXISTS "idx_shares_email_4b1c2e" ON "shares" ("email");
CREATE TABLE IF NOT EXISTS "password_resets" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "created_at" TIMESTAMP NOT NULL,
    "expires_at" TIMESTAMP NOT NULL,
    "user_id" CHAR(36) NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_password_re_user_id_7d0e5a" ON "password_resets" ("user_id");
ALTER TABLE "users" ADD "totp_secret" VARCHAR(64);
ALTER TABLE "users" ADD "totp_enabled" INT NOT NULL DEFAULT 0;
ALTER TABLE "users" ADD "totp_last_step" BIGINT;
CREATE TABLE IF NOT EXISTS "recovery_codes" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "code_hash" VARCHAR(64) NOT NULL UNIQUE,
    "created_at" TIMESTAMP NOT NULL,
    "user_id" CHAR(36) NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_recovery_co_user_id_3f9a1c" ON "recovery_codes" ("user_id");
ALTER TABLE "users" ADD "email_verified" INT NOT NULL DEFAULT 1;
CREATE TABLE IF NOT EXISTS "email_verifications" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "created_at" TIMESTAMP NOT NULL,
    "expires_at" TIMESTAMP NOT NULL,
    "user_id" CHAR(36) NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_email_verif_user_id_5c2d8e" ON "email_verifications" ("user_id");
"""

POSTGRES = """
ALTER TABLE "api_tokens" ADD "kind" VARCHAR(10) NOT NULL DEFAULT 'api';
ALTER TABLE "api_tokens" ADD "expires_at" TIMESTAMPTZ;
UPDATE "api_tokens" SET "kind" = 'login' WHERE "name" IN ('login', 'sign-up');
ALTER TABLE "shares" ADD "email" VARCHAR(320);
CREATE INDEX IF NOT EXISTS "idx_shares_email_4b1c2e" ON "shares" ("email");
CREATE TABLE IF NOT EXISTS "password_resets" (
    "id" UUID NOT NULL PRIMARY KEY,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "created_at" TIMESTAMPTZ NOT NULL,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "user_id" UUID NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_password_re_user_id_7d0e5a" ON "password_resets" ("user_id");
COMMENT ON TABLE "password_resets" IS 'A password-reset link: only the sha256 of its secret; it works once, until expires_at.';
ALTER TABLE "users" ADD "totp_secret" VARCHAR(64);
ALTER TABLE "users" ADD "totp_enabled" BOOL NOT NULL DEFAULT False;
ALTER TABLE "users" ADD "totp_last_step" BIGINT;
CREATE TABLE IF NOT EXISTS "recovery_codes" (
    "id" UUID NOT NULL PRIMARY KEY,
    "code_hash" VARCHAR(64) NOT NULL UNIQUE,
    "created_at" TIMESTAMPTZ NOT NULL,
    "user_id" UUID NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_recovery_co_user_id_3f9a1c" ON "recovery_codes" ("user_id");
ALTER TABLE "users" ADD "email_verified" BOOL NOT NULL DEFAULT True;
CREATE TABLE IF NOT EXISTS "email_verifications" (
    "id" UUID NOT NULL PRIMARY KEY,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "created_at" TIMESTAMPTZ NOT NULL,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "user_id" UUID NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_email_verif_user_id_5c2d8e" ON "email_verifications" ("user_id");
"""


async def upgrade(db: BaseDBAsyncClient) -> str:
    return POSTGRES if db.capabilities.dialect == "postgres" else SQLITE


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
DROP TABLE IF EXISTS "email_verifications";
ALTER TABLE "users" DROP COLUMN "email_verified";
DROP TABLE IF EXISTS "recovery_codes";
ALTER TABLE "users" DROP COLUMN "totp_last_step";
ALTER TABLE "users" DROP COLUMN "totp_enabled";
ALTER TABLE "users" DROP COLUMN "totp_secret";
DROP TABLE IF EXISTS "password_resets";
DROP INDEX IF EXISTS "idx_shares_email_4b1c2e";
ALTER TABLE "shares" DROP COLUMN "email";
ALTER TABLE "api_tokens" DROP COLUMN "expires_at";
ALTER TABLE "api_tokens" DROP COLUMN "kind";
"""

"""CVs get an ``open_to_work`` flag (set by the owner; a search filter and facet)."""
from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    if db.capabilities.dialect == "postgres":
        return 'ALTER TABLE "cvs" ADD "open_to_work" BOOL NOT NULL DEFAULT False;'
    return 'ALTER TABLE "cvs" ADD "open_to_work" INT NOT NULL DEFAULT 0;'


async def downgrade(db: BaseDBAsyncClient) -> str:
    return 'ALTER TABLE "cvs" DROP COLUMN "open_to_work";'

"""Password change, "log out everywhere" and password reset by e-mail link.

* Changing the password needs the current one and ends every other session and login token
  (the one making the request stays signed in). API tokens the user made stay: they are
  listed, with their last use, and revoked one by one.
* A reset link is a random secret (only its sha256 is stored) that works once and for
  ``[auth] reset_ttl_min`` minutes (30). Asking for one answers the same whether or not the
  address has an account, and as fast: the look-up and the mail run after the answer.
"""
from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Callable, Iterable
from datetime import timedelta

from tortoise.transactions import in_transaction

from htdy.core.host.errors import Unauthorized, ValidationFailed
from htdy.core.models import ApiToken, PasswordReset, Session, User
from htdy.core.services import Services, mail, utcnow
from htdy.core.services.accounts import _hasher, _verify, normalise_email, sha256
from htdy.core.services.passwords import check_new_password

log = logging.getLogger("htdy.accounts")


async def end_sessions(svc: Services, user_id: str, *, keep: Iterable[str] = ()) -> int:
    """End the user's sessions and login tokens except those whose hash is in ``keep``;
    returns how many ended. Their cached identities are dropped at once."""
    kept = set(keep)
    sessions = [h for h in await Session.filter(user_id=user_id).values_list("token_hash", flat=True)
                if h not in kept]
    tokens = [h for h in await ApiToken.filter(user_id=user_id, kind="login").values_list("token_hash", flat=True)
              if h not in kept]
    async with in_transaction(svc.conn_name):
        if sessions:
            await Session.filter(token_hash__in=sessions).delete()
        if tokens:
            await ApiToken.filter(token_hash__in=tokens).delete()
    ended = [*sessions, *tokens]
    if ended:
        await svc.cache.delete(*(f"auth:{h}" for h in ended))
    return len(ended)


async def _new_hash(svc: Services, user: User, password: str) -> str:
    """The argon2 hash of an acceptable new password (hashed before any transaction opens)."""
    check_new_password(password, user.email, user.name)
    return await asyncio.to_thread(_hasher(svc)[0].hash, password)


async def change_password(svc: Services, user_id: str, current: str, new: str, *,
                          keep: Iterable[str] = ()) -> int:
    """Check ``current``, store ``new``, end every other session and login token (``keep``:
    the hashes of the caller's own). Returns how many sessions and tokens ended."""
    user = await User.get(id=user_id)
    h, _ = _hasher(svc)
    if not await asyncio.to_thread(_verify, h, user.password_hash, current):
        raise Unauthorized("the current password is wrong", code="wrong_password")
    if new == current:
        raise ValidationFailed("the new password is the current one", code="password_unchanged",
                               details=[{"loc": "new_password", "msg": "equals the current password"}])
    pw_hash = await _new_hash(svc, user, new)
    async with in_transaction(svc.conn_name):
        await User.filter(id=user.id).update(password_hash=pw_hash, updated_at=utcnow())
    return await end_sessions(svc, user_id, keep=keep)


async def request_reset(svc: Services, email: str, link_for: Callable[[str], str]) -> None:
    """Mail a reset link (``link_for(secret)``) if ``email`` has an active account; do
    nothing otherwise. Run it in the background: its duration must not tell the answer."""
    user = await User.get_or_none(email=normalise_email(email))
    if user is None or not user.is_active:
        log.info("password reset asked for an address without an active account")
        return
    secret = secrets.token_urlsafe(32)
    ttl = svc.settings.auth.reset_ttl_min
    async with in_transaction(svc.conn_name):
        await PasswordReset.filter(user_id=user.id, expires_at__lte=utcnow()).delete()
        await PasswordReset.create(user=user, token_hash=sha256(secret), expires_at=utcnow() + timedelta(minutes=ttl))
    text = (f"Hello {user.name},\n\nsomeone (hopefully you) asked to reset the password of your htdy account.\n"
            f"Choose a new password here (the link works once, for {ttl:g} minutes):\n\n{link_for(secret)}\n\n"
            "If you did not ask for this, ignore this message: your password stays as it is.\n")
    await mail.send(svc, user.email, "Reset your htdy password", text, kind="password_reset")


async def reset_password(svc: Services, secret: str, new: str) -> str:
    """Set a new password with a reset link's secret (once, before it expires), end every
    session and login token, and drop the user's other reset links. Returns the user id."""
    reset = await PasswordReset.get_or_none(token_hash=sha256(secret)).select_related("user")
    if reset is None or reset.expires_at <= utcnow() or not reset.user.is_active:
        raise ValidationFailed("this reset link is invalid, used or expired; ask for a new one",
                               code="invalid_reset_token")
    pw_hash = await _new_hash(svc, reset.user, new)  # a refused password keeps the link usable
    async with in_transaction(svc.conn_name):
        # the delete is the claim: of two concurrent uses, only one deletes the row
        if not await PasswordReset.filter(id=reset.id).delete():
            raise ValidationFailed("this reset link is invalid, used or expired; ask for a new one",
                                   code="invalid_reset_token")
        await User.filter(id=reset.user_id).update(password_hash=pw_hash, updated_at=utcnow())
        await PasswordReset.filter(user_id=reset.user_id).delete()
    await end_sessions(svc, str(reset.user_id))
    return str(reset.user_id)

"""Users, passwords (argon2id), bearer API tokens and browser sessions.

Secrets are random (``secrets.token_urlsafe``); only their sha256 is stored, so a
database leak reveals no usable token. Resolved identities are cached briefly
(``auth:<hash>``) and dropped from the cache when the token or session is deleted.
"""
from __future__ import annotations

import asyncio
import hashlib
import secrets
import uuid
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from htdy.core.host.errors import Conflict, Forbidden, NotFound, Unauthorized, ValidationFailed
from htdy.core.models import ApiToken, Session, User
from htdy.core.services import Services, utcnow
from htdy.core.services.passwords import check_new_password

AUTH_TTL_S = 60
MAX_LOGIN_TOKENS = 10  # bearer tokens minted by logins kept per user; older ones are revoked
_hashers: dict[tuple[int, int], tuple[PasswordHasher, str]] = {}


class EmailTaken(Conflict):
    """Sign-up with an address that has an account. With ``[auth] verify_email`` the API answers
    as for a new account (and mails the owner) so sign-up does not tell who has an account."""


def _hasher(svc: Services) -> tuple[PasswordHasher, str]:
    """The argon2id hasher for the configured cost, and a dummy hash verified when the
    email is unknown (so that case is as slow as a wrong password)."""
    cost = (svc.settings.auth.argon2_time_cost, svc.settings.auth.argon2_memory_kib)
    if cost not in _hashers:
        h = PasswordHasher(time_cost=cost[0], memory_cost=cost[1], parallelism=1)
        _hashers[cost] = (h, h.hash("not-a-real-password"))
    return _hashers[cost]


def _verify(h: PasswordHasher, pw_hash: str, password: str) -> bool:
    try:
        return h.verify(pw_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def sha256(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def user_dict(user: User) -> dict[str, Any]:
    return {"id": str(user.id), "email": user.email, "name": user.name}


def normalise_email(email: str) -> str:
    return email.strip().lower()


async def signup(svc: Services, email: str, password: str, name: str,
                 invite: str | None = None) -> tuple[User, str | None]:
    """Create the account (and its first login token); with ``invite`` — the secret of a share
    invitation to this address — the CVs shared with the address become readable at once.
    With ``[auth] verify_email`` the account waits for its address to be confirmed (no token,
    ``None``) — unless a valid invitation already proved the mailbox."""
    from htdy.core.services import invitations

    if not svc.settings.auth.allow_signup:
        raise Forbidden("sign-up is disabled on this server", code="signup_disabled")
    email = normalise_email(email)
    check_new_password(password, email, name)
    pw_hash = await asyncio.to_thread(_hasher(svc)[0].hash, password)
    try:
        async with in_transaction(svc.conn_name):
            verify = svc.settings.auth.verify_email
            user = await User.create(email=email, name=name.strip(), password_hash=pw_hash,
                                     email_verified=not verify)
            attached = await invitations.attach(user, invite)
            if verify and attached:  # the invitation's secret came by mail to this address
                user.email_verified = True
                await user.save(update_fields=["email_verified"])
            secret: str | None = None
            if user.email_verified:
                secret = new_secret()
                await ApiToken.create(user=user, name="sign-up", kind="login", token_hash=sha256(secret))
    except IntegrityError:
        raise EmailTaken("an account with this email already exists", code="email_taken") from None
    if attached:
        await svc.cache.delete(*(f"cv:{c}" for c in attached))
    return user, secret


async def login(svc: Services, email: str, password: str, otp: str | None = None) -> tuple[User, str]:
    """Check the password — and, for an account with two-factor sign-in, ``otp`` (a TOTP or
    recovery code: ``401 otp_required`` without it, ``401 invalid_otp`` when it is wrong)."""
    from htdy.core.services import two_factor

    user = await User.get_or_none(email=normalise_email(email))
    h, dummy = await asyncio.to_thread(_hasher, svc)
    ok = await asyncio.to_thread(_verify, h, user.password_hash if user else dummy, password)
    if user is None or not ok or not user.is_active:
        raise Unauthorized("wrong email or password", code="invalid_credentials")
    if not user.email_verified:
        raise Forbidden("confirm your e-mail address first: open the link we mailed you (or ask for a new one)",
                        code="email_not_verified")
    if user.totp_enabled:
        if not otp:
            raise Unauthorized("enter the code from your authenticator app (or a recovery code)",
                               code="otp_required")
        if not await two_factor.verify(user, otp):
            raise Unauthorized("the code is wrong or was used already", code="invalid_otp")
    secret = new_secret()
    async with in_transaction(svc.conn_name):
        if h.check_needs_rehash(user.password_hash):
            user.password_hash = await asyncio.to_thread(h.hash, password)
            await user.save(update_fields=["password_hash", "updated_at"])
        await ApiToken.create(user=user, name="login", kind="login", token_hash=sha256(secret))
        # Each login mints a bearer token; keep only the newest few so they cannot pile up.
        stale = await (ApiToken.filter(user=user, kind="login", name="login").order_by("-created_at", "-id")
                       .offset(MAX_LOGIN_TOKENS).values_list("token_hash", flat=True))
        if stale:
            await ApiToken.filter(token_hash__in=list(stale)).delete()
    if stale:
        await svc.cache.delete(*(f"auth:{h}" for h in stale))
    return user, secret


def new_secret() -> str:
    return "htdy_" + secrets.token_urlsafe(32)


async def create_token(svc: Services, user_id: str, name: str,
                       expires_at: datetime | None = None) -> tuple[ApiToken, str]:
    if expires_at is not None and expires_at <= utcnow():
        raise ValidationFailed("expires_at is in the past", code="invalid_expiry",
                               details=[{"loc": "expires_at", "msg": "must be in the future"}])
    secret = new_secret()
    async with in_transaction(svc.conn_name):
        token = await ApiToken.create(user_id=user_id, name=name, kind="api", token_hash=sha256(secret),
                                      expires_at=expires_at)
    return token, secret


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def token_dict(t: ApiToken) -> dict[str, Any]:
    return {"id": str(t.id), "name": t.name, "kind": t.kind, "created_at": _iso(t.created_at),
            "last_used_at": _iso(t.last_used_at), "expires_at": _iso(t.expires_at)}


async def list_tokens(user_id: str) -> list[dict[str, Any]]:
    """Every live token (expired ones are dropped here), newest first, with its last use
    (recorded at most once a minute per token and node)."""
    await ApiToken.filter(user_id=user_id, expires_at__lte=utcnow()).delete()
    tokens = await ApiToken.filter(user_id=user_id).order_by("-created_at")
    return [token_dict(t) for t in tokens]


async def delete_token(svc: Services, user_id: str, token_id: str) -> None:
    try:
        token_id = str(uuid.UUID(token_id))
    except ValueError:
        raise NotFound("no such token") from None
    token = await ApiToken.get_or_none(id=token_id, user_id=user_id)
    if token is None:
        raise NotFound("no such token")
    async with in_transaction(svc.conn_name):
        await ApiToken.filter(id=token.id).delete()
    await svc.cache.delete(f"auth:{token.token_hash}")


async def create_session(svc: Services, user_id: str) -> str:
    secret = secrets.token_urlsafe(32)
    expires = utcnow() + timedelta(hours=svc.settings.auth.session_ttl_h)
    async with in_transaction(svc.conn_name):
        await Session.create(user_id=user_id, token_hash=sha256(secret), expires_at=expires)
    return secret


async def end_session(svc: Services, secret: str | None, bearer: str | None) -> None:
    """Log out: delete the session (cookie) and the bearer token used, if any."""
    async with in_transaction(svc.conn_name):
        if secret:
            await Session.filter(token_hash=sha256(secret)).delete()
        if bearer:
            await ApiToken.filter(token_hash=sha256(bearer)).delete()
    keys = [f"auth:{sha256(s)}" for s in (secret, bearer) if s]
    if keys:
        await svc.cache.delete(*keys)


async def identify(svc: Services, secret: str, kind: str) -> dict[str, Any] | None:
    """The user behind a bearer token (``kind="token"``) or session cookie, or None."""
    key = f"auth:{sha256(secret)}"
    hit = await svc.cache.get(key, shared=True)  # (callers never change the user dict)
    if hit is not None:
        return hit or None  # {} caches "unknown" briefly
    found: dict[str, Any] | None = None
    ttl: float = AUTH_TTL_S
    if kind == "token":
        tok = await ApiToken.get_or_none(token_hash=sha256(secret)).select_related("user")
        now = utcnow()
        if tok is not None and tok.user.is_active and (tok.expires_at is None or tok.expires_at > now):
            found = user_dict(tok.user)
            if tok.expires_at is not None:  # the cached identity must not outlive the token
                ttl = max(0.5, min(ttl, (tok.expires_at - now).total_seconds()))
            # the identity is cached for a minute, so this runs at most once a minute per node
            await ApiToken.filter(id=tok.id).update(last_used_at=now)
    else:
        sess = await Session.get_or_none(token_hash=sha256(secret)).select_related("user")
        if sess is not None and sess.expires_at > utcnow() and sess.user.is_active:
            found = user_dict(sess.user)
    await svc.cache.set(key, found or {}, ttl if found else 5)
    return found

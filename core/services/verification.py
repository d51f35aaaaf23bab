"""E-mail verification on sign-up (``[auth] verify_email``, off by default).

With it on, a new account cannot sign in until its owner opens the link mailed to the
address (a random secret, only its sha256 stored, valid ``VERIFY_TTL_H`` hours, once). Opening
it proves the mailbox, so the share invitations waiting for that address attach then.
Accounts made while the option was off count as verified (switching it on locks nobody out).
"""
from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from datetime import timedelta

from tortoise.transactions import in_transaction

from htdy.core.host.errors import ValidationFailed
from htdy.core.models import EmailVerification, Share, User
from htdy.core.services import Services, mail, utcnow
from htdy.core.services.accounts import normalise_email, sha256

log = logging.getLogger("htdy.accounts")
VERIFY_TTL_H = 48


async def send_link(svc: Services, user: User, link_for: Callable[[str], str]) -> None:
    """Mail a fresh verification link (older unused ones stay valid until they expire)."""
    secret = secrets.token_urlsafe(32)
    async with in_transaction(svc.conn_name):
        await EmailVerification.filter(user_id=user.id, expires_at__lte=utcnow()).delete()
        await EmailVerification.create(user=user, token_hash=sha256(secret),
                                       expires_at=utcnow() + timedelta(hours=VERIFY_TTL_H))
    text = (f"Hello {user.name},\n\nplease confirm that this is your address to finish creating your htdy "
            f"account (the link works once, for {VERIFY_TTL_H} hours):\n\n{link_for(secret)}\n\n"
            "If you did not sign up, ignore this message; the account stays locked.\n")
    await mail.send(svc, user.email, "Confirm your e-mail address for htdy", text, kind="email_verification")


async def notify_taken(svc: Services, email: str, reset_link: str) -> None:
    """Someone signed up with an address that has an account: tell its owner (the API answered
    as for a new account, so whether the address is registered stays private)."""
    text = ("Hello,\n\nsomeone (perhaps you) tried to create an htdy account with this address, which "
            "already has one. Nothing was changed.\n\nIf it was you, sign in instead; forgot your password? "
            f"Ask for a new one: {reset_link}\n\nIf it was not you, ignore this message.\n")
    await mail.send(svc, normalise_email(email), "You already have an htdy account", text, kind="signup_taken")


async def resend(svc: Services, email: str, link_for: Callable[[str], str]) -> None:
    """Another link for an unverified account; nothing otherwise (run in the background: the
    answer must not tell whether the address has an account)."""
    user = await User.get_or_none(email=normalise_email(email))
    if user is None or user.email_verified or not user.is_active:
        return
    await send_link(svc, user, link_for)


async def confirm(svc: Services, secret: str) -> list[str]:
    """Mark the address verified (the link works once, before it expires) and attach the share
    invitations waiting for it. Returns the CV ids that became readable."""
    row = await EmailVerification.get_or_none(token_hash=sha256(secret)).select_related("user")
    if row is None or row.expires_at <= utcnow():
        raise ValidationFailed("this confirmation link is invalid, used or expired; sign in to get a new one",
                               code="invalid_verification_token")
    async with in_transaction(svc.conn_name):
        if not await EmailVerification.filter(id=row.id).delete():
            raise ValidationFailed("this confirmation link is invalid, used or expired",
                                   code="invalid_verification_token")
        await User.filter(id=row.user_id).update(email_verified=True, updated_at=utcnow())
        await EmailVerification.filter(user_id=row.user_id).delete()
        waiting = Share.filter(kind="user", user_id=None, email=row.user.email)
        cv_ids = [str(c) for c in await waiting.values_list("cv_id", flat=True)]
        await waiting.update(user_id=row.user_id, email=None, token_hash=None)
    if cv_ids:
        await svc.cache.delete(*(f"cv:{c}" for c in cv_ids))
    return cv_ids

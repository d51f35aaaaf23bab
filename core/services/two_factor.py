"""Two-factor sign-in: TOTP (RFC 6238, pyotp; 30-second steps, 6 digits — what authenticator
apps use) with one-time recovery codes.

Set-up is two steps, so a typo in the app cannot lock anyone out: ``setup`` (password
required) stores a new secret and returns it with its ``otpauth://`` URI; ``enable`` turns
it on once a code made from it checks out, and returns ten recovery codes (shown once, only
their sha256 kept). A code is accepted one step either side of now, never twice (the last
step used is stored and the update is conditional on it). A recovery code works once.
"""
from __future__ import annotations

import asyncio
import hmac
import secrets
import time
from typing import Any

import pyotp
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from htdy.core.host.errors import Conflict, Unauthorized, ValidationFailed
from htdy.core.models import RecoveryCode, User
from htdy.core.services import Services
from htdy.core.services.accounts import _hasher, _verify, sha256

ISSUER = "htdy"
N_RECOVERY = 10
WINDOW = 1  # steps accepted either side of now (clock drift)


def _normalise(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def _step_of(secret: str, code: str, now: float | None = None) -> int | None:
    """The time step whose TOTP equals ``code`` (within ``WINDOW``), else None."""
    code = _normalise(code)
    if not code.isdigit() or len(code) != 6:
        return None
    totp = pyotp.TOTP(secret)
    now = time.time() if now is None else now
    for offset in range(-WINDOW, WINDOW + 1):
        at = now + offset * totp.interval
        if hmac.compare_digest(totp.at(int(at)), code):
            return int(at // totp.interval)
    return None


async def _check_password(svc: Services, user: User, password: str) -> None:
    h, _ = _hasher(svc)
    if not await asyncio.to_thread(_verify, h, user.password_hash, password):
        raise Unauthorized("the password is wrong", code="wrong_password")


async def status(user_id: str) -> dict[str, Any]:
    user = await User.get(id=user_id)
    left = await RecoveryCode.filter(user_id=user_id).count()
    return {"enabled": user.totp_enabled, "recovery_codes_left": left if user.totp_enabled else 0}


async def setup(svc: Services, user_id: str, password: str) -> dict[str, str]:
    user = await User.get(id=user_id)
    await _check_password(svc, user, password)
    if user.totp_enabled:
        raise Conflict("two-factor sign-in is on already; turn it off first", code="two_factor_enabled")
    secret = pyotp.random_base32()
    await User.filter(id=user_id).update(totp_secret=secret)
    uri = pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)
    return {"secret": secret, "otpauth_uri": uri}


async def enable(svc: Services, user_id: str, code: str) -> list[str]:
    user = await User.get(id=user_id)
    if user.totp_enabled:
        raise Conflict("two-factor sign-in is on already", code="two_factor_enabled")
    if not user.totp_secret:
        raise ValidationFailed("set up two-factor sign-in first", code="two_factor_not_set_up")
    step = _step_of(user.totp_secret, code)
    if step is None:
        raise ValidationFailed("the code does not match; check the app's clock and try the next one",
                               code="invalid_otp", details=[{"loc": "code", "msg": "does not match"}])
    codes = [f"{secrets.token_hex(3)}-{secrets.token_hex(3)}" for _ in range(N_RECOVERY)]
    async with in_transaction(svc.conn_name):
        await User.filter(id=user_id).update(totp_enabled=True, totp_last_step=step)
        await RecoveryCode.filter(user_id=user_id).delete()
        await RecoveryCode.bulk_create([RecoveryCode(user_id=user_id, code_hash=sha256(_normalise(c)))
                                        for c in codes])
    return codes


async def verify(user: User, code: str) -> bool:
    """Accept a TOTP code (not used before) or a recovery code (then it is spent)."""
    if not user.totp_enabled or not user.totp_secret or not code:
        return False
    step = _step_of(user.totp_secret, code)
    if step is not None:
        # the conditional update is the claim: a replayed or concurrent code loses
        fresh = Q(totp_last_step__isnull=True) | Q(totp_last_step__lt=step)
        return bool(await User.filter(fresh, id=user.id).update(totp_last_step=step))
    return bool(await RecoveryCode.filter(user_id=user.id, code_hash=sha256(_normalise(code))).delete())


async def disable(svc: Services, user_id: str, password: str, code: str) -> None:
    user = await User.get(id=user_id)
    await _check_password(svc, user, password)
    if not user.totp_enabled:
        raise Conflict("two-factor sign-in is off", code="two_factor_disabled")
    if not await verify(user, code):
        raise Unauthorized("the code is wrong or was used already", code="invalid_otp")
    async with in_transaction(svc.conn_name):
        await User.filter(id=user_id).update(totp_enabled=False, totp_secret=None, totp_last_step=None)
        await RecoveryCode.filter(user_id=user_id).delete()

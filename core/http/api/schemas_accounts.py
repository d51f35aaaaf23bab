"""API models of accounts: sign-up, log-in, tokens, passwords, two-factor, deletion."""
from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, BaseModel, Field

from htdy.core.http.api.schemas_base import EMAIL_PATTERN, Strict

__all__ = ["SignupIn", "LoginIn", "UserOut", "AuthOut", "VerifyIn", "VerifyOut", "TokenIn", "TokenOut", "PasswordChangeIn", "PasswordChangeOut", "ResetRequestIn", "ResetRequestOut", "ResetConfirmIn", "TwoFactorOut", "TwoFactorSetupIn", "TwoFactorSetupOut", "TwoFactorCodeIn", "RecoveryCodesOut", "TwoFactorDisableIn", "AccountDeleteIn", "TokenList"]


# ---------------------------------------------------------------- accounts
class SignupIn(Strict):
    email: str = Field(max_length=320, pattern=EMAIL_PATTERN)
    password: str = Field(min_length=8, max_length=1024)
    name: str = Field(min_length=1, max_length=200)
    invite: str | None = Field(None, max_length=200, description=(
        "The secret of a share invitation to this address (from the invitation mail): the CVs "
        "shared with the address become readable at once."))


class LoginIn(Strict):
    email: str = Field(min_length=3, max_length=320)
    password: str = Field(min_length=1, max_length=1024)
    otp: str | None = Field(None, max_length=32, description="Two-factor code (or a recovery code) when it is on")


class UserOut(BaseModel):
    id: str
    email: str
    name: str


class AuthOut(BaseModel):
    user: UserOut
    token: str | None = Field(description="A bearer token; null when the address waits for confirmation")
    verification_required: bool = False


class VerifyIn(Strict):
    token: str = Field(min_length=10, max_length=200)


class VerifyOut(BaseModel):
    verified: bool
    shared_cvs: int = Field(description="CVs shared with the address that became readable")


class TokenIn(Strict):
    name: str = Field(min_length=1, max_length=100)
    expires_at: AwareDatetime | None = Field(None, description="When the token stops working (default: never).")


class TokenOut(BaseModel):
    id: str
    name: str
    kind: Literal["api", "login"] = Field("api", description=(
        "`login`: minted by sign-up/log-in (ended by log-out-everywhere and a password change); "
        "`api`: made here"))
    token: str | None = Field(None, description="The secret, shown only when the token is created")
    created_at: str | None = None
    last_used_at: str | None = Field(None, description="Last request with it (to the minute)")
    expires_at: str | None = None


class PasswordChangeIn(Strict):
    current_password: str = Field(min_length=1, max_length=1024)
    new_password: str = Field(min_length=8, max_length=1024)


class PasswordChangeOut(BaseModel):
    ended_sessions: int = Field(description="Other sessions and login tokens that were ended")


class ResetRequestIn(Strict):
    email: str = Field(min_length=3, max_length=320)


class ResetRequestOut(BaseModel):
    status: Literal["accepted"]
    message: str


class ResetConfirmIn(Strict):
    token: str = Field(min_length=10, max_length=200)
    password: str = Field(min_length=8, max_length=1024)


class TwoFactorOut(BaseModel):
    enabled: bool
    recovery_codes_left: int


class TwoFactorSetupIn(Strict):
    password: str = Field(min_length=1, max_length=1024)


class TwoFactorSetupOut(BaseModel):
    secret: str = Field(description="Base32 secret to type into an authenticator app")
    otpauth_uri: str = Field(description="The same as an otpauth:// URI (what a QR code holds)")


class TwoFactorCodeIn(Strict):
    code: str = Field(min_length=6, max_length=32)


class RecoveryCodesOut(BaseModel):
    recovery_codes: list[str] = Field(description="Ten one-time codes, shown only now")


class TwoFactorDisableIn(Strict):
    password: str = Field(min_length=1, max_length=1024)
    code: str = Field(min_length=6, max_length=32)


class AccountDeleteIn(Strict):
    password: str = Field(min_length=1, max_length=1024)


class TokenList(BaseModel):
    items: list[TokenOut]

"""Shares: with a user (view/edit) or as a link token (view), optionally expiring.

Link tokens are random; only their sha256 is stored, so a link's URL is shown once, when
the share is created. A user share's URL (the CV's own address, read with the
recipient's credentials) can be shown any time."""
from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, StrictBool, model_validator
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from htdy.core.host.errors import Conflict, NotFound, ValidationFailed
from htdy.core.models import Share, User
from htdy.core.services import Services, cvs, invitations, utcnow
from htdy.core.services.accounts import normalise_email, sha256
from htdy.core.services.share_links import ShareLinks


class ShareCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    email: str | None = None
    link: StrictBool = False
    access: Literal["view", "edit"] = "view"
    expires_at: datetime | None = None

    @model_validator(mode="after")
    def _one_target(self) -> ShareCreate:
        if bool(self.email) == bool(self.link):
            raise ValueError("give either email or link: true")
        if self.link and self.access != "view":
            raise ValueError("link shares are view-only")
        if self.expires_at is not None and self.expires_at.tzinfo is None:
            raise ValueError("expires_at needs a timezone (e.g. 2030-01-01T00:00:00Z)")
        return self


def share_dict(s: Share, user: User | None = None, links: ShareLinks | None = None,
               token: str | None = None, email: str | None = None) -> dict[str, Any]:
    """A share as the API shows it. With ``links``: ``url`` and ``page_url`` — absolute for a
    user share, and for a link share only when its ``token`` is known (at creation; only
    its hash is stored), else ``null``. A user share shows the address only (``user.email``),
    the same for an account and for an invitation: whether an address has an account is
    not told."""
    out: dict[str, Any] = {"id": str(s.id), "kind": s.kind, "access": s.access,
                           "expires_at": s.expires_at.isoformat() if s.expires_at else None,
                           "created_at": s.created_at.isoformat()}
    if s.kind == "user":
        out["user"] = {"email": email or (user.email if user is not None else s.email)}
    if links is not None:
        if s.kind == "user":
            out.update(links.for_user(str(s.cv_id)))
        elif token is not None:
            out.update(links.for_link(token))
        else:
            out.update(url=None, page_url=None)
    return out


async def list_shares(svc: Services, user_id: str, cv_id: str,
                      links: ShareLinks | None = None) -> list[dict[str, Any]]:
    await cvs.get_for(svc, user_id, cv_id, need="owner")
    rows = await Share.filter(cv_id=cvs.parse_uuid(cv_id)).order_by("created_at").select_related("user")
    return [share_dict(s, s.user, links) for s in rows]


async def create(svc: Services, user_id: str, cv_id: str, data: ShareCreate,
                 links: ShareLinks | None = None) -> dict[str, Any]:
    """A user share answers the same whether the address has an account or not (an account
    gets access at once; an address without one gets an invitation that attaches when it
    signs up through the mailed link): both are mailed, after the answer."""
    e, _ = await cvs.get_for(svc, user_id, cv_id, need="owner")
    cid = cvs.parse_uuid(cv_id)
    if data.expires_at is not None and data.expires_at <= utcnow():
        raise ValidationFailed("expires_at is in the past", code="invalid_expiry")
    links = links or ShareLinks(base="")  # without a request the addresses are relative
    target = None
    token = None
    email = normalise_email(data.email) if data.email else None
    if email is not None:
        owner = await User.get(id=user_id)
        if email == owner.email:
            raise ValidationFailed("you own this CV already", code="share_with_self")
        target = await User.get_or_none(email=email)
    async with in_transaction(svc.conn_name):
        if email is not None:
            same = Q(user_id=target.id) if target is not None else Q(email=email)
            if await Share.filter(same, cv_id=cid, kind="user").exists():
                raise Conflict("this CV is already shared with this address", code="already_shared")
            if target is None:
                token = secrets.token_urlsafe(24)
            share = await Share.create(cv_id=cid, kind="user", user=target, email=None if target else email,
                                       token_hash=sha256(token) if token else None,
                                       access=data.access, expires_at=data.expires_at)
        else:
            token = secrets.token_urlsafe(24)
            share = await Share.create(cv_id=cid, kind="link", token_hash=sha256(token),
                                       access="view", expires_at=data.expires_at)
        await cvs.touch(cid)
    await svc.cache.delete(f"cv:{cid}")
    if email is not None:
        sharer = e["cv"]["owner"]["name"]
        svc.spawn(invitations.notify(svc, email, sharer, e["cv"]["title"], data.access, links,
                                     cid, invite=token if target is None else None))
        return share_dict(share, None, links, email=email)
    return share_dict(share, target, links, token)


async def delete(svc: Services, user_id: str, cv_id: str, share_id: str) -> None:
    await cvs.get_for(svc, user_id, cv_id, need="owner")
    cid = cvs.parse_uuid(cv_id)
    try:
        sid = cvs.parse_uuid(share_id)
    except NotFound:
        raise NotFound("no such share") from None
    async with in_transaction(svc.conn_name):
        if not await Share.filter(id=sid, cv_id=cid).delete():
            raise NotFound("no such share")
        await cvs.touch(cid)
    await svc.cache.delete(f"cv:{cid}")


async def resolve_link(svc: Services, token: str) -> tuple[dict[str, Any], str]:
    """The CV entry behind a link token and the share's id (404 when unknown or expired)."""
    share = await Share.get_or_none(token_hash=sha256(token), kind="link")  # never an invitation
    if share is None or (share.expires_at is not None and share.expires_at <= utcnow()):
        raise NotFound("no such share link")
    e = await cvs.entry(svc, str(share.cv_id))
    if e is None:
        raise NotFound("no such share link")
    return e, str(share.id)

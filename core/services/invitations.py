"""Share invitations: a CV shared with an address that has no account yet.

The share row waits with ``user`` null, the address in ``email`` and the sha256 of a random
invitation secret in ``token_hash``. The mailed link carries the secret to the sign-up page;
signing up with it — and with the invited address — attaches every invitation waiting for
that address. The secret proves the new account reads that mailbox: without it anyone could
sign up with someone else's address and read what was shared with them.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from htdy.core.models import Share, User
from htdy.core.services import Services, mail

if TYPE_CHECKING:
    from htdy.core.services.share_links import ShareLinks


async def notify(svc: Services, email: str, sharer: str, title: str, access: str, links: ShareLinks,
                 cv_id: str, *, invite: str | None) -> None:
    """Mail the recipient: where to read the CV, or (``invite``) how to sign up for it."""
    what = "view" if access == "view" else "view and edit"
    if invite is None:
        addr = links.for_user(cv_id)
        text = (f"{sharer} shared the CV \"{title}\" with you on htdy; you can {what} it.\n\n"
                f"Open it (sign in with this address): {addr['page_url'] or addr['url']}\n")
        await mail.send(svc, email, f"{sharer} shared a CV with you", text, kind="share")
        return
    query = urlencode({"invite": invite, "email": email})
    if links.signup_page:
        how = f"Create your account with this address to open it:\n\n{links.base}{links.signup_page}?{query}\n"
    else:
        how = (f"Create your account with this address to open it: POST {links.base}/api/v1/auth/signup "
               f"with {{\"email\": \"{email}\", \"invite\": \"{invite}\", …}}\n")
    text = (f"{sharer} shared the CV \"{title}\" with you on htdy; you can {what} it.\n\n{how}\n"
            "Not interested? Ignore this message; nothing is created until you sign up.\n")
    await mail.send(svc, email, f"{sharer} invited you to a CV on htdy", text, kind="share_invitation")


async def attach(user: User, invite: str | None) -> list[str]:
    """Inside the sign-up transaction: when ``invite`` is a waiting invitation to the new
    user's address, turn every invitation to that address into a share with the user.
    Returns the CV ids (their cache entries are stale)."""
    from htdy.core.services.accounts import sha256

    if not invite:
        return []
    first = await Share.get_or_none(token_hash=sha256(invite), kind="user", user_id=None)
    if first is None or first.email != user.email:
        return []
    waiting = Share.filter(kind="user", user_id=None, email=user.email)
    cv_ids: list[Any] = await waiting.values_list("cv_id", flat=True)
    await waiting.update(user_id=user.id, email=None, token_hash=None)
    return [str(c) for c in cv_ids]

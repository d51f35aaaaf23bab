"""How to spell a share's absolute addresses (its own module: the invitations mail them and the
shares service hands them out, and neither imports the other for it)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ShareLinks:
    """How to spell a share's absolute addresses: ``base`` is the public origin (no
    trailing slash); ``link_page``/``user_page`` are the web pages for people
    (``"/s/{token}"``, ``"/app/cvs/{cv_id}"``), ``None`` when no web frontend serves them."""

    base: str
    link_page: str | None = None
    user_page: str | None = None
    signup_page: str | None = None  # where an invitation's link leads ("/signup")

    def for_link(self, token: str) -> dict[str, str | None]:
        return {"url": f"{self.base}/api/v1/shared/{token}",
                "page_url": self.base + self.link_page.format(token=token) if self.link_page else None}

    def for_user(self, cv_id: str) -> dict[str, str | None]:
        return {"url": f"{self.base}/api/v1/cvs/{cv_id}",
                "page_url": self.base + self.user_page.format(cv_id=cv_id) if self.user_page else None}

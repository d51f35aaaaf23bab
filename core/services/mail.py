"""Sending e-mail through the configured mailer (``[mail] backend``). A failed delivery is
logged, never shown to the visitor: the callers (password reset, share invitations) answer
the same whether a message went out or not, so they reveal nothing about accounts."""
from __future__ import annotations

import logging

from htdy.core.host.interfaces import Mail
from htdy.core.services import Services

log = logging.getLogger("htdy.mail")


async def send(svc: Services, to: str, subject: str, text: str, *, kind: str) -> bool:
    """Send one message; ``False`` (logged) when the mailer failed or none is configured."""
    if svc.mailer is None:
        log.warning("no mailer started; %s mail not sent", kind)
        return False
    mail = Mail(to=to, subject=subject, text=text, sender=svc.settings.mail.from_address, kind=kind)
    try:
        await svc.mailer.send(mail)
    except Exception as exc:  # noqa: BLE001 - any mailer's failure (refused, timeout, auth)
        log.warning("sending %s mail failed: %s: %s", kind, type(exc).__name__, exc)
        return False
    return True

"""``smtp``: sends through an SMTP server (a local relay, or a provider's submission port).

The standard library's ``smtplib`` does the protocol, in a thread so the event loop never
waits on the network. One connection per message: mail here is rare (resets, invitations).
``starttls`` upgrades a plain connection (port 587); ``ssl`` is implicit TLS (port 465).
The password is a secret: give it as ``{"$env" = "NAME"}`` or ``{"$file" = "path"}``."""
from __future__ import annotations

import asyncio
import smtplib
import ssl
from typing import Any

from pydantic import SecretStr, model_validator

from htdy.core.host.errors import ServiceUnavailable
from htdy.core.host.interfaces import Mail, Mailer, PluginOptions


class SmtpOptions(PluginOptions):
    host: str = "localhost"
    port: int = 25
    username: str | None = None
    password: SecretStr | None = None
    starttls: bool = False
    ssl: bool = False
    timeout_s: float = 10.0

    @model_validator(mode="after")
    def _one_tls(self) -> SmtpOptions:
        if self.starttls and self.ssl:
            raise ValueError("set starttls (port 587) or ssl (port 465), not both")
        if (self.username is None) != (self.password is None):
            raise ValueError("set both username and password, or neither")
        return self


class SmtpMailer(Mailer):
    name = "smtp"
    description = "Sends through an SMTP server (STARTTLS or implicit TLS, optional login)."
    Options = SmtpOptions
    options: SmtpOptions

    def _connect(self) -> smtplib.SMTP:
        o = self.options
        if o.ssl:
            return smtplib.SMTP_SSL(o.host, o.port, timeout=o.timeout_s, context=ssl.create_default_context())
        client = smtplib.SMTP(o.host, o.port, timeout=o.timeout_s)
        if o.starttls:
            client.starttls(context=ssl.create_default_context())
        return client

    def _send(self, message: Any) -> None:
        o = self.options
        with self._connect() as client:
            if o.username is not None and o.password is not None:
                client.login(o.username, o.password.get_secret_value())
            client.send_message(message)

    async def send(self, mail: Mail) -> None:
        await asyncio.to_thread(self._send, mail.as_email())

    async def check(self) -> None:
        def probe() -> None:
            with self._connect() as client:
                client.noop()

        try:
            await asyncio.to_thread(probe)
        except (OSError, smtplib.SMTPException) as exc:
            raise ServiceUnavailable(f"smtp server {self.options.host}:{self.options.port} unavailable: {exc}") from exc

"""The mailers slot: ``console`` writes to the log, ``smtp`` talks to a real SMTP server
(aiosmtpd, started here on a free loopback port), and a third-party mailer registers
through ``htdy_register_mailers`` like any plugin and is picked by ``[mail] backend``."""
from __future__ import annotations

import logging
from email import message_from_bytes
from email.policy import default as default_policy

import pytest

from htdy import hookimpl
from htdy.core.host.config import settings_from_dict
from htdy.core.host.errors import ConfigError, ServiceUnavailable
from htdy.core.host.interfaces import Mail, Mailer
from htdy.core.host.plugin_checks import check_selected, selections
from htdy.core.host.plugins import build_registries, get_plugin_manager

from .conftest import free_port

MAIL = Mail(to="zoë@example.org", subject="Réinitialiser — reset", text="Your link: https://x.example/r?token=abc\n",
            sender="htdy <noreply@cv.example.org>", kind="password_reset")


@pytest.fixture(scope="module")
def regs():
    return build_registries(get_plugin_manager(load_entrypoints=False))


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's handler name
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 OK"


@pytest.fixture
def smtp_server():
    """A real SMTP server (aiosmtpd) on a free port; AUTH PLAIN accepts ann / s3cret
    (over plain TCP: this is loopback)."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login == b"ann" and auth_data.password == b"s3cret"
        return AuthResult(success=ok)

    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, authenticator=authenticator,
                            auth_require_tls=False, auth_exclude_mechanism=["LOGIN"])
    controller.start()
    inbox.port = port  # type: ignore[attr-defined]
    yield inbox
    controller.stop()


def smtp(regs, **options):
    cls = regs.mailers.get("smtp")
    return cls(cls.Options.model_validate(options))


async def test_smtp_delivers_to_a_real_server(regs, smtp_server):
    await smtp(regs, host="127.0.0.1", port=smtp_server.port).send(MAIL)
    [(sender, rcpts, raw)] = smtp_server.messages
    msg = message_from_bytes(raw, policy=default_policy)
    assert sender == "noreply@cv.example.org" and rcpts == ["zoë@example.org"]
    assert msg["Subject"] == "Réinitialiser — reset" and msg["From"] == "htdy <noreply@cv.example.org>"
    assert msg.get_content().replace("\r\n", "\n") == MAIL.text and msg["Message-ID"] and msg["Date"]


async def test_smtp_logs_in_with_the_configured_secret(regs, smtp_server):
    await smtp(regs, host="127.0.0.1", port=smtp_server.port, username="ann", password="s3cret").send(MAIL)
    assert len(smtp_server.messages) == 1
    import smtplib
    # aiosmtpd holds back its answer to a failed AUTH: the client gives up (timeout) either way
    with pytest.raises(smtplib.SMTPException):
        await smtp(regs, host="127.0.0.1", port=smtp_server.port, username="ann", password="wrong",
                   timeout_s=1).send(MAIL)
    assert len(smtp_server.messages) == 1


async def test_smtp_check_reports_an_unreachable_server(regs, smtp_server, closed_port):
    await smtp(regs, host="127.0.0.1", port=smtp_server.port).check()
    with pytest.raises(ServiceUnavailable, match=f"127.0.0.1:{closed_port}"):
        await smtp(regs, host="127.0.0.1", port=closed_port, timeout_s=2).check()


def test_smtp_options(regs):
    import pydantic

    cls = regs.mailers.get("smtp")
    opts = cls.Options.model_validate({"host": "mail", "port": 587, "username": "u", "password": "hunter2",
                                       "starttls": True})
    assert "hunter2" not in repr(opts)
    for bad in ({"starttls": True, "ssl": True}, {"username": "u"}, {"no_such_option": 1}):
        with pytest.raises(pydantic.ValidationError):
            cls.Options.model_validate(bad)


def test_hook_htdy_register_mailers():
    sent: list[Mail] = []

    class Memory(Mailer):
        name = "t-memory"

        async def send(self, mail: Mail) -> None:
            sent.append(mail)

    class Plugin:
        @hookimpl
        def htdy_register_mailers(self):
            return [Memory]

    regs = build_registries(get_plugin_manager([Plugin()], load_entrypoints=False))
    assert {"console", "smtp", "t-memory"} <= set(regs.mailers.names())
    assert regs.mailers.owner("console") == "htdy.plugins.mailers"
    settings = settings_from_dict({"mail": {"backend": "t-memory"}}, environ={})
    check_selected(regs, selections(settings))  # picked by name, like every slot
    import asyncio
    asyncio.run(regs.mailers.get("t-memory")().send(MAIL))
    assert sent == [MAIL]


def test_unknown_mailer_fails_at_start_up(regs):
    settings = settings_from_dict({"mail": {"backend": "carrier-pigeon"}}, environ={})
    with pytest.raises(ConfigError, match="unknown mailer 'carrier-pigeon'; known: console, smtp"):
        check_selected(regs, selections(settings))


def test_bad_from_address_fails_naming_the_key():
    with pytest.raises(ConfigError, match="mail.from_address"):
        settings_from_dict({"mail": {"from_address": "nobody"}}, "htdy.toml", environ={})


async def test_console_mailer_logs_the_message(regs, caplog):
    mailer = regs.mailers.get("console")()
    with caplog.at_level(logging.INFO, logger="htdy.mail"):
        await mailer.send(MAIL)
    text = caplog.text
    assert "To: zoë@example.org" in text and "https://x.example/r?token=abc" in text and "Subject: Réinitialiser" in text

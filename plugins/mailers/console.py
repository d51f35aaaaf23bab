"""``console``: messages go to the log (logger ``htdy.mail``, level INFO) instead of a mail
server. Meant for development and single-user installs: a password-reset link is read from
the server's output. Keep the log private — it holds those links while they are valid."""
from __future__ import annotations

import logging

from htdy.core.host.interfaces import Mail, Mailer

log = logging.getLogger("htdy.mail")


class ConsoleMailer(Mailer):
    name = "console"
    description = "Writes each message to the log instead of sending it (development, no mail server)."

    async def send(self, mail: Mail) -> None:
        log.info("mail (not sent: [mail] backend = \"console\")\nFrom: %s\nTo: %s\nSubject: %s\n\n%s",
                 mail.sender, mail.to, mail.subject, mail.text)

"""Built-in mailers: ``console`` (the default: each message is written to the log, so a
server without a mail relay still works — reset links show up in its output) and ``smtp``.
Registered by name and import path (``LazyImpl``), like every built-in."""
from __future__ import annotations

from collections.abc import Iterable

from htdy import hookimpl
from htdy.core.host.registry import LazyImpl


@hookimpl
def htdy_register_mailers() -> Iterable[LazyImpl]:
    return [LazyImpl("console", "htdy.plugins.mailers.console:ConsoleMailer"),
            LazyImpl("smtp", "htdy.plugins.mailers.smtp:SmtpMailer")]

"""Password rules: at least 8 characters (the request schema) and not one of the 30,000 most
common passwords. The list is zxcvbn's (MIT licence; its `passwords` frequency list, from leaked
password corpora), compared case-insensitively."""
from __future__ import annotations

import functools

from htdy.core.host.errors import ValidationFailed


@functools.cache
def _common() -> frozenset[str]:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(p.lower() for p in FREQUENCY_LISTS["passwords"])


def is_common(password: str) -> bool:
    return password.lower() in _common()


def check_new_password(password: str, email: str = "", name: str = "") -> None:
    """Refuse a password on the common list, or one that is the account's own e-mail or name."""
    lowered = password.lower()
    if is_common(password):
        raise ValidationFailed("this password is one of the most common ones; choose another",
                               code="password_too_common",
                               details=[{"loc": "password", "msg": "on the list of the 30,000 most common passwords"}])
    local = email.lower().partition("@")[0]
    if lowered in {email.lower(), local, name.lower().strip(), name.lower().replace(" ", "")} - {""}:
        raise ValidationFailed("the password must not be your e-mail address or name", code="password_too_common",
                               details=[{"loc": "password", "msg": "equals the e-mail address or name"}])

"""schemathesis hooks for ``fuzz_api.py`` (``SCHEMATHESIS_HOOKS=auth_hooks``): every request
carries the bearer token of a signed-up user. When the API answers 401 — the fuzzer logged
the token out, revoked it, deleted the account — a new account is made and the request retried."""
from __future__ import annotations

import json
import os
import urllib.request
import uuid
from typing import Any

import schemathesis

BASE = os.environ.get("HTDY_FUZZ_BASE", "http://127.0.0.1:18310")


def new_token() -> str:
    body = json.dumps({"email": f"fuzz-{uuid.uuid4().hex[:12]}@example.org", "name": "Fuzz",
                       "password": "fuzzing correct horse " + uuid.uuid4().hex[:8]}).encode()
    req = urllib.request.Request(f"{BASE}/api/v1/auth/signup", data=body, method="POST",
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return str(json.loads(resp.read())["token"])


@schemathesis.auth()
class HtdyBearer:
    def get(self, case: Any, ctx: Any) -> str:
        return new_token()

    def set(self, case: Any, data: str, ctx: Any) -> None:
        case.headers = case.headers or {}
        case.headers["Authorization"] = f"Bearer {data}"

"""Two-factor sign-in (TOTP with pyotp, recovery codes) on SQLite and PostgreSQL."""
from __future__ import annotations

import time

import pyotp


def code_at(secret: str, steps_from_now: int = 0) -> str:
    return pyotp.TOTP(secret).at(time.time() + 30 * steps_from_now)


async def login(client, password: str = "correct horse battery", otp: str | None = None):
    body = {"email": "two@example.org", "password": password, **({"otp": otp} if otp else {})}
    resp = await client.post("/api/v1/auth/login", json=body)
    client.session.cookie_jar.clear()
    return resp.status, (await resp.json())


async def test_two_factor_sign_in(client, signup):
    a = await signup("two@example.org")
    h = a["headers"]
    assert await (await client.get("/api/v1/me/2fa", headers=h)).json() == {"enabled": False, "recovery_codes_left": 0}
    resp = await client.post("/api/v1/me/2fa/setup", json={"password": "wrong"}, headers=h)
    assert resp.status == 401
    setup = await (await client.post("/api/v1/me/2fa/setup", json={"password": "correct horse battery"},
                                     headers=h)).json()
    secret = setup["secret"]
    assert setup["otpauth_uri"].startswith("otpauth://totp/htdy:two%40example.org?secret=" + secret)
    assert (await login(client))[0] == 200  # set up but not on yet: the password is enough

    resp = await client.post("/api/v1/me/2fa/enable", json={"code": "000000" if code_at(secret) != "000000" else "111111"},
                             headers=h)
    assert resp.status == 422 and (await resp.json())["error"]["code"] == "invalid_otp"
    resp = await client.post("/api/v1/me/2fa/enable", json={"code": code_at(secret)}, headers=h)
    codes = (await resp.json())["recovery_codes"]
    assert resp.status == 200 and len(codes) == 10 and len(set(codes)) == 10
    assert await (await client.get("/api/v1/me/2fa", headers=h)).json() == {"enabled": True, "recovery_codes_left": 10}

    status, body = await login(client)
    assert status == 401 and body["error"]["code"] == "otp_required"
    status, body = await login(client, password="wrong password", otp=code_at(secret, 1))
    assert status == 401 and body["error"]["code"] == "invalid_credentials"  # the code is not even looked at
    status, body = await login(client, otp=code_at(secret))  # the step enable used: no replay
    assert status == 401 and body["error"]["code"] == "invalid_otp"
    nxt = code_at(secret, 1)  # (one code for both logins: the window may roll over between them)
    assert (await login(client, otp=nxt))[0] == 200  # the next step (clock drift allowed)
    assert (await login(client, otp=nxt))[1]["error"]["code"] == "invalid_otp"  # once only
    assert (await login(client, otp=codes[0].upper()))[0] == 200  # a recovery code, any case
    assert (await login(client, otp=codes[0]))[1]["error"]["code"] == "invalid_otp"  # spent
    assert (await (await client.get("/api/v1/me/2fa", headers=h)).json())["recovery_codes_left"] == 9

    resp = await client.post("/api/v1/me/2fa/setup", json={"password": "correct horse battery"}, headers=h)
    assert resp.status == 409
    resp = await client.post("/api/v1/me/2fa/disable", json={"password": "correct horse battery", "code": "123456"},
                             headers=h)
    assert resp.status == 401 and (await resp.json())["error"]["code"] == "invalid_otp"
    resp = await client.post("/api/v1/me/2fa/disable", json={"password": "correct horse battery", "code": codes[1]},
                             headers=h)
    assert resp.status == 204
    assert (await login(client))[0] == 200
    assert await (await client.get("/api/v1/me/2fa", headers=h)).json() == {"enabled": False, "recovery_codes_left": 0}

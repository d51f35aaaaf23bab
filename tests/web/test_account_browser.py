"""Browser journey of the account pages (Debian's chromium through Playwright, a real
``htdy serve`` with the default ``console`` mailer): sign up → account page → API token with
an expiry → change password (the other device is signed out) → export download → log out
everywhere → forgot password → the reset link from the server's log → new password →
360 px wide pages without horizontal scroll → delete the account.

Screenshots (desktop 1280 px and 360 px) go to ``var/screenshots/`` (not committed), to a
pytest tmp dir and, when set, ``$HTDY_SCREENSHOT_DIR``."""
from __future__ import annotations

import importlib.util
import io
import json
import re
import sys
import time
import uuid
import zipfile
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.timeout(600)]
REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "var" / "screenshots"


B = sys.modules["htdy_tests_web.conftest_browser"]  # (loaded by conftest.py)


def _axe():
    """``run_axe`` of the accessibility suite (axe-core, serious and critical violations)."""
    name = "htdy_tests_web.test_a11y"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("test_a11y.py"))
        assert spec and spec.loader
        sys.modules[name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules[name])
    mod = sys.modules[name]
    source = mod.axe_source()

    def check(page) -> list[dict]:
        page.axe_source = source
        return list(mod.run_axe(page))
    return check
RUN = uuid.uuid4().hex[:6]
PAM = f"pam-{RUN}@example.org"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    B.check_browser()
    srv = B.Server(tmp_path_factory.mktemp("htdy-account"))
    # the console mailer writes reset links to the log at INFO
    srv.config.write_text(srv.config.read_text().replace('level = "WARNING"', 'level = "INFO"'))
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=B.CHROMIUM, args=B.CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def shoot(shots):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def save(page, name: str) -> None:
        shots(page, name)
        size = page.viewport_size
        height = min(page.evaluate("document.documentElement.scrollHeight"), 8000)
        page.set_viewport_size({"width": size["width"], "height": max(height, size["height"])})
        page.wait_for_timeout(150)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
        page.set_viewport_size(size)
    return save


def _page(browser, server, width: int = 1280, height: int = 900):
    ctx = browser.new_context(base_url=server.url, viewport={"width": width, "height": height}, accept_downloads=True,
                              bypass_csp=True)  # axe-core is injected as an inline script
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: d.accept())
    page.set_default_timeout(30_000)
    return ctx, page, errors


def _login(page, email: str, password: str, otp: str | None = None) -> None:
    page.goto("/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    if otp is not None:  # two-factor sign-in: the page asks for the code
        page.get_by_label("Authentication code").fill(otp)
        page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/app")


def _no_horizontal_scroll(page) -> None:
    sw, cw = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert sw <= cw, f"{page.url}: {sw}px of content in a {cw}px wide window"


def _reset_link(server, email: str, timeout: float = 20) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        log = server.log.read_text(errors="replace")
        found = [m for m in re.findall(r"https?://[^\s\"\\]+/reset-password\?token=[\w-]+", log)]
        if found and f"To: {email}" in log:
            return found[-1]
        time.sleep(0.3)
    raise AssertionError(f"no reset link in the server log:\n{server.tail()}")


def test_account_journey(browser, server, shoot):
    from playwright.sync_api import expect

    ctx, page, errors = _page(browser, server)
    page.goto("/signup")
    page.get_by_label("Full name").fill("Pam Account")
    page.get_by_label("Email").fill(PAM)
    page.get_by_label("Password").fill("first password 11")
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url("**/app")
    other_ctx, other, _ = _page(browser, server)  # a second device
    _login(other, PAM, "first password 11")

    page.get_by_role("link", name="Account").click()
    page.wait_for_url("**/account")
    expect(page.locator("#account-who")).to_contain_text(PAM)
    page.get_by_label("Name").fill("CI export")
    page.get_by_label("Expires").select_option("7")
    page.get_by_role("button", name="Create token").click()
    expect(page.locator("#token-secret")).to_contain_text("htdy_")
    expect(page.locator("#token-list")).to_contain_text("CI export")
    expect(page.locator("#token-list")).to_contain_text("never used")
    expect(page.locator("#token-list")).to_contain_text("expires")
    shoot(page, "account-desktop")
    axe = _axe()
    assert axe(page) == []

    # change password: wrong current one first, then right; the other device is signed out
    page.get_by_label("Current password").fill("not my password")
    page.get_by_label("New password").fill("second password 22")
    page.get_by_role("button", name="Change password").click()
    expect(page.locator("#password-error")).to_contain_text("current password is wrong")
    page.get_by_label("Current password").fill("first password 11")
    page.get_by_label("New password").fill("second password 22")
    page.get_by_role("button", name="Change password").click()
    expect(page.locator("#password-ok")).to_contain_text("signed out")
    other.goto("/account")
    other.wait_for_url("**/login**")
    other_ctx.close()

    # export: one zip with the account's data
    with page.expect_download() as dl:
        page.get_by_role("link", name="Download my data (zip)").click()
    data = Path(dl.value.path()).read_bytes()
    account = json.loads(zipfile.ZipFile(io.BytesIO(data)).read("account.json"))
    assert account["user"]["email"] == PAM

    # two-factor sign-in: set up with the password, turn on with a code, recovery codes shown
    import pyotp

    page.locator("#tfa-password").fill("second password 22")
    page.get_by_role("button", name="Set up two-factor sign-in").click()
    expect(page.locator("#tfa-secret")).not_to_be_empty()
    secret = page.locator("#tfa-secret").inner_text().replace(" ", "")
    page.get_by_label("Code from the app", exact=True).fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Turn on").click()
    expect(page.locator("#tfa-code-list li")).to_have_count(10)
    expect(page.locator("#tfa-status")).to_contain_text("10 recovery codes left")
    recovery = page.locator("#tfa-code-list li").first.inner_text()
    shoot(page, "account-2fa-desktop")
    assert axe(page) == []

    # log out everywhere (this browser too)
    page.get_by_role("button", name="Log out everywhere").click()
    page.wait_for_url("**/login**")

    # forgot password → the link the console mailer logged → a new password
    page.get_by_role("link", name="Forgot your password?").click()
    page.wait_for_url("**/forgot-password")
    page.get_by_label("Email").fill(PAM)
    page.get_by_role("button", name="Send the link").click()
    expect(page.locator("#form-ok")).to_contain_text("If this address has an account")
    shoot(page, "forgot-password-desktop")
    assert axe(page) == []
    link = _reset_link(server, PAM)
    page.goto(link)
    shoot(page, "reset-password-desktop")
    assert axe(page) == []
    page.get_by_label("New password").fill("third password 33")
    page.get_by_role("button", name="Set the new password").click()
    expect(page.locator("#form-ok")).to_contain_text("Your password is changed")
    page.goto(link)  # the link works once
    page.get_by_label("New password").fill("fourth password 44")
    page.get_by_role("button", name="Set the new password").click()
    expect(page.locator("#form-error")).to_contain_text("invalid, used or expired")
    _login(page, PAM, "third password 33", otp=pyotp.TOTP(secret).at(time.time() + 30))  # the reset kept 2FA on

    # 360 px wide: the pages fit
    m_ctx, mobile, m_errors = _page(browser, server, width=360, height=740)
    _login(mobile, PAM, "third password 33", otp=recovery)
    shoot(mobile, "login-2fa-360")
    mobile.goto("/account")
    expect(mobile.locator("#token-list")).to_contain_text("CI export")
    _no_horizontal_scroll(mobile)
    shoot(mobile, "account-360")
    for path, name in (("/forgot-password", "forgot-password-360"), (link, "reset-password-360")):
        mobile.goto(path)
        _no_horizontal_scroll(mobile)
        shoot(mobile, name)
    m_ctx.close()

    # delete the account: needs the password and the box ticked
    page.goto("/account")
    page.get_by_role("button", name="Delete my account").click()
    expect(page.locator("#delete-error")).to_contain_text("tick the box")
    page.locator("#delete-password").fill("third password 33")
    page.get_by_label("I understand that all my data is deleted for good.").check()
    page.get_by_role("button", name="Delete my account").click()
    page.wait_for_url("**/?account=deleted")
    page.goto("/login")
    page.get_by_label("Email").fill(PAM)
    page.get_by_label("Password").fill("third password 33")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#form-error")).to_contain_text("wrong email or password")
    assert not errors and not m_errors, errors + m_errors
    ctx.close()

"""The public profile page: server-rendered, no JavaScript, CDN-cacheable, 304s."""
from __future__ import annotations

import re

import pytest

from htdy.plugins.web.profile import date_range, fmt_date, profile_context


@pytest.fixture
async def profile_client(aiohttp_client, web_app):
    from htdy_tests_web.fakeapi import publish_sample  # loaded by conftest

    publish_sample(web_app)
    return await aiohttp_client(web_app)


async def test_profile_renders_without_js(profile_client):
    resp = await profile_client.get("/p/ada-lovelace")
    assert resp.status == 200
    body = await resp.text()
    assert "<h1 itemprop=\"name\">Ada Lovelace</h1>" in body
    assert "Babbage &amp; Co" in body and "Bernoulli numbers" in body and "Jan 1842 – Sep 1843" in body
    assert not re.search(r"<script(?![^>]*application/ld\+json)", body)  # only data, nothing that runs
    assert 'href="/p/ada-lovelace/cv.pdf"' in body
    assert resp.headers["Cache-Control"] == "public, max-age=300, s-maxage=900"
    assert "Cookie" not in resp.headers.get("Vary", "")


async def test_profile_etag_304(profile_client):
    first = await profile_client.get("/p/ada-lovelace")
    etag = first.headers["ETag"]
    again = await profile_client.get("/p/ada-lovelace", headers={"If-None-Match": etag})
    assert again.status == 304
    assert again.headers["ETag"] == etag
    assert again.headers["Cache-Control"].startswith("public")
    assert await again.read() == b""


async def test_profile_is_the_same_for_signed_in_visitors(profile_client):
    anon = await profile_client.get("/p/ada-lovelace")
    profile_client.session.cookie_jar.update_cookies({"htdy_session": "x"})
    signed = await profile_client.get("/p/ada-lovelace")
    assert anon.headers["ETag"] == signed.headers["ETag"]


async def test_profile_pdf_proxy_404_without_pdf(profile_client):
    assert (await profile_client.get("/p/ada-lovelace/cv.pdf")).status == 404


async def test_unknown_profile_is_404(profile_client):
    resp = await profile_client.get("/p/nobody-here")
    assert resp.status == 404
    assert "Profile not found" in await resp.text()
    assert (await profile_client.get("/p/bad..slug")).status == 404


def test_profile_context_is_defensive():
    ctx = profile_context({"basics": {"name": "Zoë Ä", "url": "javascript:alert(1)",
                                      "profiles": [{"network": "X", "url": "ftp://nope"}, "junk"]},
                           "work": [None, {"name": "Acme"}], "skills": [{"keywords": ["a", 3]}]})
    assert ctx["initials"] == "ZÄ"
    assert ctx["contacts"] == []          # unsafe URLs are dropped
    assert ctx["work"][0]["title"] == "Acme"
    assert ctx["skills"][0]["keywords"] == ["a"]
    assert profile_context({})["name"] == "Anonymous"


def test_dates():
    assert fmt_date("2020-03-01") == "Mar 2020"
    assert fmt_date("2019") == "2019"
    assert date_range({"startDate": "2020-01"}) == "Jan 2020 – Present"
    assert date_range({}) == ""


def test_dates_follow_the_cv_language():
    """Month names and "present" on the public page come from the CV's language (issue 9 §4)."""
    from htdy.plugins.web.profile import page_language

    assert date_range({"startDate": "2021-11"}, "de") == "Nov. 2021 – heute"
    assert date_range({"startDate": "2020-03", "endDate": "2021-11"}, "fr") == "mars 2020 – nov. 2021"
    assert fmt_date("2021-11", "ja") == "2021年11月"
    assert page_language({"meta": {"language": "de-AT"}}) == "de"
    assert page_language({}, "es") == "es" and page_language({}) == "en"
    ctx = profile_context({"meta": {"language": "de"}, "work": [{"name": "Siemens", "startDate": "2021-11"}]},
                          page_language({"meta": {"language": "de"}}))
    assert ctx["work"][0]["dates"] == "Nov. 2021 – heute" and ctx["cv_lang"] == "de"

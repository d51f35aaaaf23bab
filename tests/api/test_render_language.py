"""Rendering in the CV's language through the API: ``meta.language``, else the language the
parser detected (kept in the version's extras), and the ``option.lang`` override."""
from __future__ import annotations

from htdy.core.http import appkeys
from htdy.core.http.api.render import with_detected_language
from htdy.core.models import CVVersion


def test_with_detected_language_fills_only_a_missing_language() -> None:
    resume = {"basics": {"name": "A"}}
    assert with_detected_language(resume, {"language": "de"})["meta"] == {"language": "de"}
    assert "meta" not in resume  # the stored resume is not changed
    assert with_detected_language({"meta": {"language": "fr"}}, {"language": "de"})["meta"]["language"] == "fr"
    assert with_detected_language(resume, {}) is resume
    assert with_detected_language(resume, None) is resume
    assert with_detected_language(resume, {"language": None}) is resume


async def test_render_uses_meta_language_then_detected_then_override(client, signup, make_cv, resume):
    a = await signup("lang@example.org")
    resume = {**resume, "work": [{"name": "ACME", "position": "Dev", "startDate": "2021-11"}]}
    resume.pop("meta", None)
    plain = await make_cv(a["headers"], resume=resume)
    text = await (await client.get(f"/api/v1/cvs/{plain['id']}/render?format=txt", headers=a["headers"])).text()
    assert "Nov 2021 – Present" in text  # nothing says otherwise: English

    cv = await make_cv(a["headers"], resume=resume, title="Lebenslauf")
    # what an upload stores: the parser's detected language in the version's extras
    await CVVersion.filter(cv_id=cv["id"], number=1).update(extras={"language": "de"})
    await client.app[appkeys.services].cache.delete(f"cv:{cv['id']}")  # written behind the service's back
    url = f"/api/v1/cvs/{cv['id']}/render"
    text = await (await client.get(f"{url}?format=txt", headers=a["headers"])).text()
    assert "Nov. 2021 – heute" in text and "BERUFSERFAHRUNG" in text.upper()
    text = await (await client.get(f"{url}?format=txt&version=1", headers=a["headers"])).text()
    assert "Nov. 2021 – heute" in text
    html = await (await client.get(f"{url}?format=html&option.lang=ja", headers=a["headers"])).text()
    assert "2021年11月 – 現在" in html and "heute" not in html and '<html lang="ja" dir="ltr">' in html
    html = await (await client.get(f"{url}?format=html&option.lang=ar", headers=a["headers"])).text()
    assert '<html lang="ar" dir="rtl">' in html and "حتى الآن" in html

    # meta.language written in the CV wins over the detected language
    resp = await client.patch(f"/api/v1/cvs/{cv['id']}", json={"resume": {**resume, "meta": {"language": "fr"}}},
                              headers=a["headers"])
    assert resp.status == 200, await resp.text()
    await CVVersion.filter(cv_id=cv["id"], number=2).update(extras={"language": "de"})
    await client.app[appkeys.services].cache.delete(f"cv:{cv['id']}")
    text = await (await client.get(f"{url}?format=txt", headers=a["headers"])).text()
    assert "nov. 2021 – aujourd'hui" in text

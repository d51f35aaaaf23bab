async def test_signup_and_me(client, signup):
    u = await signup("a@example.org")
    resp = await client.get("/api/v1/me", headers=u["headers"])
    assert resp.status == 200
    assert (await resp.json())["email"] == "a@example.org"

"""A generated htdy instance: users, CVs with several versions, uploaded files — written
through the services (sign-up, CV create/update, upload), as real use would. Used by
``htdy perf restore`` and by the backup tests."""
from __future__ import annotations

import random
from collections.abc import Callable
from contextlib import asynccontextmanager
from typing import Any

SKILLS = ["Python", "PostgreSQL", "Kubernetes", "Go", "Rust", "TypeScript", "Terraform", "Kafka", "React",
          "Spark", "Django", "aiohttp", "Redis", "OpenSearch", "Linux", "C++", "Java", "Scala", "SQL", "dbt"]
CITIES = [("Berlin", "DE"), ("Lisbon", "PT"), ("Brno", "CZ"), ("Seoul", "KR"), ("Lyon", "FR"), ("Austin", "US")]


def resume_for(i: int, version: int, rng: random.Random) -> dict[str, Any]:
    city, cc = CITIES[i % len(CITIES)]
    skills = rng.sample(SKILLS, 5)
    return {
        "basics": {"name": f"Person {i:05d}", "label": f"Engineer v{version}", "email": f"p{i}@example.org",
                   "summary": f"Builds systems; revision {version}. " + "Ships reliable software. " * 5,
                   "location": {"city": city, "countryCode": cc}},
        "work": [{"name": f"Company {rng.randrange(500)}", "position": rng.choice(["Engineer", "Lead", "SRE"]),
                  "startDate": f"20{10 + j}-0{1 + j}-01", "summary": "Did things. " * 10,
                  "highlights": [f"Delivered project {k}" for k in range(3)]} for j in range(3)],
        "education": [{"institution": f"University {i % 40}", "area": "Computer Science", "studyType": "MSc",
                       "startDate": "2008-09-01", "endDate": "2013-06-30"}],
        "skills": [{"name": s, "keywords": [s.lower(), "backend"]} for s in skills],
        "languages": [{"language": "English", "fluency": "Fluent"}],
    }


@asynccontextmanager
async def services(settings: Any) -> Any:
    """Services with storage, queue and search started, database migrated."""
    from htdy.core.db import close_db, init_db
    from htdy.core.host.plugins import build_registries, get_plugin_manager
    from htdy.core.http.app import instantiate
    from htdy.core.services import Services
    from htdy.core.services.cache import build_cache

    pm = get_plugin_manager()
    regs = build_registries(pm)
    svc = Services(settings=settings, pm=pm, registries=regs, cache=build_cache(settings, regs))
    db = await init_db(settings, migrate=True)
    started = []
    try:
        for attr, registry, name in (("storage", regs.storage_backends, settings.storage.backend),
                                     ("queue", regs.queue_backends, settings.queue.backend),
                                     ("search", regs.search_backends, settings.search.backend)):
            backend = instantiate(settings, registry, name)
            await backend.start()
            started.append(backend)
            setattr(svc, attr, backend)
        await svc.cache.start()
        yield svc
        await svc.drain()
        await svc.cache.close()
    finally:
        for backend in reversed(started):
            await backend.close()
        await close_db(db)


async def generate(svc: Any, cvs: int, *, versions: int = 3, file_kb: int = 20, per_user: int = 10, seed: int = 1,
                   progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
    """Create ``cvs`` CVs (``versions`` versions each, one uploaded text file each, every
    other one discoverable) for ``cvs / per_user`` users. Returns what was made."""
    from htdy.core.services import accounts, uploads
    from htdy.core.services import cvs as cv_service

    rng = random.Random(seed)
    users: list[str] = []
    made = {"users": 0, "cvs": 0, "versions": 0, "files": 0, "file_bytes": 0}
    for i in range(cvs):
        if i % per_user == 0:
            user, _ = await accounts.signup(svc, f"user{seed}-{i // per_user}@example.org",
                                            f"generated-pw-{seed}-{i}", f"User {i // per_user}")
            users.append(str(user.id))
            made["users"] += 1
        owner = users[-1]
        cv_id = await cv_service.create(svc, owner, cv_service.CVCreate(
            title=f"CV {i}", resume=resume_for(i, 1, rng), discoverable=i % 2 == 0))
        for v in range(2, versions + 1):
            await cv_service.update(svc, owner, cv_id, {"resume": resume_for(i, v, rng)})
        text = (f"Person {i:05d}\nCurriculum vitae, seed {seed}\n" +
                "".join(f"{rng.choice(SKILLS)} {rng.randrange(10**6)}\n" for _ in range(file_kb * 80)))
        data = text.encode()[: file_kb * 1024]
        await uploads.accept(svc, owner, data, filename=f"cv-{i}.txt", title=None, cv_id=cv_id)
        made["cvs"] += 1
        made["versions"] += versions
        made["files"] += 1
        made["file_bytes"] += len(data)
        if progress:
            progress(i + 1, cvs)
    return made

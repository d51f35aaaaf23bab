"""Every metric the shipped alert rules, autoscalers and deploy/README.md name is exported by at
least one role. The names are read out of the manifests (PromQL in PrometheusRules, KEDA
triggers, HPA metrics, prometheus-adapter rules) — not listed here — and each role's app is
started and its ``/metrics`` scraped."""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from prometheus_client.parser import text_string_to_metric_families

from htdy.core.host.testing import make_settings
from htdy.core.http.app import create_app

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"
NAME = re.compile(r"(?<![A-Za-z0-9_:])htdy_[a-z0-9_]+")
ROLES = ("api", "parser", "renderer")


def _docs(path: Path) -> list[Any]:
    return [d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d]


def _walk(node: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for k, v in node.items():
            yield str(k), v
            yield from _walk(v)
    elif isinstance(node, list):
        for v in node:
            yield from _walk(v)


def adapter_rules() -> dict[str, set[str]]:
    """prometheus-adapter rules shipped under deploy/: derived metric name -> the series it reads."""
    derived: dict[str, set[str]] = {}
    for path in DEPLOY.rglob("*.yaml"):
        for doc in _docs(path):
            for key, value in _walk(doc):
                if key in ("custom", "rules") and isinstance(value, list):
                    for rule in value:
                        if isinstance(rule, dict) and "seriesQuery" in rule and isinstance(rule.get("name"), dict):
                            derived[rule["name"]["as"]] = set(NAME.findall(rule["seriesQuery"]))
    return derived


def referenced_names() -> dict[str, set[str]]:
    """Metric name -> where it is referenced (file: alert, trigger or HPA)."""
    refs: dict[str, set[str]] = {}

    def add(text: str, where: str) -> None:
        for name in NAME.findall(text):
            refs.setdefault(name, set()).add(where)

    for path in sorted((DEPLOY / "k8s").glob("*.yaml")):
        for doc in _docs(path):
            kind = doc.get("kind", "")
            if kind == "PrometheusRule":
                for group in doc["spec"]["groups"]:
                    for rule in group["rules"]:
                        add(rule["expr"], f"{path.name}: {rule.get('alert') or rule.get('record')}")
            elif kind == "ScaledObject":
                for trig in doc["spec"].get("triggers", []):
                    add(str((trig.get("metadata") or {}).get("query", "")), f"{path.name}: KEDA {trig['type']}")
            elif kind == "HorizontalPodAutoscaler":
                for key, value in _walk(doc["spec"].get("metrics", [])):
                    if key == "metric" and isinstance(value, dict):
                        add(value.get("name", ""), f"{path.name}: HPA")
    for where, query in ((p.name, v) for p in DEPLOY.rglob("*.yaml") for d in _docs(p) for k, v in _walk(d)
                         if k in ("seriesQuery", "metricsQuery") and isinstance(v, str)):
        add(query, f"{where}: prometheus-adapter")
    for line in (DEPLOY / "README.md").read_text(encoding="utf-8").splitlines():
        for code in re.findall(r"`([^`]+)`", line):
            add(code, "deploy/README.md")
    return refs


def test_the_manifests_name_the_metrics_the_alerts_depend_on() -> None:
    """The parser finds the known references (guards the test below against reading nothing)."""
    refs = referenced_names()
    assert "htdy_db_pool_in_use" in refs and "htdy_storage_operations_total" in refs
    assert any("KEDA" in w for w in refs["htdy_queue_depth"])
    assert any("HPA" in w for w in refs["htdy_http_requests_per_second"])
    assert adapter_rules()["htdy_http_requests_per_second"] == {"htdy_http_requests_total"}


async def _scrape(role: str, tmp_path: Path, aiohttp_client: Any) -> set[str]:
    settings = make_settings(tmp_path / role, node={"roles": [role]})
    client = await aiohttp_client(create_app(settings))
    resp = await client.get("/metrics")
    assert resp.status == 200
    names: set[str] = set()
    for family in text_string_to_metric_families(await resp.text()):
        names.add(family.name)
        if family.type == "counter":  # declared by this role, no label set counted yet (e.g. failures by code)
            names.add(family.name + "_total")
        names.update(s.name for s in family.samples)
    return names


async def test_every_referenced_metric_is_exported_by_a_role(tmp_path: Path, aiohttp_client: Any) -> None:
    exported = {role: await _scrape(role, tmp_path, aiohttp_client) for role in ROLES}
    derived = adapter_rules()
    missing = {}
    for name, where in sorted(referenced_names().items()):
        sources = derived.get(name, {name})  # an adapter-derived name must have its series exported
        for source in sources:
            if not any(source in names for names in exported.values()):
                missing[name] = sorted(where)
    assert not missing, f"referenced but exported by no role: {missing}"


async def test_role_specific_series(tmp_path: Path, aiohttp_client: Any) -> None:
    """The series the autoscalers read come from the nodes they scale (and the pool gauges from all)."""
    for role in ROLES:
        names = await _scrape(role, tmp_path, aiohttp_client)
        assert {"htdy_db_pool_in_use", "htdy_db_pool_size", "htdy_storage_operations_total"} <= names, role
        assert "htdy_queue_depth" in names, role

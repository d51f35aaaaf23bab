"""Shared fixtures for the deployment tests: paths, YAML documents, and the seed's numbers.

The seed (``../shared/seed/*.txt`` beside the repository) is the source of the thresholds;
when it is present its tables are parsed, else the numbers below (copied from it) are used."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"
K8S = DEPLOY / "k8s"
SEED_DIR = REPO.parent / "shared" / "seed"
SEED_TITLE = "Performance Standards and Scaling Strategy"

# The seed's numbers (used when ../shared is absent; checked against it when present).
SEED_CONSTANTS: dict[str, float] = {
    "api_latency_p95_warning_s": 0.5,
    "api_latency_p95_critical_s": 1.0,
    "parse_p95_s": 5, "parse_p99_s": 15,
    "render_p95_s": 1, "render_p99_s": 3,
    "error_rate_warning": 0.01,
    "error_rate_critical": 0.05,
    "api_baseline_rps": 1000,
    "api_trigger_fraction": 0.70,
    "db_baseline_tps": 500,
    "db_trigger_fraction": 0.60,
    "storage_ops_trigger": 50,
    "parse_queue_trigger": 5,
    "render_queue_trigger": 10,
    "cpu_trigger": 0.70,
    "cpu_trigger_minutes": 5,
    "memory_trigger": 0.80,
    "memory_trigger_minutes": 5,
    "storage_trigger": 0.85,
    "db_connections_trigger": 0.75,
    "api_min_instances": 3,
    "api_scale_increment": 2,
    "db_pool_per_instance": 10,
    "api_vcpu": 2, "api_mem_gb": 8,
    "parser_vcpu": 4, "parser_mem_gb": 16,
    "renderer_vcpu": 2, "renderer_mem_gb": 8,
}


def find_seed() -> str | None:
    if not SEED_DIR.is_dir():
        return None
    for path in sorted(SEED_DIR.glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        if SEED_TITLE in text:
            return text
    return None


def _num(pattern: str, text: str, flags: int = 0) -> float:
    m = re.search(pattern, text, flags)
    if m is None:
        raise AssertionError(f"seed: pattern not found: {pattern}")
    return float(m.group(1).replace(",", ""))


def parse_seed(text: str) -> dict[str, float]:
    """The numbers the deployment must honour, read from the seed's tables and lists."""
    row = r"^\|\s*{}\s*\|"
    v: dict[str, float] = {}
    v["api_latency_p95_warning_s"] = _num(r"API latency > (\d+)ms \(P95\): Warning", text) / 1000
    v["api_latency_p95_critical_s"] = _num(r"API latency > (\d+)s \(P95\): Critical", text)
    v["error_rate_warning"] = _num(r"Error rate > (\d+)%: Warning", text) / 100
    v["error_rate_critical"] = _num(r"Error rate > (\d+)%: Critical", text) / 100
    for key, op in (("parse", "CV Parsing Operations"), ("render", "Template Rendering")):
        v[f"{key}_p95_s"] = _num(row.format(op) + r"\s*< (\d+)s\s*\|", text, re.M)
        v[f"{key}_p99_s"] = _num(row.format(op) + r"\s*< \d+s\s*\|\s*< (\d+)s", text, re.M)
    v["api_baseline_rps"] = _num(row.format("API Servers") + r"\s*([\d,]+) req/sec", text, re.M)
    v["api_trigger_fraction"] = _num(row.format("API Servers") + r".*\|\s*(\d+)% of baseline", text, re.M) / 100
    v["db_baseline_tps"] = _num(row.format("Database") + r"\s*([\d,]+) transactions/sec", text, re.M)
    v["db_trigger_fraction"] = _num(row.format("Database") + r".*\|\s*(\d+)% of baseline", text, re.M) / 100
    v["storage_ops_trigger"] = _num(row.format("File Storage") + r".*\|\s*(\d+) operations/sec\s*\|\s*$", text, re.M)
    v["parse_queue_trigger"] = _num(row.format("CV Parser") + r".*\|\s*(\d+) in queue", text, re.M)
    v["render_queue_trigger"] = _num(row.format("Template Rendering") + r".*\|\s*(\d+) in queue", text, re.M)
    v["cpu_trigger"] = _num(row.format("CPU") + r".*\|\s*> (\d+)% for \d+ minutes", text, re.M) / 100
    v["cpu_trigger_minutes"] = _num(row.format("CPU") + r".*\|\s*> \d+% for (\d+) minutes", text, re.M)
    v["memory_trigger"] = _num(row.format("Memory") + r".*\|\s*> (\d+)% for \d+ minutes", text, re.M) / 100
    v["memory_trigger_minutes"] = _num(row.format("Memory") + r".*\|\s*> \d+% for (\d+) minutes", text, re.M)
    v["storage_trigger"] = _num(row.format("Storage") + r".*\|\s*> (\d+)%\s*\|\s*$", text, re.M) / 100
    v["db_connections_trigger"] = _num(row.format("Database Connections") + r".*\|\s*> (\d+)%", text, re.M) / 100
    v["api_min_instances"] = _num(r"Minimum (\d+) instances for high availability", text)
    v["api_scale_increment"] = _num(r"Scale in increments of (\d+) instances", text)
    v["db_pool_per_instance"] = _num(r"start with (\d+) per instance", text)
    for role, heading in (("api", "API Server Instances"), ("parser", "CV Parser Instances"),
                          ("renderer", "Rendering Instances")):
        block = re.search(re.escape(heading) + r"\*\*\s*\n\s*- Base: (\d+) vCPU, (\d+)GB RAM", text)
        if block is None:
            raise AssertionError(f"seed: no base size for {heading}")
        v[f"{role}_vcpu"] = float(block.group(1))
        v[f"{role}_mem_gb"] = float(block.group(2))
    return v


@pytest.fixture(scope="session")
def seed() -> dict[str, float]:
    text = find_seed()
    return parse_seed(text) if text is not None else dict(SEED_CONSTANTS)


class StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys (a missing newline before ``---`` once merged two
    documents silently: the later one's keys won)."""


def _no_duplicates(loader: StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)  # type: ignore[no-untyped-call]
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep)


StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicates)


def load_docs(path: Path) -> list[dict[str, Any]]:
    return [d for d in yaml.load_all(path.read_text(encoding="utf-8"), Loader=StrictLoader) if d]


def manifest_files() -> list[Path]:
    return sorted(p for p in K8S.glob("*.yaml") if p.name != "kustomization.yaml")


@pytest.fixture(scope="session")
def docs() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for path in manifest_files():
        out.extend(load_docs(path))
    return out


@pytest.fixture(scope="session")
def kind(docs: list[dict[str, Any]]) -> Any:
    """``kind("Deployment")`` → {name: document}."""
    def pick(k: str) -> dict[str, dict[str, Any]]:
        return {d["metadata"]["name"]: d for d in docs if d["kind"] == k}
    return pick


@pytest.fixture(scope="session")
def seed_text() -> str:
    text = find_seed()
    if text is None:
        pytest.skip("../shared/seed is not beside the repository")
    return text

"""The deploy bundle works the first time it is applied as deploy/README.md says: the documented
steps create what each step needs before it runs, `apply -k` never replaces the operator's Secret
with the template's placeholders, every role names the shared backends (no node builds an index or
a file store of its own), and the image installs the pinned versions the tests ran with."""
from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from htdy.core.host.config import load_settings

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"
K8S = DEPLOY / "k8s"
ROLES = ("api", "parser", "renderer")


def _docs(path: Path) -> list[dict[str, Any]]:
    return [d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d]


def _kubernetes_steps() -> list[list[str]]:
    """The `kubectl apply` commands of deploy/README.md's Kubernetes block, in order."""
    text = (DEPLOY / "README.md").read_text(encoding="utf-8")
    block = text[text.index("# Kubernetes"):]
    block = block[:block.index("```")]
    steps = []
    for line in block.splitlines():
        cmd = line.split("#", 1)[0].split("&&", 1)[0].strip()
        if cmd.startswith("kubectl apply"):
            steps.append(shlex.split(cmd))
    return steps


def _applied(step: list[str]) -> list[dict[str, Any]]:
    """The documents one `kubectl apply -f FILE` / `-k DIR` step creates (the operator's own
    Secret file stands for a filled-in copy of secret.template.yaml)."""
    if "-k" in step:
        kust = yaml.safe_load((REPO / step[step.index("-k") + 1] / "kustomization.yaml").read_text())
        return [d for name in kust["resources"] for d in _docs(K8S / name)]
    target = step[step.index("-f") + 1]
    path = REPO / target
    return _docs(path if path.exists() else K8S / "secret.template.yaml")


def _needs(doc: dict[str, Any]) -> set[tuple[str, str]]:
    """(kind, name) of the namespace, ConfigMaps and Secrets a workload's pods mount or read."""
    out = {("Namespace", doc["metadata"].get("namespace", "default"))}
    spec = doc.get("spec", {})
    pod = (spec.get("jobTemplate", {}).get("spec", spec)).get("template", {}).get("spec", {})
    for vol in pod.get("volumes", []):
        if "configMap" in vol:
            out.add(("ConfigMap", vol["configMap"]["name"]))
        if "secret" in vol:
            out.add(("Secret", vol["secret"]["secretName"]))
    for c in pod.get("containers", []) + pod.get("initContainers", []):
        for src in c.get("envFrom", []):
            if "secretRef" in src:
                out.add(("Secret", src["secretRef"]["name"]))
            if "configMapRef" in src:
                out.add(("ConfigMap", src["configMapRef"]["name"]))
    return out


def test_readme_steps_create_what_each_step_needs_first() -> None:
    steps = _kubernetes_steps()
    assert len(steps) >= 4 and any("-k" in s for s in steps), steps
    created: set[tuple[str, str]] = set()
    ran_migrate = False
    for step in steps:
        docs = _applied(step)
        for doc in docs:
            if doc["kind"] in ("Job", "Deployment", "CronJob"):
                missing = _needs(doc) - created - {(d["kind"], d["metadata"]["name"]) for d in docs
                                                   if d["kind"] in ("Namespace", "ConfigMap", "Secret")}
                assert not missing, f"{' '.join(step)}: {doc['kind']} {doc['metadata']['name']} needs {missing}"
            if doc["kind"] == "Deployment":
                assert ran_migrate, "workloads are applied before the migrate Job ran"
            ran_migrate = ran_migrate or doc["kind"] == "Job" and doc["metadata"]["name"] == "htdy-migrate"
        created |= {(d["kind"], d["metadata"]["name"]) for d in docs}
    assert ran_migrate


def test_kustomization_never_applies_the_secret_template() -> None:
    kust = yaml.safe_load((K8S / "kustomization.yaml").read_text(encoding="utf-8"))
    assert "secret.template.yaml" not in kust["resources"]
    kinds = {d["kind"] for name in kust["resources"] for d in _docs(K8S / name)}
    assert "Secret" not in kinds and "Job" not in kinds
    # and the template's values are placeholders every node refuses (test_topology checks the refusal)
    template = _docs(K8S / "secret.template.yaml")[0]["stringData"]
    assert "CHANGE-ME" in template["HTDY_SECRET_KEY"]


def test_migrate_job_reads_the_api_config_and_secret() -> None:
    (job,) = _docs(K8S / "migrate-job.yaml")
    assert _needs(job) == {("Namespace", "htdy"), ("ConfigMap", "htdy-api-config"), ("Secret", "htdy-secrets")}


@pytest.mark.parametrize("role", ROLES)
def test_every_role_names_the_shared_backends(role: str) -> None:
    """A node that leaves [search], [storage] or [queue] at the one-process defaults builds an
    index, a file store or a queue of its own that no other node sees."""
    env = {"HTDY_SECRET_KEY": "3f9c1e7a0b5d42c8a6e1f0d9b7c35a2e4d8f6b1c", "HTDY_PUBLIC_URL": "https://htdy.example.com",
           "HTDY_DATABASE_URL": "postgres://h@db/h", "HTDY_DATABASE_REPLICA_URL": "postgres://h@ro/h",
           "HTDY_REDIS_URL": "redis://r:6379/0", "HTDY_S3_ENDPOINT": "https://s3.example.com",
           "HTDY_S3_ACCESS_KEY_ID": "a", "HTDY_S3_SECRET_ACCESS_KEY": "b",
           "HTDY_OPENSEARCH_URL": "https://os:9200", "HTDY_OPS_TOKEN": "t0k"}
    settings = load_settings(DEPLOY / "config" / f"{role}.toml", environ=env)
    raw = tomllib.loads((DEPLOY / "config" / f"{role}.toml").read_text(encoding="utf-8"))
    for section in ("storage", "search", "queue"):
        assert "backend" in raw.get(section, {}), f"{role}.toml: [{section}] backend is not named"
    assert (settings.storage.backend, settings.search.backend, settings.queue.backend) == ("s3", "opensearch", "redis")
    assert settings.database.url.startswith("postgres")
    assert settings.plugin_options("storage_backends", "s3")["create_bucket"] is True


def test_containerfile_installs_with_the_constraints() -> None:
    text = (DEPLOY / "Containerfile").read_text(encoding="utf-8")
    pip = [ln for ln in re.sub(r"\\\n", " ", text).splitlines() if re.search(r"pip (install|wheel)", ln)]
    assert pip, "the Containerfile runs no pip"
    for line in pip:
        assert re.search(r"(-c|--constraint)[ =]\S*constraints\.txt", line), f"unpinned: {line.strip()}"
    ignored = (DEPLOY / "Containerfile.dockerignore").read_text(encoding="utf-8").split()
    assert "constraints.txt" not in ignored
    # every distribution the image installs is pinned there
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = list(project["dependencies"]) + [d for extra in ("fast", "s3")
                                              for d in project["optional-dependencies"][extra]]
    pinned = {re.split(r"==", ln)[0].strip().lower().replace("_", "-").replace(".", "-")
              for ln in (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines()
              if "==" in ln and not ln.startswith("#")}
    names = {re.split(r"[<>=!~\[; ]", d, maxsplit=1)[0].lower().replace("_", "-").replace(".", "-") for d in wanted}
    assert not names - pinned, f"not pinned in constraints.txt: {sorted(names - pinned)}"


def _env_refs(value: Any) -> set[str]:
    if isinstance(value, dict):
        if set(value) == {"$env"}:
            return {value["$env"]}
        return set().union(set(), *(_env_refs(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(set(), *(_env_refs(v) for v in value))
    return set()


@pytest.mark.parametrize("role", ROLES)
def test_every_role_gets_the_environment_its_config_reads(role: str) -> None:
    """Compose and Kubernetes give each role every variable its config names (the renderer's
    new [search] section reads HTDY_OPENSEARCH_URL: both must provide it)."""
    refs = _env_refs(tomllib.loads((DEPLOY / "config" / f"{role}.toml").read_text(encoding="utf-8")))
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))["services"][role]
    assert refs - set(compose["environment"]) <= {"HTDY_SECRET_KEY"}  # from env_file (.env)
    (deployment,) = [d for d in _docs(K8S / f"{role}.yaml") if d["kind"] == "Deployment"]
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    secret = _docs(K8S / "secret.template.yaml")[0]["stringData"]
    given = {e["name"] for e in container.get("env", [])} | (
        set(secret) if {"secretRef": {"name": "htdy-secrets"}} in container["envFrom"] else set())
    assert refs <= given, f"{role}: not in the pod's environment: {sorted(refs - given)}"

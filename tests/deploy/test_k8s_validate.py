"""Every Kubernetes manifest validates offline against the API schemas (kubernetes-validate,
strict: unknown fields are errors), for the oldest version we support and the newest bundled.
Custom resources (KEDA, Prometheus Operator) have no bundled schema: test_crds.py checks them."""
from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

K8S = Path(__file__).resolve().parents[2] / "deploy" / "k8s"
FILES = sorted(p for p in K8S.glob("*.yaml") if p.name != "kustomization.yaml")
CUSTOM_GROUPS = ("keda.sh/", "monitoring.coreos.com/")
OLDEST = "1.31.0"   # preStop `sleep` actions and the policy/v1 PDB need at least this


def _docs(path: Path) -> list[dict[str, Any]]:
    # Duplicate keys are an error (conftest.StrictLoader is not importable from here).
    class Strict(yaml.SafeLoader):
        pass

    def mapping(loader: Strict, node: yaml.MappingNode) -> dict[Any, Any]:
        keys = [loader.construct_object(k) for k, _ in node.value]  # type: ignore[no-untyped-call]
        dupes = {k for k in keys if keys.count(k) > 1}
        assert not dupes, f"{path.name}: duplicate keys {dupes} near {node.start_mark}"
        return loader.construct_mapping(node)

    Strict.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    return [d for d in yaml.load_all(path.read_text(encoding="utf-8"), Loader=Strict) if d]


def _versions() -> list[str]:
    have = kubernetes_validate.utils.all_versions()
    latest = kubernetes_validate.utils.latest_version()
    return [v for v in (OLDEST, latest) if kubernetes_validate.utils.major_minor(v) in
            {kubernetes_validate.utils.major_minor(h) for h in have}] or [latest]


def test_there_are_manifests() -> None:
    names = {p.name for p in FILES}
    assert {"namespace.yaml", "configmaps.yaml", "secret.template.yaml", "api.yaml", "parser.yaml",
            "renderer.yaml", "ingress.yaml", "migrate-job.yaml", "prometheusrule.yaml"} <= names


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
@pytest.mark.parametrize("version", _versions())
def test_manifest_validates_strictly(path: Path, version: str) -> None:
    docs = _docs(path)
    assert docs, f"{path.name} holds no documents"
    for doc in docs:
        if doc["apiVersion"].startswith(CUSTOM_GROUPS):
            continue
        try:
            kubernetes_validate.validate(doc, version, strict=True)
        except kubernetes_validate.ValidationError as exc:
            pytest.fail(f"{path.name}: {doc['kind']}/{doc['metadata']['name']} (k8s {version}): "
                        f"{'.'.join(str(p) for p in exc.path)}: {exc.message}")


def test_the_cli_agrees() -> None:
    """The same check as a person runs it: `kubernetes-validate --strict deploy/k8s/*.yaml`."""
    proc = subprocess.run([sys.executable, "-m", "kubernetes_validate", "--strict", "--quiet",
                           *map(str, FILES)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # Only the custom resources may draw a warning (no bundled schema).
    for line in (proc.stdout + proc.stderr).splitlines():
        if line.startswith("WARN"):
            assert "keda.sh" in line or "monitoring.coreos.com" in line, line


def test_strict_mode_really_rejects_unknown_fields() -> None:
    """Guards the guard: a typo'd field in a Deployment must fail."""
    dep = next(d for d in _docs(K8S / "api.yaml") if d["kind"] == "Deployment")
    broken = copy.deepcopy(dep)
    broken["spec"]["template"]["spec"]["containers"][0]["readinessProbes"] = {}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, kubernetes_validate.utils.latest_version(), strict=True)


def test_each_role_file_holds_its_workload() -> None:
    kinds = {p.stem: sorted(d["kind"] for d in _docs(K8S / p.name)) for p in FILES}
    assert kinds["api"] == ["Deployment", "HorizontalPodAutoscaler", "PodDisruptionBudget", "Service"]
    assert kinds["parser"] == ["Deployment", "PodDisruptionBudget", "ScaledObject", "Service"]
    assert kinds["renderer"] == ["Deployment", "PodDisruptionBudget", "ScaledObject", "Service"]


def test_kustomization_lists_every_manifest_but_the_job_and_the_secret_template() -> None:
    kust = yaml.safe_load((K8S / "kustomization.yaml").read_text(encoding="utf-8"))
    listed = set(kust["resources"])
    assert listed == {p.name for p in FILES} - {"migrate-job.yaml", "secret.template.yaml"}

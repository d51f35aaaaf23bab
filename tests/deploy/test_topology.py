"""The split topology hangs together: role configs load with the real settings loader, the
ConfigMaps carry exactly those files, Deployments honour the seed's sizes and probes, the API
autoscaler follows seed §2.1.1, and compose / Containerfile describe the same topology."""
from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from htdy.core.host.config import load_settings

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"
ROLES = ("api", "parser", "renderer")
GIB = 1024 ** 3


def _env_names(value: Any) -> set[str]:
    if isinstance(value, dict):
        if set(value) == {"$env"}:
            return {value["$env"]}
        return set().union(*(_env_names(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(_env_names(v) for v in value)) if value else set()
    return set()


def _config_env(role: str) -> set[str]:
    return _env_names(tomllib.loads((DEPLOY / "config" / f"{role}.toml").read_text(encoding="utf-8")))


@pytest.fixture
def secret_env(kind: Any) -> dict[str, str]:
    """The environment a pod gets: the Secret template plus the Deployment's literal env."""
    env = dict(kind("Secret")["htdy-secrets"]["stringData"])
    env["HTDY_PUBLIC_URL"] = "https://htdy.example.com"
    env["HTDY_SECRET_KEY"] = "k" * 20 + "0123456789abcdefghij"  # the operator's own, not the template's
    return env


@pytest.mark.parametrize("role", ROLES)
def test_role_config_refuses_the_templates_placeholder_secret(role: str, kind: Any) -> None:
    """Deployed as shipped (the Secret template's CHANGE-ME value), every node refuses to start."""
    from htdy.core.host.errors import ConfigError
    env = dict(kind("Secret")["htdy-secrets"]["stringData"], HTDY_PUBLIC_URL="https://htdy.example.com")
    with pytest.raises(ConfigError, match=r"auth\.secret_key: is a placeholder"):
        load_settings(DEPLOY / "config" / f"{role}.toml", environ=env)


@pytest.mark.parametrize("role", ROLES)
def test_role_config_validates_with_load_settings(role: str, secret_env: dict[str, str]) -> None:
    settings = load_settings(DEPLOY / "config" / f"{role}.toml", environ=secret_env)
    assert settings.node.roles == [role]
    assert settings.server.host == "0.0.0.0" and settings.server.port == 8080
    assert settings.database.url.startswith("postgres://")
    assert settings.database.pool_max == 10            # seed §4.3
    assert settings.storage.backend == "s3"
    assert settings.cache.tiers == ["memory", "redis"]
    assert settings.queue.backend == "redis"
    assert settings.auth.secret_key == secret_env["HTDY_SECRET_KEY"]
    if role == "api":
        assert settings.search.backend == "opensearch"
        assert settings.database.read_replicas == [secret_env["HTDY_DATABASE_REPLICA_URL"]]
        assert settings.rendering.gateway == "http"
        assert settings.rendering.renderer_url == "http://htdy-renderer:8080"


@pytest.mark.parametrize("role", ROLES)
def test_role_config_names_a_missing_secret(role: str) -> None:
    from htdy.core.host.errors import ConfigError
    with pytest.raises(ConfigError, match="HTDY_"):
        load_settings(DEPLOY / "config" / f"{role}.toml", environ={})


def test_secret_template_covers_every_env_reference(kind: Any) -> None:
    keys = set(kind("Secret")["htdy-secrets"]["stringData"]) | {"HTDY_PUBLIC_URL"}
    for role in ROLES:
        missing = _config_env(role) - keys
        assert not missing, f"{role}.toml reads {missing}, which no Secret key provides"


def test_configmaps_carry_the_role_configs(kind: Any) -> None:
    maps = kind("ConfigMap")
    for role in ROLES:
        body = (DEPLOY / "config" / f"{role}.toml").read_text(encoding="utf-8")
        assert maps[f"htdy-{role}-config"]["data"]["htdy.toml"] == body, (
            "deploy/k8s/configmaps.yaml is stale: python deploy/render_configmaps.py")


def test_render_configmaps_script_is_idempotent() -> None:
    before = (DEPLOY / "k8s" / "configmaps.yaml").read_text(encoding="utf-8")
    code = ("import runpy,sys; g=runpy.run_path(sys.argv[1]); sys.stdout.write(g['render']())")
    out = subprocess.run([sys.executable, "-c", code, str(DEPLOY / "render_configmaps.py")],
                         capture_output=True, text=True, check=True, timeout=60).stdout
    assert out == before


def _quantity(q: str) -> float:
    units = {"Ki": 1024, "Mi": 1024 ** 2, "Gi": GIB, "m": 1e-3}
    for suffix, factor in units.items():
        if q.endswith(suffix):
            return float(q[: -len(suffix)]) * factor
    return float(q)


@pytest.mark.parametrize("role", ROLES)
def test_deployment_sizes_and_probes(role: str, kind: Any, seed: dict[str, float]) -> None:
    dep = kind("Deployment")[f"htdy-{role}"]
    pod = dep["spec"]["template"]["spec"]
    (c,) = pod["containers"]
    for bound in ("requests", "limits"):
        assert _quantity(c["resources"][bound]["cpu"]) == seed[f"{role}_vcpu"]
        assert _quantity(c["resources"][bound]["memory"]) == seed[f"{role}_mem_gb"] * GIB
    # readiness: what the role needs (optional dependencies only degrade it); liveness and start-up:
    # the process answers, whatever its dependencies do (an outage must not restart every pod)
    assert c["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert c["livenessProbe"]["httpGet"]["path"] == "/livez"
    assert c["startupProbe"]["httpGet"]["path"] == "/livez"
    assert c["args"] == (["worker"] if role == "parser" else ["serve"])
    assert {"name": "HTDY_CONFIG", "value": "/etc/htdy/htdy.toml"} in c["env"]
    assert {"secretRef": {"name": "htdy-secrets"}} in c["envFrom"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert c["securityContext"]["readOnlyRootFilesystem"] is True
    config_vol = next(v for v in pod["volumes"] if v["name"] == "config")
    assert config_vol["configMap"]["name"] == f"htdy-{role}-config"
    # The app must stop before the kubelet kills it.
    timeout = load_settings(DEPLOY / "config" / f"{role}.toml",
                            environ={**dict.fromkeys(_config_env(role), "postgres://x"),
                                     "HTDY_PUBLIC_URL": "https://cv.example.org",
                                     "HTDY_SECRET_KEY": "probe-test-secret-0123456789abcdef"}).server.shutdown_timeout_s
    pre_stop = c["lifecycle"]["preStop"]["sleep"]["seconds"]
    assert timeout + pre_stop < pod["terminationGracePeriodSeconds"]


@pytest.mark.parametrize("role", ROLES)
def test_services_and_pdbs_select_their_deployment(role: str, kind: Any) -> None:
    labels = kind("Deployment")[f"htdy-{role}"]["spec"]["template"]["metadata"]["labels"]
    svc = kind("Service")[f"htdy-{role}"]
    assert svc["spec"]["selector"].items() <= labels.items()
    assert svc["spec"]["ports"][0]["targetPort"] == "http"
    pdb = kind("PodDisruptionBudget")[f"htdy-{role}"]
    assert pdb["spec"]["selector"]["matchLabels"].items() <= labels.items()


def test_api_autoscaling_follows_the_seed(kind: Any, seed: dict[str, float]) -> None:
    hpa = kind("HorizontalPodAutoscaler")["htdy-api"]["spec"]
    assert hpa["scaleTargetRef"]["name"] == "htdy-api"
    assert hpa["minReplicas"] == seed["api_min_instances"] == 3
    cpu = next(m for m in hpa["metrics"] if m["type"] == "Resource")
    assert cpu["resource"]["target"]["averageUtilization"] == seed["cpu_trigger"] * 100 == 70
    up = hpa["behavior"]["scaleUp"]["policies"]
    assert up == [{"type": "Pods", "value": seed["api_scale_increment"], "periodSeconds": 60}]
    assert all(p["type"] == "Pods" and p["value"] == 2 for p in hpa["behavior"]["scaleDown"]["policies"])
    rps = next(m for m in hpa["metrics"] if m["type"] == "Pods")
    assert float(rps["pods"]["target"]["averageValue"]) == seed["api_baseline_rps"] * seed["api_trigger_fraction"]
    pdb = kind("PodDisruptionBudget")["htdy-api"]["spec"]
    assert pdb["minAvailable"] == seed["api_min_instances"] - 1
    assert kind("Deployment")["htdy-api"]["spec"]["replicas"] == seed["api_min_instances"]


def test_ingress_routes_to_the_api(kind: Any) -> None:
    (ing,) = kind("Ingress").values()
    backend = ing["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend == {"name": "htdy-api", "port": {"name": "http"}}


def test_migration_job_runs_htdy_migrate(kind: Any) -> None:
    job = kind("Job")["htdy-migrate"]["spec"]
    (c,) = job["template"]["spec"]["containers"]
    assert c["args"] == ["migrate"] and job["template"]["spec"]["restartPolicy"] == "Never"


# ------------------------------------------------------------------ compose, Containerfile
def test_compose_describes_the_split_topology() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert {"api", "parser", "renderer", "postgres", "redis", "minio", "opensearch", "migrate"} <= set(services)
    for name, svc in services.items():
        assert "image" in svc and "build" not in svc, f"{name}: images are named, not built"
    assert services["api"]["deploy"]["replicas"] >= 3
    for role in ROLES:
        svc = services[role]
        assert svc["command"] == (["worker"] if role == "parser" else ["serve"])
        assert f"./config/{role}.toml:/etc/htdy/htdy.toml:ro" in svc["volumes"]
        assert "/readyz" in " ".join(svc["healthcheck"]["test"])
    assert "htdy-renderer" in services["renderer"]["networks"]["default"]["aliases"]
    assert services["migrate"]["command"] == ["migrate"]
    # Every secret the api config reads is in the environment compose gives it.
    env = services["api"]["environment"]
    assert _config_env("api") - set(env) <= {"HTDY_SECRET_KEY"}   # from env_file (.env)
    assert "HTDY_SECRET_KEY" in (DEPLOY / ".env.example").read_text(encoding="utf-8")


def test_containerfile_runs_htdy_as_non_root_with_a_healthcheck() -> None:
    text = (DEPLOY / "Containerfile").read_text(encoding="utf-8")
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    user = [ln for ln in lines if ln.startswith("USER ")]
    assert user and user[-1].split()[1].split(":")[0] not in ("root", "0")
    assert any(ln.startswith("ENTRYPOINT") and '"htdy"' in ln for ln in lines)
    assert re.search(r"HEALTHCHECK .*\n?.*?/livez", text)
    assert re.search(r"pip install .*htdy", text)
    assert "EXPOSE 8080" in lines


def test_network_policies_isolate_each_role(kind: Any) -> None:
    policies = kind("NetworkPolicy")
    for role in ROLES:
        pol = policies[f"htdy-{role}"]["spec"]
        labels = kind("Deployment")[f"htdy-{role}"]["spec"]["template"]["metadata"]["labels"]
        assert pol["podSelector"]["matchLabels"].items() <= labels.items()
        assert pol["policyTypes"] == ["Ingress"]
    renderer_from = policies["htdy-renderer"]["spec"]["ingress"][0]["from"]
    assert {"podSelector": {"matchLabels": {"app.kubernetes.io/name": "htdy",
                                            "app.kubernetes.io/component": "api"}}} in renderer_from


# ------------------------------------------------------------------ scheduled backups
def test_backup_cronjob_runs_htdy_backup_with_retention(kind: Any, secret_env: dict[str, str]) -> None:
    cron = kind("CronJob")["htdy-backup"]["spec"]
    assert cron["concurrencyPolicy"] == "Forbid"  # two backups never overlap
    pod = cron["jobTemplate"]["spec"]["template"]["spec"]
    (c,) = pod["containers"]
    env = {e["name"]: e["value"] for e in c["env"]}
    args = [env.get(a[2:-1], a) if a.startswith("$(") else a for a in c["args"]]
    assert args[:2] == ["backup", "--to"] and args[2].startswith("s3://") and int(args[args.index("--keep") + 1]) >= 7
    assert pod["restartPolicy"] == "Never" and c["securityContext"]["readOnlyRootFilesystem"] is True
    assert {"name": "tmp", "mountPath": "/tmp"} in c["volumeMounts"] and env["TMPDIR"] == "/tmp"
    config_map = next(v for v in pod["volumes"] if v["name"] == "config")["configMap"]["name"]
    assert config_map == "htdy-api-config" and c["envFrom"] == [{"secretRef": {"name": "htdy-secrets"}}]
    policy = kind("NetworkPolicy")["htdy-backup"]["spec"]
    assert policy["podSelector"]["matchLabels"].items() <= cron["jobTemplate"]["spec"]["template"]["metadata"][
        "labels"].items() and "ingress" not in policy

    # the URL opens through the storage registry with the api config's S3 endpoint and keys
    from htdy.core.host.plugins import build_registries, get_plugin_manager
    from htdy.core.services.backup import open_target

    settings = load_settings(DEPLOY / "config" / "api.toml", environ={**secret_env, **env})
    target: Any = open_target(args[2], settings, build_registries(get_plugin_manager(), ["storage_backends"]))
    opts = target.backend.options
    assert (opts.bucket, opts.prefix) == ("htdy-backups", "nightly")
    assert opts.endpoint_url == secret_env["HTDY_S3_ENDPOINT"] and opts.access_key_id == secret_env[
        "HTDY_S3_ACCESS_KEY_ID"]


def test_image_ships_pg_dump_for_backups() -> None:
    assert "postgresql-client" in (DEPLOY / "Containerfile").read_text(encoding="utf-8")

"""Schema tests for the custom resources kubernetes-validate cannot check (KEDA ScaledObject and
TriggerAuthentication, Prometheus Operator PrometheusRule and ServiceMonitor), and their
thresholds against the seed's numbers (parsed from ../shared/seed when present)."""
from __future__ import annotations

import re
from typing import Any

import jsonschema
import kubernetes_validate
import pytest

STR_MAP = {"type": "object", "additionalProperties": {"type": "string"}}
META = {"type": "object", "required": ["name", "namespace"],
        "properties": {"name": {"type": "string", "pattern": r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"},
                       "namespace": {"type": "string"}, "labels": STR_MAP, "annotations": STR_MAP},
        "additionalProperties": False}
DURATION = {"type": "string", "pattern": r"^((\d+)(ms|s|m|h|d|w|y))+$"}


def _resource(api_version: str, kind: str, spec: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "required": ["apiVersion", "kind", "metadata", "spec"],
            "additionalProperties": False,
            "properties": {"apiVersion": {"const": api_version}, "kind": {"const": kind},
                           "metadata": META, "spec": spec}}


# Subsets of the KEDA v2 CRDs (keda.sh/v1alpha1) — every field we use, nothing unknown allowed.
TRIGGER = {
    "type": "object", "required": ["type", "metadata"], "additionalProperties": False,
    "properties": {
        "type": {"type": "string", "enum": ["redis-streams", "redis", "prometheus", "cpu", "memory"]},
        "name": {"type": "string"},
        "metadata": STR_MAP,   # KEDA metadata values must be strings
        "metricType": {"enum": ["AverageValue", "Value", "Utilization"]},
        "useCachedMetrics": {"type": "boolean"},
        "authenticationRef": {"type": "object", "required": ["name"], "additionalProperties": False,
                              "properties": {"name": {"type": "string"},
                                             "kind": {"enum": ["TriggerAuthentication",
                                                               "ClusterTriggerAuthentication"]}}},
    },
}
SCALED_OBJECT = _resource("keda.sh/v1alpha1", "ScaledObject", {
    "type": "object", "required": ["scaleTargetRef", "triggers"], "additionalProperties": False,
    "properties": {
        "scaleTargetRef": {"type": "object", "required": ["name"], "additionalProperties": False,
                           "properties": {"apiVersion": {"type": "string"}, "kind": {"type": "string"},
                                          "name": {"type": "string"},
                                          "envSourceContainerName": {"type": "string"}}},
        "pollingInterval": {"type": "integer", "minimum": 1},
        "cooldownPeriod": {"type": "integer", "minimum": 0},
        "initialCooldownPeriod": {"type": "integer", "minimum": 0},
        "idleReplicaCount": {"type": "integer", "minimum": 0},
        "minReplicaCount": {"type": "integer", "minimum": 0},
        "maxReplicaCount": {"type": "integer", "minimum": 1},
        "fallback": {"type": "object", "required": ["failureThreshold", "replicas"]},
        "advanced": {"type": "object", "additionalProperties": False, "properties": {
            "restoreToOriginalReplicaCount": {"type": "boolean"},
            "horizontalPodAutoscalerConfig": {"type": "object", "additionalProperties": False,
                                              "properties": {"name": {"type": "string"},
                                                             "behavior": {"type": "object"}}}}},
        "triggers": {"type": "array", "minItems": 1, "items": TRIGGER},
    },
})
TRIGGER_AUTH = _resource("keda.sh/v1alpha1", "TriggerAuthentication", {
    "type": "object", "additionalProperties": False, "minProperties": 1,
    "properties": {"secretTargetRef": {"type": "array", "minItems": 1, "items": {
        "type": "object", "required": ["parameter", "name", "key"], "additionalProperties": False,
        "properties": {"parameter": {"type": "string"}, "name": {"type": "string"},
                       "key": {"type": "string"}}}}},
})
# Subsets of the Prometheus Operator CRDs (monitoring.coreos.com/v1).
RULE = {"type": "object", "required": ["expr"], "additionalProperties": False,
        "oneOf": [{"required": ["alert"]}, {"required": ["record"]}],
        "properties": {"alert": {"type": "string", "pattern": r"^[A-Za-z][A-Za-z0-9]*$"},
                       "record": {"type": "string", "pattern": r"^[a-zA-Z_:][a-zA-Z0-9_:]*$"},
                       "expr": {"type": "string", "minLength": 1}, "for": DURATION,
                       "keep_firing_for": DURATION, "labels": STR_MAP, "annotations": STR_MAP}}
PROMETHEUS_RULE = _resource("monitoring.coreos.com/v1", "PrometheusRule", {
    "type": "object", "required": ["groups"], "additionalProperties": False,
    "properties": {"groups": {"type": "array", "minItems": 1, "items": {
        "type": "object", "required": ["name", "rules"], "additionalProperties": False,
        "properties": {"name": {"type": "string"}, "interval": DURATION,
                       "rules": {"type": "array", "minItems": 1, "items": RULE}}}}},
})
SERVICE_MONITOR = _resource("monitoring.coreos.com/v1", "ServiceMonitor", {
    "type": "object", "required": ["selector", "endpoints"], "additionalProperties": False,
    "properties": {"selector": {"type": "object", "properties": {"matchLabels": STR_MAP}},
                   "endpoints": {"type": "array", "minItems": 1, "items": {
                       "type": "object", "required": ["port"], "additionalProperties": False,
                       "properties": {"port": {"type": "string"}, "path": {"type": "string"},
                                      "interval": DURATION,
                                      # the operator's SafeAuthorization: a Secret's key as the credentials
                                      "authorization": {
                                          "type": "object", "additionalProperties": False,
                                          "properties": {"type": {"type": "string"}, "credentials": {
                                              "type": "object", "required": ["key"],
                                              "additionalProperties": False,
                                              "properties": {"name": {"type": "string"}, "key": {"type": "string"},
                                                             "optional": {"type": "boolean"}}}}}}}}},
})
SCHEMAS = {"ScaledObject": SCALED_OBJECT, "TriggerAuthentication": TRIGGER_AUTH,
           "PrometheusRule": PROMETHEUS_RULE, "ServiceMonitor": SERVICE_MONITOR}


def test_every_custom_resource_matches_its_schema(docs: list[dict[str, Any]]) -> None:
    seen = set()
    for doc in docs:
        if doc["apiVersion"].startswith(("keda.sh/", "monitoring.coreos.com/")):
            assert doc["kind"] in SCHEMAS, f"no schema test for {doc['kind']}"
            jsonschema.validate(doc, SCHEMAS[doc["kind"]])
            seen.add(doc["kind"])
    assert seen >= {"ScaledObject", "PrometheusRule", "ServiceMonitor"}


@pytest.mark.parametrize("bad", [
    lambda so: so["spec"]["triggers"][0]["metadata"].update(threshold=5),       # not a string
    lambda so: so["spec"].update(minReplica=2),                                 # typo
    lambda so: so["spec"].pop("triggers"),
])
def test_scaledobject_schema_rejects(kind: Any, bad: Any) -> None:
    import copy
    so = copy.deepcopy(kind("ScaledObject")["htdy-parser"])
    bad(so)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(so, SCALED_OBJECT)


def _check_trigger(t: dict[str, Any]) -> None:
    md = t["metadata"]
    if t["type"] == "redis-streams":
        assert "stream" in md and ({"address", "host", "addressFromEnv", "hostFromEnv"} & set(md))
        counts = {"pendingEntriesCount", "streamLength", "lagCount"} & set(md)
        assert len(counts) == 1, md
        if counts & {"pendingEntriesCount", "lagCount"}:
            assert "consumerGroup" in md
    elif t["type"] == "prometheus":
        assert {"serverAddress", "query", "threshold"} <= set(md)
    elif t["type"] in ("cpu", "memory"):
        assert t.get("metricType") in ("Utilization", "AverageValue") and "value" in md
        assert "type" not in md, "metadata.type is deprecated: use metricType"
    for key in ("lagCount", "pendingEntriesCount", "streamLength", "threshold", "value",
                "activationThreshold", "activationLagCount"):
        if key in md:
            float(md[key])


def test_keda_triggers_are_well_formed_and_scale_targets_exist(kind: Any) -> None:
    deployments = kind("Deployment")
    auths = kind("TriggerAuthentication")
    secret = kind("Secret")["htdy-secrets"]
    targets = [so["spec"]["scaleTargetRef"]["name"] for so in kind("ScaledObject").values()]
    assert sorted(targets) == ["htdy-parser", "htdy-renderer"]
    for name, so in kind("ScaledObject").items():
        spec = so["spec"]
        assert spec["scaleTargetRef"]["name"] in deployments
        assert spec["minReplicaCount"] >= 2, f"{name}: one pod is not highly available"
        assert spec["minReplicaCount"] <= spec["maxReplicaCount"]
        for t in spec["triggers"]:
            _check_trigger(t)
            if "authenticationRef" in t:
                auth = auths[t["authenticationRef"]["name"]]
                for ref in auth["spec"]["secretTargetRef"]:
                    assert ref["name"] == "htdy-secrets" and ref["key"] in secret["stringData"]
        # The HPA behaviour KEDA passes through must be a valid autoscaling/v2 behaviour.
        behavior = spec["advanced"]["horizontalPodAutoscalerConfig"]["behavior"]
        hpa = {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
               "metadata": {"name": name, "namespace": "htdy"},
               "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": name},
                        "minReplicas": spec["minReplicaCount"], "maxReplicas": spec["maxReplicaCount"],
                        "behavior": behavior}}
        kubernetes_validate.validate(hpa, kubernetes_validate.utils.latest_version(), strict=True)


def _triggers(so: dict[str, Any], type_: str) -> list[dict[str, Any]]:
    return [t for t in so["spec"]["triggers"] if t["type"] == type_]


def test_parser_scales_on_the_jobs_queued_in_the_database(kind: Any, seed: dict[str, float]) -> None:
    so = kind("ScaledObject")["htdy-parser"]
    (prom,) = _triggers(so, "prometheus")
    # htdy_queue_depth{kind="parse"} counts the job rows queued in the database (right after a Redis
    # restart too); htdy_queue_backend_depth, the queue backend's own count, is for diagnosis only.
    assert 'htdy_queue_depth{namespace="htdy", kind="parse"}' in prom["metadata"]["query"]
    assert "htdy_queue_backend_depth" not in prom["metadata"]["query"]
    assert float(prom["metadata"]["threshold"]) == seed["parse_queue_trigger"] == 5
    (cpu,) = _triggers(so, "cpu")
    assert float(cpu["metadata"]["value"]) / 100 == seed["cpu_trigger"]


def test_renderer_scales_on_render_queue_or_cpu(kind: Any, seed: dict[str, float]) -> None:
    so = kind("ScaledObject")["htdy-renderer"]
    (prom,) = _triggers(so, "prometheus")
    assert 'htdy_queue_depth' in prom["metadata"]["query"] and 'kind="render"' in prom["metadata"]["query"]
    assert float(prom["metadata"]["threshold"]) == seed["render_queue_trigger"] == 10
    (cpu,) = _triggers(so, "cpu")
    assert float(cpu["metadata"]["value"]) / 100 == seed["cpu_trigger"] == 0.7


# ------------------------------------------------------------------ PrometheusRule
def _rules(kind: Any) -> dict[str, dict[str, Any]]:
    pr = kind("PrometheusRule")["htdy"]
    out = {}
    for group in pr["spec"]["groups"]:
        for rule in group["rules"]:
            out[rule.get("alert") or rule["record"]] = rule
    return out


def _threshold(expr: str) -> float:
    m = re.search(r"(?:>|<)\s*([0-9.]+)\s*$", expr)
    assert m, f"no trailing comparison in {expr!r}"
    return float(m.group(1))


def _minutes(duration: str) -> float:
    m = re.fullmatch(r"(\d+)(s|m|h)", duration)
    assert m, duration
    return int(m.group(1)) * {"s": 1 / 60, "m": 1, "h": 60}[m.group(2)]


def test_alert_thresholds_equal_the_seed(kind: Any, seed: dict[str, float]) -> None:
    rules = _rules(kind)
    expected = {  # alert: (threshold, severity)
        "HtdyApiLatencyP95Warning": (seed["api_latency_p95_warning_s"], "warning"),
        "HtdyApiLatencyP95Critical": (seed["api_latency_p95_critical_s"], "critical"),
        "HtdyApiErrorRateWarning": (seed["error_rate_warning"], "warning"),
        "HtdyApiErrorRateCritical": (seed["error_rate_critical"], "critical"),
        "HtdyApiRequestRateAboveScalingTrigger":
            (seed["api_baseline_rps"] * seed["api_trigger_fraction"], "warning"),
        "HtdyApiBelowMinimumInstances": (seed["api_min_instances"], "critical"),
        "HtdyCpuHigh": (seed["cpu_trigger"], "warning"),
        "HtdyMemoryHigh": (seed["memory_trigger"], "warning"),
        "HtdyDatabaseConnectionsHigh": (seed["db_connections_trigger"], "warning"),
        "HtdyDatabasePoolSaturated": (seed["db_connections_trigger"], "warning"),
        "HtdyDatabaseTransactionsAboveScalingTrigger":
            (seed["db_baseline_tps"] * seed["db_trigger_fraction"], "warning"),
        "HtdyVolumeUsageHigh": (seed["storage_trigger"], "warning"),
        "HtdyStorageOperationsAboveScalingTrigger": (seed["storage_ops_trigger"], "warning"),
        "HtdyParseQueueBacklog": (seed["parse_queue_trigger"], "warning"),
        "HtdyRenderQueueBacklog": (seed["render_queue_trigger"], "warning"),
        "HtdyParseLatencyP95Warning": (seed["parse_p95_s"], "warning"),
        "HtdyParseLatencyP99Critical": (seed["parse_p99_s"], "critical"),
        "HtdyParseServiceFailuresWarning": (seed["error_rate_warning"], "warning"),
        "HtdyParseServiceFailuresCritical": (seed["error_rate_critical"], "critical"),
        "HtdyParseJobsPastLease": (0, "warning"),
        "HtdyParserBelowMinimumInstances": (2, "critical"),
        "HtdyRenderLatencyP95Warning": (seed["render_p95_s"], "warning"),
        "HtdyRenderLatencyP99Critical": (seed["render_p99_s"], "critical"),
        "HtdyRenderErrorRateWarning": (seed["error_rate_warning"], "warning"),
        "HtdyRenderErrorRateCritical": (seed["error_rate_critical"], "critical"),
        "HtdyRendererBelowMinimumInstances": (2, "critical"),
    }
    missing = set(expected) - set(rules)
    assert not missing, f"alerts missing: {sorted(missing)}"
    for name, (threshold, severity) in expected.items():
        rule = rules[name]
        assert _threshold(rule["expr"]) == pytest.approx(threshold), name
        assert rule["labels"]["severity"] == severity, name
        assert "for" in rule and rule["annotations"].get("summary"), name
    assert _minutes(rules["HtdyCpuHigh"]["for"]) == seed["cpu_trigger_minutes"]
    assert _minutes(rules["HtdyMemoryHigh"]["for"]) == seed["memory_trigger_minutes"]
    # The numbers the brief spells out, in case the seed parse and the rule drift together.
    assert (_threshold(rules["HtdyApiLatencyP95Warning"]["expr"]),
            _threshold(rules["HtdyApiLatencyP95Critical"]["expr"]),
            _threshold(rules["HtdyApiErrorRateWarning"]["expr"]),
            _threshold(rules["HtdyApiErrorRateCritical"]["expr"])) == (0.5, 1, 0.01, 0.05)


def test_alerts_use_the_documented_metric_names(kind: Any) -> None:
    rules = _rules(kind)
    p95 = rules["htdy:http_request_duration_seconds:p95_5m"]["expr"]
    assert "histogram_quantile(0.95" in p95 and "htdy_http_request_duration_seconds_bucket" in p95
    assert "sum by (le)" in p95
    errors = rules["htdy:http_error_ratio:5m"]["expr"]
    assert 'htdy_http_requests_total{namespace="htdy", job="htdy-api", status=~"5.."}' in errors
    for name in ("HtdyApiLatencyP95Warning", "HtdyApiLatencyP95Critical"):
        assert rules[name]["expr"].startswith("htdy:http_request_duration_seconds:p95_5m")
    for name in ("HtdyApiErrorRateWarning", "HtdyApiErrorRateCritical"):
        assert rules[name]["expr"].startswith("htdy:http_error_ratio:5m")
    assert 'htdy_queue_depth{namespace="htdy", kind="parse"}' in rules["HtdyParseQueueBacklog"]["expr"]
    assert 'htdy_queue_depth{namespace="htdy", kind="render"}' in rules["HtdyRenderQueueBacklog"]["expr"]


def test_every_role_has_its_slo_alerts(kind: Any) -> None:
    """Each role's alerts carry its ``role`` label and read that role's own series: the API's
    HTTP SLO only API pods (the renderer's /internal/render calls are not API traffic), the
    renderer's only its render endpoint, the parser's its parse histogram and job outcomes."""
    pr = kind("PrometheusRule")["htdy"]
    groups = {g["name"]: g["rules"] for g in pr["spec"]["groups"]}
    rules = _rules(kind)
    for role in ("api", "parser", "renderer"):
        alerts = [r for r in groups[f"htdy.{role}"] if "alert" in r]
        assert {r["labels"]["severity"] for r in alerts} == {"warning", "critical"}, role
        assert all(r["labels"].get("role") == role for r in alerts), role
    for record in ("htdy:http_request_duration_seconds:p95_5m", "htdy:http_error_ratio:5m"):
        assert rules[record]["expr"].count('job="htdy-api"') == rules[record]["expr"].count("htdy_http_"), record
    for record in ("htdy:render_duration_seconds:p95_5m", "htdy:render_duration_seconds:p99_5m",
                   "htdy:render_error_ratio:5m"):
        expr = rules[record]["expr"]
        assert expr.count('job="htdy-renderer", route="/internal/render"') == expr.count("htdy_http_"), record
    assert "histogram_quantile(0.95" in rules["htdy:parse_duration_seconds:p95_5m"]["expr"]
    assert "histogram_quantile(0.99" in rules["htdy:render_duration_seconds:p99_5m"]["expr"]
    ratio = rules["htdy:parse_service_failure_ratio:15m"]["expr"]
    assert 'retry="false"' in ratio and "htdy_job_outcomes_total" in ratio


def test_readme_documents_the_metric_names(kind: Any) -> None:
    from pathlib import Path
    readme = (Path(__file__).resolve().parents[2] / "deploy" / "README.md").read_text(encoding="utf-8")
    exprs = " ".join(r["expr"] for r in _rules(kind).values())
    for metric in sorted(set(re.findall(r"\bhtdy_[a-z_]+", exprs))):
        base = re.sub(r"_(bucket|sum|count)$", "", metric)
        assert base in readme, f"deploy/README.md does not name {base}"

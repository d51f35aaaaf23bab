"""Typed settings read from ``htdy.toml`` (tomllib), overridable by environment variables.

* ``HTDY_<SECTION>__<KEY>=value`` overrides ``[section] key`` (values are parsed as TOML
  when they look like TOML — ``HTDY_NODE__ROLES='["api"]'`` — else taken as strings).
* ``{"$env" = "NAME"}`` anywhere reads a secret from the environment; ``{"$file" = "path"}``
  reads it from a file.
* Unknown keys and wrong types fail at start-up naming the file, the key and what was expected.
* Plugin options are tables keyed by slot and name, ``[plugins.<slot>.<name>]``; the old
  ``[plugins.<name>]`` form fails with the table to write instead (``htdy.core.host.plugin_tables``).
"""
from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from htdy.core.host.errors import ConfigError

Role = Literal["api", "parser", "renderer"]
ENV_PREFIX = "HTDY_"


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_default=True)


class ServerSettings(Section):
    host: str = "127.0.0.1"
    port: int = Field(8080, ge=0, le=65535)
    public_url: str = ""
    max_upload_mb: float = Field(10, gt=0)
    shutdown_timeout_s: float = Field(30, ge=0)
    # worker processes of `htdy serve` on one listening socket; unset: one per core
    workers: int | None = Field(None, ge=1, le=256)
    # "auto": Secure cookies when the visitor uses HTTPS (TLS, X-Forwarded-Proto: https from a
    # trusted proxy, or an https public_url); true/false force it
    cookie_secure: bool | Literal["auto"] = "auto"
    # Strict-Transport-Security on HTTPS responses (0: none)
    hsts_max_age_s: int = Field(31536000, ge=0)
    # Host names this server answers to ("cv.example.org", ".example.org" for every subdomain);
    # empty: any. Other Host headers get 400 invalid_host.
    allowed_hosts: list[str] = []
    # "production" refuses to start without public_url or allowed_hosts (links are built from Host)
    mode: Literal["development", "production"] = "development"
    # when set, /metrics and /-/plugins.json answer only "Authorization: Bearer <ops_token>"
    ops_token: str = ""
    # proxies (addresses or CIDR networks) whose X-Forwarded-For / X-Forwarded-Proto are believed
    trusted_proxies: list[str] = []

    @field_validator("trusted_proxies")
    @classmethod
    def _networks(cls, v: list[str]) -> list[str]:
        import ipaddress

        for net in v:
            try:
                ipaddress.ip_network(net, strict=False)
            except ValueError:
                raise ValueError(f"{net!r} is not an IP address or network (e.g. '10.0.0.0/8')") from None
        return v

    @field_validator("allowed_hosts")
    @classmethod
    def _hosts(cls, v: list[str]) -> list[str]:
        for host in v:
            if not re.fullmatch(r"\.?[A-Za-z0-9.-]+(:\d+)?|\[[0-9A-Fa-f:.]+\](:\d+)?", host):
                raise ValueError(f"{host!r} is not a host name (e.g. 'cv.example.org' or '.example.org')")
        return [h.lower() for h in v]


class NodeSettings(Section):
    roles: list[Role] = ["api", "parser", "renderer"]
    # start the parser and renderer process pools at start-up (not on first use)
    warm_pools: bool = True

    @field_validator("roles")
    @classmethod
    def _non_empty(cls, v: list[str]) -> list[str]:
        if not v:
            raise ValueError("at least one role is required")
        return list(dict.fromkeys(v))


class DatabaseSettings(Section):
    url: str = "sqlite://var/htdy.sqlite3"
    read_replicas: list[str] = []
    pool_min: int = Field(1, ge=1)
    pool_max: int = Field(10, ge=1)
    # apply pending migrations at start-up instead of refusing to start (tests, `serve --migrate`)
    auto_migrate: bool = False


class StorageSettings(Section):
    backend: str = "local"
    # per account: CV versions + the files they keep, in MiB (0: no quota); over it 413 quota_exceeded
    quota_mb: float = Field(200, ge=0)


class VersionSettings(Section):
    # versions kept per CV, newest first (0: all) and their age limit (0: none); never the current
    keep: int = Field(100, ge=0)
    max_age_days: float = Field(0, ge=0)


class CacheSettings(Section):
    tiers: list[str] = ["memory"]
    default_ttl_s: float = Field(300, gt=0)
    stale_ttl_s: float = Field(60, ge=0)
    # Circuit breaker in front of each remote tier (htdy.core.services.cache): per-call timeout,
    # consecutive failures that open it, and how long it then stays open.
    remote_timeout_s: float = Field(0.25, gt=0)
    breaker_threshold: int = Field(1, ge=1)
    breaker_cooldown_s: float = Field(5.0, gt=0)


class SearchSettings(Section):
    backend: str = "embedded"


class QueueSettings(Section):
    backend: str = "inprocess"
    poll_interval_s: float = Field(2.0, gt=0)
    max_attempts: int = Field(3, ge=1)
    # a running job's lease, renewed by heartbeat every third of it: a job of a dead worker
    # is taken up again within about lease_s + lease_s / 3
    lease_s: float = Field(10.0, ge=1)


class MailSettings(Section):
    # the mailer plugin: "console" writes messages to the log, "smtp" sends them ([plugins.mailers.smtp])
    backend: str = "console"
    from_address: str = "htdy <noreply@localhost>"

    @field_validator("from_address")
    @classmethod
    def _address(cls, v: str) -> str:
        from email.utils import parseaddr

        if "@" not in parseaddr(v)[1]:
            raise ValueError(f"{v!r} is not an e-mail address (e.g. 'htdy <noreply@cv.example.org>')")
        return v


class MatchingSettings(Section):
    # the matcher used when a request names none; "" = the first one registered (the built-in)
    default: str = ""
    # saved searches: how many one account may keep, and the fit (0-1) a newly published
    # profile needs to trigger an alert
    max_saved_searches: int = Field(20, ge=1, le=500)
    alert_min_fit: float = Field(0.6, ge=0, le=1)


class ParsingSettings(Section):
    parsers: dict[str, str] = {"pdf": "pdf", "docx": "docx", "text": "text"}
    workers: int = Field(2, ge=1)
    timeout_s: float = Field(30, gt=0)
    max_pages: int = Field(50, ge=1)


class RenderingSettings(Section):
    default_template: str = "classic"
    pdf_engine: str = "pdf"
    workers: int = Field(2, ge=1)
    timeout_s: float = Field(30, gt=0)
    max_pages: int = Field(20, ge=1)
    # the largest HTML (SVG, Markdown, text) render, in KiB; larger ones are 422 too_large
    max_html_kb: int = Field(2048, ge=1)
    gateway: Literal["inprocess", "http"] = "inprocess"
    renderer_url: str = ""


class AuthSettings(Section):
    secret_key: str = ""
    session_ttl_h: float = Field(24 * 14, gt=0)
    allow_signup: bool = True
    # how long a password-reset link stays valid (it works once)
    reset_ttl_min: float = Field(30, gt=0, le=24 * 60)
    # new accounts confirm their address by a mailed link before they can sign in
    verify_email: bool = False
    # argon2id cost (hashing runs in a thread, off the event loop); lower only for tests
    argon2_time_cost: int = Field(3, ge=1)
    argon2_memory_kib: int = Field(65536, ge=8)


class RateLimitSettings(Section):
    """Per client (a keyed hash of its IP address, never the address) and per account; the
    ``limits`` library's notation ("10/minute"); several limits on a line all apply."""

    enabled: bool = True
    # "memory" (this process) or a Redis URL ("redis://host:6379/1"): split nodes share counters
    storage: str = "memory"
    login: list[str] = ["20/minute", "200/hour"]          # per client, every attempt
    login_failures: list[str] = ["10/15 minutes", "50/day"]  # per account, failed attempts only
    signup: list[str] = ["10/hour"]                        # per client
    upload: list[str] = ["30/minute", "300/day"]           # per user
    render: list[str] = ["120/minute"]                     # per user, or client when anonymous
    search: list[str] = ["120/minute"]                     # per user, or client when anonymous
    # after this many failed logins of one account, each further attempt waits a little longer
    login_delay_after: int = Field(3, ge=0)
    login_delay_max_s: float = Field(4.0, ge=0)

    @field_validator("login", "login_failures", "signup", "upload", "render", "search")
    @classmethod
    def _parse(cls, v: list[str]) -> list[str]:
        from limits import parse_many

        for text in v:
            try:
                parse_many(text)
            except ValueError:
                raise ValueError(f"{text!r} is not a rate limit such as '10/minute' or '100 per hour'") from None
        return v

    @field_validator("storage")
    @classmethod
    def _storage(cls, v: str) -> str:
        if v != "memory" and not v.startswith(("redis://", "rediss://")):
            raise ValueError("use 'memory' or a redis:// URL")
        return v


class LoggingSettings(Section):
    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    format: Literal["json", "console"] = "json"


class Settings(Section):
    server: ServerSettings = ServerSettings()
    node: NodeSettings = NodeSettings()
    database: DatabaseSettings = DatabaseSettings()
    storage: StorageSettings = StorageSettings()
    versions: VersionSettings = VersionSettings()
    cache: CacheSettings = CacheSettings()
    search: SearchSettings = SearchSettings()
    queue: QueueSettings = QueueSettings()
    mail: MailSettings = MailSettings()
    matching: MatchingSettings = MatchingSettings()
    parsing: ParsingSettings = ParsingSettings()
    rendering: RenderingSettings = RenderingSettings()
    auth: AuthSettings = AuthSettings()
    ratelimit: RateLimitSettings = RateLimitSettings()
    logging: LoggingSettings = LoggingSettings()
    # Per-plugin options keyed by slot and name, [plugins.<slot>.<name>] (slots: the registries
    # of htdy.core.host.plugins, e.g. [plugins.parsers.pdf]); checked by ``check_plugin_tables`` and
    # validated at start-up by each plugin's ``Options`` model (htdy.core.host.plugins.check_config)
    plugins: dict[str, dict[str, dict[str, Any]]] = {}

    source: str = Field("<defaults>", exclude=True)

    def plugin_options(self, slot: str, name: str) -> dict[str, Any]:
        """The raw ``[plugins.<slot>.<name>]`` table (``{}`` when absent)."""
        return dict(self.plugins.get(slot, {}).get(name, {}))

    def has_role(self, role: str) -> bool:
        return role in self.node.roles

    @property
    def split(self) -> bool:
        """Part of a split deployment: this node lacks a role, or renders through another node."""
        return set(self.node.roles) != set(ALL_ROLES) or self.rendering.gateway == "http"


ALL_ROLES = ("api", "parser", "renderer")
MIN_SECRET_CHARS = 32
# what templates and tutorials put where a secret belongs
_PLACEHOLDER = re.compile(r"change.?me|placeholder|your.?secret|replace.?me|^(.)\1*$", re.IGNORECASE)


def _check_deployment(settings: Settings, source: str) -> None:
    """Nodes of a split deployment talk to each other (signed internal renders, shared
    sessions): each refuses to start without a real ``[auth] secret_key``. In production
    links are never built from a ``Host`` header nobody checked."""
    server = settings.server
    if server.mode == "production" and not server.public_url.strip() and not server.allowed_hosts:
        raise ConfigError(f"{source}: server.public_url: required in production (server.mode = 'production'): "
                          "share and verification links would otherwise be built from the request's Host header; "
                          "set public_url (e.g. 'https://cv.example.org') or server.allowed_hosts")
    if server.public_url.strip() and not re.match(r"https?://[^/\s]+", server.public_url.strip()):
        raise ConfigError(f"{source}: server.public_url: {server.public_url!r} is not an http(s) address "
                          "(e.g. 'https://cv.example.org')")
    if not settings.split:
        return
    key = settings.auth.secret_key.strip()
    why = ""
    if not key:
        why = "is empty"
    elif _PLACEHOLDER.search(key):
        why = "is a placeholder"
    elif len(key) < MIN_SECRET_CHARS:
        why = f"has {len(key)} characters, at least {MIN_SECRET_CHARS} are needed"
    if why:
        raise ConfigError(f"{source}: auth.secret_key: {why}; a split deployment (roles "
                          f"{', '.join(settings.node.roles)}, rendering.gateway {settings.rendering.gateway!r}) "
                          "needs a random secret shared by its nodes, e.g. `python -c \"import secrets; "
                          "print(secrets.token_urlsafe(48))\"`")


def _resolve_secrets(value: Any, where: str, environ: dict[str, str]) -> Any:
    if isinstance(value, dict):
        if set(value) == {"$env"}:
            name = value["$env"]
            if name not in environ:
                raise ConfigError(f"{where}: environment variable {name!r} is not set")
            return environ[name]
        if set(value) == {"$file"}:
            try:
                return Path(value["$file"]).read_text().strip()
            except OSError as exc:
                raise ConfigError(f"{where}: cannot read secret file {value['$file']!r}: {exc}") from exc
        sep = ": " if ":" not in where else "."
        return {k: _resolve_secrets(v, f"{where}{sep}{k}", environ) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve_secrets(v, f"{where}[{i}]", environ) for i, v in enumerate(value)]
    return value


def _env_value(raw: str) -> Any:
    try:
        return tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        return raw


def _apply_env(data: dict[str, Any], environ: dict[str, str]) -> list[str]:
    applied = []
    for key, raw in sorted(environ.items()):
        if not key.startswith(ENV_PREFIX) or "__" not in key:
            continue
        path = key[len(ENV_PREFIX):].lower().split("__")
        node = data
        for part in path[:-1]:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                raise ConfigError(f"environment {key}: {part!r} is not a table")
        node[path[-1]] = _env_value(raw)
        applied.append(key)
    return applied


def _format_errors(exc: ValidationError, source: str) -> str:
    lines = []
    for err in exc.errors():
        key = ".".join(str(p) for p in err["loc"])
        if err["type"] == "extra_forbidden":
            msg = "unknown key"
        else:
            msg = err["msg"]
            if "input" in err and not isinstance(err["input"], dict):
                msg += f" (got {err['input']!r})"
        lines.append(f"{source}: {key}: {msg}")
    return "; ".join(lines)


def settings_from_dict(data: dict[str, Any], source: str = "<dict>",
                       environ: dict[str, str] | None = None) -> Settings:
    from htdy.core.host.plugin_tables import check_plugin_tables

    env = dict(os.environ if environ is None else environ)
    data = _resolve_secrets(dict(data), source, env)
    _apply_env(data, env)
    check_plugin_tables(data.get("plugins"), source)
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(_format_errors(exc, source)) from None
    _check_deployment(settings, source)
    settings.source = source
    return settings


def load_settings(path: str | os.PathLike[str] | None = None,
                  environ: dict[str, str] | None = None) -> Settings:
    """Read ``path``, else ``$HTDY_CONFIG``, else ``./htdy.toml`` (defaults if absent)."""
    env = dict(os.environ if environ is None else environ)
    explicit = path is not None or "HTDY_CONFIG" in env
    p = Path(path if path is not None else env.get("HTDY_CONFIG", "htdy.toml"))
    if not p.exists():
        if explicit:
            raise ConfigError(f"{p}: configuration file not found")
        return settings_from_dict({}, "<defaults>", env)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{p}: not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{p}: cannot read: {exc}") from None
    settings = settings_from_dict(data, str(p), env)
    _anchor_sqlite(settings, p.resolve().parent)
    return settings


def _anchor_sqlite(settings: Settings, folder: Path) -> None:
    """A relative SQLite path (``sqlite://var/htdy.sqlite3``) is relative to the folder of
    the configuration file, so ``htdy`` finds the same database from any current folder."""
    url = settings.database.url
    if url.startswith("sqlite://"):
        path = url[len("sqlite://"):]
        if path and path != ":memory:" and not path.startswith("/"):
            settings.database.url = f"sqlite://{folder / path}"

"""The data model (tortoise-orm). Tables are created and changed only by the
versioned migrations in ``migrations/models`` (``htdy migrate``).

Canonical CV content is JSON Resume, stored per immutable, numbered ``CVVersion``;
parser extras (confidence, spans, warnings) sit beside it in ``extras``.
"""
from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model

JOB_STATUSES = ("queued", "running", "done", "failed")
EVENT_KINDS = ("view", "download", "search_appearance", "search_click", "share_open")


class User(Model):
    id = fields.UUIDField(primary_key=True)
    email = fields.CharField(max_length=320, unique=True)
    name = fields.CharField(max_length=200)
    password_hash = fields.CharField(max_length=200)
    # two-factor sign-in (TOTP): the shared secret (set up, then enabled by a first code), and
    # the last time step used, so a code cannot be replayed
    totp_secret = fields.CharField(max_length=64, null=True)
    totp_enabled = fields.BooleanField(default=False)
    totp_last_step = fields.BigIntField(null=True)
    # false only for an account made with [auth] verify_email on, until its link is opened
    email_verified = fields.BooleanField(default=True)
    is_active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "users"


TOKEN_KINDS = ("api", "login")


class ApiToken(Model):
    """A bearer token; only the sha256 of the secret is stored. ``kind``: ``login`` (minted by
    sign-up and log-in, ended by "log out everywhere" and a password change) or ``api`` (made by
    the user, kept until revoked or ``expires_at``)."""

    id = fields.UUIDField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="tokens", on_delete=fields.CASCADE, db_index=True)
    name = fields.CharField(max_length=100)
    kind = fields.CharField(max_length=10, default="api")
    token_hash = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    last_used_at = fields.DatetimeField(null=True)
    expires_at = fields.DatetimeField(null=True)

    user_id: Any

    class Meta:
        table = "api_tokens"


class Session(Model):
    """A browser session (cookie ``htdy_session``); only the sha256 is stored."""

    id = fields.UUIDField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="sessions", on_delete=fields.CASCADE, db_index=True)
    token_hash = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField(db_index=True)

    user_id: Any

    class Meta:
        table = "sessions"


class PasswordReset(Model):
    """A password-reset link: only the sha256 of its secret; it works once, until ``expires_at``."""

    id = fields.UUIDField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="password_resets", on_delete=fields.CASCADE, db_index=True)
    token_hash = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField()

    user_id: Any

    class Meta:
        table = "password_resets"


class EmailVerification(Model):
    """A link that confirms a new account's address: only the sha256 of its secret; works once."""

    id = fields.UUIDField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="email_verifications", on_delete=fields.CASCADE, db_index=True)
    token_hash = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField()

    user_id: Any

    class Meta:
        table = "email_verifications"


class RecoveryCode(Model):
    """A one-time code that stands in for a TOTP code (the phone is lost); only its sha256."""

    id = fields.UUIDField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="recovery_codes", on_delete=fields.CASCADE, db_index=True)
    code_hash = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    user_id: Any

    class Meta:
        table = "recovery_codes"


class StoredFile(Model):
    """An uploaded document, content-addressed by its sha256."""

    id = fields.UUIDField(primary_key=True)
    sha256 = fields.CharField(max_length=64, unique=True)
    size = fields.BigIntField()
    media_type = fields.CharField(max_length=100)
    kind = fields.CharField(max_length=20)
    storage_key = fields.CharField(max_length=200)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "stored_files"


class CV(Model):
    id = fields.UUIDField(primary_key=True)
    owner: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="cvs", on_delete=fields.CASCADE, db_index=True)
    title = fields.CharField(max_length=200)
    discoverable = fields.BooleanField(default=False, db_index=True)
    # set by the owner: shown to recruiters and a search filter (only while discoverable)
    open_to_work = fields.BooleanField(default=False)
    slug = fields.CharField(max_length=64, unique=True, null=True)
    current_version = fields.IntField(default=0)
    # bumped on every change (content, title, shares): ETags and cache keys use it
    revision = fields.IntField(default=1)
    # the CV's design: {"template": id or null, "options": {...}, "hidden_items": ["work.1", ...]}
    # (services/design.py); every render of the CV uses it
    design: Any = fields.JSONField(default=dict)
    created_at = fields.DatetimeField(auto_now_add=True, db_index=True)
    updated_at = fields.DatetimeField(auto_now=True)

    owner_id: Any

    class Meta:
        table = "cvs"


class CVDraft(Model):
    """The unsaved state of a CV one editor is typing (one per CV and user): previewed live,
    kept across reloads, never a version; Save turns it into one and drops it."""

    id = fields.UUIDField(primary_key=True)
    cv: fields.ForeignKeyRelation[CV] = fields.ForeignKeyField(
        "models.CV", related_name="drafts", on_delete=fields.CASCADE, db_index=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="cv_drafts", on_delete=fields.CASCADE, db_index=True)
    title = fields.CharField(max_length=200, null=True)
    resume: Any = fields.JSONField()
    # the version the draft started from: a newer saved version means someone else saved meanwhile
    base_version = fields.IntField()
    updated_at = fields.DatetimeField(auto_now=True)

    cv_id: Any
    user_id: Any

    class Meta:
        table = "cv_drafts"
        unique_together = (("cv", "user"),)


class CVVersion(Model):
    """One immutable, numbered state of a CV's content."""

    id = fields.UUIDField(primary_key=True)
    cv: fields.ForeignKeyRelation[CV] = fields.ForeignKeyField(
        "models.CV", related_name="versions", on_delete=fields.CASCADE, db_index=True)
    number = fields.IntField()
    resume: Any = fields.JSONField()
    extras: Any = fields.JSONField(default=dict)
    source_file: fields.ForeignKeyNullableRelation[StoredFile] = fields.ForeignKeyField(
        "models.StoredFile", related_name="versions", on_delete=fields.RESTRICT, null=True,
        db_index=True)
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="+", on_delete=fields.SET_NULL, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    cv_id: Any
    source_file_id: Any
    created_by_id: Any

    class Meta:
        table = "cv_versions"
        unique_together = (("cv", "number"),)


class Share(Model):
    """Access for one user (``kind=user``) or anyone holding a link token (``kind=link``).
    A user share for an address without an account yet is an invitation: ``user`` is null and
    ``email`` holds the address until someone signs up with it (then ``user`` is set and
    ``email`` cleared)."""

    id = fields.UUIDField(primary_key=True)
    cv: fields.ForeignKeyRelation[CV] = fields.ForeignKeyField(
        "models.CV", related_name="shares", on_delete=fields.CASCADE, db_index=True)
    kind = fields.CharField(max_length=10)
    user: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="shared_with_me", on_delete=fields.CASCADE, null=True,
        db_index=True)
    email = fields.CharField(max_length=320, null=True, db_index=True)
    token_hash = fields.CharField(max_length=64, unique=True, null=True)
    access = fields.CharField(max_length=10, default="view")
    expires_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    cv_id: Any
    user_id: Any

    class Meta:
        table = "shares"


class Job(Model):
    """A unit of background work. The row is the truth; the queue only carries ids."""

    id = fields.UUIDField(primary_key=True)
    kind = fields.CharField(max_length=20)
    status = fields.CharField(max_length=10, default="queued")
    priority = fields.IntField(default=0)
    attempts = fields.IntField(default=0)
    error_code = fields.CharField(max_length=50, null=True)
    error_message = fields.TextField(null=True)
    payload: Any = fields.JSONField(default=dict)
    result: Any = fields.JSONField(null=True)
    user: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="jobs", on_delete=fields.CASCADE, null=True, db_index=True)
    file: fields.ForeignKeyNullableRelation[StoredFile] = fields.ForeignKeyField(
        "models.StoredFile", related_name="jobs", on_delete=fields.SET_NULL, null=True,
        db_index=True)
    available_at = fields.DatetimeField()
    lease_until = fields.DatetimeField(null=True, db_index=True)
    worker = fields.CharField(max_length=100, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    started_at = fields.DatetimeField(null=True)
    finished_at = fields.DatetimeField(null=True)

    user_id: Any
    file_id: Any

    class Meta:
        table = "jobs"
        indexes = (("status", "kind", "priority"),)


class ProfileEvent(Model):
    """Aggregated profile events: ``count`` occurrences of ``kind`` flushed at ``created_at``."""

    id = fields.BigIntField(primary_key=True)
    cv: fields.ForeignKeyRelation[CV] = fields.ForeignKeyField(
        "models.CV", related_name="events", on_delete=fields.CASCADE, db_index=True)
    kind = fields.CharField(max_length=20)
    count = fields.IntField(default=1)
    created_at = fields.DatetimeField(auto_now_add=True)
    # the share a ``share_open`` came through (per-share breakdown); no FK: a removed share's
    # opens still count for the CV
    ref = fields.CharField(max_length=36, null=True)

    cv_id: Any

    class Meta:
        table = "profile_events"
        indexes = (("cv", "kind"),)


class ProfileVisitor(Model):
    """One visitor of a profile on one day, as a salted hash (``services/analytics.py``):
    the salt of the day is random and deleted the day after, so hashes of different days
    cannot be linked and no address can be tested against them."""

    id = fields.BigIntField(primary_key=True)
    cv: fields.ForeignKeyRelation[CV] = fields.ForeignKeyField(
        "models.CV", related_name="visitors", on_delete=fields.CASCADE, db_index=True)
    day = fields.DateField()
    visitor = fields.CharField(max_length=32)

    cv_id: Any

    class Meta:
        table = "profile_visitors"
        unique_together = (("cv", "day", "visitor"),)


class AnalyticsSalt(Model):
    """The random salt of one day's visitor hashes (kept until the day after)."""

    day = fields.DateField(primary_key=True)
    salt = fields.CharField(max_length=64)

    class Meta:
        table = "analytics_salts"


class SavedSearch(Model):
    """A recruiter's saved job-ad match (``services/saved_searches.py``): when a newly published
    profile fits the ad, an alert is recorded (and, with ``notify = "email"``, mailed)."""

    id = fields.UUIDField(primary_key=True)
    owner: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="saved_searches", on_delete=fields.CASCADE, db_index=True)
    name = fields.CharField(max_length=200)
    ad_text = fields.TextField()
    matcher = fields.CharField(max_length=64, default="")  # "" = [matching] default
    filters: Any = fields.JSONField(default=dict)
    notify = fields.CharField(max_length=10, default="email")  # email | in_app
    created_at = fields.DatetimeField(auto_now_add=True)

    owner_id: Any

    class Meta:
        table = "saved_searches"


class SearchAlert(Model):
    """A profile that fitted a saved search. ``baseline`` rows are the profiles that already
    fitted when the search was saved: they never alert."""

    id = fields.BigIntField(primary_key=True)
    saved_search: fields.ForeignKeyRelation[SavedSearch] = fields.ForeignKeyField(
        "models.SavedSearch", related_name="alerts", on_delete=fields.CASCADE, db_index=True)
    cv: fields.ForeignKeyRelation[CV] = fields.ForeignKeyField(
        "models.CV", related_name="search_alerts", on_delete=fields.CASCADE, db_index=True)
    fit = fields.FloatField()
    baseline = fields.BooleanField(default=False)
    mailed = fields.BooleanField(default=False)
    seen = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True)

    saved_search_id: Any
    cv_id: Any

    class Meta:
        table = "search_alerts"
        unique_together = (("saved_search", "cv"),)

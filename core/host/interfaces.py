"""The contracts plugins implement. Each slot has a base class; a plugin returns
subclasses from its ``htdy_register_*`` hook, and ``htdy.toml`` picks one by ``name``.

Parsers and renderers are synchronous and CPU-bound: the core runs them in a process
pool, off the event loop. Storage, cache, search and queue backends are async.
"""
from __future__ import annotations

import abc
import os
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, ClassVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo

from htdy.core.host.errors import Unsupported


class PluginOptions(BaseModel):
    """Base for a plugin's own options (``[plugins.<slot>.<name>]`` in htdy.toml).
    Unknown keys are rejected, like everywhere else in the configuration."""

    model_config = ConfigDict(extra="forbid")


def _from_config_dir(value: str, info: ValidationInfo) -> str:
    base = (info.context or {}).get("config_dir")
    if not value or base is None or os.path.isabs(value) or "://" in value:
        return value
    return str(Path(base) / value)


def config_path(default: str) -> Any:
    """A file or folder option (``root: str = config_path("var/files")``): a relative path,
    the default included, is relative to the folder of the configuration file that set up
    the process, not to the current folder (with no file: the current folder)."""
    return Field(default, validate_default=True)


ConfigPath = Annotated[str, AfterValidator(_from_config_dir)]


class Named:
    """Something selectable by name from htdy.toml."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    Options: ClassVar[type[PluginOptions]] = PluginOptions


# --------------------------------------------------------------------------- parsing
@dataclass
class ParseResult:
    """What a parser returns: JSON Resume data, and extras *beside* it
    (confidence per field, source spans, warnings, language, page count)."""

    resume: dict[str, Any]
    extras: dict[str, Any] = field(default_factory=dict)


class Parser(Named, abc.ABC):
    """Turns one document into JSON Resume data.

    ``kinds`` lists the sniffed document kinds it accepts (``pdf``, ``docx``, ``text``).
    ``parse`` is synchronous and may be slow; raise ``htdy.core.host.errors.ParseError``
    with a stable code for bad input, never anything else on purpose.
    """

    kinds: ClassVar[tuple[str, ...]] = ()

    def __init__(self, options: PluginOptions | None = None) -> None:
        self.options = options or self.Options()

    @classmethod
    def sniff(cls, data: bytes, *, filename: str | None = None) -> str | None:
        """Recognise a document of a kind htdy's own sniffer does not know (``markdown``, a
        LinkedIn export…): return that kind (one of ``kinds``), else ``None``. Called before
        htdy's sniffing, for each such kind ``[parsing] parsers`` maps to this parser, on the API
        node for every upload and again in the parser worker: keep it cheap and exception-free."""
        return None

    @classmethod
    def warm(cls) -> None:
        """Load what the first parse would otherwise load (tables, models, lazily built
        indexes). Called once in each fresh parser-pool worker, for every parser
        ``[parsing] parsers`` selects, before it takes a job; a failure is logged, not fatal."""

    @abc.abstractmethod
    def parse(self, data: bytes, *, filename: str | None = None) -> ParseResult: ...

    def text(self, data: bytes, *, filename: str | None = None) -> str:
        """The document's plain text, a line per line, in reading order: how a job ad
        uploaded as PDF or DOCX is read. Optional; raise ``ParseError`` for bad input."""
        raise Unsupported(f"parser {self.name!r} cannot extract plain text")


# --------------------------------------------------------------------------- rendering
@dataclass
class RenderOutput:
    content: bytes
    media_type: str
    pages: int | None = None


class Renderer(Named, abc.ABC):
    """Renders JSON Resume data with a template to one of ``formats``
    (``html``, ``pdf``, ``md``, ``txt``, ``png``…). Synchronous.

    Capabilities the host picks renderers by (declare them on ``LazyImpl`` too, so the host
    need not import the renderer to read them): ``formats``, what it produces; ``engine``,
    the page-layout engine it drives (``"weasyprint"``, ``"typst"``) or ``None`` for a
    renderer that only fills in text. A renderer with an engine is CPU-bound: its renders run
    in the render pool (or on a renderer node), and pool workers warm it at start."""

    formats: ClassVar[tuple[str, ...]] = ()
    engine: ClassVar[str | None] = None

    def __init__(self, options: PluginOptions | None = None) -> None:
        self.options = options or self.Options()

    @abc.abstractmethod
    def render(self, resume: dict[str, Any], *, template: Any, fmt: str,
               options: dict[str, Any] | None = None) -> RenderOutput: ...


# --------------------------------------------------------------------------- storage
class StorageBackend(Named, abc.ABC):
    """Stores opaque blobs by key (content-addressed keys are chosen by the core)."""

    def __init__(self, options: PluginOptions | None = None) -> None:
        self.options = options or self.Options()

    async def start(self) -> None:
        """Open connections; called once at app start-up."""

    async def close(self) -> None:
        """Release resources; called once at shutdown."""

    @abc.abstractmethod
    async def put(self, key: str, data: bytes, *, content_type: str = "application/octet-stream") -> None: ...

    @abc.abstractmethod
    async def get(self, key: str) -> bytes:
        """Return the blob; raise ``htdy.core.host.errors.NotFound`` if absent."""

    @abc.abstractmethod
    async def delete(self, key: str) -> None:
        """Delete the blob; deleting a missing key is not an error."""

    @abc.abstractmethod
    async def exists(self, key: str) -> bool: ...

    def scan(self, prefix: str = "") -> AsyncIterator[tuple[str, int, float]]:
        """Every stored ``(key, size in bytes, modified as a UNIX time)`` whose key starts with
        ``prefix``, in no particular order (``htdy storage gc`` uses it to find orphans)."""
        raise NotImplementedError(f"storage backend {self.name!r} cannot list its blobs")

    async def check(self) -> None:
        """Raise if the backend cannot serve requests (used by ``/readyz``)."""

    async def list_keys(self, prefix: str = "", *, limit: int | None = None) -> list[str]:
        """Keys that start with ``prefix``, sorted (at most ``limit``). Optional: backup
        retention, snapshot listing and the empty-target check of ``htdy restore`` need it;
        a backend without it raises ``Unsupported``."""
        raise Unsupported(f"storage backend {self.name!r} cannot list its keys")

    # URL schemes (``s3``) under which ``htdy backup --to``/``restore --from`` may use this
    # backend as a backup target, with options from :meth:`options_for_url`.
    url_schemes: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def options_for_url(cls, url: str, base: dict[str, Any]) -> dict[str, Any]:
        """Options for a backup target at ``url`` (one of ``url_schemes``); ``base`` is this
        backend's ``[plugins.<name>]`` table (endpoint, credentials), which ``url`` refines."""
        raise Unsupported(f"storage backend {cls.name!r} does not open URLs")


# --------------------------------------------------------------------------- cache
class CacheTier(Named, abc.ABC):
    """One tier of the layered cache (memory → redis …). Values are bytes."""

    def __init__(self, options: PluginOptions | None = None) -> None:
        self.options = options or self.Options()

    async def start(self) -> None: ...

    async def close(self) -> None: ...

    @abc.abstractmethod
    async def get(self, key: str) -> bytes | None: ...

    @abc.abstractmethod
    async def set(self, key: str, value: bytes, ttl: float | None = None) -> None: ...

    @abc.abstractmethod
    async def delete(self, *keys: str) -> None: ...

    async def check(self) -> None: ...


# --------------------------------------------------------------------------- search
@dataclass
class SearchHit:
    cv_id: str
    score: float
    document: dict[str, Any]
    highlights: dict[str, list[str]] = field(default_factory=dict)
    # why it matched: {"skills": [names], "title": str | None, "text": [fields]}
    reasons: dict[str, Any] = field(default_factory=dict)


@dataclass
class SearchPage:
    total: int
    hits: list[SearchHit]
    # with ``facets=True``: {facet: [{"value", "label", "count"}]} over every match
    facets: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


class SearchBackend(Named, abc.ABC):
    """Full-text search over discoverable CVs. Documents are flat dicts with keys
    ``cv_id, name, label, summary, skills (list), location, keywords (list)`` and the
    structured keys ``title, city, country, languages (list), years, open_to_work`` (built by
    ``services/search_document.py``). Filters, facets and the per-hit ``reasons`` follow
    the contract in docs/backends.md "Search"."""

    # set by ``start()`` when the index lost documents or lacks fields an older build did not
    # write (a schema change): the app then rebuilds it from the database in the background
    needs_rebuild: bool = False

    def __init__(self, options: PluginOptions | None = None) -> None:
        self.options = options or self.Options()

    async def start(self) -> None: ...

    async def close(self) -> None: ...

    @abc.abstractmethod
    async def index(self, cv_id: str, document: dict[str, Any]) -> None: ...

    @abc.abstractmethod
    async def remove(self, cv_id: str) -> None: ...

    @abc.abstractmethod
    async def search(self, query: str, *, filters: dict[str, str] | None = None,
                     limit: int = 20, offset: int = 0, facets: bool = False) -> SearchPage: ...

    async def candidates(self, query: CandidateQuery, *, limit: int = 100) -> list[SearchHit]:
        """Documents sharing *any* part of ``query`` (OR, unlike ``search``), best first by the
        engine's BM25 with the weights ``query`` gives, at most ``limit`` (1-1000); what matchers
        rank. ``query.filters`` are ``search``'s filters. Optional: a backend without it raises
        ``Unsupported`` and matchers cannot run on it (docs/backends.md "Candidates")."""
        raise Unsupported(f"search backend {self.name!r} cannot retrieve match candidates")

    async def check(self) -> None: ...


@dataclass
class CandidateQuery:
    """What a matcher asks the search backend for (``SearchBackend.candidates``): documents
    with any of these skills (by vocabulary key, with a weight each), title words or text
    words. ``only`` restricts the answer to those CV ids (a saved search testing one new
    profile)."""

    skills: dict[str, float] = field(default_factory=dict)
    title_words: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    filters: dict[str, str] = field(default_factory=dict)
    only: list[str] | None = None


# --------------------------------------------------------------------------- matching
@dataclass
class JobAd:
    """A job ad as every matcher gets it (read by ``htdy.core.services.job_ads.read``):
    its text, the title, the skills it requires and those it would like (vocabulary
    ``Term``s), the years of experience it asks for and the language it is written in."""

    text: str
    title: str = ""
    required: list[Any] = field(default_factory=list)   # htdy.core.skills.Term
    preferred: list[Any] = field(default_factory=list)  # htdy.core.skills.Term
    min_years: float | None = None
    language: str = ""


@dataclass
class MatchHit:
    """One ranked candidate. ``score`` orders the list (0-1); ``fit`` (0-1) says how well
    the candidate fits the ad on its own (saved-search alerts compare it with
    ``[matching] alert_min_fit``). ``reasons`` are sentences a recruiter reads."""

    cv_id: str
    score: float
    fit: float
    document: dict[str, Any]
    matched_skills: list[str] = field(default_factory=list)    # required skills the CV has
    missing_skills: list[str] = field(default_factory=list)    # required skills it lacks
    preferred_skills: list[str] = field(default_factory=list)  # nice-to-have skills it has
    title_similarity: float = 0.0                              # 0-1
    relevant_years: float | None = None
    reasons: list[str] = field(default_factory=list)


class Matcher(Named, abc.ABC):
    """Ranks discoverable CVs against a job ad, using the search backend to find candidates
    (``SearchBackend.candidates``) and scoring them its own way. Async; a CPU-heavy matcher
    runs its work off the event loop."""

    def __init__(self, options: PluginOptions | None = None) -> None:
        self.options = options or self.Options()

    async def start(self) -> None:
        """Load what the matcher needs (a model); called once before its first match."""

    async def close(self) -> None: ...

    @abc.abstractmethod
    async def match(self, ad: JobAd, search: SearchBackend, *, limit: int = 20,
                    filters: dict[str, str] | None = None, only: list[str] | None = None) -> list[MatchHit]:
        """The best ``limit`` candidates for ``ad``, best first; ``filters`` as in ``search``;
        ``only``: consider just these CV ids."""


# --------------------------------------------------------------------------- queue
class QueueBackend(Named, abc.ABC):
    """Carries job ids from the API to workers. The database row is the truth:
    a job is claimed with a compare-and-set on its status, so a lost or duplicated
    queue message can never run a job twice or lose it (workers re-scan queued jobs)."""

    def __init__(self, options: PluginOptions | None = None) -> None:
        self.options = options or self.Options()

    async def start(self) -> None: ...

    async def close(self) -> None: ...

    @abc.abstractmethod
    async def push(self, kind: str, job_id: str, priority: int = 0) -> None: ...

    @abc.abstractmethod
    async def pop(self, kind: str, timeout: float) -> str | None:
        """Return the next job id of ``kind`` or ``None`` after ``timeout`` seconds."""

    @abc.abstractmethod
    async def depth(self, kind: str) -> int: ...

    async def check(self) -> None: ...


# --------------------------------------------------------------------------- mail
@dataclass
class Mail:
    """One plain-text message. ``sender`` is ``[mail] from_address`` unless a caller sets it."""

    to: str
    subject: str
    text: str
    sender: str = ""
    # a stable label of what the message is for ("password_reset", "share_invitation", …)
    kind: str = ""

    def as_email(self) -> Any:
        """The message as an ``email.message.EmailMessage`` (headers encoded as needed)."""
        from email.message import EmailMessage
        from email.utils import formatdate, make_msgid

        msg = EmailMessage()
        msg["From"] = self.sender
        msg["To"] = self.to
        msg["Subject"] = self.subject
        msg["Date"] = formatdate(localtime=False)
        msg["Message-ID"] = make_msgid(domain=self.sender.rpartition("@")[2].strip("> ") or None)
        msg.set_content(self.text)
        return msg


class Mailer(Named, abc.ABC):
    """Delivers e-mail (password resets, share invitations). ``send`` raises on failure;
    the core logs the failure and never tells the web visitor whether a message went out."""

    def __init__(self, options: PluginOptions | None = None) -> None:
        self.options = options or self.Options()

    async def start(self) -> None: ...

    async def close(self) -> None: ...

    @abc.abstractmethod
    async def send(self, mail: Mail) -> None: ...

    async def check(self) -> None: ...


# --------------------------------------------------------------------------- templates
@dataclass
class Template:
    """A CV template: a folder of package data plus its manifest.

    ``engines`` names the renderers that can use it (``html``/``pdf`` read the
    Mustache files, ``typst`` reads a ``.typ`` file). ``options`` describes the
    supported options (name → {type, default, choices, description})."""

    id: str
    name: str
    version: str
    path: Any  # pathlib.Path or importlib.resources Traversable of the template's folder
    description: str = ""
    engines: tuple[str, ...] = ("html", "pdf")
    options: dict[str, Any] = field(default_factory=dict)
    preview: str | None = None
    # the parsed manifest.json (layout details such as sidebar sections); added for renderers
    manifest: dict[str, Any] = field(default_factory=dict)


# --------------------------------------------------------------------------- web pages
class PageNames:
    """Route names of the pages the API links to when some plugin serves them (a web frontend):
    a share's ``page_url``, the links in invitation, verification and password-reset mails. A plugin names its route with one of
    these (``@routes.get("/s/{token}", name=PageNames.SHARED_LINK)``); without such a route the
    API gives no page address (``null``)."""

    SHARED_LINK = "htdy:page-shared-link"  # a view link's page; match info {token}
    CV_EDITOR = "htdy:page-cv-editor"      # a CV's page for the people it is shared with; {cv_id}
    SIGNUP = "htdy:page-signup"            # where an invited address signs up
    VERIFY_EMAIL = "htdy:page-verify-email"  # where a verification link leads (?token=…)
    RESET_PASSWORD = "htdy:page-reset-password"  # where a password-reset link leads (?token=…)
    FORGOT_PASSWORD = "htdy:page-forgot-password"  # where someone asks for a password-reset link

"""The parsing pipeline the rest of htdy calls, and the parser-role process pool.

``parse_document``: sniff → pick the parser named in ``[parsing] parsers`` → parse →
``htdy_cv_parsed`` hook → validate against the JSON Resume schema (invalid bits are
dropped with a warning in ``extras["warnings"]``).

``ParserPool``: a process pool (pebble) whose workers build their own settings and
plugin manager; each job has a timeout (``[parsing] timeout_s``) after which the
worker is killed and replaced and the job fails with code ``timeout``."""
from __future__ import annotations

import concurrent.futures
import importlib
import logging
import os
import sys
import time
from collections.abc import Iterable
from typing import Any

from htdy.core.host.errors import ConfigError, HtdyError, ParseError
from htdy.core.host.interfaces import ParseResult

log = logging.getLogger("htdy.parsing")


def parse_document(data: bytes, filename: str | None, settings: Any, registries: Any, pm: Any, *,
                   parser_options: dict[str, Any] | None = None) -> ParseResult:
    """Parse one document in this process. Raises ``ParseError`` for bad input."""
    from htdy.core.schema import prune_invalid

    t0 = time.perf_counter()
    parser, kind, name = _parser_for(data, filename, settings, registries, parser_options)
    try:
        result = parser.parse(data, filename=filename)
    except HtdyError:
        raise
    except (MemoryError, RecursionError) as exc:
        raise ParseError(f"the document is too complex to parse ({type(exc).__name__})", code="too_large") from None
    except Exception as exc:  # a parser bug must not look like a crash to the user
        log.exception("parser %s failed on %s", name, filename)
        raise ParseError(f"the document could not be parsed ({type(exc).__name__})", code="corrupt") from None
    result.extras.setdefault("warnings", [])
    result.extras["parser"] = name
    result.extras["kind"] = kind
    pm.hook.htdy_cv_parsed(resume=result.resume, extras=result.extras, filename=filename)
    resume, warnings = prune_invalid(result.resume if isinstance(result.resume, dict) else {})
    result.resume = resume
    result.extras["warnings"].extend(warnings)
    result.extras["seconds"] = round(time.perf_counter() - t0, 4)
    return result


def _parser_for(data: bytes, filename: str | None, settings: Any, registries: Any,
                parser_options: dict[str, Any] | None = None) -> tuple[Any, str, str]:
    """(parser instance, sniffed kind, parser name) for one document."""
    from htdy.core.host.plugin_checks import host_defaults, option_data, validate_options
    from htdy.core.services.parsing.sniff import plugin_sniffers, sniff

    kind = sniff(data, filename=filename, sniffers=plugin_sniffers(settings, registries))
    name = settings.parsing.parsers.get(kind)
    if not name:
        raise ParseError(f"no parser configured for {kind!r} documents", code="unsupported_type")
    cls = registries.parsers.get(name)
    opts = option_data(cls, settings.plugin_options("parsers", name), host_defaults(settings)["parsers"])
    if parser_options:  # overrides apply only to parsers whose options know the key
        opts.update({k: v for k, v in parser_options.items() if k in cls.Options.model_fields})
    return cls(validate_options(cls, "parsers", name, opts, settings.source)), kind, name


def document_text(data: bytes, filename: str | None, settings: Any, registries: Any) -> str:
    """A document's plain text through the parser ``[parsing] parsers`` picks for it (a job ad
    uploaded as PDF or DOCX). Raises ``ParseError`` for bad input or a parser without text."""
    from htdy.core.host.errors import Unsupported

    parser, kind, name = _parser_for(data, filename, settings, registries)
    try:
        return str(parser.text(data, filename=filename))
    except Unsupported:
        raise ParseError(f"parser {name!r} cannot read the text of {kind} documents",
                         code="unsupported_type") from None
    except HtdyError:
        raise
    except (MemoryError, RecursionError) as exc:
        raise ParseError(f"the document is too complex to read ({type(exc).__name__})", code="too_large") from None
    except Exception as exc:  # a parser bug must not look like a crash to the user
        log.exception("parser %s failed to read the text of %s", name, filename)
        raise ParseError(f"the document could not be read ({type(exc).__name__})", code="corrupt") from None


# --------------------------------------------------------------------------- worker side
_STATE: dict[str, Any] = {}


def _init_worker(settings_data: dict[str, Any], extra_plugins: tuple[str, ...],
                 source: str = "<settings>", server_pid: int = 0) -> None:
    from htdy.core.host.config import Settings
    from htdy.core.host.pdeathsig import die_with
    from htdy.core.host.plugins import build_registries, get_plugin_manager
    from htdy.core.observability.logging import configure_child_logging

    die_with(server_pid)
    configure_child_logging()
    settings = Settings.model_validate(settings_data)
    settings.source = source  # (messages name the configuration file)
    extra = [importlib.import_module(m) for m in extra_plugins]
    pm = get_plugin_manager(extra=extra)
    regs = build_registries(pm, slots=("parsers",))  # a parse worker needs no templates or backends
    _STATE.update(settings=settings, pm=pm, registries=regs)
    warm_parsers(settings, regs)


def warm_parsers(settings: Any, registries: Any) -> None:
    """``Parser.warm()`` for every parser ``[parsing] parsers`` selects (each once): a fresh
    worker loads its tables before its first job, not during it."""
    for name in sorted(set(settings.parsing.parsers.values())):
        try:
            registries.parsers.get(name).warm()
        except Exception:  # noqa: BLE001 - a failed warm-up costs time on the first job, nothing else
            log.exception("parser %s: warm-up failed", name)


def _run_job(data: bytes, filename: str | None, parser_options: dict[str, Any] | None) -> dict[str, Any]:
    try:
        r = parse_document(data, filename, _STATE["settings"], _STATE["registries"], _STATE["pm"],
                           parser_options=parser_options)
    except HtdyError as exc:
        return {"error": {"code": exc.code, "message": exc.message}}
    return {"resume": r.resume, "extras": r.extras}


def _run_text_job(data: bytes, filename: str | None) -> dict[str, Any]:
    try:
        return {"text": document_text(data, filename, _STATE["settings"], _STATE["registries"])}
    except HtdyError as exc:
        return {"error": {"code": exc.code, "message": exc.message}}


def _peak_rss_mb() -> float:
    """This process's own peak resident size (MB): ``VmHWM`` of /proc/self/status. Not
    ``ru_maxrss``: Linux keeps it across exec, so a process started by fork+exec (spawn,
    forkserver, ``subprocess``) reports its parent's peak when that was higher."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource  # no /proc (macOS): ru_maxrss, in bytes there
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)


def _unwrap(out: dict[str, Any]) -> ParseResult:
    if "error" in out:
        if out["error"]["code"] == ConfigError.code:  # the parser's options: not this document's fault
            raise ConfigError(out["error"]["message"])
        raise ParseError(out["error"]["message"], code=out["error"]["code"])
    return ParseResult(resume=out["resume"], extras=out["extras"])


class ParserPool:
    """Process pool for the parser role. ``await pool.parse(data, filename)``; a job
    that exceeds ``settings.parsing.timeout_s`` kills its worker (replaced at once)
    and raises ``ParseError(code="timeout")``."""

    def __init__(self, settings: Any, *, workers: int | None = None, timeout_s: float | None = None,
                 extra_plugins: Iterable[str] = (), parser_options: dict[str, Any] | None = None,
                 max_tasks: int = 500) -> None:
        from pebble import ProcessPool

        self.settings = settings
        self.timeout_s = float(timeout_s if timeout_s is not None else settings.parsing.timeout_s)
        self.workers = int(workers or settings.parsing.workers)
        self.parser_options = parser_options
        self._pool = ProcessPool(max_workers=self.workers, max_tasks=max_tasks, initializer=_init_worker,
                                 initargs=(settings.model_dump(), tuple(extra_plugins), settings.source,
                                           os.getpid()))

    def submit(self, data: bytes, filename: str | None = None) -> concurrent.futures.Future[Any]:
        return self._pool.schedule(_run_job, args=(data, filename, self.parser_options), timeout=self.timeout_s)

    def result(self, future: concurrent.futures.Future[Any]) -> ParseResult:
        """Wait for a submitted job (sync path, used by the CLI)."""
        try:
            out = future.result()
        except concurrent.futures.TimeoutError:
            raise ParseError(f"parsing took longer than {self.timeout_s:g} s", code="timeout") from None
        except concurrent.futures.CancelledError:
            raise ParseError("parsing was cancelled", code="timeout") from None
        except Exception as exc:  # the worker died (segfault, OOM kill)
            raise ParseError(f"the parser worker died ({type(exc).__name__})", code="corrupt") from None
        return _unwrap(out)

    def parse_sync(self, data: bytes, filename: str | None = None) -> ParseResult:
        return self.result(self.submit(data, filename))

    async def parse(self, data: bytes, filename: str | None = None) -> ParseResult:
        return _unwrap(await self._await(self.submit(data, filename), "parsing"))

    async def text(self, data: bytes, filename: str | None = None) -> str:
        """The document's plain text (``document_text``) in a pool worker."""
        fut = self._pool.schedule(_run_text_job, args=(data, filename), timeout=self.timeout_s)
        out = await self._await(fut, "reading the document")
        if "error" in out:
            _unwrap(out)
        return str(out["text"])

    async def _await(self, fut: Any, what: str) -> Any:
        """A pool job's answer; its timeout and a dead worker become ``ParseError``s."""
        import asyncio  # here, not at module level: `htdy parse` parses in-process, without asyncio

        try:
            return await asyncio.wrap_future(fut)
        except concurrent.futures.TimeoutError:
            raise ParseError(f"{what} took longer than {self.timeout_s:g} s", code="timeout") from None
        except asyncio.CancelledError:
            fut.cancel()
            raise
        except Exception as exc:  # the worker died (segfault, OOM kill)
            raise ParseError(f"the parser worker died ({type(exc).__name__})", code="corrupt") from None

    def peak_rss_mb(self) -> list[float]:
        """Peak RSS of each live worker (MB), measured inside the workers."""
        futs = [self._pool.schedule(_peak_rss_mb, timeout=10) for _ in range(self.workers * 2)]
        out = []
        for f in futs:
            try:
                out.append(float(f.result()))
            except Exception:
                continue
        return out

    def close(self, wait: bool = True) -> None:
        self._pool.close() if wait else self._pool.stop()
        self._pool.join(timeout=10)

    def __enter__(self) -> ParserPool:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

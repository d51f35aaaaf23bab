"""Fuzzing: mutated PDFs and DOCX never raise anything but ParseError, never hang past
the per-file budget and never blow up memory.

CI runs ~3,000 examples in total (under a minute here); set ``HTDY_FUZZ_EXAMPLES`` for a
larger run, e.g. ``HTDY_FUZZ_EXAMPLES=20000 pytest tests/parsers/test_fuzz.py``."""
from __future__ import annotations

import io
import os
import time
import zipfile
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from htdy.core.host.config import settings_from_dict
from htdy.core.host.errors import ParseError
from htdy.core.host.plugins import build_registries, get_plugin_manager
from htdy.core.services.parsing.pipeline import parse_document

EXAMPLES = int(os.environ.get("HTDY_FUZZ_EXAMPLES", "1500"))
BUDGET_S = 5.0  # per document; the pool's timeout is the hard stop in production
PM = get_plugin_manager(load_entrypoints=False)
REGS = build_registries(PM)
SETTINGS = {b: settings_from_dict({"plugins": {"parsers": {"pdf": {"backend": b}}}}, environ={}) for b in ("pdfium", "pdfminer")}

mutation = st.tuples(st.sampled_from(["flip", "insert", "delete", "truncate", "repeat"]),
                     st.floats(0, 1), st.binary(min_size=1, max_size=16))


def mutate(data: bytes, ops: list[tuple[str, float, bytes]]) -> bytes:
    buf = bytearray(data)
    for op, where, blob in ops:
        i = int(where * max(len(buf) - 1, 0))
        if op == "flip" and buf:
            buf[i:i + len(blob)] = blob
        elif op == "insert":
            buf[i:i] = blob
        elif op == "delete":
            del buf[i:i + len(blob) * 8]
        elif op == "truncate":
            del buf[max(i, 1):]
        elif op == "repeat":
            buf[i:i] = bytes(buf[i:i + 64]) * 4
    return bytes(buf)


def check(data: bytes, backend: str = "pdfium") -> None:
    t0 = time.perf_counter()
    try:
        r = parse_document(data, "fuzz", SETTINGS[backend], REGS, PM)
        assert isinstance(r.resume, dict)
    except ParseError as exc:
        assert exc.code in {"encrypted", "no_text_layer", "corrupt", "unsupported_type", "too_large",
                            "too_many_pages", "timeout", "empty"}
    assert time.perf_counter() - t0 < BUDGET_S


def _fuzz(n: int):
    return settings(max_examples=max(1, n), deadline=timedelta(seconds=BUDGET_S), derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def seeds(docs):
    return docs


@_fuzz(EXAMPLES)
@given(ops=st.lists(mutation, min_size=1, max_size=6))
def test_fuzz_pdf_pdfium(seeds, ops):
    check(mutate(seeds["en_single.pdf"], ops), "pdfium")


@_fuzz(EXAMPLES // 3)
@given(ops=st.lists(mutation, min_size=1, max_size=6))
def test_fuzz_pdf_pdfminer(seeds, ops):
    check(mutate(seeds["de_sidebar.pdf"], ops), "pdfminer")


def _with_document_xml(base: bytes, fn) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(base))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            data = src.read(info)
            zf.writestr(info.filename, fn(data) if info.filename == "word/document.xml" else data)
    return out.getvalue()


@_fuzz(EXAMPLES // 2)
@given(ops=st.lists(mutation, min_size=1, max_size=6), inside=st.booleans())
def test_fuzz_docx(seeds, ops, inside):
    base = seeds["en.docx"]
    data = _with_document_xml(base, lambda x: mutate(x, ops)) if inside else mutate(base, ops)
    check(data)


@_fuzz(EXAMPLES // 3)
@given(blob=st.binary(max_size=4096))
def test_fuzz_arbitrary_bytes(blob):
    check(blob)


_CHILD = """
import random, sys
from htdy.core.host.config import settings_from_dict
from htdy.core.host.errors import ParseError
from htdy.core.services.parsing.pipeline import parse_document
from htdy.core.host.plugins import build_registries, get_plugin_manager
def status_mb(key):
    for line in open("/proc/self/status"):
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
pm = get_plugin_manager(load_entrypoints=False)
regs = build_registries(pm)
settings = settings_from_dict({}, environ={})
bases = [(p, open(p, "rb").read()) for p in sys.argv[1:]]
for path, base in bases:  # warm up: models loaded, gazetteer built (an empty cache directory)
    parse_document(base, path, settings, regs, pm)
first_peak, warm = status_mb("VmHWM"), status_mb("VmRSS")
rng = random.Random(7)
for path, base in bases:
    for _ in range(150):
        buf = bytearray(base)
        for _ in range(rng.randint(1, 6)):
            i = rng.randrange(len(buf))
            buf[i:i + 8] = rng.randbytes(rng.randint(1, 8))
        try:
            parse_document(bytes(buf), path, settings, regs, pm)
        except ParseError:
            pass
print(first_peak, warm, status_mb("VmRSS"), status_mb("VmHWM"))
"""


def test_memory_stays_bounded(docs, tmp_path):
    """A worker-like process on a fresh install (empty cache directory, so its first parse
    builds the gazetteer cache) peaks inside a worker's memory budget (300 MB), and after
    warming up holds on to no memory over 300 mutated documents: its resident size grows by
    less than 60 MB. The peak is the child's own ``VmHWM``: ``ru_maxrss`` of a process started
    by fork+exec carries its parent's (here pytest's) peak across the exec."""
    import subprocess
    import sys

    paths = []
    for name in ("en_single.pdf", "en.docx"):
        (tmp_path / name).write_bytes(docs[name])
        paths.append(str(tmp_path / name))
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    out = subprocess.run([sys.executable, "-c", _CHILD, *paths], capture_output=True, text=True, timeout=600,
                         env=env)
    assert out.returncode == 0, out.stderr[-2000:]
    assert list((tmp_path / "cache" / "htdy").glob("gazetteer-*.txt")), "the warm-up did not build the gazetteer"
    first_peak, warm, after, peak = map(float, out.stdout.strip().splitlines()[-1].split())
    assert first_peak < 300, (first_peak, warm, after, peak)  # measured: ~115 MB
    assert after - warm < 60, (first_peak, warm, after, peak)
    assert peak < 300, (first_peak, warm, after, peak)

"""``htdy serve`` after a configuration error or a resource that will not start exits non-zero
at once — it used to hang on exit, the database's connection thread left open (and SIGTERM
ignored). Real processes, each with a timeout far below what a hang would take."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

HTDY = str(Path(sys.executable).with_name("htdy"))
LIMIT_S = 30  # a cold start imports aiohttp, tortoise… on a shared 2-core machine; a hang never ends


def serve(tmp_path: Path, extra: str) -> tuple[subprocess.CompletedProcess[str], float]:
    cfg = tmp_path / "htdy.toml"
    cfg.write_text(f'[database]\nurl = "sqlite://{tmp_path}/db.sqlite3"\nauto_migrate = true\n'
                   f'[node]\nwarm_pools = false\n[plugins.search_backends.embedded]\npath = "{tmp_path}/s.sqlite3"\n'
                   + extra)
    env = dict(os.environ, HTDY_DISABLE_ENTRYPOINTS="1")
    env.pop("HTDY_CONFIG", None)
    t0 = time.monotonic()
    out = subprocess.run([HTDY, "-c", str(cfg), "serve", "--port", "0"], env=env, cwd=tmp_path,
                         capture_output=True, text=True, timeout=LIMIT_S)
    return out, time.monotonic() - t0


def test_a_plugin_option_typo_exits_before_anything_starts(tmp_path):
    out, _ = serve(tmp_path, f'[plugins.storage_backends.local]\nroot = "{tmp_path}/files"\nbogus = 1\n')
    assert out.returncode == 2
    assert out.stderr.strip() == (f"htdy: error: {tmp_path}/htdy.toml: [plugins.storage_backends.local] bogus: "
                                  "unknown option; known: root, fsync")
    assert not (tmp_path / "db.sqlite3").exists()


def test_a_resource_failing_after_the_database_opened_exits_at_once(tmp_path):
    (tmp_path / "a-file").write_text("not a folder")
    out, _ = serve(tmp_path, f'[plugins.storage_backends.local]\nroot = "{tmp_path}/a-file/files"\n')
    assert out.returncode == 2
    assert (f"htdy: error: start-up failed: NotADirectoryError: [Errno 20] Not a directory: "
            f"'{tmp_path}/a-file/files'") in out.stderr
    assert (tmp_path / "db.sqlite3").exists()  # the database had been opened (and migrated) first


def test_a_pending_migration_exits_at_once(tmp_path):
    cfg_extra = '[plugins.storage_backends.local]\nroot = "files"\n'
    cfg = tmp_path / "htdy.toml"
    cfg.write_text(f'[database]\nurl = "sqlite://{tmp_path}/db.sqlite3"\n' + cfg_extra)
    env = dict(os.environ, HTDY_DISABLE_ENTRYPOINTS="1")
    out = subprocess.run([HTDY, "-c", str(cfg), "serve", "--port", "0"], env=env, cwd=tmp_path,
                         capture_output=True, text=True, timeout=LIMIT_S)
    assert out.returncode == 2 and "is not migrated" in out.stderr and "htdy migrate" in out.stderr

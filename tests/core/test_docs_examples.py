"""The test example in ``docs/plugins.md`` ("Testing a plugin") runs as written, the way a
plugin author runs it: copied into a project of its own (no htdy pytest settings, pytest's
defaults), with the example plugin importable, in a separate pytest process."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_PLUGIN = Path(__file__).resolve().parent / "example_plugin"


def doc_block(doc: Path, heading: str) -> str:
    text = doc.read_text(encoding="utf-8")
    section = text.split(heading, 1)[1].split("\n## ", 1)[0]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match, f"no python block under {heading!r} in {doc}"
    return match.group(1)


def test_the_plugin_testing_example_runs_as_written(tmp_path):
    project = tmp_path / "htdy-example-parser"
    (project / "tests").mkdir(parents=True)
    (project / "pyproject.toml").write_text('[project]\nname = "htdy-example-parser"\nversion = "0.1"\n')
    (project / "tests" / "test_plugin.py").write_text(doc_block(REPO / "docs" / "plugins.md", "## Testing a plugin"))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(EXAMPLE_PLUGIN), os.environ.get("PYTHONPATH", "")]),
               HTDY_DISABLE_ENTRYPOINTS="1")
    env.pop("HTDY_CONFIG", None)
    out = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
                         cwd=project, env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    assert re.search(r"\b[1-9]\d* passed\b", out.stdout) and "skipped" not in out.stdout, out.stdout

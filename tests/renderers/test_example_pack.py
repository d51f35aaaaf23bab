"""A template pack as its own distribution: pip-installed (into a target dir), found
through the ``htdy`` entry point, rendered; also loadable as an extra plugin object."""
from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from htdy.core.host.plugins import build_registries, get_plugin_manager

PACK = Path(__file__).resolve().parent / "example_pack"


@pytest.fixture(scope="module")
def installed_pack(tmp_path_factory: Any) -> Any:
    target = tmp_path_factory.mktemp("site")
    res = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
                          "--no-build-isolation", "--target", str(target), str(PACK)],
                         capture_output=True, text=True, timeout=240)
    if res.returncode != 0:
        pytest.skip(f"pip could not build the example pack here: {res.stderr[-400:]}")
    sys.path.insert(0, str(target))
    importlib.invalidate_caches()
    yield target
    sys.path.remove(str(target))
    sys.modules.pop("htdy_example_pack", None)
    importlib.invalidate_caches()


def test_hook_htdy_register_templates_from_pip_installed_pack(installed_pack: Any, full_cv: dict) -> None:
    pm = get_plugin_manager(load_entrypoints=True)
    regs = build_registries(pm)
    assert "example-mono" in regs.templates
    assert regs.templates.owner("example-mono") == "example_pack"  # the entry point's name
    t = regs.templates.get("example-mono")
    assert t.version == "0.1.0" and "photo" not in t.options and t.options["fonts"]["choices"] == ["sans", "serif"]
    html = regs.renderers.get("html")().render(full_cv, template=t, fmt="html").content.decode()
    assert "tpl-example-mono" in html and "<h2>Experience</h2>" in html
    pdf = regs.renderers.get("pdf")().render(full_cv, template=t, fmt="pdf", options={"fonts": "serif"})
    assert pdf.content.startswith(b"%PDF") and pdf.pages >= 1


def test_pack_as_extra_plugin_object(full_cv: dict) -> None:
    sys.path.insert(0, str(PACK))
    try:
        mod = importlib.import_module("htdy_example_pack")
        regs = build_registries(get_plugin_manager(extra=[mod], load_entrypoints=False))
        t = regs.templates.get("example-mono")
        out = regs.renderers.get("txt")().render(full_cv, template=t, fmt="txt")
        assert "Quantix Analytics" in out.content.decode()
    finally:
        sys.path.remove(str(PACK))
        sys.modules.pop("htdy_example_pack", None)

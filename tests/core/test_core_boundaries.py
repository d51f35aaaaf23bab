"""The core names no built-in plugin (docs/plugins.md, "Boundaries"), and its modules do not
import each other in a circle.

1. No module under ``core/`` imports ``htdy.parsers``, ``htdy.renderers``, ``htdy.plugins``,
   ``htdy.storage_backends`` or ``htdy.perf`` — statically (anywhere in the file: module level,
   inside functions, under ``TYPE_CHECKING``) or by string (``import_module``, ``find_spec``,
   ``LazyImpl`` targets, any ``"htdy.parsers.x"``-like constant). The one exception is
   ``DEFAULT_PLUGINS`` in ``core/host/plugins.py``: the built-in plugin modules, by name, registered
   exactly like third-party ones.
2. No registry is looked up by a literal name (``registries.parsers.get("pdf")``,
   ``"typst" in regs.renderers``): core picks implementations by what ``htdy.toml`` selects or
   by declared capabilities (``Renderer.formats`` / ``engine``, ``Parser.kinds``).
3. No string equal to the name of a built-in implementation (every slot's registered names,
   the web plugin's route names, renderer engines, parser backends) appears in core code,
   except words that are also core's own vocabulary (formats such as ``pdf``/``html``, the
   sniffer's document kinds, gateway modes). ``ALLOWED`` lists the only places that name
   built-ins, each with its reason.
4. No import cycle among core modules (module-level imports, ``TYPE_CHECKING`` included;
   importing ``a.b.c`` counts as importing the package ``a.b`` too). Imports inside functions
   are deliberate lazy loads and are not counted.
"""
from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CORE = REPO / "core"
BUILTIN_PACKAGES = ("parsers", "renderers", "plugins", "storage_backends", "perf")
BUILTIN_MODULE = re.compile(r"^htdy\.(" + "|".join(BUILTIN_PACKAGES) + r")(\.[\w.]+)?(:[\w.]+)?$")
REGISTRY_SLOTS = {"parsers", "renderers", "templates", "storage_backends", "cache_tiers", "search_backends",
                  "queue_backends", "mailers"}
# (file, name) -> why this file may name that built-in
ALLOWED: dict[tuple[str, str], str] = {
    **{("core/host/config.py", n): "the default selection of a one-process instance ([storage] backend = "
                              "\"local\"…): data checked against the registries at start-up like any "
                              "selection in htdy.toml; no code branches on it"
       for n in ("local", "embedded")},
    **{("core/host/testing.py", n): "the pytest plugin's test instance puts the default embedded backends' "
                               "files under tmp_path"
       for n in ("local", "embedded")},
    ("core/commands/serve.py", "jobrows"): "several worker processes cannot share the in-process queue: "
                                           "serve swaps it for the job-rows queue and logs that it did",
}


def core_files() -> list[Path]:
    return sorted(p for p in CORE.rglob("*.py") if "__pycache__" not in p.parts)


def rel(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def _default_plugins_strings(tree: ast.AST) -> set[int]:
    ids: set[int] = set()
    for node in ast.walk(tree):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
            node, ast.AnnAssign) else []
        if any(isinstance(t, ast.Name) and t.id == "DEFAULT_PLUGINS" for t in targets) and node.value is not None:
            ids.update(id(c) for c in ast.walk(node.value) if isinstance(c, ast.Constant))
    return ids


def _logger_names(tree: ast.AST) -> set[int]:
    """``logging.getLogger("htdy.plugins")``: a logger's name, not an import."""
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                node.func.attr in ("getLogger", "get_logger"):
            ids.update(id(a) for a in node.args if isinstance(a, ast.Constant))
    return ids


def strings(path: Path) -> Iterator[tuple[int, str]]:
    """(line, value) of every string constant that is code, not a docstring."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    skip = _docstrings(tree) | _logger_names(tree)
    if rel(path) == "core/host/plugins.py":
        skip |= _default_plugins_strings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            yield node.lineno, node.value


# ------------------------------------------------------------------ 1. imports
def builtin_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [f"{node.lineno}: import {a.name}" for a in node.names if BUILTIN_MODULE.match(a.name)]
        elif isinstance(node, ast.ImportFrom) and node.module:
            module = node.module
            if node.level:  # relative: resolve against this file's package
                package = ["htdy", *path.relative_to(REPO).parent.parts]
                module = ".".join(package[:len(package) - node.level + 1] + [module])
            if BUILTIN_MODULE.match(module) or (module == "htdy" and any(
                    a.name in BUILTIN_PACKAGES for a in node.names)):
                found.append(f"{node.lineno}: from {module} import …")
    found += [f"{line}: {value!r}" for line, value in strings(path) if BUILTIN_MODULE.match(value)]
    return found


def test_the_import_scan_sees_an_import_of_a_builtin(tmp_path: Path) -> None:
    """Guards the checks below against passing by reading nothing."""
    probe = CORE / "_probe_boundaries.py"
    probe.write_text('import importlib\n\ndef f():\n    from htdy.parsers.extract.places import warm\n'
                     '    importlib.import_module("htdy.renderers.pdf")\n    return "typst"\n', encoding="utf-8")
    try:
        assert [x.split(":")[0] for x in builtin_imports(probe)] == ["4", "5"]
        assert "typst" in builtin_names() and (5, "htdy.renderers.pdf") in set(strings(probe))
    finally:
        probe.unlink()


@pytest.mark.parametrize("path", core_files(), ids=rel)
def test_core_module_imports_no_builtin(path: Path) -> None:
    assert not builtin_imports(path), f"{rel(path)} names built-in plugin modules: {builtin_imports(path)}"


# ------------------------------------------------------------------ 2. registry lookups by name
def literal_lookups(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))

    def is_registry(node: ast.AST) -> bool:
        return isinstance(node, ast.Attribute) and node.attr in REGISTRY_SLOTS

    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and is_registry(node.func.value) \
                and node.args and isinstance(node.args[0], ast.Constant):
            found.append(f"{node.lineno}: .{node.func.value.attr}.{node.func.attr}({node.args[0].value!r})")
        elif isinstance(node, ast.Compare) and isinstance(node.left, ast.Constant) and \
                any(isinstance(op, ast.In | ast.NotIn) for op in node.ops) and any(map(is_registry, node.comparators)):
            found.append(f"{node.lineno}: {node.left.value!r} in registry")
        elif isinstance(node, ast.Subscript) and is_registry(node.value) and isinstance(node.slice, ast.Constant):
            found.append(f"{node.lineno}: registry[{node.slice.value!r}]")
    return found


@pytest.mark.parametrize("path", core_files(), ids=rel)
def test_core_looks_up_no_implementation_by_literal_name(path: Path) -> None:
    assert not literal_lookups(path), f"{rel(path)}: {literal_lookups(path)}"


# ------------------------------------------------------------------ 3. names of built-ins
def builtin_names() -> set[str]:
    """Names the built-in plugins register (every slot), their route names, and the engines
    and backends they declare — minus words that are also core's own vocabulary."""
    from htdy.core.host.config import Settings
    from htdy.core.host.interfaces import PageNames
    from htdy.core.host.plugins import build_registries, get_plugin_manager
    from htdy.core.services.parsing.sniff import KINDS

    pm = get_plugin_manager(load_entrypoints=False)
    regs = build_registries(pm)
    names: set[str] = set()
    formats: set[str] = set()
    for slot in REGISTRY_SLOTS - {"templates"}:
        registry = getattr(regs, slot)
        names.update(registry.names())
    for name in regs.renderers.names():
        formats.update(regs.renderers.capability(name, "formats", ()))
        if engine := regs.renderers.capability(name, "engine"):
            names.add(engine)
    for _, cls in regs.parsers.items():  # e.g. the PDF parser's text backends
        field = getattr(getattr(cls, "Options", None), "model_fields", {}).get("backend")
        if field is not None and hasattr(field.annotation, "__args__"):
            names.update(a for a in field.annotation.__args__ if isinstance(a, str))
    for routes in pm.hook.htdy_register_routes():
        for route in routes or ():
            if (kw := getattr(route, "kwargs", {})).get("name") and kw["name"] not in vars(PageNames).values():
                names.add(kw["name"])
    own = formats | set(KINDS) | set(Settings.model_fields["rendering"].annotation.model_fields["gateway"]
                                     .annotation.__args__) | {"pool", "memory", "console", "json"}
    return names - own


def test_builtin_names_are_collected() -> None:
    names = builtin_names()
    assert {"typst", "ocr_pdf", "s3", "opensearch", "redis", "embedded", "smtp", "weasyprint"} <= names
    assert {"pdfium", "pdfminer"} <= names and any(n.startswith("web-") for n in names)
    assert "pdf" not in names and "html" not in names  # formats: core's own words


def test_core_strings_name_no_builtin() -> None:
    names = builtin_names()
    found = []
    for path in core_files():
        for line, value in strings(path):
            if value in names and (rel(path), value) not in ALLOWED:
                found.append(f"{rel(path)}:{line}: {value!r}")
    assert not found, "core names built-in implementations:\n" + "\n".join(found)


def test_allowed_exceptions_are_still_needed() -> None:
    """An exception no longer used is removed from ALLOWED (the list only shrinks)."""
    names = builtin_names()
    used = {(rel(p), v) for p in core_files() for _, v in strings(p) if v in names}
    assert set(ALLOWED) <= used, sorted(set(ALLOWED) - used)


# ------------------------------------------------------------------ 4. cycles
def module_name(path: Path) -> str:
    parts = ["htdy", *path.relative_to(REPO).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    mods = {module_name(p): p for p in core_files()}
    graph: dict[str, set[str]] = {m: set() for m in mods}

    def add(src: str, target: str) -> None:
        while target:  # importing a.b.c runs a/__init__, a/b/__init__ too
            if target in mods and target != src and not src.startswith(target + "."):
                graph[src].add(target)
            target = target.rpartition(".")[0]

    for mod, path in mods.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        nodes = list(tree.body)
        nodes += [n for stmt in tree.body if isinstance(stmt, ast.If) for n in stmt.body]  # TYPE_CHECKING
        for node in nodes:
            if isinstance(node, ast.Import):
                for a in node.names:
                    add(mod, a.name)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for a in node.names:
                    add(mod, f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in mods else node.module)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_core_has_no_import_cycles() -> None:
    graph = import_graph()
    assert "htdy.core.http.routing" in graph["htdy.core.http.appkeys"]  # the graph is read, not empty
    assert not cycles(graph), cycles(graph)

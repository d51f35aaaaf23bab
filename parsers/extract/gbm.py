"""Prediction with a LightGBM model file through LightGBM's C library, without its Python package.

``import lightgbm`` pulls in SciPy (about a second, four under load) and NumPy; a parse needs
neither: a few dozen rows per document go through ``LGBM_BoosterPredictForMat`` as a ctypes array.
The library is the one the ``lightgbm`` wheel ships (found without importing the package).
"""
from __future__ import annotations

import ctypes
import importlib.util
from pathlib import Path

_DTYPE_FLOAT64 = 1
_PREDICT_NORMAL = 0


def _library() -> ctypes.CDLL:
    spec = importlib.util.find_spec("lightgbm")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the lightgbm package is not installed")
    base = Path(next(iter(spec.submodule_search_locations)))
    for name in ("lib/lib_lightgbm.so", "lib_lightgbm.so", "lib/lib_lightgbm.dylib", "lib/lib_lightgbm.dll"):
        if (base / name).exists():
            return ctypes.cdll.LoadLibrary(str(base / name))
    raise RuntimeError(f"no LightGBM library under {base}")


class Booster:
    """A trained model: ``predict(rows)`` gives one probability list per row."""

    def __init__(self, model_file: Path) -> None:
        self._lib = _library()
        self._handle = ctypes.c_void_p()
        iterations = ctypes.c_int()
        self._check(self._lib.LGBM_BoosterCreateFromModelfile(
            str(model_file).encode(), ctypes.byref(iterations), ctypes.byref(self._handle)))
        classes = ctypes.c_int()
        self._check(self._lib.LGBM_BoosterGetNumClasses(self._handle, ctypes.byref(classes)))
        self.classes = classes.value

    def _check(self, code: int) -> None:
        if code != 0:
            self._lib.LGBM_GetLastError.restype = ctypes.c_char_p
            raise RuntimeError(self._lib.LGBM_GetLastError().decode())

    def predict(self, rows: list[list[float]]) -> list[list[float]]:
        if not rows:
            return []
        n, m = len(rows), len(rows[0])
        data = (ctypes.c_double * (n * m))(*(float(v) for r in rows for v in r))
        out = (ctypes.c_double * (n * self.classes))()
        out_len = ctypes.c_int64()
        self._check(self._lib.LGBM_BoosterPredictForMat(
            self._handle, data, ctypes.c_int(_DTYPE_FLOAT64), ctypes.c_int32(n), ctypes.c_int32(m),
            ctypes.c_int(1), ctypes.c_int(_PREDICT_NORMAL), ctypes.c_int(0), ctypes.c_int(-1),
            ctypes.c_char_p(b"num_threads=1"), ctypes.byref(out_len), out))
        k = self.classes
        return [list(out[i * k:(i + 1) * k]) for i in range(n)]

    def __del__(self) -> None:
        if getattr(self, "_handle", None):
            self._lib.LGBM_BoosterFree(self._handle)

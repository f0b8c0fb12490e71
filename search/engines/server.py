"""OpenSearch (opensearch-py) and Elasticsearch (elasticsearch-py): the elasticsearch-dsl
mapping and query of :mod:`search.documents` sent as they are to either.

``index_name`` is an alias of a versioned index (``<index_name>-<nanoseconds>``): a rebuild
fills a new index and moves the alias in one atomic request, then deletes the old index.

On a cluster, the address lists every node (``http://a:9200,http://b:9200``): a request that
cannot reach one node is retried on the next (:data:`NODE_RETRIES`), and a bulk write that a
node's failure interrupts (a node gone, a shard's primary being moved to its replica) is sent
again, whole, for up to :data:`WRITE_RETRY_SECONDS`: documents are written by id, so a repeat
changes nothing, and a write is only reported done once every document of it was accepted.
"""

from __future__ import annotations

import copy
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import TYPE_CHECKING, cast

from search.documents import (
    EXACT_FIELDS,
    FACETS,
    PageDocument,
    SearchRequest,
    filters,
    index_body,
    query_body,
)
from search.engines.base import Engine, EngineUnavailable, SearchResults

if TYPE_CHECKING:
    from elasticsearch import Elasticsearch
    from opensearchpy import OpenSearch

logger = logging.getLogger(__name__)
TIMEOUT = 10
#: Other nodes tried when one cannot be reached (or answers 502/503/504).
NODE_RETRIES = 2
#: How long a bulk write keeps being retried while the cluster recovers from a node failure
#: (the master notices a killed node within seconds and promotes the replicas of its shards).
WRITE_RETRY_SECONDS = 90
#: A force merge of a whole index can outlast the usual request timeout.
MERGE_TIMEOUT = 600


def addresses(address: str) -> list[str]:
    """The node URLs of ``address`` (comma-separated; a node without a scheme takes the first
    node's)."""
    nodes = [node.strip() for node in address.split(",") if node.strip()]
    scheme = nodes[0].split("://", 1)[0] if "://" in nodes[0] else "http"
    return [node if "://" in node else f"{scheme}://{node}" for node in nodes]


def _is_missing_delete(error: object) -> bool:
    """A bulk item error for deleting a document that does not exist (nothing to do)."""
    return isinstance(error, dict) and error.get("delete", {}).get("status") == 404


class ServerEngine(Engine):
    """An index named ``index_name`` on the ``product`` server at ``address``."""

    def __init__(self, product: str, address: str, index_name: str) -> None:
        self.name = product
        self.index_name = index_name
        hosts = addresses(address)
        # The clients are imported only when used: opensearch-py is an optional extra.
        self.client: OpenSearch | Elasticsearch
        self.helpers: ModuleType  # the client library's bulk and scan helpers
        if product == "opensearch":
            import opensearchpy

            self.client = opensearchpy.OpenSearch(
                hosts, timeout=TIMEOUT, max_retries=NODE_RETRIES, retry_on_timeout=True
            )
            self.helpers = opensearchpy.helpers
            self.errors: tuple[type[Exception], ...] = (
                opensearchpy.exceptions.OpenSearchException,
            )
        else:
            import elastic_transport
            import elasticsearch
            import elasticsearch.helpers

            self.client = elasticsearch.Elasticsearch(
                hosts, request_timeout=TIMEOUT, max_retries=NODE_RETRIES, retry_on_timeout=True
            )
            self.helpers = elasticsearch.helpers
            self.errors = (elasticsearch.ApiError, elastic_transport.TransportError)

    def _write(self, actions: list[dict], refresh: str | bool) -> None:
        """Send ``actions`` in one bulk request, again while the cluster recovers from a node
        failure; deleting a document that is not there is not a failure."""
        deadline = time.monotonic() + WRITE_RETRY_SECONDS
        delay = 0.25
        while True:
            try:
                _, errors = self.helpers.bulk(
                    self.client, actions, refresh=refresh, raise_on_error=False
                )
            except self.errors as error:
                errors = [error]
            failures = [e for e in errors if not _is_missing_delete(e)]
            if not failures:
                return
            if time.monotonic() + delay > deadline:
                message = f"{len(failures)} writes failed: {failures[0]}"
                raise EngineUnavailable(f"{self.name}: {message}")
            logger.warning("search: %d writes failed, retrying: %s", len(failures), failures[0])
            time.sleep(delay)
            delay = min(delay * 2, 4)

    def _call(self, method, **kwargs):
        try:
            return method(**kwargs)
        except self.errors as error:
            raise EngineUnavailable(f"{self.name}: {error}") from error

    def _with_body(self, method, body: dict, **kwargs):
        """``method`` with a request body (opensearch-py takes ``body``, elasticsearch-py 9
        its parts as arguments)."""
        if self.name == "opensearch":
            return self._call(method, body=body, **kwargs)
        return self._call(method, **body, **kwargs)

    def _create(self, **settings) -> str:
        """A new versioned index (with ``settings`` added), not yet behind the alias."""
        name = f"{self.index_name}-{time.time_ns()}"
        body = index_body()
        body["settings"] = {**body["settings"], **settings}  # a copy: to_dict() shares it
        # Every copy started before it is used: a primary lost before its replica was ready
        # could not be replaced, and the index could take no writes until the node is back.
        self._with_body(self.client.indices.create, body, index=name, wait_for_active_shards="all")
        return name

    def _swap(self, name: str) -> None:
        """Point the alias at index ``name`` in one request (readers never see no index), then
        delete what it pointed at (an index named like the alias, from before aliases, too)."""
        indices = self.client.indices
        if self._call(indices.exists_alias, name=self.index_name):
            old = list(self._call(indices.get_alias, name=self.index_name))
            removals = [{"remove": {"index": i, "alias": self.index_name}} for i in old]
        elif self._call(indices.exists, index=self.index_name):
            old, removals = [], [{"remove_index": {"index": self.index_name}}]
        else:
            old, removals = [], []
        actions = [*removals, {"add": {"index": name, "alias": self.index_name}}]
        self._with_body(indices.update_aliases, {"actions": actions})
        for index in old:
            self._call(indices.delete, index=index, ignore_unavailable=True)

    def reset(self) -> None:
        self._swap(self._create())

    @contextmanager
    def replacement(self) -> Iterator[ServerEngine]:
        """A new index filled without refreshes, merged to one segment and then swapped in for
        the alias (readers see the old index until then); deleted if the block fails."""
        new = copy.copy(self)
        new.index_name = self._create(refresh_interval="-1")
        indices = self.client.indices
        try:
            yield new
            default = {"settings": {"index": {"refresh_interval": None}}}
            self._with_body(indices.put_settings, default, index=new.index_name)
            if self.name == "opensearch":
                merge = indices.forcemerge
                options = {"request_timeout": MERGE_TIMEOUT}
            else:
                client = cast("Elasticsearch", self.client)  # every product but OpenSearch
                merge = client.options(request_timeout=MERGE_TIMEOUT).indices.forcemerge
                options = {}
            self._call(merge, index=new.index_name, max_num_segments=1, **options)
            new.flush()
        except BaseException:
            self._call(indices.delete, index=new.index_name, ignore_unavailable=True)
            raise
        self._swap(new.index_name)

    def metadata(self) -> dict | None:
        if not self._call(self.client.indices.exists, index=self.index_name):
            return None
        mapping = self._call(self.client.indices.get_mapping, index=self.index_name)
        (index,) = mapping.values()  # the one index behind the alias
        return dict(index["mappings"].get("_meta", {}))

    def index(self, documents: list[PageDocument], wait: bool = True) -> None:
        actions = [
            {"_index": self.index_name, "_id": doc.meta.id, "_source": doc.to_dict()}
            for doc in documents
        ]
        self._write(actions, "wait_for" if wait else False)

    def flush(self) -> None:
        self._call(self.client.indices.refresh, index=self.index_name)

    def delete(self, ids: list[str]) -> None:
        actions = [{"_op_type": "delete", "_index": self.index_name, "_id": i} for i in ids]
        self._write(actions, "wait_for")

    def fingerprints(self) -> dict[str, str]:
        try:
            return {
                hit["_id"]: hit["_source"].get("fingerprint", "")
                for hit in self.helpers.scan(
                    self.client, index=self.index_name, _source=["fingerprint"]
                )
            }
        except self.errors as error:
            raise EngineUnavailable(f"{self.name}: {error}") from error

    def search(self, request: SearchRequest) -> SearchResults:
        if not request.tokens:
            return SearchResults(total=0, hits=[])
        response = self._with_body(self.client.search, query_body(request), index=self.index_name)
        hits = [
            {**hit["_source"], "id": hit["_id"], "score": hit["_score"]}
            for hit in response["hits"]["hits"]
        ]
        facets = {
            name: [
                (b["key"], b["doc_count"])
                for b in response["aggregations"][name]["buckets"]
                if b["key"]
            ]
            for name in FACETS
        }
        return SearchResults(total=response["hits"]["total"]["value"], hits=hits, facets=facets)

    # Spelling suggestions (search.spelling): Lucene's term suggester finds the near terms;
    # counts and written forms come from filtered queries without scoring.

    def _search_body(self, body: dict) -> dict:
        if self.name == "opensearch":
            return self._call(self.client.search, index=self.index_name, body=body)
        return self._call(self.client.search, index=self.index_name, **body)

    def similar_terms(
        self, words: dict[str, int], fields: tuple[str, ...] = EXACT_FIELDS
    ) -> dict[str, dict[str, int]]:
        if not words:
            return {}
        suggest = {
            f"{n}-{field}": {
                "text": word,
                "term": {
                    "field": field,
                    "suggest_mode": "always",
                    "max_edits": edits,
                    "prefix_length": 0,
                    "min_word_length": 1,
                    "size": 100,
                    "accuracy": 0.1,
                    "string_distance": "damerau_levenshtein",
                },
            }
            for n, (word, edits) in enumerate(words.items())
            for field in fields
        }
        response = self._search_body({"size": 0, "track_total_hits": False, "suggest": suggest})
        found: dict[str, dict[str, int]] = {word: {} for word in words}
        for n, word in enumerate(words):
            for field in fields:
                for entry in response["suggest"][f"{n}-{field}"]:
                    for option in entry["options"]:
                        terms = found[word]
                        terms[option["text"]] = max(terms.get(option["text"], 0), option["freq"])
        return found

    @staticmethod
    def _exact(word: str, fields: tuple[str, ...]) -> dict:
        should = [{"term": {field: word}} for field in fields]
        return {"bool": {"should": should, "minimum_should_match": 1}}

    @staticmethod
    def _scope(request: SearchRequest) -> list[dict]:
        return [clause.to_dict() for clause in filters(request)]

    def words_present(
        self, request: SearchRequest, words: list[str], fields: tuple[str, ...] = EXACT_FIELDS
    ) -> set[str]:
        if not words:
            return set()
        body = {
            "size": 0,
            "track_total_hits": False,
            "query": {"bool": {"filter": self._scope(request)}},
            "aggs": {
                "words": {
                    "filters": {
                        "filters": {str(n): self._exact(w, fields) for n, w in enumerate(words)}
                    }
                }
            },
        }
        buckets = self._search_body(body)["aggregations"]["words"]["buckets"]
        return {word for n, word in enumerate(words) if buckets[str(n)]["doc_count"]}

    def count(self, request: SearchRequest) -> int:
        if not request.tokens:
            return 0
        query = query_body(request)["query"]
        if self.name == "opensearch":
            response = self._call(self.client.count, index=self.index_name, body={"query": query})
        else:
            response = self._call(self.client.count, index=self.index_name, query=query)
        return response["count"]

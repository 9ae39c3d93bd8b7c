#!/usr/bin/env bash
# Regenerates docs/tour.md: starts the packaged jar on a fresh data directory (simulated dialer, default
# settings), runs scripts/tour.sh against it with the first-start key, and writes its output.
# Usage: mvn -B -q package -DskipTests && scripts/tour-doc.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:-$ROOT/bootstrap/target/batchcall.jar}
DIR=$(mktemp -d)
PORT=${PORT:-18080}
trap 'kill $PID 2>/dev/null || true; rm -rf "$DIR"' EXIT
(cd "$DIR" && BATCHCALL_HTTP_PORT=$PORT exec java -jar "$JAR" >"$DIR/out.txt" 2>"$DIR/err.txt") &  # exec: $PID is the server, which the trap stops
PID=$!
for _ in $(seq 1 100); do grep -q "Bearer bc_" "$DIR/out.txt" 2>/dev/null && break; sleep 0.2; done
KEY=$(sed -nE 's/.*Bearer (bc_[A-Za-z0-9_-]+).*/\1/p' "$DIR/out.txt" | head -1)
OUT=$("$ROOT/scripts/tour.sh" "$KEY" "http://localhost:$PORT" | sed "s/localhost:$PORT/localhost:8080/g")
{
  echo "# The README's curl tour, as run"
  echo
  echo "Produced by \`scripts/tour-doc.sh\` (which runs \`./scripts/tour.sh <key>\` against \`java -jar bootstrap/target/batchcall.jar\`"
  echo "on a fresh data directory, simulated dialer, default settings) on $(date -u +%Y-%m-%d). Times and ids differ on every run;"
  echo "the simulated outcomes are seeded. \`TourDocTest\` fails when the fields shown here drift from the API's."
  echo
  echo '```'
  echo "$OUT"
  echo '```'
} > "$ROOT/docs/tour.md"
echo "docs/tour.md written"

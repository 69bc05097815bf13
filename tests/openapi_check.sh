#!/usr/bin/env bash
# Serves an empty database with the built `maillage` binary (argument) and checks its OpenAPI
# document, /api/openapi.json, against the OpenAPI 3.1 specification with
# openapi-spec-validator (Python). tests/api.rs checks that every API route is in it.
set -euo pipefail
bin=$(realpath "$1")
dir=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cd "$dir"
"$bin" serve --bind "127.0.0.1:$port" --database-url "sqlite://$dir/api.db" > serve.log 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 1 50); do
  curl -sf -o openapi.json "http://127.0.0.1:$port/api/openapi.json" && break
  sleep 0.2
done
test -s openapi.json || { echo "no /api/openapi.json from the server:"; cat serve.log; exit 1; }
python3 -c '
import json, sys
from openapi_spec_validator import validate
doc = json.load(open(sys.argv[1]))
validate(doc)
ops = sum(len(item) for item in doc["paths"].values())
schemas = len(doc["components"]["schemas"])
print("/api/openapi.json: valid OpenAPI", doc["openapi"] + ",", ops, "operations,", schemas, "schemas")
' openapi.json

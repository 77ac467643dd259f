#!/usr/bin/env bash
# The package as a user gets it (npm run test:package; .ci/run runs it). Packs the tarball, installs
# it into a fresh project OUTSIDE the repository with what a user adds beside it (msw, vitest,
# sql.js, ajv for the validators, typescript), and there runs, as the README tells users to:
#   npx stackql-docgen init, generate (docs copied from this project's docs/), tsc (strict), a
#   vitest file using the generated MSW handlers, the generated contract suites (sharded), and
#   stackql-docgen mock answered by curl.
# Then the same with the runtimes imported from the package (--runtime package), the compiled
# command on 120+ pages (worker threads, no tsx), --check from a sub-folder, and the gates.
#
# SMOKE_KEEP=1 keeps the temporary project. tsc runs with strict plus exactOptionalPropertyTypes,
# noUncheckedIndexedAccess and noPropertyAccessFromIndexSignature: the strictest projects users have.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/stackql-docgen-smoke.XXXXXX")
app="$work/app"
mock_pid=""
cleanup() {
  if [ -n "$mock_pid" ]; then kill "$mock_pid" 2>/dev/null || true; fi
  if [ "${SMOKE_KEEP:-}" = 1 ]; then echo "smoke: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
step() { printf '\n== smoke: %s\n' "$*"; }
fail() { echo "smoke: FAILED: $*" >&2; exit 1; }
case "$work" in "$repo"/*) fail "the temporary project must be outside the repository" ;; esac

# npm's INIT_CWD from an outer `npm run` would re-base the command's relative paths; a user's shell has none.
unset INIT_CWD

step "pack (prepare builds dist/)"
(cd "$repo" && npm pack --silent --pack-destination "$work" >/dev/null)
tarball=$(ls "$work"/stackql-docgen-*.tgz)

step "a fresh project in $app"
mkdir -p "$app"
cd "$app"
npm init -y >/dev/null
npm pkg set type=module >/dev/null
npm install --no-audit --no-fund --loglevel=error "$tarball" >/dev/null
npm install --no-audit --no-fund --loglevel=error --save-dev msw@^2.15 vitest@^4.1 sql.js @types/sql.js randexp@^0.5.3 ajv@^8 typescript@5.9 @types/node@20 >/dev/null
[ -x node_modules/.bin/stackql-docgen ] || fail "no stackql-docgen bin after install"

step "the prebuilt model validators and runtime bundles are in the package and current"
# Without them every run compiles the schema and runs esbuild again: the same output, only slower,
# so a package that left them out or shipped stale ones would go unnoticed (generator/model/validate.ts,
# generator/emit/runtime-bundle.ts).
node --input-type=module -e '
  import { readFileSync } from "node:fs";
  import { pathToFileURL, fileURLToPath } from "node:url";
  const dist = pathToFileURL(process.cwd() + "/node_modules/stackql-docgen/dist/generator/");
  const v = await import(new URL("model/validate.js", dist));
  const file = fileURLToPath(new URL(v.PREBUILT_VALIDATOR, new URL("model/validate.js", dist)));
  if (!v.loadPrebuiltValidators(file, readFileSync(v.SCHEMA_URL, "utf8"))) { console.error("prebuilt validators missing or stale:", file); process.exit(1); }
  const b = await import(new URL("emit/runtime-bundle.js", dist));
  const bundles = fileURLToPath(new URL(b.PREBUILT_BUNDLES, new URL("emit/runtime-bundle.js", dist)));
  if (readFileSync(bundles, "utf8") !== b.prebuiltBundlesText()) { console.error("prebuilt runtime bundles stale:", bundles); process.exit(1); }
' || fail "the package lacks current prebuilt validators or runtime bundles"

step "init"
npx stackql-docgen init
[ -f stackql-docgen.config.ts ] || fail "init wrote no stackql-docgen.config.ts"
if npx stackql-docgen init 2>/dev/null; then fail "a second init replaced the config without --force"; fi
cp -r "$repo/docs" ./docs

step "generate"
npx stackql-docgen generate --reporter json > generate.json
node -e '
  const r = JSON.parse(require("fs").readFileSync("generate.json", "utf8"));
  if (r.exitCode !== 0 || r.status !== "written" || r.summary.resources < 7 || r.files.written < 50) { console.error(r); process.exit(1); }
  if (!r.config.endsWith("stackql-docgen.config.ts")) { console.error("config not used:", r.config); process.exit(1); }
  console.log(`generate: ${r.summary.resources} resources, ${r.files.written} files written`);
'
[ -f generated/model.json ] && [ -f generated/mocks/handlers.ts ] && [ -f generated/contract/vitest.config.ts ] || fail "generate left out an output"
# A second run writes nothing and says so.
npx stackql-docgen generate --quiet | grep -E '^generated: 0 written, [0-9]+ unchanged, 0 removed' >/dev/null || fail "an unchanged second run wrote files"

step "the generated README names only packages this project installed"
node -e '
  const fs = require("fs");
  const app = JSON.parse(fs.readFileSync("package.json", "utf8"));
  const have = new Set(Object.keys({ ...app.dependencies, ...app.devDependencies }));
  const listed = [...fs.readFileSync("generated/README.md", "utf8").matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
  const missing = listed.filter((p) => !have.has(p));
  if (listed.length === 0 || missing.length > 0) { console.error("README lists", listed, "missing from package.json:", missing); process.exit(1); }
' || fail "generated/README.md lists a package the README at the top did not tell users to install"

step "tsc (strict, exactOptionalPropertyTypes, noUncheckedIndexedAccess, noPropertyAccessFromIndexSignature)"
extra='"exactOptionalPropertyTypes": true, "noUncheckedIndexedAccess": true, "noPropertyAccessFromIndexSignature": true,'
write_tsconfig() { # $1: file, $2: include list
  cat > "$1" <<EOF
{
  "compilerOptions": {
    "target": "ES2022", "module": "NodeNext", "moduleResolution": "NodeNext", "lib": ["ES2022", "DOM"],
    "strict": true, $extra
    "noEmit": true, "skipLibCheck": true, "types": ["node"]
  },
  "include": $2
}
EOF
}
mkdir -p test
cat > test/mocks.test.ts <<'EOF'
// The generated MSW handlers in a user's own vitest file: the generated client against them.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createHttpTransport, createStackQLClient } from '../generated/clients/index.js';
import { createHandlers, stackql } from '../generated/mocks/handlers.js';

const baseUrl = 'http://stackql.test';
const handlers = createHandlers({ baseUrl, seed: 7 });
const server = setupServer(...handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  handlers.engine.reset();
});
afterAll(() => server.close());

const client = createStackQLClient({ transport: createHttpTransport({ baseUrl }) });

it('creates, lists and deletes through the generated client and mocks', async () => {
  await client.query('confluent.iam.invitations', 'create_iam_v2invitation', { email: 'a@example.com' });
  const rows = await client.query('confluent.iam.invitations', 'list_iam_v2invitations', {});
  expect(rows.some((r) => r.email === 'a@example.com')).toBe(true);
});

it('answers with a resolver given in the test', async () => {
  server.use(stackql.link(baseUrl).select('confluent.iam.invitations', () => [{ id: 'inv-1', email: 'b@example.com' }]));
  const rows = await client.query('confluent.iam.invitations', 'list_iam_v2invitations', {});
  expect(rows.map((r) => r.id)).toEqual(['inv-1']);
});
EOF
write_tsconfig tsconfig.json '["generated", "test", "stackql-docgen.config.ts"]'
npx tsc -p tsconfig.json

step "vitest with the generated MSW handlers"
npx vitest run test/mocks.test.ts

step "the generated contract suites, in two shards"
npx stackql-docgen contract --shard 1/2
npx stackql-docgen contract --shard 2/2

step "stackql-docgen mock, answered by curl"
# The installed bin itself, not through npx: npm exec runs it under `sh -c`, and a SIGTERM to npm
# stops npm and that shell but never reaches the command (npm's own behaviour), which left the mock
# serving after the test. A terminal's Ctrl-C reaches the whole group, so users of npx are not
# affected; a script that stops the mock by pid should start the bin as here.
node_modules/.bin/stackql-docgen mock --port 0 > mock.log 2>&1 &
mock_pid=$!
url=""
for _ in $(seq 1 100); do
  url=$(grep -oE 'listening on http://127\.0\.0\.1:[0-9]+' mock.log | sed 's/listening on //' || true)
  [ -n "$url" ] && break
  kill -0 "$mock_pid" 2>/dev/null || { cat mock.log; fail "the mock exited"; }
  sleep 0.2
done
[ -n "$url" ] || { cat mock.log; fail "the mock never said where it listens"; }
health=$(curl -fsS "$url/health") || fail "/health"
echo "GET /health: $health"
[ "$health" = '{"status":"healthy"}' ] || fail "/health answered $health, not the middleware's {\"status\":\"healthy\"}"
answer=$(curl -fsS -X POST "$url/stackql" -H 'content-type: application/json' \
  -d '{"query":"SELECT id, email FROM confluent.iam.invitations"}') || fail "POST /stackql"
echo "POST /stackql: ${answer:0:160}..."
echo "$answer" | grep -q '"email"' || fail "POST /stackql answered no rows"
status=$(curl -sS -o /dev/null -w '%{http_code}' -X POST "$url/stackql" -H 'content-type: application/json' -d '{"query":"SELEC nonsense"}')
[ "$status" = 400 ] || fail "a bad statement answered $status, not 400"
missing=$(curl -sS -o /dev/null -w '%{http_code}' "$url/providers/nope/services")
[ "$missing" = 404 ] || fail "a meta route naming an unknown provider answered $missing, not 404"
sleep 0.2
grep -q '^POST /stackql 400 [0-9.]*ms  SELEC nonsense  → error: ' mock.log || { cat mock.log; fail "the request log does not show the failing statement and its error"; }
kill "$mock_pid"; wait "$mock_pid" 2>/dev/null || true; mock_pid=""
# Stopping the command stops the server it serves from (a child process: mocks/server/young-generation.ts).
sleep 0.5
if curl -fsS -o /dev/null "$url/health" 2>/dev/null; then fail "the mock still answers after its command was stopped"; fi

step "runtimes imported from the package (--runtime package)"
npx stackql-docgen generate --runtime package --out gen-pkg --quiet
[ ! -d gen-pkg/runtime ] && [ ! -d gen-pkg/mock-runtime ] || fail "--runtime package copied runtimes"
grep -q "from 'stackql-docgen/runtime/resource-client.js'" gen-pkg/clients/confluent/iam/invitations.d.ts || fail "clients do not import the package runtime"
write_tsconfig tsconfig.pkg.json '["gen-pkg"]'
npx tsc -p tsconfig.pkg.json
npx stackql-docgen contract --out gen-pkg

step "the compiled command on 121 pages: worker threads without tsx"
mkdir -p many
for i in $(seq 1 120); do
  mkdir -p "many/providers/example/compute/instances_$i"
  sed "s/example\.compute\.instances/example.compute.instances_$i/g" docs/providers/example/compute/instances/index.md > "many/providers/example/compute/instances_$i/index.md"
done
cp -r docs/providers/confluent many/providers/
npx stackql-docgen generate --docs many --out gen-many --threads 2 --no-cache --outputs clients 2> many.err | grep -E '^resources +121$' >/dev/null || { cat many.err; fail "121 resources expected"; }
grep -E '^parse +121 pages' many.err >/dev/null || { cat many.err; fail "no parse phase line"; }
[ ! -d gen-many/mocks ] && [ -d gen-many/clients ] || fail "--outputs clients wrote other outputs"

step "--check from a sub-folder (config above, paths from the config's folder)"
mkdir -p sub && (cd sub && npx stackql-docgen generate --check --quiet)

step "gates: --strict writes nothing; emptied docs do not wipe the output"
mkdir -p broken/providers && cp -r "$repo/test/fixtures/broken/providers/." broken/providers/
before=$(cat generated/model.json | md5sum)
if npx stackql-docgen generate --docs broken --strict --quiet 2> strict.err; then fail "--strict passed on broken docs"; fi
grep -q 'nothing written' strict.err || fail "--strict did not say nothing was written"
[ "$(md5sum < generated/model.json)" = "$before" ] || fail "--strict changed the output"
mkdir -p lonely && printf -- '---\ntitle: example\n---\n\n## Services\n\n- compute\n' > lonely/index.md
if npx stackql-docgen generate --docs lonely --quiet 2> lonely.err; then fail "a run removing most of the output passed"; fi
grep -q 'refusing to write' lonely.err || { cat lonely.err; fail "no refusal message"; }
[ "$(md5sum < generated/model.json)" = "$before" ] || fail "the refused run changed the output"

echo
echo "smoke: OK (the package installs and works in a fresh project)"

/**
 * The hostile-request list for `npm run fuzz`: every case of issue 13 that took the mock server
 * down or held it, and more of the same kind, each sent to a real server process. A case passes
 * when it is answered with the status class it should get (4xx/5xx for a refusal, 2xx where the
 * request is legitimate however odd) and the server then still answers /health.
 */
import { request } from 'node:http';
import { connect } from 'node:net';

export interface Answer {
  status: number;
  text: string;
}

export interface HostileCase {
  name: string;
  /** The status classes accepted: 'refused' is any 4xx/5xx. */
  expect: 'refused' | 'ok';
  run(url: string): Promise<Answer>;
}

export function send(url: string, method: string, path: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = request({ host: u.hostname, port: u.port, method, path, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const JSON_TYPE = { 'content-type': 'application/json' };
export const statement = (url: string, query: string, headers: Record<string, string> = JSON_TYPE) => send(url, 'POST', '/stackql', headers, JSON.stringify({ query }));
const control = (url: string, method: string, path: string, body?: unknown) => send(url, method, path, JSON_TYPE, body === undefined ? undefined : JSON.stringify(body));

/** Raw bytes, sent in pieces `gapMs` apart; resolves with the first status line's code (0 for none). */
export function raw(url: string, pieces: (string | Buffer)[], gapMs = 0, timeoutMs = 30_000): Promise<Answer> {
  return new Promise((resolve) => {
    const u = new URL(url);
    const socket = connect(Number(u.port), u.hostname);
    let text = '';
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ status: m ? Number(m[1]) : 0, text: text.slice(0, 300) });
    };
    const timer = setTimeout(done, timeoutMs);
    socket.setEncoding('utf8').on('data', (d: string) => (text += d));
    socket.on('close', done);
    socket.on('error', () => undefined);
    let i = 0;
    const next = () => {
      if (socket.destroyed || i >= pieces.length) return;
      socket.write(pieces[i++]);
      setTimeout(next, gapMs);
    };
    socket.on('connect', next);
  });
}

const deepArray = (n: number) => '['.repeat(n) + ']'.repeat(n);
const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
const R = 'confluent.iam.invitations';
const numbers = (n: number) => `'[${Array.from({ length: n }, (_, i) => i).join(',')}]'`;

export const HOSTILE_CASES: HostileCase[] = [
  // ---- issue 13, item 1: one request killed the process ------------------------------------
  { name: 'SELECT zeroblob(200000000) (ended the process in 4 s)', expect: 'refused', run: (u) => statement(u, `SELECT zeroblob(200000000) AS v FROM ${R}`) },
  { name: 'SELECT zeroblob(100000000) (pinned a core, grew past 4.2 GB)', expect: 'refused', run: (u) => statement(u, `SELECT zeroblob(100000000) AS v FROM ${R}`) },
  {
    name: 'INSERT of JSON text nested 20,000 deep into an object field, then SELECT',
    expect: 'refused',
    run: async (u) => {
      const r = await statement(u, `INSERT INTO ${R} (data__email, data__user) SELECT 'deep@x.y', '${deepArray(20_000)}'`);
      const after = await statement(u, `SELECT * FROM ${R}`);
      return after.status === 200 ? r : after;
    },
  },
  { name: 'fixtures with a value nested 20,000 deep', expect: 'refused', run: (u) => send(u, 'POST', '/__mock/fixtures', JSON_TYPE, `{"${R}":[{"rows":[{"id":"p","user":${deepObject(20_000)}}]}]}`) },
  // ---- item 5: one statement blocked every client ------------------------------------------
  { name: "REGEXP '(a+)+$' on a 27-character value", expect: 'refused', run: (u) => statement(u, `SELECT id FROM ${R} WHERE ('${'a'.repeat(27)}b' REGEXP '(a+)+$') = 1`) },
  { name: 'cross join of three 300-element json_each lists', expect: 'refused', run: (u) => statement(u, `SELECT count(*) AS n FROM ${R}, json_each(${numbers(300)}) AS a, json_each(${numbers(300)}) AS b, json_each(${numbers(300)}) AS c WHERE (a.value || b.value || c.value) REGEXP 'x'`) },
  { name: "printf('%.*c', 900000000, 'x') (left 1.16 GB resident)", expect: 'refused', run: (u) => statement(u, `SELECT printf('%.*c', 900000000, 'x') AS v FROM ${R}`) },
  { name: 'replace() amplification to a gigabyte', expect: 'refused', run: (u) => statement(u, `SELECT length(replace(hex(zeroblob(1000000)), '0', hex(zeroblob(1000)))) AS v FROM ${R}`) },
  // ---- item 7: deep nesting crashed the parser ---------------------------------------------
  { name: '2,000 nested parentheses', expect: 'refused', run: (u) => statement(u, `SELECT * FROM ${R} WHERE ${'('.repeat(2_000)}1${')'.repeat(2_000)}`) },
  { name: '10,000 NOT', expect: 'refused', run: (u) => statement(u, `SELECT * FROM ${R} WHERE ${'NOT '.repeat(10_000)}1`) },
  { name: '10,000 unary minus', expect: 'refused', run: (u) => statement(u, `SELECT ${'- '.repeat(10_000)}1 AS v FROM ${R}`) },
  { name: '8,000 AND terms on real columns (parses; a valid statement)', expect: 'ok', run: (u) => statement(u, `SELECT id FROM ${R} WHERE ${Array.from({ length: 8_000 }, () => "email <> 'x'").join(' AND ')}`) },
  { name: '8,000-term + chain', expect: 'refused', run: (u) => statement(u, `SELECT ${Array.from({ length: 8_000 }, () => 'id').join(' + ')} AS v FROM ${R}`) },
  // ---- item 2: any web page could drive the mock -------------------------------------------
  { name: 'cross-site text/plain POST /stackql (planting a row)', expect: 'refused', run: (u) => statement(u, `INSERT INTO ${R} (data__email) SELECT 'csrf@x.y'`, { origin: 'https://evil.example', 'content-type': 'text/plain' }) },
  { name: 'Origin: null POST /__mock/reset', expect: 'refused', run: (u) => send(u, 'POST', '/__mock/reset', { origin: 'null', ...JSON_TYPE }) },
  { name: 'DNS rebinding: Host evil.example', expect: 'refused', run: (u) => send(u, 'GET', '/__mock/state', { host: 'evil.example' }) },
  { name: 'text/plain POST /__mock/reset without Origin', expect: 'refused', run: (u) => send(u, 'POST', '/__mock/reset', { 'content-type': 'text/plain' }) },
  { name: 'cross-site GET /__mock/state (Sec-Fetch-Site, no Origin)', expect: 'refused', run: (u) => send(u, 'GET', '/__mock/state', { 'sec-fetch-site': 'cross-site' }) },
  { name: 'preflight from a foreign origin', expect: 'refused', run: (u) => send(u, 'OPTIONS', '/__mock/reset', { origin: 'https://evil.example', 'access-control-request-method': 'POST' }) },
  // ---- item 6: slow clients held sockets for minutes ---------------------------------------
  { name: 'headers one line per 300 ms', expect: 'refused', run: (u) => raw(u, ['GET /health HTTP/1.1\r\n', ...Array.from({ length: 60 }, (_, i) => `x-${i}: y\r\n`)], 300) },
  { name: 'body one byte per 300 ms', expect: 'refused', run: (u) => raw(u, ['POST /stackql HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 500\r\n\r\n', ...Array.from({ length: 60 }, () => ' ')], 300) },
  // ---- item 9: smaller ----------------------------------------------------------------------
  { name: 'override latency 2^31 ms', expect: 'refused', run: (u) => control(u, 'POST', '/__mock/override', { resource: R, latencyMs: 2 ** 31 }) },
  { name: 'fault status 204', expect: 'refused', run: (u) => control(u, 'POST', '/__mock/override', { resource: R, fault: { status: 204, message: 'x' } }) },
  { name: 'fault status 101', expect: 'refused', run: (u) => control(u, 'POST', '/__mock/override', { resource: R, fault: { status: 101, message: 'x' } }) },
  { name: 'column aliased "__proto__"', expect: 'ok', run: (u) => statement(u, `SELECT id AS "__proto__" FROM ${R}`) },
  // ---- more of the same kind ----------------------------------------------------------------
  { name: 'body of 2 MiB announced by content-length', expect: 'refused', run: (u) => send(u, 'POST', '/stackql', JSON_TYPE, JSON.stringify({ query: `SELECT '${'x'.repeat(2 ** 21)}'` })) },
  { name: 'body of 8 MiB streamed without content-length', expect: 'refused', run: (u) => raw(u, ['POST /stackql HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n', ...Array.from({ length: 128 }, () => `10000\r\n${'x'.repeat(0x10000)}\r\n`), '0\r\n\r\n']) },
  { name: 'JSON body nested 100,000 deep', expect: 'refused', run: (u) => send(u, 'POST', '/stackql', JSON_TYPE, deepArray(100_000)) },
  { name: 'params nested 1,000 deep', expect: 'refused', run: (u) => send(u, 'POST', '/stackql', JSON_TYPE, `{"query":"SELECT id FROM ${R}","params":{"a":${deepObject(1_000)}}}`) },
  { name: '20,000 params', expect: 'ok', run: (u) => send(u, 'POST', '/stackql', JSON_TYPE, JSON.stringify({ query: `SELECT id FROM ${R} WHERE email = '$p1'`, params: Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`p${i}`, 'v'])) })) },
  { name: 'not JSON', expect: 'refused', run: (u) => send(u, 'POST', '/stackql', JSON_TYPE, '{"query": ') },
  { name: 'lone surrogates and NUL in the statement', expect: 'refused', run: (u) => send(u, 'POST', '/stackql', JSON_TYPE, '{"query":"SELECT \\ud800\\u0000 FROM x.y.z"}') },
  { name: 'invalid UTF-8 bytes in the body', expect: 'refused', run: (u) => send(u, 'POST', '/stackql', JSON_TYPE, Buffer.from([0x7b, 0x22, 0x71, 0xff, 0xfe, 0x22, 0x7d])) },
  { name: 'URL of 40 KB', expect: 'refused', run: (u) => send(u, 'GET', `/providers/${'a'.repeat(40_000)}`) },
  { name: '2,000 headers', expect: 'refused', run: (u) => send(u, 'GET', '/health', Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`x-h${i}`, 'v']))) },
  { name: 'content-length and transfer-encoding together (smuggling)', expect: 'refused', run: (u) => raw(u, ['POST /stackql HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: 4\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n']) },
  { name: 'garbage request line', expect: 'refused', run: (u) => raw(u, ['\u0000\u0001 GARBAGE \r\n\r\n']) },
  { name: 'PROPFIND /stackql', expect: 'refused', run: (u) => send(u, 'PROPFIND', '/stackql') },
  { name: 'HEAD /stackql', expect: 'refused', run: (u) => send(u, 'HEAD', '/stackql') },
  { name: 'invalid percent-encoding in a path', expect: 'refused', run: (u) => send(u, 'GET', '/providers/%ZZ%/services/%E0%A4%A/resources') },
  { name: "SHOW ... LIKE '%a%a%a...%b' (exponential as a regex)", expect: 'ok', run: (u) => statement(u, `SHOW SERVICES IN confluent LIKE '${'%a'.repeat(40)}%b'`) },
  { name: 'REGISTRY followed by 1 MiB of spaces and a bang', expect: 'refused', run: (u) => send(u, 'POST', '/stackql', JSON_TYPE, JSON.stringify({ query: `REGISTRY list aws${' '.repeat(1_000_000)}!` })) },
  { name: 'EXEC with @@json nested 5,000 deep', expect: 'refused', run: (u) => statement(u, `EXEC google.cloudidentity.userinvitations.send @customersId = 'C01', @userinvitationsId = 'i1', @@json = '${deepObject(5_000)}'`) },
  { name: 'UPDATE with a value nested 1,000 deep', expect: 'refused', run: (u) => statement(u, `UPDATE example.storage.buckets SET data__labels = '${deepObject(1_000)}' WHERE project = 'p' AND bucket = 'b'`) },
  { name: 'answer over the budget: 40 MB of hex through SQLite', expect: 'refused', run: (u) => statement(u, `SELECT hex(zeroblob(20000000)) AS v FROM ${R}`) },
  { name: 'statement of 1 MiB that does not parse', expect: 'refused', run: (u) => statement(u, `SELECT ${'a,'.repeat(400_000)} FROM`) },
  { name: 'two statements', expect: 'refused', run: (u) => statement(u, `SELECT id FROM ${R}; DELETE FROM ${R} WHERE id = 'x'`) },
  { name: 'json_tree of a 1 MiB document', expect: 'ok', run: (u) => statement(u, `SELECT count(*) AS n FROM ${R}, json_tree('${deepArray(60)}') AS t`) },
];

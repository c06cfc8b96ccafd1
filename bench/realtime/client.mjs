// Load client of bench/run-realtime-bench.sh: holds the STOMP connections, drives the phases through the server's
// bench driver (control port), measures, and prints key=value lines. One Node process, a minimal STOMP 1.2 client
// over `ws`: every frame is time-stamped in the socket's message callback, before any parsing, and parsed after the
// phase, so the client's own parsing does not sit in the measured latency.
import { createHash, createPrivateKey, createPublicKey, randomUUID, sign } from 'node:crypto';
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';

const env = (name, fallback) => process.env[name] ?? fallback;
const WS_URL = env('BENCH_WS_URL', 'ws://127.0.0.1:18095/ws');
const CONTROL = env('BENCH_CONTROL_URL', 'http://127.0.0.1:18096');
const SERVER_PID = env('BENCH_SERVER_PID');
const KEY_FILE = env('BENCH_KEY_FILE');
const USERS_FILE = env('BENCH_USERS_FILE');
const ISSUER = env('BENCH_ISSUER', 'betanet-marketplace');
const OUT = env('BENCH_OUT', '.');
const CONNECTIONS = Number(env('BENCH_CONNECTIONS', 10000));
const RATE = Number(env('BENCH_RATE', 1000));
const FANOUT_SUBSCRIBERS = Number(env('BENCH_FANOUT_SUBSCRIBERS', 1000));
const FANOUT_RATE = Number(env('BENCH_FANOUT_RATE', 10));
const FANOUT_SECONDS = Number(env('BENCH_FANOUT_SECONDS', 20));
const BARE_PORT = Number(env('BENCH_BARE_PORT', 18097));
const SOURCES = Number(env('BENCH_SOURCE_ADDRESSES', 4)); // 127.0.0.1 … 127.0.0.N: ephemeral ports per source
const DEFLATE = env('BENCH_OFFER_DEFLATE', '1') === '1'; // browsers offer permessage-deflate; so do we
const HEARTBEAT = 10000;

const nowMs = () => performance.timeOrigin + performance.now();
const log = (...args) => console.error(new Date().toISOString().slice(11, 19), ...args);
const result = (key, value) => console.log(`${key}=${value}`);

// ---------------------------------------------------------------------------------------------- access tokens
// The claims AccessTokens issues (iss, sub, iat, exp, jti, roles, sid), RS256 with the server's key; kid is the
// RFC 7638 thumbprint of the public key, as SigningKeys computes it.
const privateKey = createPrivateKey(readFileSync(KEY_FILE));
const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
const kid = createHash('sha256').update(JSON.stringify({ e: jwk.e, kty: 'RSA', n: jwk.n })).digest('base64url');
const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
function accessToken(userId) {
  const iat = Math.floor(Date.now() / 1000);
  const head = b64({ kid, alg: 'RS256' });
  const claims = b64({ iss: ISSUER, sub: userId, iat, exp: iat + 900, jti: randomUUID(), roles: ['BUYER'], sid: randomUUID() });
  const signature = sign('RSA-SHA256', Buffer.from(`${head}.${claims}`), privateKey).toString('base64url');
  return `${head}.${claims}.${signature}`;
}

// ------------------------------------------------------------------------------------------------ STOMP client
const open = new Set();
let sourceIndex = 0;

class Stomp {
  constructor(token, sink) {
    this.token = token;
    this.sink = sink; // array that receives [receivedAtMs, rawFrame] of MESSAGE frames
    this.lastSent = 0;
  }

  connect() {
    return new Promise((resolve, reject) => {
      const localAddress = `127.0.0.${1 + (sourceIndex++ % SOURCES)}`;
      const ws = new WebSocket(WS_URL, ['v12.stomp'], { localAddress, perMessageDeflate: DEFLATE });
      this.ws = ws;
      let connected = false;
      ws.on('open', () => this.send(`CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:${HEARTBEAT},${HEARTBEAT}\nAuthorization:Bearer ${this.token}\n\n\0`));
      ws.on('message', (data) => {
        const t = nowMs();
        const text = data.toString();
        if (text.startsWith('MESSAGE')) {
          this.sink.push([t, text]);
        } else if (text.startsWith('CONNECTED')) {
          connected = true;
          open.add(this);
          resolve(this);
        } else if (text.startsWith('ERROR')) {
          const message = /message:([^\n]*)/.exec(text)?.[1];
          if (!connected) reject(new Error(`ERROR ${message}`));
          else log('ERROR frame', message);
        }
      });
      ws.on('error', (e) => { if (!connected) reject(e); });
      ws.on('close', () => {
        open.delete(this);
        if (!connected) reject(new Error('closed before CONNECTED'));
        else closedUnexpectedly += this.closing ? 0 : 1;
      });
    });
  }

  // The simple broker sends no RECEIPT for SUBSCRIBE: the phases start a few seconds after the last SUBSCRIBE, and a
  // missing subscription would show as lost frames.
  subscribe(destination) {
    this.send(`SUBSCRIBE\nid:${randomUUID()}\ndestination:${destination}\n\n\0`);
  }

  send(frame) {
    this.lastSent = nowMs();
    this.ws.send(frame);
  }

  close() {
    this.closing = true;
    this.ws.close();
  }
}
let closedUnexpectedly = 0;

// Client heart-beats: a newline per connection every 10 s at most, spread over the interval.
setInterval(() => {
  const due = nowMs() - HEARTBEAT * 0.8;
  for (const connection of open) {
    if (connection.lastSent < due && connection.ws.readyState === WebSocket.OPEN) connection.send('\n');
  }
}, 500).unref();

async function connectAll(userIds, sink, destinationOf, concurrency = 48) {
  const connections = [];
  let failed = 0;
  let next = 0;
  const firstErrors = [];
  async function worker() {
    while (next < userIds.length) {
      const userId = userIds[next++];
      try {
        const connection = await new Stomp(accessToken(userId), sink).connect();
        connection.subscribe(destinationOf(userId));
        connections.push(connection);
      } catch (e) {
        failed += 1;
        if (firstErrors.length < 3) firstErrors.push(String(e.message ?? e));
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (firstErrors.length) log('connection failures:', firstErrors.join(' | '));
  return { connections, failed };
}

// ------------------------------------------------------------------------------------------ server measurements
function heapAfterGc() {
  execFileSync('jcmd', [SERVER_PID, 'GC.run'], { stdio: 'pipe' });
  const info = execFileSync('jcmd', [SERVER_PID, 'GC.heap_info'], { encoding: 'utf8' });
  const used = /used (\d+)K/.exec(info);
  return Number(used[1]) * 1024;
}
function rss() {
  const status = readFileSync(`/proc/${SERVER_PID}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) * 1024;
}
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 10 ms
}
const mb = (bytes) => (bytes / 1048576).toFixed(1);
const kb = (bytes) => (bytes / 1024).toFixed(1);

async function control(path) {
  const response = await fetch(`${CONTROL}${path}`, { method: 'POST' });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

// -------------------------------------------------------------------------------------------------- statistics
function percentiles(values) {
  const sorted = Float64Array.from(values).sort();
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  return { n: sorted.length, p50: at(50), p90: at(90), p99: at(99), max: sorted[sorted.length - 1] };
}
const fmt = (s) => `p50 ${s.p50.toFixed(1)} ms, p90 ${s.p90.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms, max ${s.max.toFixed(1)} ms (n=${s.n})`;
const body = (frame) => JSON.parse(frame.slice(frame.indexOf('\n\n') + 2, frame.lastIndexOf('\0')));
// "2025-01-01T10:00:00.123456Z" → ms since the epoch with µs precision
function instantMs(iso) {
  const dot = iso.indexOf('.');
  const seconds = Date.parse(dot < 0 ? iso : `${iso.slice(0, dot)}Z`) / 1000;
  const fraction = dot < 0 ? 0 : Number(`0.${iso.slice(dot + 1, -1)}`);
  return (seconds + fraction) * 1000;
}
function loopDelay() {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  return () => {
    histogram.disable();
    return `p99 ${(histogram.percentile(99) / 1e6).toFixed(1)} ms, max ${(histogram.max / 1e6).toFixed(1)} ms`;
  };
}

// -------------------------------------------------------------------------------------------------------- run
const users = readFileSync(USERS_FILE, 'utf8').trim().split('\n').map((line) => line.split(','));
const buyers = users.filter(([, email]) => email.startsWith('bench-buyer-')).map(([id]) => id).slice(0, CONNECTIONS);
const warmBuyers = users.filter(([, email]) => email.startsWith('bench-warm-')).map(([id]) => id);
const [fanoutUser, , fanoutOrder] = users.find(([, email]) => email === 'bench-fanout@bench.local');
log(`${buyers.length} buyers; fan-out user ${fanoutUser}, order ${fanoutOrder}; deflate offered: ${DEFLATE}`);

// 1. Warm-up (classes, JIT, caches, pools): the warm-up buyers connect, their orders change at the full rate, they
//    leave; then the baseline heap with no connection open.
{
  const frames = [];
  const { connections } = await connectAll(warmBuyers, frames, () => '/user/queue/orders');
  await sleep(2000);
  const run = await control(`/orders?rate=${RATE}&orders=${warmBuyers.length}&buyers=bench-warm-`);
  await sleep(2000);
  log(`warm-up: ${connections.length} connections, ${run.committed} changes, ${frames.length} frames`);
  connections.forEach((c) => c.close());
  await sleep(3000);
}
const heapBefore = heapAfterGc();
const rssBefore = rss();
result('baseline.heap_after_gc_mb', mb(heapBefore));
result('baseline.rss_mb', mb(rssBefore));

// 2. The connections: every buyer connects (CONNECT with its token) and subscribes to /user/queue/orders.
const orderFrames = [];
let started = nowMs();
let cpuStart = cpuSeconds(SERVER_PID);
const { connections, failed } = await connectAll(buyers, orderFrames, () => '/user/queue/orders');
const connectSeconds = (nowMs() - started) / 1000;
result('connections.open', connections.length);
result('connections.failed', failed);
result('connections.seconds', connectSeconds.toFixed(1));
result('connections.per_second', (connections.length / connectSeconds).toFixed(0));
result('connections.server_cpu_seconds', (cpuSeconds(SERVER_PID) - cpuStart).toFixed(1));
await sleep(5000);
const heapAfter = heapAfterGc();
const rssAfter = rss();
result('connections.heap_after_gc_mb', mb(heapAfter));
result('connections.rss_mb', mb(rssAfter));
result('connections.heap_per_connection_kb', kb((heapAfter - heapBefore) / connections.length));
result('connections.rss_per_connection_kb', kb((rssAfter - rssBefore) / connections.length));
writeFileSync(`${OUT}/heap-info.txt`, execFileSync('jcmd', [SERVER_PID, 'GC.heap_info'], { encoding: 'utf8' }));
writeFileSync(`${OUT}/class-histogram.txt`, execFileSync('jcmd', [SERVER_PID, 'GC.class_histogram'], { encoding: 'utf8', maxBuffer: 64 << 20 }).split('\n').slice(0, 60).join('\n'));

// 3. Order events: RATE real status changes a second to random buyers, through the outbox listener.
{
  log(`order events: ${RATE}/s, 3 changes per order`);
  const delay = loopDelay();
  cpuStart = cpuSeconds(SERVER_PID);
  started = nowMs();
  const run = await control(`/orders?rate=${RATE}&orders=${buyers.length}&buyers=bench-buyer-`);
  await sleep(3000); // frames of the last commits still on their way
  result('orders.planned', run.planned);
  result('orders.committed', run.committed);
  result('orders.failed', run.failed);
  if (run.failed) log('first failures:', run.firstFailures.join(' | '));
  result('orders.commits_per_second', (run.committed / (run.elapsedMs / 1000)).toFixed(0));
  result('orders.driver_late_starts', run.lateStarts);
  result('orders.server_cpu_percent', ((100 * (cpuSeconds(SERVER_PID) - cpuStart)) / ((nowMs() - started) / 1000)).toFixed(0));
  result('orders.client_loop_delay', delay());
  const received = new Map();
  let duplicates = 0;
  const fromAt = [];
  for (const [t, frame] of orderFrames) {
    const event = body(frame);
    const key = `${event.orderId} ${event.status}`;
    if (received.has(key)) duplicates += 1;
    else received.set(key, t);
    fromAt.push(t - instantMs(event.at));
  }
  const fromCommit = [];
  const timeline = []; // commit time since the phase started, latency: for a look at when slow frames happen
  let lost = 0;
  for (const [orderId, status, commitMicros] of run.commits) {
    const t = received.get(`${orderId} ${status}`);
    if (t === undefined) lost += 1;
    else {
      fromCommit.push(t - commitMicros / 1000);
      timeline.push(`${(commitMicros / 1000 - started).toFixed(1)},${(t - commitMicros / 1000).toFixed(2)}`);
    }
  }
  writeFileSync(`${OUT}/order-latencies.csv`, `commit_ms,latency_ms\n${timeline.sort((a, b) => parseFloat(a) - parseFloat(b)).join('\n')}\n`);
  result('orders.frames_received', orderFrames.length);
  result('orders.missing', lost); // no frame within 3 s of the driver's last commit
  result('orders.duplicates', duplicates);
  const commitStats = percentiles(fromCommit);
  result('orders.commit_to_frame', fmt(commitStats));
  result('orders.commit_to_frame_p99_ms', commitStats.p99.toFixed(1));
  result('orders.at_to_frame', fmt(percentiles(fromAt)));
}

// 4. Fan-out: FANOUT_SUBSCRIBERS sessions of the fan-out order's buyer subscribe to its topic (only an order's
//    buyer and seller may); the driver sends FANOUT_RATE frames a second to the topic. Results under `prefix`.
let frameSize = 400;
async function stompFanout(prefix) {
  const fanoutFrames = [];
  const { connections: subscribers, failed: subscribeFailures } = await connectAll(
    Array(FANOUT_SUBSCRIBERS).fill(fanoutUser), fanoutFrames, () => `/topic/orders.${fanoutOrder}`);
  result(`${prefix}.subscribers`, subscribers.length);
  result(`${prefix}.subscribe_failures`, subscribeFailures);
  await sleep(2000);
  log(`${prefix}: ${FANOUT_RATE}/s to ${subscribers.length} subscribers for ${FANOUT_SECONDS}s`);
  const delay = loopDelay();
  const cpuStart = cpuSeconds(SERVER_PID);
  const started = nowMs();
  const run = await control(`/fanout?order=${fanoutOrder}&rate=${FANOUT_RATE}&seconds=${FANOUT_SECONDS}`);
  await sleep(2000);
  result(`${prefix}.server_cpu_percent`, ((100 * (cpuSeconds(SERVER_PID) - cpuStart)) / ((nowMs() - started) / 1000)).toFixed(0));
  result(`${prefix}.client_loop_delay`, delay());
  result(`${prefix}.sent`, run.sent);
  result(`${prefix}.expected`, run.sent * subscribers.length);
  result(`${prefix}.received`, fanoutFrames.length);
  frameSize = Buffer.byteLength(fanoutFrames[0]?.[1] ?? '');
  result(`${prefix}.frame_bytes`, frameSize);
  const received = fanoutFrames.map(([t, frame]) => { const event = body(frame); return [event.sequence - 1000, t - instantMs(event.at)]; });
  const latencies = received.map(([, latency]) => latency);
  writeFileSync(`${OUT}/${prefix}-latencies.csv`, `message,latency_ms\n${received.map(([n, l]) => `${n},${l.toFixed(2)}`).join('\n')}\n`);
  const stats = percentiles(latencies);
  result(`${prefix}.latency`, fmt(stats));
  result(`${prefix}.p99_ms`, stats.p99.toFixed(1));
  subscribers.forEach((c) => c.close());
}

// 5. The floor: the same fan-out (subscribers, rate, message size) from a bare Node `ws` server, in this run, with
//    the STOMP server holding what it held during the fan-out just measured.
async function bareFanout(prefix) {
  const bare = spawn(process.execPath, [new URL('./bare-server.mjs', import.meta.url).pathname, String(BARE_PORT)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => bare.stdout.once('data', resolve));
  const bareFrames = [];
  const sockets = [];
  for (let i = 0; i < FANOUT_SUBSCRIBERS; i += 1) {
    const ws = new WebSocket(`ws://127.0.0.1:${BARE_PORT}/bare`, { localAddress: `127.0.0.${1 + (i % SOURCES)}`, perMessageDeflate: DEFLATE });
    ws.on('message', (data) => bareFrames.push([nowMs(), data.toString()]));
    await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
    sockets.push(ws);
  }
  await sleep(2000);
  log(`${prefix}: ${FANOUT_RATE}/s to ${sockets.length} clients for ${FANOUT_SECONDS}s, ${frameSize} bytes`);
  const delay = loopDelay();
  const cpuBare = cpuSeconds(bare.pid);
  const started = nowMs();
  const response = await fetch(`http://127.0.0.1:${BARE_PORT}/start?rate=${FANOUT_RATE}&seconds=${FANOUT_SECONDS}&size=${frameSize}`);
  const run = await response.json();
  await sleep(2000);
  result(`${prefix}.server_cpu_percent`, ((100 * (cpuSeconds(bare.pid) - cpuBare)) / ((nowMs() - started) / 1000)).toFixed(0));
  result(`${prefix}.client_loop_delay`, delay());
  result(`${prefix}.expected`, run.sent * sockets.length);
  result(`${prefix}.received`, bareFrames.length);
  const bareLatencies = bareFrames.map(([t, text]) => { const message = JSON.parse(text); return [message.n, t - message.at / 1000]; });
  writeFileSync(`${OUT}/${prefix}-latencies.csv`, `message,latency_ms\n${bareLatencies.map(([n, l]) => `${n},${l.toFixed(2)}`).join('\n')}\n`);
  const stats = percentiles(bareLatencies.map(([, l]) => l));
  result(`${prefix}.latency`, fmt(stats));
  result(`${prefix}.p99_ms`, stats.p99.toFixed(1));
  sockets.forEach((ws) => ws.close());
  bare.kill();
}

// 4 and 5 twice: with the CONNECTIONS idle connections still open (their state fills ~3/4 of the 1 GiB heap, so the
// young collections of the fan-out's garbage pause 20–50 ms), then with only the fan-out's audience connected, as in
// the issue's baseline measurement.
await stompFanout('fanout');
await bareFanout('bare');
result('connections.closed_unexpectedly', closedUnexpectedly);
for (const connection of connections) connection.close();
await sleep(5000);
await stompFanout('fanout_alone');
await bareFanout('bare_alone');

await sleep(1000);
process.exit(0);

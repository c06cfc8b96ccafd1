// The floor of the fan-out measurement: a bare WebSocket broadcast with Node's `ws`, no STOMP, no broker, no JSON
// mapping on the server. GET /start?rate=R&seconds=S&size=B sends R messages a second of about B bytes to every
// connected client, each stamped with its send time (µs since the epoch, same clock as the client's), and answers
// when done.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { WebSocketServer } from 'ws';

const port = Number(process.argv[2] ?? 18097);
const nowMicros = () => Math.round((performance.timeOrigin + performance.now()) * 1000);
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname !== '/start') {
    res.writeHead(404).end();
    return;
  }
  const rate = Number(url.searchParams.get('rate') ?? 10);
  const count = rate * Number(url.searchParams.get('seconds') ?? 30);
  const pad = 'x'.repeat(Math.max(0, Number(url.searchParams.get('size') ?? 400) - 60));
  const start = performance.now();
  let n = 0;
  const tick = () => {
    const message = JSON.stringify({ n, at: nowMicros(), pad });
    for (const client of wss.clients) client.send(message);
    n += 1;
    if (n < count) {
      setTimeout(tick, Math.max(0, start + (n * 1000) / rate - performance.now()));
    } else {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ sent: n, clients: wss.clients.size }));
    }
  };
  tick();
});
const wss = new WebSocketServer({ server, path: '/bare' });
server.listen(port, '127.0.0.1', () => console.log(`listening ${port}`));

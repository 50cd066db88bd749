// Preloaded with `node --import`: any socket or DNS attempt fails the process
// loudly, so a test can prove a command makes none. (Local IPC over a pipe or
// a Unix socket path is allowed: it is not the network.)
import dns from 'node:dns';
import net from 'node:net';
import tls from 'node:tls';
import http from 'node:http';
import https from 'node:https';
import dgram from 'node:dgram';

function refuse(what) {
  process.stderr.write(`NETWORK ATTEMPT: ${what}\n`);
  process.exit(99);
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const first = args[0];
  const isPath = typeof first === 'string' || (first && typeof first === 'object' && 'path' in first && first.path);
  if (!isPath) refuse(`net connect ${JSON.stringify(first)}`);
  return connect.apply(this, args);
};
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) {
  dns[name] = () => refuse(`dns.${name}`);
  dns.promises[name] = async () => refuse(`dns.promises.${name}`);
}
tls.connect = () => refuse('tls.connect');
http.request = () => refuse('http.request');
http.get = () => refuse('http.get');
https.request = () => refuse('https.request');
https.get = () => refuse('https.get');
dgram.createSocket = () => refuse('dgram.createSocket');
globalThis.fetch = async (url) => refuse(`fetch ${String(url)}`);

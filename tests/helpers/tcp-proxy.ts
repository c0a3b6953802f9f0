import { type AddressInfo, type Server, type Socket, connect, createServer } from 'node:net';

/**
 * A TCP forwarder between a server under test and its PostgreSQL, to stage an outage from the server's point of
 * view: `cut()` resets every open connection and refuses new ones (ECONNRESET, ECONNREFUSED — what a stopped or
 * restarting database looks like), `restore()` accepts again on the same port. PostgreSQL itself keeps serving
 * the other test files.
 */
export class TcpProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private silent = false;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  /** A proxy for a `postgres://` URL; `url` is the same URL through the proxy. */
  static async forUrl(url: string): Promise<{ proxy: TcpProxy; url: string }> {
    const parsed = new URL(url);
    const proxy = new TcpProxy(parsed.hostname, Number(parsed.port || 5432));
    await proxy.restore();
    parsed.hostname = '127.0.0.1';
    parsed.port = String(proxy.port);
    return { proxy, url: parsed.toString() };
  }

  /** Starts (again) accepting and forwarding connections, on the same port as before. */
  async restore(): Promise<void> {
    this.silent = false;
    if (this.server) return;
    const server = createServer((client) => {
      if (this.silent) {
        // A peer that takes the connection and never says a word (a network partition, a hung host).
        this.sockets.add(client);
        client.on('close', () => this.sockets.delete(client));
        client.on('error', () => undefined);
        return;
      }
      const upstream = connect(this.targetPort, this.targetHost);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** The outage: open connections are reset, new ones refused. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.resetAndDestroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The other outage: open connections are reset, new ones are accepted and then never answered. */
  async hang(): Promise<void> {
    await this.cut();
    await this.restore();
    this.silent = true;
  }

  async close(): Promise<void> {
    await this.cut();
  }
}

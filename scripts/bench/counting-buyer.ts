import { createServer } from 'node:http';

/**
 * The buyer at the end of "the whole stack": a local HTTP endpoint that answers every delivery
 * with success and only counts them (the recording buyer of the tests keeps every body in memory).
 */
export class CountingBuyer {
  posts = 0;
  url = '';

  private readonly server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      this.posts++;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"result":"success"}');
    });
  });

  private constructor() {}

  static async start(): Promise<CountingBuyer> {
    const buyer = new CountingBuyer();
    await new Promise<void>((r) => buyer.server.listen(0, '127.0.0.1', () => r()));
    buyer.url = `http://127.0.0.1:${(buyer.server.address() as { port: number }).port}`;
    return buyer;
  }

  close(): Promise<void> {
    return new Promise((r) => {
      this.server.closeAllConnections();
      this.server.close(() => r());
    });
  }
}

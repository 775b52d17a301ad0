// A buyer's lead endpoint for the demo: prints every lead it receives and answers success.
const http = require('node:http');

const port = Number(process.env.DEMO_BUYER_PORT || 4000);
http
  .createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      console.log(`${new Date().toISOString()} buyer received ${req.method} ${req.url} ${body}`);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"result":"success"}');
    });
  })
  .listen(port, '127.0.0.1', () => console.log(`demo buyer listening on http://127.0.0.1:${port}`));

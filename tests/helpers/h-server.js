// h-server.js - a node http server on 127.0.0.1, on a port the kernel
// picks: once it listens, the port is written to the file named by the
// first argument (through a temporary name, so that a reader never sees
// it half written).  It answers every request with "ok" until killed.
'use strict';
const fs = require('fs');
const http = require('http');

const server = http.createServer((req, res) => {
	res.end('ok\n');
});
server.listen(0, '127.0.0.1', () => {
	fs.writeFileSync(process.argv[2] + '.tmp', String(server.address().port));
	fs.renameSync(process.argv[2] + '.tmp', process.argv[2]);
});

// The baseline of every benchmark: a bare fastify answering "hello", in its own process.
import Fastify from 'fastify';

const port = Number(process.argv[2]);
const app = Fastify({ logger: false });
app.get('/', async () => 'hello');
await app.listen({ port, host: '127.0.0.1' });
console.log('ready');

// Serves stored images by id, cached for a year since an image never changes.
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { notFound } from '../errors.ts';
import { ID_PATTERN } from '../ids.ts';
import { findImage } from './images.ts';

const ImageParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });

export async function imagesRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/images/:id.jpg', { schema: { params: ImageParams } }, async (request, reply) => {
    const image = await findImage(app.db, request.params.id);
    if (!image) throw notFound();
    return reply
      .header('Cache-Control', 'public, max-age=31536000, immutable')
      .header('Content-Length', image.bytes.length)
      .type(image.contentType)
      .send(image.bytes);
  });
}

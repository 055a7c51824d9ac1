/**
 * JSON bodies for every route, within limits: restify's bodyReader refuses bodies over
 * `maxBodyBytes` (413), then the JSON's shape is measured before it is parsed (400 when
 * too deep or too many values), then it is parsed. Replaces restify's bodyParser, whose
 * JSON error echoes part of the body back to the client.
 */
import restify, { type Next, type Request, type RequestHandler, type Response } from 'restify';
import { checkJsonShape, type JsonShapeLimits } from './json-shape';

export interface BodyLimits extends JsonShapeLimits {
  maxBodyBytes: number;
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i;

export function bodyParsers(limits: BodyLimits): RequestHandler[] {
  const parseJson = (req: Request, res: Response, next: Next) => {
    const body: unknown = req.body;
    if (typeof body !== 'string' || body === '' || !JSON_TYPE.test(req.getContentType())) return next();
    const problem = checkJsonShape(body, limits);
    if (problem) {
      res.json(400, { error: problem === 'depth' ? `Bad request: JSON nested deeper than ${limits.maxDepth} levels` : `Bad request: more than ${limits.maxValues} values in the JSON` });
      return next(false);
    }
    try {
      req.body = JSON.parse(body) as unknown;
    } catch {
      res.json(400, { error: 'Bad request: the body is not valid JSON' });
      return next(false);
    }
    return next();
  };
  return [restify.plugins.bodyReader({ maxBodySize: limits.maxBodyBytes }), parseJson];
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { load } from 'js-yaml';

/**
 * Grid's published OpenAPI document (../grid-openapi/openapi.yaml, vendored
 * unchanged) as something tests can ask: which operation a method + path is,
 * and whether a body matches one of its schemas. OpenAPI 3.1 schemas are JSON
 * Schema 2020-12, so ajv validates them directly; `discriminator`, `example` and
 * the like are annotations to it (oneOf still decides).
 */

type Schema = Record<string, unknown>;

interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required?: boolean;
}

interface MediaTypes {
  readonly content?: Record<string, { schema?: Schema }>;
}

export interface Operation {
  readonly operationId: string;
  readonly method: string;
  /** The document's path template, e.g. `/auth/credentials/{id}/verify`. */
  readonly path: string;
  readonly parameters: readonly Parameter[];
  readonly requestBody?: MediaTypes & { readonly required?: boolean };
  readonly responses: Readonly<Record<string, MediaTypes>>;
}

const DOCUMENT_ID = 'grid-openapi.json';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** `/auth/credentials/{id}` and `/auth/credentials/:id` both become `/auth/credentials/{}`: names differ, shapes must not. */
export function pathShape(template: string): string {
  return template.replace(/\{[^}/]+\}|:[^/]+/g, '{}');
}

function jsonSchema(media: MediaTypes | undefined): Schema | undefined {
  return media?.content?.['application/json']?.schema;
}

export interface GridDocument {
  readonly operations: readonly Operation[];
  /** The operation for an exact method + path shape (see pathShape), if the document has one. */
  operation(method: string, shape: string): Operation | undefined;
  /** The operation a concrete request path (below the API prefix) falls under. */
  operationForPath(method: string, path: string): Operation | undefined;
  /** ajv's errors for `value` against a schema object taken from the document, or [] when it matches. */
  validate(schema: Schema, value: unknown): ErrorObject[];
  /** A named component schema, e.g. `Error404`. */
  componentSchema(name: string): Schema | undefined;
  jsonSchema: typeof jsonSchema;
}

function loadDocument(): GridDocument {
  const text = readFileSync(join(import.meta.dirname, '..', 'grid-openapi', 'openapi.yaml'), 'utf8');
  const document = load(text) as { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, Schema> } };
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats.default(ajv);
  // Only the components: refs in operation schemas point at #/components/schemas/….
  ajv.addSchema({ $id: DOCUMENT_ID, components: document.components }, DOCUMENT_ID);

  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    const shared = (item.parameters as Parameter[] | undefined) ?? [];
    for (const method of METHODS) {
      const op = item[method] as (Omit<Operation, 'method' | 'path'> & { parameters?: Parameter[] }) | undefined;
      if (!op) continue;
      operations.push({ ...op, method: method.toUpperCase(), path, parameters: [...shared, ...(op.parameters ?? [])] });
    }
  }
  const byShape = new Map(operations.map((op) => [`${op.method} ${pathShape(op.path)}`, op]));
  const patterns = operations.map((op) => ({
    op,
    pattern: new RegExp(`^${op.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}/]+\\?\}/g, '[^/]+')}$`),
  }));

  const compiled = new WeakMap<Schema, ValidateFunction>();
  return {
    operations,
    operation: (method, shape) => byShape.get(`${method} ${shape}`),
    // Literal segments win over parameters (`/agents/me` before `/agents/{agentId}`), as routers do.
    operationForPath: (method, path) =>
      byShape.get(`${method} ${path}`) ?? patterns.find(({ op, pattern }) => op.method === method && pattern.test(path))?.op,
    validate(schema, value) {
      let validator = compiled.get(schema);
      if (!validator) {
        // Rewrite local refs to point into the registered components.
        validator = ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', `"${DOCUMENT_ID}#/components/`)));
        compiled.set(schema, validator);
      }
      return validator(value) ? [] : [...(validator.errors ?? [])];
    },
    componentSchema: (name) => document.components.schemas[name],
    jsonSchema,
  };
}

let loaded: GridDocument | undefined;

/** The document, parsed once per process (it is about 1 MB of YAML). */
export function gridDocument(): GridDocument {
  loaded ??= loadDocument();
  return loaded;
}

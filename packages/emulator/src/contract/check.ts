import type { ErrorObject } from 'ajv';
import { GRID } from '../routes/prefix.ts';
import { CONTRACT_EXCEPTIONS, type ContractException } from './exceptions.ts';
import type { Exchange } from './exchange.ts';
import { gridDocument, type GridDocument, type Operation } from './document.ts';

/**
 * Checks one exchange on Grid's API against Grid's document:
 *  - every response: its status is one the operation lists, and its body matches
 *    that status's schema (no body where the document has none);
 *  - every request the emulator accepted (2xx): required query and header
 *    parameters, and the body against the operation's request schema. Requests it
 *    refused are the emulator tests' deliberate bad input, and are not checked.
 * A path with no operation (unknown route, wrong method) must answer the
 * document's generic `Error<status>` shape. Authsignal and admin routes are not
 * Grid's, so they are not checked. Listed exceptions are dropped from the result.
 */
export interface Violation {
  /** operationId, or `METHOD path` when the document has no operation for it. */
  readonly operation: string;
  readonly direction: 'request' | 'response';
  readonly status: number;
  readonly problem: string;
}

function describe(errors: readonly ErrorObject[]): string {
  return errors
    .slice(0, 6)
    .map((e) => `${e.instancePath || '(body)'} ${e.message}${e.keyword === 'enum' ? ` ${JSON.stringify(e.params.allowedValues)}` : ''}`)
    .join('; ');
}

function responseProblems(doc: GridDocument, op: Operation, exchange: Exchange): string[] {
  const { status, responseBody } = exchange;
  const listed = op.responses[String(status)] ?? op.responses[`${String(status)[0]}XX`] ?? op.responses.default;
  if (!listed) return [`status ${status} is not among the document's responses (${Object.keys(op.responses).join(', ')})`];
  const schema = doc.jsonSchema(listed);
  if (!schema) return responseBody === undefined ? [] : [`status ${status} has no body in the document, but one was sent`];
  if (responseBody === undefined) return [`status ${status} needs a JSON body`];
  const errors = doc.validate(schema, responseBody);
  return errors.length === 0 ? [] : [`body: ${describe(errors)}`];
}

function requestProblems(doc: GridDocument, op: Operation, exchange: Exchange): string[] {
  const problems: string[] = [];
  for (const parameter of op.parameters) {
    if (!parameter.required) continue;
    if (parameter.in === 'query' && !exchange.query.has(parameter.name)) problems.push(`query parameter ${parameter.name} is required`);
    if (parameter.in === 'header' && !exchange.requestHeaders.includes(parameter.name.toLowerCase()))
      problems.push(`header ${parameter.name} is required`);
  }
  const schema = doc.jsonSchema(op.requestBody);
  if (exchange.requestBody === undefined) {
    if (op.requestBody?.required) problems.push('a JSON body is required');
  } else if (!schema) {
    problems.push('the operation takes no body, but one was sent');
  } else {
    const errors = doc.validate(schema, exchange.requestBody);
    if (errors.length > 0) problems.push(`body: ${describe(errors)}`);
  }
  return problems;
}

function excepted(exceptions: readonly ContractException[], violation: Violation, exchange: Exchange): boolean {
  return exceptions.some(
    (e) =>
      e.operation === violation.operation &&
      (e.direction === 'both' || e.direction === violation.direction) &&
      (e.appliesTo === undefined || e.appliesTo(exchange)),
  );
}

/**
 * A request a client (the SDK, the demo backend) sends, checked whatever Grid
 * would answer: its path must be an operation and its parameters and body match.
 * `path` is below the API prefix and may carry a query string.
 */
export function requestViolations(
  request: { method: string; path: string; body?: unknown; headers?: Record<string, string> },
  exceptions: readonly ContractException[] = CONTRACT_EXCEPTIONS,
  doc: GridDocument = gridDocument(),
): Violation[] {
  const url = new URL(request.path, 'http://grid.invalid');
  const exchange: Exchange = {
    method: request.method,
    path: `${GRID}${url.pathname}`,
    query: url.searchParams,
    requestHeaders: Object.keys(request.headers ?? {}).map((name) => name.toLowerCase()),
    requestBody: request.body,
    status: 0,
    responseBody: undefined,
  };
  const op = doc.operationForPath(request.method, url.pathname);
  const violations: Violation[] = op
    ? requestProblems(doc, op, exchange).map((problem) => ({ operation: op.operationId, direction: 'request', status: 0, problem }))
    : [
        {
          operation: `${request.method} ${url.pathname}`,
          direction: 'request',
          status: 0,
          problem: 'the document has no operation for this method and path',
        },
      ];
  return violations.filter((v) => !excepted(exceptions, v, exchange));
}

export function contractViolations(
  exchange: Exchange,
  exceptions: readonly ContractException[] = CONTRACT_EXCEPTIONS,
  doc: GridDocument = gridDocument(),
): Violation[] {
  if (!exchange.path.startsWith(`${GRID}/`)) return [];
  const path = exchange.path.slice(GRID.length);
  const op = doc.operationForPath(exchange.method, path);
  const violations: Violation[] = [];
  const add = (direction: Violation['direction'], problems: string[], operation = op?.operationId ?? `${exchange.method} ${path}`) =>
    violations.push(...problems.map((problem) => ({ operation, direction, status: exchange.status, problem })));
  if (!op) {
    const generic = doc.componentSchema(`Error${exchange.status}`);
    const errors = generic ? doc.validate(generic, exchange.responseBody) : [];
    add(
      'response',
      generic ? (errors.length === 0 ? [] : [`body: ${describe(errors)}`]) : ['the document has no operation for this method and path'],
    );
  } else {
    add('response', responseProblems(doc, op, exchange));
    if (exchange.status >= 200 && exchange.status < 300) add('request', requestProblems(doc, op, exchange));
  }
  return violations.filter((v) => !excepted(exceptions, v, exchange));
}

export function formatViolation(v: Violation, exchange: Pick<Exchange, 'method' | 'path'>): string {
  return `${v.operation} (${exchange.method} ${exchange.path} → ${v.status}) ${v.direction}: ${v.problem}`;
}

// An Express app written in TypeScript and run by Node 26 as it is: Node strips the type
// annotations while loading the file (no build step, no source maps), and `tsc` checks the
// types separately (`npx tsc -p snippets/express/typescript-app`). Stripping only removes
// syntax, so the file uses only erasable TypeScript: no enums, namespaces or parameter
// properties (tsconfig.json's erasableSyntaxOnly makes tsc enforce that).
import express, { type NextFunction, type Request, type Response } from 'express';

const PRIORITIES = ['low', 'normal', 'high'] as const;
type Priority = (typeof PRIORITIES)[number];

interface NewTodo {
  title: string;
  priority?: Priority;
}

interface Todo {
  id: number;
  title: string;
  priority: Priority;
  done: boolean;
}

interface ErrorBody {
  error: string;
}

class HttpError extends Error {
  readonly status: number;
  readonly expose = true; // the message is written for clients

  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

function isPriority(value: unknown): value is Priority {
  return typeof value === 'string' && (PRIORITIES as readonly string[]).includes(value);
}

// Types vanish at run time, so a request body is `unknown` until checked. After this guard
// returns true, the compiler treats the body as a NewTodo.
function isNewTodo(body: unknown): body is NewTodo {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const { title, priority = 'normal' } = body as Record<string, unknown>;
  return typeof title === 'string' && title.trim().length >= 1 && title.trim().length <= 200 && isPriority(priority);
}

const todos: Todo[] = []; // in this process only; see the orm-migrations task for storage
const BODY_LIMIT = 16 * 1024;

export const app = express();
app.disable('x-powered-by');

// Size, then type, then parse: each problem with the body gets its own status (413, 415, 400).
function requireJson(req: Request, res: Response, next: NextFunction): void {
  if (Number(req.headers['content-length']) > BODY_LIMIT) return next(new HttpError(413, 'request entity too large'));
  if (!req.is('application/json')) return next(new HttpError(415, 'expected a JSON body (Content-Type: application/json)'));
  next();
}

// Request<params, response body, request body>: the generic parameters type the handler.
app.post('/todos', requireJson, express.json({ limit: BODY_LIMIT, inflate: false }), (req: Request<{}, Todo, unknown>, res: Response<Todo>) => {
  const body = req.body;
  if (!isNewTodo(body)) throw new HttpError(400, 'title must be 1 to 200 characters and priority one of low, normal, high');
  const todo: Todo = { id: todos.length + 1, title: body.title.trim(), priority: body.priority ?? 'normal', done: false };
  todos.push(todo);
  res.status(201).json(todo);
});

app.get('/todos', (req: Request, res: Response<Todo[]>) => {
  const wanted: unknown = req.query.priority; // a string, an array if repeated, or undefined
  if (wanted !== undefined && !isPriority(wanted)) throw new HttpError(400, 'priority must be one of low, normal, high');
  res.json(todos.filter((todo) => wanted === undefined || todo.priority === wanted));
});

// Anything no route matched: JSON, like every other answer.
app.use((req: Request, res: Response<ErrorBody>) => {
  res.status(404).json({ error: 'not found' });
});

const BODY_ERRORS: Record<string, [number, string]> = {
  'entity.parse.failed': [400, 'malformed JSON'],
  'entity.too.large': [413, 'request entity too large'],
  'charset.unsupported': [415, 'JSON must be UTF-8'],
  'encoding.unsupported': [415, 'unsupported content encoding'],
};

// What Express passes to an error handler is whatever was thrown: `unknown`, narrowed here.
app.use((err: unknown, req: Request, res: Response<ErrorBody>, next: NextFunction) => {
  if (res.headersSent) return next(err);
  const fields = (typeof err === 'object' && err !== null ? err : {}) as { type?: string; status?: number; expose?: boolean; message?: string };
  const known = fields.type === undefined ? undefined : BODY_ERRORS[fields.type];
  if (known) return res.status(known[0]).json({ error: known[1] });
  if (fields.status !== undefined && fields.status >= 400 && fields.status < 500) {
    return res.status(fields.status).json({ error: fields.expose && fields.message ? fields.message : 'bad request' });
  }
  console.error(err);
  res.status(500).json({ error: 'internal server error' });
});

"""gunicorn settings for production_server.app; every value can be overridden on the command line."""

import multiprocessing
import os

# Listen where the platform says; behind a reverse proxy keep 127.0.0.1.
bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"

# gunicorn's rule of thumb is (2 x cores) + 1 sync workers; WEB_CONCURRENCY overrides it.
_workers_text = os.environ.get("WEB_CONCURRENCY", str(multiprocessing.cpu_count() * 2 + 1))
if not (_workers_text.isascii() and _workers_text.isdigit()) or int(_workers_text) < 1:
    # Stop before any worker starts, with the variable's name (int() would only say "invalid literal").
    raise SystemExit(f"configuration error: WEB_CONCURRENCY must be a positive whole number, got {_workers_text!r}")
workers = int(_workers_text)

timeout = 30  # a worker silent for this long is killed and replaced
graceful_timeout = 10  # on SIGTERM, finish in-flight requests for up to 10 s
max_requests = 1000  # recycle workers now and then to contain slow leaks
max_requests_jitter = 100  # ...but not all at the same moment

accesslog = "-"  # access log to stdout; the process manager collects it
errorlog = "-"

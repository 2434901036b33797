"""The app gunicorn serves in production: a health check and a page that names its worker.

Start it from snippets/flask with:  gunicorn -c production_server/gunicorn.conf.py production_server.app:app
"""

import os

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

app = Flask(__name__)

if os.environ.get("BEHIND_PROXY") == "1":
    # Trust one proxy's X-Forwarded-For/-Proto, so request.remote_addr and url_for(_external=True)
    # see the client's address and https. Only enable it when a proxy really sits in front.
    app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1)


@app.get("/healthz")
def healthz():
    return {"status": "ok"}


@app.get("/")
def index():
    return {"message": "served by a worker process", "pid": os.getpid()}

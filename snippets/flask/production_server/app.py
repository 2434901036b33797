"""The app gunicorn serves in production: a health check and a page that names its worker.

Start it from snippets/flask with:  gunicorn -c production_server/gunicorn.conf.py production_server.app:app
"""

import os

from flask import Flask
from werkzeug.exceptions import HTTPException
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


@app.errorhandler(HTTPException)
def http_error(error: HTTPException):
    # Every HTTP error (404, 405, 413, 415...) as JSON instead of Werkzeug's HTML page. An
    # unhandled exception arrives here too, as a 500 whose answer says nothing about it.
    response = error.get_response()  # keeps headers such as Allow on a 405
    # Werkzeug's stock descriptions are long sentences: use the short name unless the code gave its own.
    custom = error.description != type(error).description
    response.data = app.json.dumps({"error": error.description if custom else error.name.lower()})
    response.content_type = "application/json"
    return response


if __name__ == "__main__":
    # For trying it without gunicorn (python -m production_server.app from snippets/flask): one
    # process, Werkzeug's development server. In production gunicorn serves it (see the docstring).
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "8000")))

"""Liveness and readiness endpoints for a load balancer or orchestrator, and graceful shutdown.

/healthz answers while the process can serve at all (restart me if not); /readyz also checks
what requests need - here the SQLite database - and answers 503 when traffic should go elsewhere.
Graceful shutdown is gunicorn's job: on SIGTERM it stops accepting connections, lets workers
finish their requests for up to --graceful-timeout seconds, then exits.
"""

import logging
import os
import sqlite3
import time

from flask import Flask, json
from werkzeug.exceptions import HTTPException

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 16 * 1024  # this API reads no bodies; refuse large ones early
app.config["DATABASE_PATH"] = os.environ.get("DATABASE_PATH", "app.sqlite3")
log = logging.getLogger(__name__)

with sqlite3.connect(app.config["DATABASE_PATH"]) as setup:  # fail at start-up, not on the first request
    setup.execute("CREATE TABLE IF NOT EXISTS visits (id INTEGER PRIMARY KEY, at TEXT NOT NULL)")


def database_ok() -> bool:
    try:
        # timeout: a locked database must not make the probe hang past the prober's own timeout.
        with sqlite3.connect(app.config["DATABASE_PATH"], timeout=1) as db:
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sqlite3.Error:
        log.exception("readiness: database check failed")  # details in the log, not the response
        return False


@app.get("/healthz")
def liveness():
    # Checks nothing outside the process: if a dependency is down, restarting this process
    # would not help, so liveness must not fail for that.
    return {"status": "ok"}


@app.get("/readyz")
def readiness():
    checks = {"database": "ok" if database_ok() else "failed"}
    if all(result == "ok" for result in checks.values()):
        return {"status": "ready", "checks": checks}
    return {"status": "not ready", "checks": checks}, 503


@app.get("/slow")
def slow():
    # Stands for a request that takes a while, to watch shutdown wait for it.
    time.sleep(0.5)
    return {"done": True}


@app.errorhandler(HTTPException)
def error_as_json(error: HTTPException):
    response = error.get_response()
    response.data = json.dumps({"error": error.name.lower()})
    response.content_type = "application/json"
    return response


if __name__ == "__main__":
    # The development server has no graceful shutdown; serve with gunicorn for that (see the run lines).
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "5000")))

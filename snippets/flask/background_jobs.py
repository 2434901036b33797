"""Background jobs in the web process: POST /jobs answers 202 at once, a thread pool does the work,
GET /jobs/<id> reports the status and, with ?wait=N, waits up to N seconds for the result.

Jobs live in this process's memory: each gunicorn worker has its own pool and its own jobs, and
a restart loses whatever was queued. For jobs that must survive restarts or run elsewhere, use a
task queue with a broker (Celery or RQ with Redis, for example); the HTTP side stays the same.
"""

import logging
import os
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from flask import Flask, abort, json, request, url_for
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter

WORK_SECONDS = 0.3  # stands for slow work: a report, an email, an image to resize
MAX_PENDING = 100  # refuse new jobs beyond this many queued or running, rather than grow without limit
MAX_WAIT_SECONDS = 5


class AsciiIntConverter(IntegerConverter):
    """<int:...> for ASCII digits only, like the Express version's /^[0-9]+$/: Werkzeug's own
    pattern is \\d+, which in Python also matches other scripts' digits ("٣" is Arabic-Indic 3)."""

    regex = r"[0-9]+"


app = Flask(__name__)
app.url_map.converters["int"] = AsciiIntConverter
app.config["MAX_CONTENT_LENGTH"] = 100 * 1024
log = logging.getLogger(__name__)

# Threads suit work that waits (I/O); CPU-heavy jobs would compete with request handling for the
# GIL, so run those in a separate worker process (or a task queue) instead.
_executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="job")
_jobs: dict[int, dict] = {}
_finished: dict[int, threading.Event] = {}
_lock = threading.Lock()


def count_words(text: str) -> dict:
    time.sleep(WORK_SECONDS)
    return {"words": len(text.split()), "characters": len(text)}


def _run(job_id: int, text: str) -> None:
    with _lock:
        _jobs[job_id]["status"] = "running"
    try:
        update = {"status": "done", "result": count_words(text)}
    except Exception:
        log.exception("job %s failed", job_id)  # the details go to the log, not to clients
        update = {"status": "failed", "error": "job failed"}
    with _lock:
        _jobs[job_id].update(update)
    _finished[job_id].set()


def read_json_object() -> dict:
    request.get_data()  # reads at most MAX_CONTENT_LENGTH: a larger body is 413 whatever its type
    if request.mimetype != "application/json":
        abort(415, "expected a JSON body (Content-Type: application/json)")
    if request.content_encoding not in (None, "", "identity"):
        abort(415, "send the body uncompressed")  # Werkzeug does not decode Content-Encoding
    if request.mimetype_params.get("charset", "utf-8").lower() not in ("utf-8", "utf8"):
        abort(415, "JSON must be UTF-8")
    data = request.get_json(silent=True)
    if data is None:
        abort(400, "malformed JSON")
    if not isinstance(data, dict):
        abort(400, "body must be a JSON object")
    return data


@app.post("/jobs")
def create_job():
    text = read_json_object().get("text")
    if not isinstance(text, str) or not 1 <= len(text) <= 10_000:
        abort(400, "text must be a string of 1 to 10000 characters")
    with _lock:
        if sum(job["status"] in ("queued", "running") for job in _jobs.values()) >= MAX_PENDING:
            return {"error": "too many jobs queued, try again later"}, 503, {"Retry-After": "5"}
        job_id = len(_jobs) + 1
        _jobs[job_id] = {"id": job_id, "status": "queued"}
        _finished[job_id] = threading.Event()
        answer = dict(_jobs[job_id])  # a snapshot: the pool may start the job before we return
    _executor.submit(_run, job_id, text)
    return answer, 202, {"Location": url_for("get_job", job_id=job_id)}


@app.get("/jobs/<int:job_id>")
def get_job(job_id: int):
    waits = request.args.getlist("wait") or ["0"]
    if len(waits) != 1 or not re.fullmatch(r"[0-9]", waits[0]) or int(waits[0]) > MAX_WAIT_SECONDS:
        abort(400, f"wait must be a whole number from 0 to {MAX_WAIT_SECONDS}")
    finished = _finished.get(job_id)
    if finished is None:
        abort(404, "job not found")
    # Long polling: hold the request until the job ends or the wait runs out. With gunicorn's
    # sync workers this holds a whole worker, so keep waits short or use threaded workers.
    finished.wait(timeout=int(waits[0]))
    with _lock:
        return dict(_jobs[job_id])


@app.errorhandler(HTTPException)
def error_as_json(error: HTTPException):
    message = error.description if error.description != type(error).description else error.name.lower()
    response = error.get_response()
    response.data = json.dumps({"error": message})
    response.content_type = "application/json"
    return response


if __name__ == "__main__":
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "5000")))

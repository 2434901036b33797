import time

import background_jobs
import pytest
from background_jobs import app

client = app.test_client()


def create(text="to be or not to be"):
    response = client.post("/jobs", json={"text": text})
    assert response.status_code == 202
    return response


def test_202_at_once_then_the_result():
    started = time.monotonic()
    response = create()
    assert time.monotonic() - started < background_jobs.WORK_SECONDS  # did not wait for the work
    job = response.get_json()
    assert job["status"] == "queued" and response.headers["Location"] == f"/jobs/{job['id']}"
    assert client.get(f"/jobs/{job['id']}").get_json()["status"] in ("queued", "running")
    done = client.get(f"/jobs/{job['id']}?wait=5").get_json()
    assert done == {"id": job["id"], "status": "done", "result": {"words": 6, "characters": 18}}


def test_jobs_run_concurrently_in_the_pool():
    started = time.monotonic()
    ids = [create(f"job {n}").get_json()["id"] for n in range(4)]
    results = [client.get(f"/jobs/{job_id}?wait=5").get_json() for job_id in ids]
    assert [r["status"] for r in results] == ["done"] * 4
    # Two workers: four jobs take about two rounds of work, not four.
    assert time.monotonic() - started < 3.5 * background_jobs.WORK_SECONDS


def test_a_failing_job_reports_failure_without_details(monkeypatch):
    def broken(text):
        raise ValueError("secret detail")

    monkeypatch.setattr(background_jobs, "count_words", broken)
    job_id = create().get_json()["id"]
    result = client.get(f"/jobs/{job_id}?wait=5").get_json()
    assert result == {"id": job_id, "status": "failed", "error": "job failed"}


def test_a_full_queue_is_503(monkeypatch):
    monkeypatch.setattr(background_jobs, "MAX_PENDING", 0)
    response = client.post("/jobs", json={"text": "x"})
    assert response.status_code == 503 and response.headers["Retry-After"] == "5"


@pytest.mark.parametrize(
    ("path", "status", "error"),
    [
        ("/jobs/999999", 404, "job not found"),
        ("/jobs/1?wait=6", 400, "wait must be a whole number from 0 to 5"),
        ("/jobs/1?wait=%D9%A3", 400, "wait must be a whole number from 0 to 5"),
        ("/jobs/1?wait=1&wait=2", 400, "wait must be a whole number from 0 to 5"),
    ],
)
def test_bad_lookups(path, status, error):
    create()
    response = client.get(path)
    assert response.status_code == status and response.get_json() == {"error": error}


def test_bad_bodies():
    assert client.post("/jobs", json={"text": ""}).status_code == 400
    assert client.post("/jobs", json=["x"]).get_json() == {"error": "body must be a JSON object"}
    assert client.post("/jobs", data="{", content_type="application/json").status_code == 400
    assert client.post("/jobs", data='{"text": "x"}', content_type="text/plain").status_code == 415
    assert client.post("/jobs", data="x" * 200_000).status_code == 413

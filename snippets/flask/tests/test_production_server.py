import runpy
from pathlib import Path

from production_server.app import app


def test_health_check():
    assert app.test_client().get("/healthz").get_json() == {"status": "ok"}


def test_gunicorn_config_reads_the_environment(monkeypatch):
    monkeypatch.setenv("HOST", "0.0.0.0")
    monkeypatch.setenv("PORT", "9999")
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    config = runpy.run_path(str(Path(__file__).parent.parent / "production_server" / "gunicorn.conf.py"))
    assert config["bind"] == "0.0.0.0:9999"
    assert config["workers"] == 3

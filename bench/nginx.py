"""The nginx front for gunicorn's sync workers.

Gunicorn's deployment docs say sync workers need a buffering proxy in front ("we strongly advise
that you use Nginx"): a sync worker serves one connection at a time, so a slow client, or a
client that keeps its connection open, would hold a worker. nginx takes the client connections
(keep-alive included), buffers each request and response, and talks to gunicorn over short
connections. The configuration follows gunicorn's example nginx.conf, reduced to one upstream.
nginx runs unprivileged-friendly: its pid file, temp folders and error log live in a private
folder the harness creates and removes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

TEMPLATE = """\
# Written by bench/nginx.py for one benchmark server; see gunicorn's docs, "Deploying Gunicorn".
worker_processes {workers};
daemon off;
master_process on;
pid {prefix}/nginx.pid;
error_log stderr warn;
events {{
    worker_connections 4096;
}}
http {{
    access_log off;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    keepalive_timeout 65;
    keepalive_requests 1000000;
    upstream app_server {{
        server 127.0.0.1:{upstream_port} fail_timeout=0;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_redirect off;
            proxy_buffering on;
            proxy_read_timeout 60s;
            proxy_pass http://app_server;
        }}
    }}
}}
"""


def find_nginx() -> str | None:
    return shutil.which("nginx") or next(
        (str(path) for path in (Path("/usr/sbin/nginx"),) if path.exists()), None)


def write_config(folder: Path, port: int, upstream_port: int, workers: int = 1) -> Path:
    """Write nginx.conf into `folder` (created) and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "nginx.conf"
    path.write_text(TEMPLATE.format(prefix=folder, port=port, upstream_port=upstream_port, workers=workers),
                    encoding="utf-8")
    return path


def nginx_version(nginx: str) -> str | None:
    import subprocess

    completed = subprocess.run([nginx, "-v"], check=False, capture_output=True, text=True, timeout=10)
    text = (completed.stderr + completed.stdout).strip()
    return text.split("/", 1)[1].split()[0] if "/" in text else None

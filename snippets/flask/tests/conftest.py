"""Make the snippets importable and give them the environment a deployment would provide."""

import os
import sys
from pathlib import Path

SNIPPETS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(SNIPPETS))

# Test-only values, set before any snippet is imported (several read them at import time).
TEST_ENV = {
    "SECRET_KEY": "test-secret-key-not-for-production",
    "COOKIE_SECURE": "0",
    "API_USERNAME": "admin",
    "API_PASSWORD": "correct horse battery",
    "CORS_ORIGINS": "https://app.example.com",
}
for name, value in TEST_ENV.items():
    os.environ.setdefault(name, value)

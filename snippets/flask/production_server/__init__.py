"""Production server: a Flask app and the gunicorn configuration that runs it."""

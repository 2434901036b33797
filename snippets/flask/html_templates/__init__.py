"""HTML templates: Jinja templates in templates/ beside the app."""

"""Static files: Flask serves the static/ folder beside the app at /static/."""

"""Build tools around the site: PDF export, offline copy, and the headless Chromium they share."""

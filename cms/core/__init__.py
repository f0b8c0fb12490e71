"""Shared page base, per-site settings, reader template tags and the reader-facing views
(feeds, sitemap, robots.txt, error pages)."""

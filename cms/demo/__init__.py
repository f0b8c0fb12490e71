"""Demo content: realistic articles in five languages, built from a seed by the factories the
tests use, and removable."""

"""Editorial controls on top of Wagtail's workflows: force publish with a logged reason and
the oversight report."""

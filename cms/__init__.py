"""The Django project and the content apps of the foreign-information CMS."""

from tests.cms.translation.conftest import deadline, en_job, reviewer_en, send, story, translator_en  # noqa: F401

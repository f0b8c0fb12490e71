from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "cms.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from cms.accounts import audit  # noqa: F401  connects the audit log's receivers

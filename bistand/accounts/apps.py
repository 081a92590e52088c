from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Staff sign-in: single sign-on, the break-glass password, lockout, session limits and their audit."""

    name = "bistand.accounts"
    label = "accounts"
    verbose_name = "Inloggning"

    def ready(self):
        from bistand.accounts import signals  # noqa: F401  (connects the audit of logins)

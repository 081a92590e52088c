"""What the e-service adds to other parts: the staff sign-in drops a resident session in the same browser,
and (registered in casework's extension registries) the caseworker sees applications from the e-service."""

from django.contrib.auth.signals import user_logged_in


def _forget_resident(sender, request, user, **kwargs):
    from bistand.eservice.auth import forget_resident

    if request is not None and hasattr(request, "session"):
        forget_resident(request.session)


def register() -> None:
    user_logged_in.connect(_forget_resident, dispatch_uid="eservice_forget_resident_on_staff_login")

"""Staff accounts reach the admin only with two-factor authentication set up."""

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse


def staff_mfa_required(get_response):
    def middleware(request):
        user = request.user
        if (
            user.is_authenticated
            and user.is_staff
            and request.path.startswith(reverse("admin:index"))
            and not is_mfa_enabled(user)
        ):
            messages.warning(
                request,
                "Für die Verwaltung ist die Zwei-Faktor-Anmeldung Pflicht. Bitte richten Sie "
                "sie jetzt ein; danach geht es weiter.",
            )
            return redirect(f"{reverse('mfa_activate_totp')}?next={request.path}")
        return get_response(request)

    return middleware

"""The second-factor pages: overview, TOTP enrolment, verification at sign-in, recovery codes,
removal, and the beheerder's reset. Passkeys: ``accounts.twofactor.passkeys``."""

from __future__ import annotations

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import audit
from accounts.models import Passkey
from accounts.session_keys import SECOND_FACTOR_METHOD
from accounts.sessions import end_sessions_of_users
from accounts.twofactor import codes, policy, throttle
from accounts.twofactor.forms import RemoveForm, ResetForm, TotpConfirmForm, VerifyForm
from accounts.twofactor.middleware import second_factor_exempt

#: Session keys of the enrolment: the secret being set up, and fresh recovery codes to show once.
PENDING_SECRET = "_zv_mfa_pending_totp"
NEW_CODES = "_zv_mfa_new_codes"


def _own(request) -> None:
    if not request.user.has_perm("accounts.manage_own_account"):
        raise PermissionDenied


def safe_next(request, default: str | None = None, candidate=None) -> str:
    """``next`` from the form or the query string (or ``candidate``), only when it stays on
    this site."""
    if candidate is None:
        candidate = request.POST.get("next") or request.GET.get("next") or ""
    if (
        isinstance(candidate, str)
        # A path of this site: "0" or "home" would pass the host check as relative URLs and
        # then be taken for a URL name by redirect().
        and candidate.startswith("/")
        and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return candidate
    return default or reverse(settings.LOGIN_REDIRECT_URL)


def _with_next(url: str, next_url: str) -> str:
    from urllib.parse import urlencode

    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


@require_http_methods(["GET", "HEAD"])
def overview(request):
    _own(request)
    user = request.user
    devices = list(policy.totp_devices(user))
    return render(
        request,
        "accounts/twofactor/overview.html",
        {
            "required": policy.is_required(user),
            "verified": policy.is_verified(request),
            "method": policy.METHOD_LABELS.get(
                request.session.get(SECOND_FACTOR_METHOD) or "", "onbekend"
            ),
            "devices": devices,
            "recovery_left": codes.recovery_codes_left(user) if devices else 0,
            "passkeys": list(Passkey.objects.filter(user=user)),
            "factor_count": len(devices) + Passkey.objects.filter(user=user).count(),
        },
    )


@second_factor_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def totp_setup(request):
    _own(request)
    user = request.user
    next_url = safe_next(request, reverse("accounts:mfa"))
    if policy.must_verify_first(request):
        return redirect(_with_next(reverse("accounts:mfa_verify"), next_url))
    if policy.totp_devices(user).exists():
        return render(request, "accounts/twofactor/totp_setup.html", {"already": True})

    key_hex = request.session.get(PENDING_SECRET)
    if not isinstance(key_hex, str) or len(key_hex) != 40:
        key_hex = codes.new_secret_hex()
        request.session[PENDING_SECRET] = key_hex
    form = TotpConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        step = codes.check_pending_secret(key_hex, form.cleaned_data["code"])
        if step is None:
            form.add_error(
                "code",
                "Deze code klopt niet. Controleer of de tijd op uw telefoon goed staat en "
                "vul de code in die de app nu toont.",
            )
        else:
            with transaction.atomic():
                TOTPDevice.objects.filter(user=user).delete()  # unconfirmed leftovers
                TOTPDevice.objects.create(
                    user=user, name=codes.TOTP_DEVICE_NAME, key=key_hex, confirmed=True, last_t=step
                )
                new_codes = codes.new_recovery_codes(user)
            del request.session[PENDING_SECRET]
            audit.record("mfa_enrolled", request=request, detail="authenticator-app")
            audit.record("recovery_codes_created", request=request)
            policy.mark_verified(request, policy.METHOD_TOTP)
            request.session[NEW_CODES] = new_codes
            messages.success(request, "Uw authenticator-app is ingesteld.")
            return redirect(_with_next(reverse("accounts:mfa_recovery"), next_url))

    secret = codes.hex_to_base32(key_hex)
    device = TOTPDevice(user=user, key=key_hex)
    qr_svg = segno.make(device.config_url, error="m").svg_inline(
        scale=4, border=2, title="QR-code voor uw authenticator-app", svgclass="qr-code"
    )
    return render(
        request,
        "accounts/twofactor/totp_setup.html",
        {
            "form": form,
            "qr_svg": qr_svg,
            "secret_grouped": codes.grouped(secret),
            "next": next_url,
            "required": policy.is_required(user),
        },
        status=400 if form.errors else 200,
    )


@second_factor_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def verify(request):
    _own(request)
    user = request.user
    next_url = safe_next(request)
    if policy.is_verified(request):
        return redirect(next_url)
    has_totp = policy.totp_devices(user).exists()
    passkeys = Passkey.objects.filter(user=user).exists()
    if not has_totp and not passkeys:
        if policy.is_required(user):
            return redirect(_with_next(reverse("accounts:mfa_totp_setup"), next_url))
        return redirect(next_url)

    form = VerifyForm(request.POST if request.method == "POST" else None)
    locked = throttle.is_locked(user)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        if locked:
            form.add_error("code", throttle.locked_message())
        elif codes.verify_is_throttled(user, code):
            form.add_error(
                "code",
                "U vulde net een onjuiste code in. Wacht een paar seconden en probeer het opnieuw.",
            )
        else:
            method = None
            if codes.looks_like_totp(code):
                if codes.verify_totp(user, code) is not None:
                    method = policy.METHOD_TOTP
            elif codes.verify_recovery(user, code) is not None:
                method = policy.METHOD_RECOVERY
            if method is not None:
                audit.record("mfa_verified", request=request, detail=policy.METHOD_LABELS[method])
                if method == policy.METHOD_RECOVERY:
                    audit.record("recovery_code_used", request=request)
                    left = codes.recovery_codes_left(user)
                    messages.warning(
                        request,
                        f"U heeft een herstelcode gebruikt; er zijn er nog {left}. Maak nieuwe "
                        "herstelcodes als u er weinig over heeft.",
                    )
                policy.mark_verified(request, method)
                return redirect(next_url)
            kind = "authenticator-app" if codes.looks_like_totp(code) else "herstelcode"
            if throttle.register_failure(request, user, kind):
                locked = True
                form.add_error("code", throttle.locked_message())
            else:
                form.add_error("code", "Deze code klopt niet.")
    return render(
        request,
        "accounts/twofactor/verify.html",
        {
            "form": form,
            "next": next_url,
            "has_totp": has_totp,
            "has_passkeys": passkeys,
            "locked": locked,
            "locked_message": throttle.locked_message() if locked else "",
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def recovery(request):
    _own(request)
    user = request.user
    has_totp = policy.totp_devices(user).exists()
    if request.method == "POST":
        if not has_totp:
            messages.error(request, "Stel eerst een authenticator-app in.")
            return redirect("accounts:mfa")
        request.session[NEW_CODES] = codes.new_recovery_codes(user)
        audit.record("recovery_codes_created", request=request)
        return redirect(_with_next(reverse("accounts:mfa_recovery"), safe_next(request, "")))
    new_codes = request.session.pop(NEW_CODES, None)
    return render(
        request,
        "accounts/twofactor/recovery.html",
        {
            "new_codes": new_codes if isinstance(new_codes, list) else None,
            "left": codes.recovery_codes_left(user),
            "has_totp": has_totp,
            "next": safe_next(request, reverse("accounts:mfa")),
        },
    )


def _last_factor_refusal(user) -> str:
    """Why the authenticator app may not be removed, or '' when it may."""
    if policy.is_required(user) and not Passkey.objects.filter(user=user).exists():
        return (
            "U moet een tweede factor hebben en dit is uw laatste. Voeg eerst een passkey toe "
            "(of vraag de functioneel beheerder om herstel) voordat u de app verwijdert."
        )
    return ""


@require_http_methods(["GET", "HEAD", "POST"])
def remove(request):
    _own(request)
    user = request.user
    has_totp = policy.totp_devices(user).exists()
    refusal = _last_factor_refusal(user) if has_totp else ""
    form = RemoveForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if not has_totp:
            messages.info(request, "U heeft geen authenticator-app ingesteld.")
            return redirect("accounts:mfa")
        if refusal:
            messages.error(request, refusal)
            return render(
                request,
                "accounts/twofactor/remove.html",
                {"form": form, "has_totp": has_totp, "refusal": refusal},
                status=403,
            )
        if form.is_valid():
            if throttle.is_locked(user):
                form.add_error(None, throttle.locked_message())
            elif _confirmed(request, user, form):
                with transaction.atomic():
                    codes.remove_all(user)
                audit.record("mfa_removed", request=request, detail="authenticator-app")
                messages.success(request, "Uw authenticator-app en herstelcodes zijn verwijderd.")
                return redirect("accounts:mfa")
            elif throttle.register_failure(request, user, "verwijderen"):
                form.add_error(None, throttle.locked_message())
            else:
                field = "code" if form.cleaned_data.get("code") else "password"
                form.add_error(
                    field,
                    "Deze code klopt niet." if field == "code" else "Dit wachtwoord klopt niet.",
                )
        status = 400
    return render(
        request,
        "accounts/twofactor/remove.html",
        {"form": form, "has_totp": has_totp, "refusal": refusal},
        status=status,
    )


def _confirmed(request, user, form) -> bool:
    code = form.cleaned_data.get("code")
    if code:
        if codes.looks_like_totp(code):
            return codes.verify_totp(user, code) is not None
        return codes.verify_recovery(user, code) is not None
    return user.check_password(form.cleaned_data.get("password") or "")


@require_http_methods(["GET", "HEAD", "POST"])
def reset(request, pk: int):
    """The functioneel beheerder removes a user's second factor (with a reason, logged)."""
    if not request.user.has_perm("accounts.manage_accounts"):
        raise PermissionDenied
    target = get_object_or_404(get_user_model(), pk=pk)
    context = {"target": target, "back_url": _account_url(target)}
    if target.pk == request.user.pk:
        context["self_reset"] = True
        return render(request, "accounts/twofactor/reset.html", context, status=403)
    form = ResetForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        with transaction.atomic():
            codes.remove_all(target)
            Passkey.objects.filter(user=target).delete()
            ended = end_sessions_of_users([target.pk])
        audit.record(
            "mfa_reset", request=request, target=target.get_username(), detail=reason[:500]
        )
        messages.success(
            request,
            f"De tweede factor van {target.get_username()} is hersteld"
            f"{f'; {ended} sessie(s) beëindigd' if ended else ''}. Bij de volgende aanmelding "
            "stelt de gebruiker een nieuwe in.",
        )
        return redirect(context["back_url"])
    context.update(
        form=form,
        devices=policy.totp_devices(target).count(),
        passkeys=Passkey.objects.filter(user=target).count(),
        recovery_left=codes.recovery_codes_left(target),
    )
    return render(
        request, "accounts/twofactor/reset.html", context, status=400 if form.errors else 200
    )


def _account_url(target) -> str:
    try:
        return reverse("accounts:account_detail", args=[target.pk])
    except NoReverseMatch:  # the account pages are another part of issue 17
        return reverse("accounts:mfa_reset", args=[target.pk])

"""Passkeys (WebAuthn, py_webauthn): register, remove, use as second factor, and sign in
without a password.

The browser side is ``static/js/passkeys.js``: it asks an ``*_options`` endpoint for the
options (JSON), calls ``navigator.credentials.create/get`` and posts the result to the
``*_complete`` endpoint. The challenge stays in the session, one per purpose, and is used once.

The relying party: ``ZV_WEBAUTHN_RP_ID`` and ``ZV_WEBAUTHN_ORIGIN`` from the settings; when
empty, the host of the request (and its scheme) — fine on one host name, set them behind a
proxy that rewrites the host.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.db import IntegrityError, transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.views.decorators.http import require_http_methods, require_POST
from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from accounts import audit
from accounts.backends import BACKEND
from accounts.models import Passkey
from accounts.session_keys import (
    LOGIN_ROUTE,
    ROUTE_PASSKEY,
    SECOND_FACTOR_METHOD,
    SECOND_FACTOR_VERIFIED,
)
from accounts.twofactor import policy
from accounts.twofactor.forms import PasskeyNameForm
from accounts.twofactor.middleware import second_factor_exempt
from accounts.twofactor.views import _own, safe_next

#: Session key: {"purpose": "register"|"login"|"verify", "challenge": base64url}.
CHALLENGE = "_zv_webauthn"
MAX_BODY = 64 * 1024


def rp_id(request) -> str:
    return getattr(settings, "ZV_WEBAUTHN_RP_ID", "") or request.get_host().rsplit(":", 1)[0]


def origin(request) -> str:
    configured = getattr(settings, "ZV_WEBAUTHN_ORIGIN", "")
    return configured or f"{request.scheme}://{request.get_host()}"


def _error(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def _body(request) -> dict | None:
    if len(request.body) > MAX_BODY:
        return None
    try:
        data = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    return data if isinstance(data, dict) else None


def _take_challenge(request, purpose: str) -> bytes | None:
    """The stored challenge for this purpose, removed from the session (used once)."""
    stored = request.session.pop(CHALLENGE, None)
    if not isinstance(stored, dict) or stored.get("purpose") != purpose:
        return None
    try:
        return base64url_to_bytes(stored.get("challenge", ""))
    except (ValueError, TypeError):
        return None


def _keep_challenge(request, purpose: str, challenge: bytes) -> None:
    request.session[CHALLENGE] = {"purpose": purpose, "challenge": bytes_to_base64url(challenge)}


def _user_handle(user) -> bytes:
    return salted_hmac("zv-portaal-passkey-user", str(user.pk)).digest()


BAD_JSON = "De aanvraag is onleesbaar. Laad de pagina opnieuw en probeer het nog eens."
NO_CHALLENGE = "De aanvraag is verlopen of al gebruikt. Probeer het opnieuw."
NOT_VERIFIED = "De passkey kon niet worden gecontroleerd. Probeer het opnieuw."
UNKNOWN = "Deze passkey is niet bekend bij Z+V Portaal."


# --- register ----------------------------------------------------------------------------------


@second_factor_exempt
@require_http_methods(["GET", "HEAD"])
def add(request):
    _own(request)
    next_url = safe_next(request, reverse("accounts:mfa"))
    if policy.must_verify_first(request):
        from accounts.twofactor.views import _with_next

        return redirect(_with_next(reverse("accounts:mfa_verify"), next_url))
    return render(
        request,
        "accounts/twofactor/passkey_add.html",
        {"form": PasskeyNameForm(), "next": next_url},
    )


@second_factor_exempt
@require_POST
def add_options(request):
    _own(request)
    if policy.must_verify_first(request):
        return _error("Geef eerst uw tweede factor.", 403)
    user = request.user
    options = generate_registration_options(
        rp_id=rp_id(request),
        rp_name="Z+V Portaal",
        user_name=user.get_username(),
        user_id=_user_handle(user),
        user_display_name=user.get_full_name() or user.get_username(),
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.REQUIRED,
            user_verification=UserVerificationRequirement.PREFERRED,
        ),
        exclude_credentials=[
            PublicKeyCredentialDescriptor(id=bytes(p.credential_id))
            for p in Passkey.objects.filter(user=user)
        ],
    )
    _keep_challenge(request, "register", options.challenge)
    return JsonResponse(json.loads(options_to_json(options)))


@second_factor_exempt
@require_POST
def add_complete(request):
    _own(request)
    if policy.must_verify_first(request):
        return _error("Geef eerst uw tweede factor.", 403)
    data = _body(request)
    if data is None or not isinstance(data.get("credential"), dict):
        return _error(BAD_JSON)
    form = PasskeyNameForm({"name": data.get("name") if isinstance(data.get("name"), str) else ""})
    if not form.is_valid():
        return _error(form.errors["name"][0])
    challenge = _take_challenge(request, "register")
    if challenge is None:
        return _error(NO_CHALLENGE)
    try:
        verified = verify_registration_response(
            credential=data["credential"],
            expected_challenge=challenge,
            expected_rp_id=rp_id(request),
            expected_origin=origin(request),
        )
    except (WebAuthnException, ValueError, TypeError, KeyError):
        return _error(NOT_VERIFIED)
    transports = data["credential"].get("response", {}).get("transports") or []
    try:
        with transaction.atomic():
            passkey = Passkey.objects.create(
                user=request.user,
                name=form.cleaned_data["name"],
                credential_id=verified.credential_id,
                public_key=verified.credential_public_key,
                sign_count=verified.sign_count,
                transports=",".join(str(t) for t in transports if isinstance(t, str))[:200],
            )
    except IntegrityError:
        return _error("Deze passkey is al geregistreerd.")
    audit.record("passkey_added", request=request, target=passkey.name)
    if not policy.is_verified(request):  # the first factor: given just now
        audit.record("mfa_enrolled", request=request, detail="passkey")
        policy.mark_verified(request, policy.METHOD_PASSKEY)
    messages.success(request, f"De passkey ‘{passkey.name}’ is toegevoegd.")
    next_url = safe_next(request, reverse("accounts:mfa"), candidate=data.get("next") or "")
    return JsonResponse({"redirect": next_url})


@require_POST
def remove(request, pk: int):
    _own(request)
    passkey = get_object_or_404(Passkey, pk=pk, user=request.user)
    if policy.is_required(request.user) and policy.factor_count(request.user) <= 1:
        messages.error(
            request,
            "U moet een tweede factor hebben en dit is uw laatste. Stel eerst een andere in "
            "voordat u deze passkey verwijdert.",
        )
        return redirect("accounts:mfa")
    name = passkey.name
    passkey.delete()
    audit.record("passkey_removed", request=request, target=name)
    messages.success(request, f"De passkey ‘{name}’ is verwijderd.")
    return redirect("accounts:mfa")


# --- sign in / second factor -------------------------------------------------------------------


def _purpose(request) -> str:
    return "verify" if request.user.is_authenticated else "login"


@login_not_required
@second_factor_exempt
@require_POST
def auth_options(request):
    """Options for ``navigator.credentials.get``: signed in (second factor) with the user's
    passkeys; anonymous (sign-in) with none listed, so the browser offers its passkeys for
    this site (discoverable credentials)."""
    purpose = _purpose(request)
    allow = None
    if purpose == "verify":
        allow = [
            PublicKeyCredentialDescriptor(id=bytes(p.credential_id))
            for p in Passkey.objects.filter(user=request.user)
        ]
        if not allow:
            return _error("U heeft geen passkey.")
    options = generate_authentication_options(
        rp_id=rp_id(request),
        allow_credentials=allow,
        user_verification=(
            UserVerificationRequirement.REQUIRED
            if purpose == "login"
            else UserVerificationRequirement.PREFERRED
        ),
    )
    _keep_challenge(request, purpose, options.challenge)
    return JsonResponse(json.loads(options_to_json(options)))


@login_not_required
@second_factor_exempt
@require_POST
def auth_complete(request):
    purpose = _purpose(request)
    data = _body(request)
    if data is None or not isinstance(data.get("credential"), dict):
        return _error(BAD_JSON)
    credential = data["credential"]
    challenge = _take_challenge(request, purpose)
    if challenge is None:
        return _error(NO_CHALLENGE)
    raw_id = credential.get("rawId") or credential.get("id")
    try:
        credential_id = base64url_to_bytes(raw_id) if isinstance(raw_id, str) else None
    except (ValueError, TypeError):
        credential_id = None
    passkey = (
        Passkey.objects.select_related("user").filter(credential_id=credential_id).first()
        if credential_id
        else None
    )
    if passkey is None or (purpose == "verify" and passkey.user_id != request.user.pk):
        if purpose == "login":
            audit.record("login_failed", request=request, detail="onbekende passkey")
        else:
            audit.record("mfa_failed", request=request, detail="onbekende passkey")
        return _error(UNKNOWN)
    try:
        verified = verify_authentication_response(
            credential=credential,
            expected_challenge=challenge,
            expected_rp_id=rp_id(request),
            expected_origin=origin(request),
            credential_public_key=bytes(passkey.public_key),
            credential_current_sign_count=passkey.sign_count,
            require_user_verification=purpose == "login",
        )
    except (WebAuthnException, ValueError, TypeError, KeyError):
        kind = "login_failed" if purpose == "login" else "mfa_failed"
        audit.record(kind, request=request, user=passkey.user, detail="passkey")
        return _error(NOT_VERIFIED)
    user = passkey.user
    if not user.is_active:
        audit.record("login_refused", request=request, user=user, detail="account niet actief")
        return _error("Dit account is niet actief. Neem contact op met de beheerder.", 403)
    Passkey.objects.filter(pk=passkey.pk).update(
        sign_count=verified.new_sign_count, last_used=timezone.now()
    )
    next_url = safe_next(request, candidate=data.get("next") or "")
    if purpose == "login":
        # The session contract: the route and the factor before login() (which keeps them).
        request.session[LOGIN_ROUTE] = ROUTE_PASSKEY
        request.session[SECOND_FACTOR_VERIFIED] = True
        request.session[SECOND_FACTOR_METHOD] = policy.METHOD_PASSKEY
        login(request, user, backend=BACKEND)
    else:
        audit.record("mfa_verified", request=request, detail="passkey")
        policy.mark_verified(request, policy.METHOD_PASSKEY)
    return JsonResponse({"redirect": next_url})

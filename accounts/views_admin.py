"""Account management by the functioneel beheerder: the lists (new accounts without a role,
inactive, deactivated, all), one account with its roles, and (de)activation."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_POST

from accounts import selectors, services
from accounts.forms import AccountFilterForm, RoleForm
from accounts.pagination import paginate
from accounts.selectors import ACCOUNT_FILTERS

PERMISSION = "accounts.manage_accounts"
PAGE_SIZE = 50

# Pages built next to these (second factor, OpenID Connect): linked by name when present.
MFA_RESET_URL = "accounts:mfa_reset"
LINK_REQUESTS_PATH = "/account/beheer/koppelingen/"


def _check(request) -> None:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def _account_or_404(pk: int):
    try:
        return selectors.account_detail(pk)
    except get_user_model().DoesNotExist:
        raise Http404("Dit account bestaat niet.") from None


def account_list(request):
    _check(request)
    form = AccountFilterForm(request.GET)
    if not form.is_valid():
        context = {"filter_form": form, "filters": ACCOUNT_FILTERS, "current": None}
        return render(request, "accounts/account_list.html", context, status=400)
    current = form.cleaned_data["filter"]
    users = selectors.account_list(current, form.cleaned_data["q"])
    page, query = paginate(request, users, PAGE_SIZE)
    context = {
        "filter_form": form,
        "filters": ACCOUNT_FILTERS,
        "current": current,
        "current_label": ACCOUNT_FILTERS[current],
        "page": page,
        "accounts": list(page.object_list),
        "query": query,
        "filtered": bool(form.cleaned_data["q"]),
        "inactive_days": _inactive_days(),
        "link_requests_url": LINK_REQUESTS_PATH,
        "can_deactivate": current == "inactief",
    }
    return render(request, "accounts/account_list.html", context)


def _inactive_days() -> int:
    return settings.ZV_ACCOUNT_INACTIVE_DAYS


@require_POST
def accounts_deactivate(request):
    _check(request)
    ids = []
    for raw in request.POST.getlist("account"):
        try:
            ids.append(int(raw))
        except ValueError:
            continue
    users = list(get_user_model().objects.filter(pk__in=ids))
    back = reverse("accounts:account_list") + "?filter=inactief"
    if not users:
        messages.error(request, "Kies eerst een of meer accounts om te deactiveren.")
        return redirect(back)
    try:
        count = services.deactivate_accounts(request, users)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect(back)
    messages.success(request, f"{count} account(s) gedeactiveerd; hun sessies zijn beëindigd.")
    return redirect(back)


def _mfa_reset_url(pk: int) -> str:
    try:
        return reverse(MFA_RESET_URL, kwargs={"pk": pk})
    except NoReverseMatch:
        return f"/account/beheer/{pk}/tweede-factor/herstellen/"


def account_detail(request, pk: int):
    _check(request)
    account = _account_or_404(pk)
    status = 200
    if request.method == "POST":
        form = RoleForm(request.POST, user=account)
        if form.is_valid():
            try:
                assignment = services.add_role(form.save(commit=False))
            except ValidationError as exc:
                form.add_error("region", exc.messages[0])
            else:
                messages.success(request, f"Rol toegekend: {assignment.get_role_display()}.")
                return redirect("accounts:account_detail", pk=account.pk)
        status = 400
    else:
        form = RoleForm(user=account)
    context = {
        "account": account,
        "roles": list(account.role_assignments.all()),
        "identities": list(account.oidc_identities.all()),
        "session_count": selectors.live_sessions_of(account).count(),
        "form": form,
        "mfa_reset_url": _mfa_reset_url(account.pk),
        "link_requests_url": LINK_REQUESTS_PATH,
        "is_self": account.pk == request.user.pk,
    }
    return render(request, "accounts/account_detail.html", context, status=status)


@require_POST
def role_remove(request, pk: int, role_pk: int):
    _check(request)
    account = get_object_or_404(get_user_model(), pk=pk)
    role = get_object_or_404(account.role_assignments.select_related("region"), pk=role_pk)
    label = role.get_role_display()
    services.remove_role(role)
    messages.success(request, f"Rol ingetrokken: {label}.")
    return redirect("accounts:account_detail", pk=account.pk)


@require_POST
def account_activate(request, pk: int):
    _check(request)
    account = get_object_or_404(get_user_model(), pk=pk)
    try:
        services.activate_account(request, account)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, "Het account is geactiveerd.")
    return redirect("accounts:account_detail", pk=account.pk)


@require_POST
def account_deactivate(request, pk: int):
    _check(request)
    account = get_object_or_404(get_user_model(), pk=pk)
    try:
        services.deactivate_accounts(request, [account])
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, "Het account is gedeactiveerd; de sessies zijn beëindigd.")
    return redirect("accounts:account_detail", pk=account.pk)

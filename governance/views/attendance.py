"""Attendance of a meeting: the secretary's sheet and guests, a member's absence announced in
advance (the form sits on the meeting preparation page and posts here), and what the meeting
page shows of it (``attendance_context``)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.constants import AttendanceStatus, MeetingStatus
from governance.forms.attendance import (
    AbsenceForm,
    AbsenceWithdrawForm,
    AttendanceForm,
    GuestForm,
    GuestRemoveForm,
)
from governance.models import Attendance, Meeting, Membership
from governance.rules import has_region_role
from governance.selectors.attendance import attendance_sheet, substitute_candidates
from governance.services.attendance import (
    StaleSheet,
    absence_announce,
    absence_withdraw,
    attendance_record,
    guest_add,
    guest_remove,
)
from governance.views.base import RegionView, run_service


def _sheet_url(meeting, region) -> str:
    return reverse("governance:attendance", kwargs={"region": region.slug, "pk": meeting.pk})


def _meeting_url(meeting, region) -> str:
    return reverse("governance:meeting", kwargs={"region": region.slug, "pk": meeting.pk})


def counts(sheet) -> list[tuple[str, int]]:
    """Per status, how many members; members without a line count as ‘niet vastgelegd’."""
    tally = {value: 0 for value in AttendanceStatus.values}
    missing = 0
    for _membership, line in sheet.members:
        if line is None:
            missing += 1
        else:
            tally[line.status] += 1
    rows = [(label, tally[value]) for value, label in AttendanceStatus.choices]
    if missing:
        rows.append((_("Niet vastgelegd"), missing))
    return rows


def own_seats(meeting, user):
    """The user's memberships of the meeting's body on the meeting date."""
    if user is None or not user.is_authenticated:
        return []
    day = timezone.localdate(meeting.starts_at)
    return list(
        Membership.objects.filter(body_id=meeting.body_id, person__user=user)
        .valid_on(day)
        .select_related("person", "organisation", "municipality")
        .order_by("role", "pk")
    )


def absence_context(meeting, user) -> dict:
    """The ‘Ik ben verhinderd’ form for the meeting preparation page: the user's seats, their
    announcements and whether announcing is still possible. One query for someone without a
    seat (the rule ``governance.announce_absence``: a role in the region and a seat); four
    for a member."""
    if not has_region_role(user, meeting):
        return {"absence_seats": []}
    seats = own_seats(meeting, user)
    if not seats:
        return {"absence_seats": []}
    lines = {
        a.membership_id: a
        for a in Attendance.objects.filter(meeting=meeting, membership__in=seats).select_related(
            "substitute_person"
        )
    }
    open_ = timezone.now() < meeting.starts_at and meeting.status != MeetingStatus.GEANNULEERD
    announced = [(s, lines[s.pk]) for s in seats if lines.get(s.pk) and lines[s.pk].announced_at]
    return {
        "absence_seats": seats,
        "absence_announced": announced,
        "absence_open": open_,
        "absence_form": AbsenceForm(seats=seats, candidates=substitute_candidates(meeting, seats))
        if open_
        else None,
    }


def attendance_context(meeting, user) -> dict:
    """What the meeting page shows: counts for every reader, names for the people of the
    region, the quorum and its warning."""
    sheet = attendance_sheet(meeting)
    decided = sheet.quorum.missed
    return {
        "attendance": sheet,
        "attendance_counts": counts(sheet),
        "attendance_names": has_region_role(user, meeting),
        "can_record_attendance": user.has_perm("governance.record_attendance", meeting),
        "without_quorum": decided,
    }


class MeetingMixin:
    section = "vergaderingen"

    def resolve(self, **kwargs) -> None:
        self.meeting = get_object_or_404(
            Meeting.objects.in_region(self.region).select_related("body"), pk=kwargs["pk"]
        )
        self.meeting.body.region = self.region

    def get_permission_object(self):
        return self.meeting

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["meeting"] = self.meeting
        context["body"] = self.meeting.body
        return context


class AttendanceView(MeetingMixin, RegionView):
    """The secretary's attendance sheet: every member on the meeting date, and the guests."""

    permission = "governance.record_attendance"
    template_name = "governance/meetings/attendance.html"

    def get_form(self, sheet):
        candidates = substitute_candidates(self.meeting, [m for m, _a in sheet.members])
        data = self.request.POST if self.request.method == "POST" else None
        return AttendanceForm(data, sheet=sheet, candidates=candidates)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sheet = kwargs.get("sheet") or attendance_sheet(self.meeting)
        context["sheet"] = sheet
        context.setdefault("form", self.get_form(sheet))
        context.setdefault("guest_form", GuestForm())
        context["title"] = _("Aanwezigheid")
        context["cancel_url"] = _meeting_url(self.meeting, self.region)
        context["frozen"] = self.meeting.has_adopted_minutes()
        context["cancelled"] = self.meeting.status == MeetingStatus.GEANNULEERD
        context["too_early"] = timezone.localdate(self.meeting.starts_at) > timezone.localdate()
        return context

    def post(self, request, *args, **kwargs):
        sheet = attendance_sheet(self.meeting)
        form = self.get_form(sheet)
        stale_lines: dict[str, int] = {}

        def record():
            try:
                attendance_record(
                    meeting=self.meeting,
                    lines=form.lines(),
                    seen_versions=form.seen_versions(),
                    user=request.user,
                )
            except StaleSheet as stale:
                stale_lines.update(stale.versions)
                raise

        if form.is_valid():
            saved = run_service(form, record)
            # Every line someone else changed gets its current version, not only the first.
            for field, version in stale_lines.items():
                form.data[field] = version
            if saved:
                messages.success(request, _("De aanwezigheid is vastgelegd."))
                return HttpResponseRedirect(
                    _meeting_url(self.meeting, self.region) + "#aanwezigheid"
                )
        return self.render_to_response(self.get_context_data(form=form, sheet=sheet), status=400)


class GuestAddView(MeetingMixin, RegionView):
    permission = "governance.record_attendance"
    template_name = "governance/meetings/form.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", GuestForm())
        context["title"] = _("Gast toevoegen")
        context["cancel_url"] = _sheet_url(self.meeting, self.region)
        return context

    def post(self, request, *args, **kwargs):
        form = GuestForm(request.POST)
        if form.is_valid() and run_service(
            form,
            lambda: guest_add(
                meeting=self.meeting,
                name=form.cleaned_data["guest_name"],
                organisation=form.cleaned_data["guest_organisation"],
                user=request.user,
            ),
        ):
            messages.success(
                request,
                _("%(name)s staat als gast op de lijst.")
                % {"name": form.cleaned_data["guest_name"]},
            )
            return HttpResponseRedirect(_sheet_url(self.meeting, self.region) + "#gasten")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class GuestRemoveView(RegionView):
    permission = "governance.record_attendance"
    template_name = "governance/meetings/confirm_form.html"
    section = "vergaderingen"

    def resolve(self, **kwargs) -> None:
        self.guest = get_object_or_404(
            Attendance.objects.in_region(self.region)
            .filter(membership__isnull=True)
            .select_related("meeting__body"),
            pk=kwargs["obj"],
        )
        self.meeting = self.guest.meeting

    def get_permission_object(self):
        return self.guest

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", GuestRemoveForm(initial={"seen_version": self.guest.version}))
        context["meeting"] = self.meeting
        context["title"] = _("Gast ‘%(name)s’ van de lijst halen") % {"name": self.guest.guest_name}
        context["question"] = _("%(name)s staat daarna niet meer bij de aanwezigen.") % {
            "name": self.guest.guest_name
        }
        context["confirm_label"] = _("Gast van de lijst halen")
        context["cancel_url"] = _sheet_url(self.meeting, self.region) + "#gasten"
        return context

    def post(self, request, *args, **kwargs):
        form = GuestRemoveForm(request.POST)
        if form.is_valid() and run_service(
            form,
            lambda: guest_remove(
                guest=self.guest, seen_version=form.cleaned_data["seen_version"], user=request.user
            ),
        ):
            messages.success(
                request, _("%(name)s is van de lijst gehaald.") % {"name": self.guest.guest_name}
            )
            return HttpResponseRedirect(_sheet_url(self.meeting, self.region) + "#gasten")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class AbsenceAnnounceView(MeetingMixin, RegionView):
    """‘Ik ben verhinderd’: the member's own announcement (the form is also on the meeting
    preparation page; this page shows it again with the refusal next to the field)."""

    permission = "governance.announce_absence"
    template_name = "governance/meetings/absence.html"

    def back_url(self) -> str:
        return (
            reverse(
                "meeting_preparation", kwargs={"region": self.region.slug, "pk": self.meeting.pk}
            )
            + "#afmelden"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(absence_context(self.meeting, self.request.user))
        if "form" in kwargs:
            context["absence_form"] = kwargs["form"]
            context["absence_open"] = True
        context["title"] = _("Afmelden voor de vergadering")
        context["cancel_url"] = self.back_url()
        return context

    def post(self, request, *args, **kwargs):
        seats = own_seats(self.meeting, request.user)
        form = AbsenceForm(
            request.POST, seats=seats, candidates=substitute_candidates(self.meeting, seats)
        )
        if form.is_valid() and run_service(
            form,
            lambda: absence_announce(
                meeting=self.meeting,
                membership=form.cleaned_data["membership"],
                user=request.user,
                substitute=form.cleaned_data["substitute_person"],
                substitute_name=form.cleaned_data["substitute_name"],
                remark=form.cleaned_data["remark"],
            ),
        ):
            messages.success(
                request, _("U bent afgemeld; de secretaris ziet het bij de vergadering.")
            )
            return HttpResponseRedirect(self.back_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


class AbsenceWithdrawView(AbsenceAnnounceView):
    template_name = "governance/meetings/confirm_form.html"

    def get_context_data(self, **kwargs):
        context = RegionView.get_context_data(self, **kwargs)
        seats = own_seats(self.meeting, self.request.user)
        context["meeting"] = self.meeting
        context.setdefault(
            "form",
            AbsenceWithdrawForm(
                seats=seats, initial={"membership": seats[0].pk if seats else None}
            ),
        )
        context["title"] = _("Afmelding intrekken")
        context["question"] = _(
            "U bent er dan toch bij: uw afmelding voor %(meeting)s vervalt."
        ) % {"meeting": self.meeting}
        context["confirm_label"] = _("Afmelding intrekken")
        context["cancel_url"] = self.back_url()
        return context

    def post(self, request, *args, **kwargs):
        form = AbsenceWithdrawForm(request.POST, seats=own_seats(self.meeting, request.user))
        if form.is_valid() and run_service(
            form,
            lambda: absence_withdraw(
                meeting=self.meeting, membership=form.cleaned_data["membership"], user=request.user
            ),
        ):
            messages.success(request, _("Uw afmelding is ingetrokken."))
            return HttpResponseRedirect(self.back_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


R = "regio/<slug:region>/"

urlpatterns = [
    path(R + "vergaderingen/<int:pk>/aanwezigheid/", AttendanceView.as_view(), name="attendance"),
    path(R + "vergaderingen/<int:pk>/gasten/nieuw/", GuestAddView.as_view(), name="guest_add"),
    path(R + "gasten/<int:obj>/verwijderen/", GuestRemoveView.as_view(), name="guest_remove"),
    path(
        R + "vergaderingen/<int:pk>/afmelden/",
        AbsenceAnnounceView.as_view(),
        name="absence_announce",
    ),
    path(
        R + "vergaderingen/<int:pk>/afmelding-intrekken/",
        AbsenceWithdrawView.as_view(),
        name="absence_withdraw",
    ),
]

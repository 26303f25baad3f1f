from django.urls import path

from governance.pagecache import cached_page
from governance.views import (
    agenda,
    attendance,
    bodies,
    exchange,
    frameworks,
    meetings,
    minutes,
    notes,
    reading,
    region,
    structure,
    werkagenda,
    workbook,
)

app_name = "governance"

R = "regio/<slug:region>/"

urlpatterns = (
    [
        path("regio/", region.RegionListView.as_view(), name="region_list"),
        path("regio-kiezen/", region.region_switch, name="region_switch"),
        path("regio-importeren/", exchange.RegionImportView.as_view(), name="region_import"),
        path(
            R,
            cached_page(region.RegionDetailView.as_view(), domains=("vergaderingen",)),
            name="region",
        ),
        path(R + "bewerken/", region.RegionEditView.as_view(), name="region_edit"),
        path(R + "exporteren/", exchange.RegionExportPageView.as_view(), name="region_export_page"),
        path(R + "export.json", exchange.RegionExportView.as_view(), name="region_export"),
        path(R + "werkmap.xlsx", workbook.WorkbookDownloadView.as_view(), name="workbook_export"),
        path(
            R + "werkmap-sjabloon.xlsx",
            workbook.WorkbookDownloadView.as_view(template=True),
            name="workbook_template",
        ),
        path(R + "werkmap/", workbook.WorkbookUploadView.as_view(), name="workbook_upload"),
        path(
            R + "werkmap/voorbeeld/",
            workbook.WorkbookPreviewView.as_view(),
            name="workbook_preview",
        ),
        path(R + "subregios/nieuw/", region.SubRegionFormView.as_view(), name="subregion_add"),
        path(
            R + "subregios/<int:obj>/bewerken/",
            region.SubRegionFormView.as_view(),
            name="subregion_edit",
        ),
        path(
            R + "gemeenten/nieuw/", region.MunicipalityFormView.as_view(), name="municipality_add"
        ),
        path(
            R + "gemeenten/<int:obj>/bewerken/",
            region.MunicipalityFormView.as_view(),
            name="municipality_edit",
        ),
        path(R + "themas/nieuw/", region.RegionThemeFormView.as_view(), name="regiontheme_add"),
        path(
            R + "themas/<int:obj>/bewerken/",
            region.RegionThemeFormView.as_view(),
            name="regiontheme_edit",
        ),
        path(
            R + "themas/<int:obj>/verwijderen/",
            region.RegionThemeRemoveView.as_view(),
            name="regiontheme_remove",
        ),
        path(R + "ketenpartners/", region.PartnerView.as_view(), name="region_partners"),
        path(R + "organisaties/", region.OrganisationListView.as_view(), name="organisation_list"),
        path(
            R + "organisaties/nieuw/",
            region.OrganisationFormView.as_view(),
            name="organisation_add",
        ),
        path(
            R + "organisaties/<int:obj>/bewerken/",
            region.OrganisationFormView.as_view(),
            name="organisation_edit",
        ),
        path(R + "personen/", region.PersonListView.as_view(), name="person_list"),
        path(R + "personen/nieuw/", region.PersonFormView.as_view(), name="person_add"),
        path(
            R + "personen/<int:obj>/bewerken/", region.PersonFormView.as_view(), name="person_edit"
        ),
        path(
            R + "gremia/",
            cached_page(bodies.BodyListView.as_view(), domains=("vergaderingen",)),
            name="body_list",
        ),
        path(R + "gremia/nieuw/", bodies.BodyFormView.as_view(), name="body_add"),
        path(
            R + "gremia/<int:pk>/",
            cached_page(bodies.BodyDetailView.as_view(), domains=("werkagenda", "vergaderingen")),
            name="body",
        ),
        path(
            R + "gremia/<int:pk>/bewerken/",
            bodies.BodyFormView.as_view(object_kwarg="pk"),
            name="body_edit",
        ),
        path(R + "gremia/<int:pk>/beeindigen/", bodies.BodyEndView.as_view(), name="body_end"),
        path(
            R + "gremia/<int:pk>/historie/", bodies.BodyHistoryView.as_view(), name="body_history"
        ),
        path(
            R + "gremia/<int:pk>/mandaten/nieuw/",
            bodies.MandateFormView.as_view(),
            name="mandate_add",
        ),
        path(
            R + "mandaten/<int:obj>/bewerken/",
            bodies.MandateFormView.as_view(),
            name="mandate_edit",
        ),
        path(
            R + "mandaten/<int:obj>/beeindigen/",
            bodies.MandateEndView.as_view(),
            name="mandate_end",
        ),
        path(
            R + "gremia/<int:pk>/leden/nieuw/",
            bodies.MembershipFormView.as_view(),
            name="membership_add",
        ),
        path(
            R + "leden/<int:obj>/bewerken/",
            bodies.MembershipFormView.as_view(),
            name="membership_edit",
        ),
        path(
            R + "leden/<int:obj>/beeindigen/",
            bodies.MembershipEndView.as_view(),
            name="membership_end",
        ),
        path(
            R + "gremia/<int:pk>/relaties/nieuw/",
            bodies.RelationFormView.as_view(),
            name="relation_add",
        ),
        path(
            R + "relaties/<int:obj>/bewerken/",
            bodies.RelationFormView.as_view(),
            name="relation_edit",
        ),
        path(
            R + "relaties/<int:obj>/beeindigen/",
            bodies.RelationEndView.as_view(),
            name="relation_end",
        ),
        path(
            R + "gremia/<int:pk>/kosten/nieuw/",
            bodies.CostLineFormView.as_view(),
            name="costline_add",
        ),
        path(
            R + "kosten/<int:obj>/bewerken/",
            bodies.CostLineFormView.as_view(),
            name="costline_edit",
        ),
        path(
            R + "kosten/<int:obj>/verwijderen/",
            bodies.CostLineDeleteView.as_view(),
            name="costline_delete",
        ),
        path(
            R + "structuur/",
            cached_page(structure.StructureView.as_view(), domains=("vergaderingen",)),
            name="structure",
        ),
        path(R + "controles/", structure.ChecksView.as_view(), name="checks"),
        path(
            R + "controles/beantwoorden/",
            structure.FindingAnswerView.as_view(),
            name="finding_answer",
        ),
        path(
            R + "controles/antwoorden/<int:pk>/intrekken/",
            structure.FindingAnswerWithdrawView.as_view(),
            name="finding_answer_withdraw",
        ),
        path(R + "drukte/", structure.DrukteView.as_view(), name="drukte"),
    ]
    + frameworks.urlpatterns
    + werkagenda.urlpatterns
    + meetings.urlpatterns
    + agenda.urlpatterns
    + attendance.urlpatterns
    + notes.urlpatterns
    + reading.urlpatterns
    + minutes.urlpatterns
)

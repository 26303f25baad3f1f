"""Forms of the governance app, by subject (register, werkagenda, meetings)."""

from governance.forms.register import (  # noqa: F401
    BodyEndForm,
    BodyForm,
    CostLineForm,
    EndPeriodForm,
    MandateForm,
    MembershipForm,
    MunicipalityForm,
    OrganisationForm,
    PersonForm,
    RegionExportForm,
    RegionForm,
    RegionImportForm,
    RegionPartnerForm,
    RegionThemeForm,
    RelationForm,
    SubRegionForm,
)

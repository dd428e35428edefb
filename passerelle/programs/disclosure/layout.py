"""The layout of the open.canada.ca "Proactive Publication - Grants and Contributions" table, as
the Government of Canada's definition gives it (ckanext-canada `tables/grants.yaml`, template
version 3 of 2025-12-01; data/gc-grants-disclosure/SOURCE.md): the columns in their order, the
codes, and the rules of its validation trigger (`grants_trigger`), each written out here with the
field it comes from. `row_errors` checks one row as the portal would, before a file is written
or after one is read.
"""

from __future__ import annotations

import re
from datetime import date

import pycountry

from passerelle.core.importing.report import RowError

# grants.yaml, resources[0].fields (owner_org and owner_org_title are the portal's own).
COLUMNS = (
    "ref_number",
    "amendment_number",
    "amendment_date",
    "agreement_type",
    "recipient_type",
    "recipient_business_number",
    "recipient_legal_name",
    "recipient_operating_name",
    "research_organization_name",
    "recipient_country",
    "recipient_province",
    "recipient_city",
    "recipient_postal_code",
    "federal_riding_name_en",
    "federal_riding_name_fr",
    "federal_riding_number",
    "prog_name_en",
    "prog_name_fr",
    "prog_purpose_en",
    "prog_purpose_fr",
    "agreement_title_en",
    "agreement_title_fr",
    "agreement_number",
    "agreement_value",
    "foreign_currency_type",
    "foreign_currency_value",
    "agreement_start_date",
    "agreement_end_date",
    "coverage",
    "description_en",
    "description_fr",
    "naics_identifier",
    "expected_results_en",
    "expected_results_fr",
    "additional_information_en",
    "additional_information_fr",
)
# The "nothing to report" table (resources[1]: grants-nil), its fiscal year written 2024-2025.
NIL_COLUMNS = ("fiscal_year", "quarter")
AGREEMENT_TYPES = ("G", "C", "O")  # agreement_type choices
RECIPIENT_TYPES = ("F", "N", "S", "A", "G", "I", "P", "O")  # recipient_type choices
PROVINCES = ("ON", "QC", "NB", "NL", "PE", "SK", "YT", "AB", "BC", "MB", "NT", "NU", "NS")
QUARTERS = ("Q1", "Q2", "Q3", "Q4")
# The dates from which the trigger's rules apply, by the agreement's start date.
CODED_FROM = date(2018, 4, 1)  # agreement type, recipient, city, descriptions required
PROGRAM_FIELDS_FROM = date(2025, 12, 1)  # recipient type, program, titles, end date, results
NON_NEGATIVE_FROM = date(2026, 5, 1)  # agreement_value_error
REF_NUMBER = re.compile(r"^\d{3}-(\d{4})-(\d{4})-Q[1-4]-\d{5}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
POSTAL_CODE = re.compile(r"^[A-Z]\d[A-Z] \d[A-Z]\d$")
MONEY = re.compile(r"^-?\d+(\.\d{1,2})?$")
# What the program's rows say of the program (the IMCBP's Terms and Conditions, 2.1, as
# ../shared/data/programs/SOURCES.md quotes them; the French is Passerelle's translation until
# the department's own is entered).
PROGRAM = {
    "prog_name_en": "International Migration Capacity Building Program",
    "prog_name_fr": (
        "Programme de renforcement des capacités en matière de migration internationale"
    ),
    "prog_purpose_en": (
        "To provide funding to eligible grant beneficiaries for initiatives that advance global "
        "migration policies and programs, in support of Canada's migration and humanitarian "
        "objectives."
    ),
    "prog_purpose_fr": (
        "Financer des bénéficiaires admissibles pour des initiatives qui font progresser les "
        "politiques et programmes mondiaux en matière de migration, à l'appui des objectifs du "
        "Canada en matière de migration et d'aide humanitaire."
    ),
}


def bilingual(english: str, french: str) -> str:
    """`English|French` (the English alone when the French is the same or missing)."""
    return english if not french or french == english else f"{english}|{french}"


def _date(value: str) -> date | None:
    if not DATE.match(value or ""):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def row_errors(row: dict[str, str], number: int) -> list[RowError]:
    """Every reason the portal's trigger would refuse the row (grants_trigger)."""
    errors: list[RowError] = []

    def fail(column: str, reason: str) -> None:
        errors.append(RowError(number, column, reason))

    def required(*columns: str) -> None:
        for column in columns:
            if not (row.get(column) or "").strip():
                fail(column, "required")

    reference = row.get("ref_number", "")
    match = REF_NUMBER.match(reference)
    if "," in reference:
        fail("ref_number", "Comma is not allowed in Reference Number field")
    elif not match or int(match[2]) != int(match[1]) + 1:
        fail("ref_number", "must be DDD-YYYY-YYYY-QX-XXXXX (e.g. 039-2024-2025-Q3-00012)")
    amendment = row.get("amendment_number", "")
    if not amendment.isdigit():
        fail("amendment_number", "must be a whole number (0 for the original agreement)")
    elif int(amendment) != 0:
        if not row.get("amendment_date"):
            fail("amendment_date", "required when the amendment number is not 0")
        elif _date(row["amendment_date"]) is None:
            fail("amendment_date", "must be a date written YYYY-MM-DD")
    start = _date(row.get("agreement_start_date", ""))
    if start is None:
        fail("agreement_start_date", "required, a date written YYYY-MM-DD")
    end_text = row.get("agreement_end_date", "")
    end = _date(end_text)
    if end_text and end is None:
        fail("agreement_end_date", "must be a date written YYYY-MM-DD")
    value = row.get("agreement_value", "")
    if not MONEY.match(value):
        fail("agreement_value", "required, a number (dollars and cents)")
    currency, foreign = row.get("foreign_currency_type", ""), row.get("foreign_currency_value", "")
    if currency or foreign:
        if not currency:
            fail("foreign_currency_type", "required with a foreign currency value")
        elif pycountry.currencies.get(alpha_3=currency) is None:
            fail("foreign_currency_type", f"{currency!r} is not an ISO 4217 currency code")
        if not MONEY.match(foreign):
            fail("foreign_currency_value", "required with a foreign currency type, a number")
    recipient_type = row.get("recipient_type", "")
    if recipient_type and recipient_type not in RECIPIENT_TYPES:
        fail("recipient_type", f"{recipient_type!r} is not one of {', '.join(RECIPIENT_TYPES)}")
    if start is not None and start >= CODED_FROM:
        if row.get("agreement_type") not in AGREEMENT_TYPES:
            fail("agreement_type", f"required, one of {', '.join(AGREEMENT_TYPES)}")
        required("recipient_legal_name", "recipient_city", "description_en", "description_fr")
        country = row.get("recipient_country", "")
        if pycountry.countries.get(alpha_2=country) is None:
            fail("recipient_country", "required, an ISO 3166 alpha-2 code")
        elif country == "CA" and row.get("recipient_province") not in PROVINCES:
            fail("recipient_province", "required for Canada, a province or territory code")
    if start is not None and start >= PROGRAM_FIELDS_FROM:
        required("recipient_type", "prog_name_en", "prog_name_fr", "prog_purpose_en")
        required("prog_purpose_fr", "agreement_title_en", "agreement_title_fr")
        required("agreement_end_date", "expected_results_en", "expected_results_fr")
        if end is not None and start > end:
            fail(
                "agreement_start_date",
                '"Agreement Start Date" cannot be after "Projected Agreement End Date"',
            )
        postal = (row.get("recipient_postal_code") or "").strip().upper()
        if postal and not POSTAL_CODE.match(postal):
            fail(
                "recipient_postal_code",
                'Must be a valid Canadian postal code in the format of "A1A 1A1"',
            )
        business = (row.get("recipient_business_number") or "").strip()
        if business and not (business.isdigit() and len(business) == 9):
            fail("recipient_business_number", "Must be a 9 digit number")
        riding = (row.get("federal_riding_number") or "").strip()
        if riding and not (riding.isdigit() and len(riding) == 5):
            fail("federal_riding_number", "Must be a 5 digit number")
    if start is not None and start >= NON_NEGATIVE_FROM and value.startswith("-"):
        fail(
            "agreement_value",
            '"Agreement Value" must be zero or greater for agreements starting on or after '
            "May 1, 2026",
        )
    return errors
